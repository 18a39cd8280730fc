"""Correcting a change order (SPEC 3.12, 3.13): the Modify page of a draft or returned change,
the change application's form prefilled with what the order asks, saved through
``services.filing_update`` with ``changes`` (the change's pre-check decides)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from icpconsole.core.console import refusal_shown

from .. import change_forms, services
from ..models import FilingOrder
from ..refusals import ChecksFailed
from ._common import error_html, order_link, remedies

# What a correction cannot change: the password was given when the change was applied for, and a
# rebinding (instance, code) or the e-commerce flag stays as created.
NOT_CORRECTED = ("icp_password", "confirm", "instance_id", "service_code", "ecommerce")


def change_form(order: FilingOrder, data):
    if order.website_id is None:
        form = change_forms.SubjectChangeForm(data, subject=order.subject)
    elif order.website.is_app:
        form = change_forms.AppChangeForm(data, website=order.website)
    else:
        form = change_forms.WebsiteChangeForm(data, website=order.website)
    for name in NOT_CORRECTED:
        form.fields.pop(name, None)
    asked = order.changes
    for key in ("name", "address", "content_category", "pre_approval_number"):
        if key in asked and key in form.fields:
            form.fields[key].initial = asked[key]
    for key, value in (asked.get("leader") or {}).items():
        if f"leader_{key}" in form.fields:
            form.fields[f"leader_{key}"].initial = value
    return form


def change_modify(request, order: FilingOrder):
    data = request.POST if request.method == "POST" else None
    form = change_form(order, data)
    check_reasons = None
    if data is not None and form.is_valid():
        with refusal_shown(request, message=error_html, quiet=ChecksFailed) as outcome:
            services.filing_update(actor=request.user, order_id=order.pk, changes=form.changes())
        if isinstance(outcome.refusal, ChecksFailed):
            check_reasons = remedies(
                outcome.refusal.reasons, subject_name=order.subject.name, next_url=request.path
            )
        elif outcome.ok:
            messages.success(
                request, gettext("The change was saved. Upload any document the reasons name, then resubmit.")
            )
            return redirect(order_link(order))
    return render(
        request,
        "filings/change_modify.html",
        {"order": order, "form": form, "check_reasons": check_reasons},
    )
