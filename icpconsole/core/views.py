"""Console pages of the core app (the operation log) and the helpers every console view shares."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from .selectors import audit_events_for

PAGE_SIZE = 20

# Readable names for the audit actions the services record; any other action shows only its raw name.
ACTION_LABELS = {
    "account.create": _("Create account"),
    "clock.advance": _("Advance the simulated clock"),
    "instance.purchase": _("Buy instance"),
    "instance.renew": _("Renew instance"),
    "instance.convert_to_prepaid": _("Switch to subscription"),
    "instance.modify_bandwidth": _("Change bandwidth"),
    "instance.stop": _("Stop instance"),
    "instance.start": _("Start instance"),
    "instance.release": _("Release instance"),
    "service_code.apply": _("Apply for service code"),
    "service_code.reserve": _("Service code used in a filing order"),
    "service_code.release": _("Service code returned (order closed)"),
    "service_code.use": _("Service code used (filing approved)"),
    "service_code.delete": _("Service code deleted (filing cancelled)"),
    "service_code.grant": _("Service code granted to another account"),
    "filing.create": _("Create filing order"),
    "filing.submit": _("Submit filing order"),
    "filing.abandoned": _("Abandon filing order"),
    "filing.initial_review.approve": _("Initial review passed"),
    "filing.initial_review.reject": _("Initial review rejected"),
    "filing.sms.verify": _("SMS verification passed"),
    "filing.sms.reject": _("Rejected: SMS verification failed"),
    "filing.sms.resend": _("SMS verification code resent"),
    "filing.sms.wrong_code": _("Wrong SMS verification code entered"),
    "filing.bureau_review.approve": _("Approved by the administration bureau"),
    "filing.bureau_review.reject": _("Rejected by the administration bureau"),
    "filing.subject.create": _("Create filing subject"),
    "filing.subject.active": _("Subject filed"),
    "filing.subject.cancelled": _("Subject cancelled"),
    "filing.subject.withdrawn": _("Subject withdrawn"),
    "filing.website.file": _("Website filed"),
    "filing.website.transfer_in": _("Filing transferred in"),
    "filing.website.claim": _("Filing claimed"),
    "filing.website.cancelled": _("Website cancelled"),
    "filing.website.access_cancelled": _("Access cancelled"),
    "filing.website.license": _("Commercial license recorded"),
    "filing.change.apply": _("Filing information changed"),
    "registry.record.add": _("Add MIIT registry record"),
    "access_key.create": _("Create AccessKey"),
    "access_key.enable": _("Enable AccessKey"),
    "access_key.disable": _("Disable AccessKey"),
    "access_key.delete": _("Delete AccessKey"),
    "access_key.use": _("API call signed with AccessKey"),
}


def paginate(request: HttpRequest, items, per_page: int = PAGE_SIZE) -> Page:
    """The page ``?page=`` asks for; a missing, invalid or too large number gives a valid page."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def safe_next(request: HttpRequest, default: str) -> str:
    """Where to go after an action: ``next`` from the form or the query string, if it stays on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_required
def operation_log(request):
    page = paginate(request, audit_events_for(request.user))
    for event in page:
        event.action_label = ACTION_LABELS.get(event.action, "")
    return render(request, "core/operation_log.html", {"page_obj": page})
