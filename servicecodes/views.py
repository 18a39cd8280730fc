"""Console pages for service codes: ICP No. Application (apply) and ICP No. Management (the codes).

Seeds 000, 001 and 003: the application page lists the instances; an eligible one shows an
"Apply" button that asks for confirmation (OK) before a code is issued; an ineligible one shows
no button, only why, with the remedy. The decision comes from ``servicecodes.eligibility`` through
``with_eligibility``, the same one the API and ``service_code_apply`` use.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods

from icpconsole.core import clock
from icpconsole.core.console import refusal_shown, visible_or_404
from icpconsole.core.errors import DomainError, NotEligible
from icpconsole.core.rowurls import row_url
from icpconsole.core.views import paginate
from instances.catalog import product_min_months
from instances.forms import localized_name
from instances.models import Instance
from instances.selectors import instance_get_visible, instances_visible_to
from instances.views import decorate

from . import reasons
from .eligibility import DURATION_RULE_CUMULATIVE
from .models import CodeStatus
from .rows import application_rows, reasons_html
from .selectors import (
    code_status_counts,
    duration_terms,
    service_codes_visible_to,
    with_eligibility,
    with_shown_status,
)
from .services import service_code_apply

APPLICATION_URL_NAME = "servicecodes:application"


# Remedy action -> the console page that carries it out (None: no instance argument).
_REMEDY_PAGES = {
    reasons.ACTION_RENEW: "instances:renew",
    reasons.ACTION_CONVERT_TO_PREPAID: "instances:convert",
    reasons.ACTION_MODIFY_BANDWIDTH: "instances:bandwidth",
    reasons.ACTION_START: "instances:start",
    reasons.ACTION_BUY_INSTANCE: None,
}


def _with_remedies(instances: list[Instance], *, next_url: str) -> None:
    """Each reason a row shows, with where its remedy leads; instance actions come back to the page
    (``next_url``) when done. Each remedy's route is reversed once per page (``row_url``)."""
    query = urlencode({"next": next_url})
    routes: dict = {}

    def remedy_url(action: str, instance: Instance) -> str:
        if action not in _REMEDY_PAGES:
            return ""
        name = _REMEDY_PAGES[action]
        if name is None:
            return f"{reverse('instances:buy')}?{query}"
        if name not in routes:
            routes[name] = row_url(name)
        return f"{routes[name](instance.instance_id)}?{query}"

    for instance in instances:
        instance.remedies = [
            {
                "reason": reason,
                "action": reason.remedy_action,
                "url": remedy_url(reason.remedy_action, instance),
            }
            for reason in instance.eligibility.reasons
        ]


def _profile_rule_note(example, months_left: int | None) -> str:
    """Under a provider profile (SPEC 3.14): months bought in total, and what must still be left."""
    params = {"months": example.min_months, "product": localized_name(example), "left": months_left}
    text = (
        ngettext(
            "Duration rule in force: the total subscription purchased for the instance, renewals included, "
            "must reach the product's minimum (%(months)s month for %(product)s).",
            "Duration rule in force: the total subscription purchased for the instance, renewals included, "
            "must reach the product's minimum (%(months)s months for %(product)s).",
            example.min_months,
        )
        % params
    )
    if months_left:
        left = ngettext(
            "At least %(left)s month must still be left.",
            "At least %(left)s months must still be left.",
            months_left,
        )
        text = f"{text} {left % params}"
    return text


def _duration_rule_note() -> str:
    rule, example, months_left = duration_terms()
    if example is not None and example.id != "ecs":
        return _profile_rule_note(example, months_left)
    # The example is the catalogue's own ECS minimum (SPEC 3.3: the table is data, not code).
    months = product_min_months("ecs")
    if rule == DURATION_RULE_CUMULATIVE:
        text = ngettext(
            "Duration rule in force: the total subscription purchased for the instance must reach "
            "the product's minimum (%(months)s month for ECS).",
            "Duration rule in force: the total subscription purchased for the instance must reach "
            "the product's minimum (%(months)s months for ECS).",
            months,
        )
    else:
        text = ngettext(
            "Duration rule in force: the remaining subscription time must be at least the product's "
            "minimum (%(months)s month for ECS).",
            "Duration rule in force: the remaining subscription time must be at least the product's "
            "minimum (%(months)s months for ECS).",
            months,
        )
    return text % {"months": months}


