"""Correcting an order (SPEC 3.12): the Modify page of a draft or a returned order, prefilled from
the order, which saves through ``services.filing_update`` (the pre-check decides, as in the
wizard). Documents are replaced on the order page; Resubmit is its submit button."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from icpconsole.core.console import refusal_shown, visible_or_404

from .. import change_forms, forms, services
from ..models import OrderType
from ..refusals import ChecksFailed
from ..selectors import order_get_visible
from ..services.materials import MATERIAL_ORDER_TYPES
from ._common import error_html, order_link, remedies


@login_required
@require_http_methods(["GET", "POST"])
def order_modify(request, order_id: int):
    order = visible_or_404(order_get_visible, request.user, order_id)
    is_change = order.type == OrderType.CHANGE
    if order.account_id != request.user.owner_account.pk or not (
        is_change or order.type in MATERIAL_ORDER_TYPES
    ):
        raise Http404(gettext("No such order."))
    from .orders import _order_actions

    if not _order_actions(request.user, order).modify:
        messages.error(request, gettext("Only a draft or an order returned for correction can be modified."))
        return redirect(order_link(order))
    if is_change:
        from .change_modify import change_modify

        return change_modify(request, order)
    data = request.POST if request.method == "POST" else None
    page = _ModifyForms(order, data)
    check_reasons = None
    if data is not None and page.is_valid():
        with refusal_shown(request, message=error_html, quiet=ChecksFailed) as outcome:
            services.filing_update(actor=request.user, order_id=order.pk, **page.body())
        if isinstance(outcome.refusal, ChecksFailed):
            check_reasons = remedies(
                outcome.refusal.reasons, subject_name=order.subject.name, next_url=request.path
            )
        elif outcome.ok:
            messages.success(
                request,
                gettext("The materials were saved. Replace any document the reasons name, then resubmit."),
            )
            return redirect(order_link(order))
    return render(
        request,
        "filings/order_modify.html",
        {
            "order": order,
            "is_app": page.is_app,
            "website_form": page.website_form,
            "leader_form": page.leader_form,
            "website_leader_form": page.website_leader_form,
            "address_form": page.address_form,
            "check_reasons": check_reasons,
        },
    )


class _ModifyForms:
    """The Modify page's forms, prefilled from the order, and the PATCH body they make."""

    def __init__(self, order, data):
        is_app = self.is_app = bool(order.app)
        website_form = self.website_form = forms.WebsiteForm(
            data,
            prefix="website",
            initial={
                "name": order.website_name,
                "content_category": order.content_category,
                "pre_approval_number": order.pre_approval_number,
                "leader_is_subject_leader": order.website_leader_is_subject_leader,
            },
        )
        if is_app:
            # An app's name is held with its identifiers since the order was created.
            del website_form.fields["name"]
            website_form.fields["content_category"].choices = forms.app_content_category_choices()
        ask_subject_leader = order.creates_subject or bool(order.subject_leader)
        self.leader_form = (
            forms.LeaderForm(data, prefix="leader", initial=order.subject_leader or None, is_app=order.is_app)
            if ask_subject_leader
            else None
        )
        self.website_leader_form = forms.LeaderForm(
            data, prefix="wleader", initial=order.website_leader or None, is_app=order.is_app
        )
        self.address_form = (
            change_forms.AddressForm(data, prefix="subject", initial={"address": order.subject.address})
            if order.creates_subject
            else None
        )

    def is_valid(self) -> bool:
        forms_ = (self.website_form, self.leader_form, self.website_leader_form, self.address_form)
        return all(form.is_valid() for form in forms_ if form is not None)

    def body(self) -> dict:
        cleaned = self.website_form.cleaned_data
        same = cleaned["leader_is_subject_leader"]
        materials = {
            "content_category": cleaned["content_category"],
            "pre_approval_number": cleaned["pre_approval_number"].strip(),
            "leader_is_subject_leader": same,
            "leader": {} if same else self.website_leader_form.leader(),
        }
        if not self.is_app:
            materials["name"] = cleaned["name"].strip()
        body = {"app": materials} if self.is_app else {"website": materials}
        if self.leader_form is not None:
            body["subject"] = {"leader": self.leader_form.leader()}
        if self.address_form is not None and self.address_form.cleaned_data["address"].strip():
            body.setdefault("subject", {})["address"] = self.address_form.cleaned_data["address"].strip()
        return body
