"""The order page's code owner's authorization (SPEC 3.14, Huawei): send the SMS to the owner's
phone, enter the code the owner passes on. The rule and the moves are
``filings.services.code_authorization``; these views only ask them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from .. import forms, services
from ._common import order_link
from .orders import _order_action, _order_or_404


@login_required
@require_POST
def order_code_auth_send(request, order_id: int):
    return _order_action(
        request,
        order_id,
        services.filing_code_auth_send,
        lambda o: gettext(
            "An authorization code was sent to the code owner's phone; it is valid for 24 hours."
        ),
    )


@login_required
@require_POST
def order_code_auth_confirm(request, order_id: int):
    form = forms.SmsCodeForm(request.POST)
    if not form.is_valid():
        order = _order_or_404(request.user, order_id)
        if order.account_id != request.user.owner_account.pk:
            raise Http404  # staff see the order but never act for its account (as the service says)
        messages.error(request, " ".join(form.errors["code"]))
        return redirect(order_link(order))
    return _order_action(
        request,
        order_id,
        services.filing_code_auth_confirm,
        lambda o: gettext("The code owner's authorization is confirmed: the order can be submitted."),
        code=form.cleaned_data["code"].strip(),
    )
