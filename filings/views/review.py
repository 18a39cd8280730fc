"""The staff review workbench (SPEC 3.10): the queue of orders waiting for a review, per stage,
with their due times (overdue first), and one order with every material, document image, its
history and the pre-check's answer now, to approve or reject with a catalogued or written reason.

Staff only: anyone else gets 403, as the staff API does. Decisions go through
``services.filing_review``, the same service as the API and the admin; one order at a time (no
bulk action).
"""

from __future__ import annotations

import logging
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods
from django.views.defaults import permission_denied

from icpconsole.core import clock
from icpconsole.core.console import refusal_shown
from icpconsole.core.views import paginate

from .. import console_selectors, forms, precheck, rules, services
from ..models import FilingOrder, OrderType, Stage
from ._common import province_label

logger = logging.getLogger("filings.review")


def staff_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff:
            # Issue 27: a customer at the workbench is an expected refusal, not an error. Raising
            # PermissionDenied made Django log it with a full traceback every time; answer the
            # 403 page here and log one line.
            logger.warning("Forbidden (not staff): %s by %s", request.path, request.user.username)
            return permission_denied(
                request, PermissionDenied(gettext("Only staff (the provider's reviewers) can do this."))
            )
        return view(request, *args, **kwargs)

    return wrapper


@staff_required
@require_http_methods(["GET"])
def review_queue(request):
    now = clock.now()
    stage = request.GET.get("status", "")
    if stage not in rules.REVIEW_STAGES:
        stage = ""
    page = paginate(request, console_selectors.review_queue(stage=stage or None))
    for order in page:
        order.overdue = order.due_time is not None and order.due_time <= now
    counts = console_selectors.review_counts(now=now)
    tabs = [("", gettext("All"), sum(c["total"] for c in counts.values()))] + [
        (value, Stage(value).label, counts[value]["total"]) for value in rules.REVIEW_STAGES
    ]
    stages = [{"stage": value, "label": Stage(value).label, **counts[value]} for value in rules.REVIEW_STAGES]
    return render(
        request,
        "filings/review_queue.html",
        {"page_obj": page, "status": stage, "tabs": tabs, "stages": stages, "now": now},
    )


def _order(order_id: int) -> FilingOrder:
    order = (
        FilingOrder.objects.select_related(
            "subject", "account", "website", "service_code", "instance", "registry_record"
        )
        .filter(pk=order_id)
        .first()
    )
    if order is None:
        raise Http404(gettext("Filing order %(id)s does not exist.") % {"id": order_id})
    return order


def _check_rows(order: FilingOrder, now) -> list[dict] | None:
    """The pre-check's answer now (SPEC 3.9), every reason with its remedy; ``None`` for an
    order type the pre-check does not judge."""
    from ..selectors import filing_facts
    from ..services.changes import change_failures

    if order.type == OrderType.CHANGE:
        reasons = change_failures(order, now=now)  # SPEC 3.13: a change order's own checks
    elif not rules.carries_materials(order.type):
        return None
    else:
        facts = filing_facts(order, now=now)
        reasons = precheck.precheck(facts) + precheck.missing(facts, new_subject=order.creates_subject)
    return [
        {
            "code": reason.code,
            "message": reason.message,
            "remedy": reason.remedy,
            "action": reason.remedy_action,
            "url": "",
            "target": reason.target,
        }
        for reason in reasons
    ]


def _documents(order: FilingOrder) -> list[dict]:
    labels = precheck.DOCUMENT_KINDS
    return [
        {
            "kind": document.kind,
            "label": labels.get(document.kind, document.kind),
            "document": document,
            "url": reverse("filings:document", args=[order.pk, document.kind]),
        }
        for document in order.documents.all()
    ]


def _shown(value) -> str:
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, dict):
        return " · ".join(str(part) for part in value.values() if part not in ("", None, [])) or "-"
    if isinstance(value, list):
        return ", ".join(str(part) for part in value) or "-"
    return str(value) if value not in ("", None) else "-"


def _round_changes(order: FilingOrder) -> dict | None:
    """What changed since the last round (SPEC 3.12), labelled for the page: the decision is
    ``services.loop.round_changes``'."""
    from ..services.loop import round_changes

    changes = round_changes(order)
    if changes is None:
        return None
    labels = precheck.DOCUMENT_KINDS
    change_labels = {
        "added": gettext("added"),
        "removed": gettext("removed"),
        "replaced": gettext("replaced"),
    }
    return {
        **changes,
        "fields": [
            {
                **row,
                "label": FilingOrder._meta.get_field(row["field"]).verbose_name,
                "before_text": _shown(row["before"]),
                "after_text": _shown(row["after"]),
            }
            for row in changes["fields"]
        ],
        "documents": [
            {
                **row,
                "label": labels.get(row["kind"], row["kind"]),
                "change_label": change_labels[row["change"]],
                "url": reverse("filings:document", args=[order.pk, row["kind"]])
                if row["change"] != "removed"
                else "",
            }
            for row in changes["documents"]
        ],
    }


def _page(request, order: FilingOrder, form, *, status: int = 200):
    now = clock.now()
    events = list(order.events.select_related("actor"))
    for event in events:
        event.from_label = Stage(event.from_status).label if event.from_status in Stage.values else ""
        event.to_label = Stage(event.to_status).label if event.to_status in Stage.values else event.to_status
    return render(
        request,
        "filings/review_detail.html",
        {
            "order": order,
            "now": now,
            "overdue": order.due_time is not None and order.due_time <= now,
            "in_review": order.status in rules.REVIEW_STAGES,
            "province_label": province_label(order.subject.province),
            "category": precheck.content_category_label(order.content_category, is_app=order.is_app),
            "documents": _documents(order),
            "check_reasons": _check_rows(order, now),
            "round_changes": _round_changes(order),
            "events": events,
            "form": form,
        },
        status=status,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def review_detail(request, order_id: int):
    order = _order(order_id)
    if request.method == "GET":
        return _page(request, order, forms.ReviewDecisionForm())
    form = forms.ReviewDecisionForm(request.POST)
    if not form.is_valid():
        return _page(request, order, form, status=400)
    data = form.cleaned_data
    with refusal_shown(request, form=form) as outcome:
        decided = services.filing_review(
            actor=request.user,
            order_id=order.pk,
            decision=data["decision"],
            reason=data.get("reason") or "",
            reason_code=data.get("reason_code") or "",
        )
    if not outcome.ok:
        # Another reviewer (or the automatic review) decided it first, or a rule refused it.
        return _page(request, _order(order.pk), form, status=outcome.refusal.status_code)
    messages.success(
        request,
        gettext("Filing order %(id)s: %(status)s.")
        % {"id": decided.pk, "status": decided.get_status_display()},
    )
    return redirect("filings:review_queue")