@login_required
def application(request):
    now = clock.now()
    qs = instances_visible_to(request.user, include_released=False)
    page = paginate(request, qs)
    rows = with_eligibility(page, viewer=request.user, now=now)
    next_url = reverse(APPLICATION_URL_NAME)
    _with_remedies(rows, next_url=next_url)
    return render(
        request,
        "servicecodes/application.html",
        {
            "page_obj": page,
            "rows": application_rows(request, rows, now, read_only=request.user.is_ram_user),
            "now": now,
            "rule_note": _duration_rule_note(),
            "duration_rule": duration_terms()[0],
            "read_only": request.user.is_ram_user,
        },
    )


def _refusal_html(exc: DomainError) -> str:
    """An ineligible instance's refusal lists its reasons (SPEC 3.5)."""
    return _reasons_html(exc.reasons) if isinstance(exc, NotEligible) else exc.message


def _reasons_html(reason_list) -> str:
    return format_html(
        '{} <ul class="msg-reasons">{}</ul>',
        gettext("This instance does not qualify for a service code:"),
        format_html_join("", '<li data-reason-code="{}">{}</li>', ((r.code, r.message) for r in reason_list)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, instance_id: str):
    """GET: the confirmation page (the no-JavaScript path of the Apply dialog). POST: issue a code."""
    instance = visible_or_404(instance_get_visible, request.user, instance_id)
    if request.method == "POST":
        with refusal_shown(request, message=_refusal_html) as outcome:
            code = service_code_apply(actor=request.user, instance_id=instance.instance_id, via="console")
        if outcome.ok:
            messages.success(
                request,
                format_html(
                    '{} <code class="code" data-service-code="{}">{}</code> <a href="{}">{}</a>',
                    gettext("Service code issued for %(id)s:") % {"id": instance.instance_id},
                    code.code,
                    code.code,
                    reverse("servicecodes:codes"),
                    gettext("View it in ICP No. Management"),
                ),
            )
        return redirect(APPLICATION_URL_NAME)

    now = clock.now()
    row = with_eligibility(
        Instance.objects.filter(pk=instance.pk).select_related("product", "region", "owner"),
        viewer=request.user,
        now=now,
    )[0]
    decorate(row, now)
    _with_remedies([row], next_url=reverse(APPLICATION_URL_NAME))
    return render(
        request,
        "servicecodes/apply_confirm.html",
        {
            "instance": row,
            "reasons": reasons_html(
                request, row.remedies, row.instance_id, read_only=request.user.is_ram_user
            ),
            "now": now,
            "read_only": request.user.is_ram_user,
        },
    )


@login_required
def codes(request):
    status = request.GET.get("status", "")
    if status not in CodeStatus.values:
        status = ""
    query = request.GET.get("q", "")[:100]
    # The tabs' counts also give the paginator its count (no COUNT of its own), unless a search
    # narrows the list.
    counts = code_status_counts(request.user)
    total = sum(counts.values())
    page = paginate(
        request,
        service_codes_visible_to(request.user, status=status or None, query=query),
        count=None if query.strip() else (counts[status] if status else total),
    )
    with_shown_status(page)
    for code in page:
        code.region_label = localized_name(code.instance.region)
    tabs = [("", gettext("All"), total)] + [(s.value, s.label, counts[s.value]) for s in CodeStatus]
    return render(
        request,
        "servicecodes/codes.html",
        {"page_obj": page, "status": status, "tabs": tabs, "query": query.strip()},
    )
