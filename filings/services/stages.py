"""Who may act on filings, the row locks and the stage move with its history row and audit record.

Lock order, everywhere: subject row, then order row, then service code (and, through
``service_code_apply``, the instance). Holding the subject first serialises everything that
touches one subject, which is what "one open order per subject" guards.
"""

from __future__ import annotations

from django.db import connection

from icpconsole.core import refusals as core_refusals
from icpconsole.core.audit import audit_record
from icpconsole.core.errors import Conflict

from .. import refusals, rules
from ..models import (
    OPEN_STAGES,
    TRANSITION_ACTIONS,
    TRANSITIONS,
    FilingOrder,
    OrderEvent,
    Subject,
)


def check_writer(actor) -> None:
    """RAM users see their account's filings but never act on them (decision, like instances)."""
    if actor.parent_id is not None:
        raise core_refusals.RAM_USER_READ_ONLY()


def stage_error(order: FilingOrder, to: str) -> Conflict:
    return refusals.INVALID_STAGE(
        id=order.pk, status=order.status, to=to, extra={"status": order.status, "requested_status": to}
    )


def move(order: FilingOrder, *, to: str, actor, now, note: str = "", details: dict | None = None) -> None:
    """Take one step of the transition table: save the order, write its history row and an audit
    record. Raises ``INVALID_STAGE`` (naming both stages) for a move the table does not allow."""
    if to not in TRANSITIONS[order.status]:
        raise stage_error(order, to)
    before = order.status
    order.status = to
    order.updated_time = now
    order.due_time = rules.review_due_time(to, now, order.subject.province)
    order.save()
    OrderEvent.objects.create(
        order=order, from_status=before, to_status=to, actor=actor, note=note[:500], sim_time=now
    )
    audit_record(
        actor=actor,
        account=order.account,
        target=order,
        at=now,
        action=TRANSITION_ACTIONS[(before, to)],
        details={
            "type": order.type,
            "from": before,
            "to": to,
            **({"note": note} if note else {}),
            **(details or {}),
        },
    )


def lock_order(order_id, *, account=None) -> FilingOrder:
    """Lock an order (and first its subject). ``account`` limits it to that account's orders;
    another account's order is reported as missing."""
    qs = FilingOrder.objects.all()
    if account is not None:
        qs = qs.filter(account=account)
    if connection.features.has_select_for_update:
        # The subject locked through its order, in one query (SQLite locks the whole database
        # on the first write and has no row locks: nothing to take there).
        mine = {"orders__pk": order_id, **({"orders__account": account} if account is not None else {})}
        subjects = Subject.objects.select_for_update(of=("self",)).filter(**mine)
        if subjects.values_list("pk", flat=True).first() is None:
            raise refusals.ORDER_NOT_FOUND(id=order_id)
    try:
        return (
            qs.select_for_update(of=("self",))
            .select_related("subject", "website", "service_code", "registry_record", "account")
            .get(pk=order_id)
        )
    except FilingOrder.DoesNotExist:
        raise refusals.ORDER_NOT_FOUND(id=order_id) from None


def lock_subject(subject_id) -> Subject:
    return Subject.objects.select_for_update().get(pk=subject_id)


def open_order_conflict(subject: Subject) -> Conflict:
    return refusals.ORDER_ALREADY_OPEN(name=subject.name)


def subject_has_open_order(subject: Subject) -> bool:
    return FilingOrder.objects.filter(subject=subject, status__in=OPEN_STAGES).exists()


def check_staff(actor) -> None:
    if not actor.is_staff:
        raise core_refusals.STAFF_ONLY()
