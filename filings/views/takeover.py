"""Transfer-in (a filing made with another provider) and claim (a HiChina filing from before
June 2010)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from icpconsole.core import clock

from .. import forms, services
from ._common import create_and_submit, filing_instances, order_link


@login_required
@require_http_methods(["GET", "POST"])
def transfer_in(request):
    """A filing made with another provider comes here (its number and filing password)."""
    now = clock.now()
    instances = filing_instances(request.user, now)
    if request.method == "POST":
        form = forms.TransferInForm(request.POST, instances=instances)
        if form.is_valid():
            order = create_and_submit(
                request, lambda: services.filing_create(actor=request.user, order=form.order_input())
            )
            if order is not None:
                return redirect(order_link(order))
    else:
        form = forms.TransferInForm(
            initial={"domain": request.GET.get("domain", ""), "method": forms.METHOD_INSTANCE},
            instances=instances,
        )
    return render(
        request,
        "filings/transfer_in.html",
        {"form": form, "instances": instances, "now": now, "read_only": request.user.is_ram_user},
    )


@login_required
@require_http_methods(["GET", "POST"])
def claim(request):
    """A HiChina filing from before June 2010 is claimed with the subject's certificate number."""
    if request.method == "POST":
        form = forms.ClaimForm(request.POST)
        if form.is_valid():
            order = create_and_submit(
                request, lambda: services.filing_create(actor=request.user, order=form.order_input())
            )
            if order is not None:
                return redirect(order_link(order))
    else:
        form = forms.ClaimForm(initial={"domain": request.GET.get("domain", "")})
    return render(request, "filings/claim.html", {"form": form, "read_only": request.user.is_ram_user})


# --- orders ----------------------------------------------------------------------------------
