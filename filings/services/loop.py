"""The filing as a loop (SPEC 3.12): the rounds of an order, what changed between them, and the
expiry of orders the applicant leaves alone.

* A round starts at each submission (``round`` 1 at the first, plus 1 at each resubmission). Its
  entry in ``FilingOrder.rounds`` keeps the submission time, a snapshot of the materials and the
  documents submitted (by document id: a replaced document has a new id), and, once decided, the
  decision (``returned`` or ``approved``), the step it came from, the reviewer and the reasons.
  The staff workbench compares the snapshots (``round_changes``).
* Expiry: a ``draft`` or ``returned`` order the applicant has not changed for ``expire_days``
  (45, Alibaba Cloud help document 157772) expires: stage ``expired`` (closed), its code back to
  ``unused``, a subject it brought withdrawn, audited, an inbox notice; reminders at
  ``remind_days`` (30 and 40). The numbers are the simulator's settings: the simulator registers
  ``expiry_sweep`` with ``timeline.register_sweep`` passing them in. Each order is settled in its
  own transaction under the subject and order locks and decided again there, so a resubmission
  racing the sweep leaves one outcome.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_noop

from icpconsole.core.audit import audit_record

from ..models import FilingAction, FilingOrder, MessageKind, Stage
from .effects import refuse_effects
from .phone import send_message, sms_recipient
from .stages import lock_order, move

EXPIRABLE_STAGES = (Stage.DRAFT, Stage.RETURNED)
EXPIRE_DAYS = 45
REMIND_DAYS = (30, 40)

# What a round's snapshot keeps, by the order's field.
SNAPSHOT_FIELDS = (
    "website_name",
    "content_category",
    "pre_approval_number",
    "subject_leader",
    "website_leader",
    "website_leader_is_subject_leader",
    "app",
)


def snapshot(order: FilingOrder) -> dict:
    """The materials and documents of ``order`` as submitted now."""
    return {
        "fields": {name: getattr(order, name) for name in SNAPSHOT_FIELDS},
        "documents": {
            document.kind: document.pk for document in order.documents.only("pk", "kind").order_by("kind")
        },
    }


def start_round(order: FilingOrder, *, now) -> None:
    """A submission starts the next round (the caller saves the order)."""
    order.round += 1
    order.rounds = [
        *order.rounds,
        {"round": order.round, "submitted_time": now.isoformat(), "decision": "", **snapshot(order)},
    ]
    order.returned_from = ""


def close_round(order: FilingOrder, *, decision: str, now, actor, returned_from: str = "") -> None:
    """Record how the current round ended (the caller saves the order)."""
    if not order.rounds:
        return
    rounds = list(order.rounds)
    rounds[-1] = {
        **rounds[-1],
        "decision": decision,
        "decided_time": now.isoformat(),
        "returned_from": returned_from,
        "reviewer": actor.username if actor is not None else "auto_review",
        "reason_code": order.reason_code if decision == "returned" else "",
        "reason": order.reason if decision == "returned" else "",
        "checks": list(order.review_reasons or ()) if decision == "returned" else [],
    }
    order.rounds = rounds


def round_changes(order: FilingOrder) -> dict | None:
    """What changed between the last two rounds (the staff workbench, SPEC 3.12): the fields by
    name with their value before and after, and the documents replaced, added or removed. None
    before a resubmission."""
    if len(order.rounds) < 2:
        return None
    before, after = order.rounds[-2], order.rounds[-1]
    fields = [
        {"field": name, "before": before["fields"].get(name), "after": after["fields"].get(name)}
        for name in SNAPSHOT_FIELDS
        if before.get("fields", {}).get(name) != after.get("fields", {}).get(name)
    ]
    old_docs, new_docs = before.get("documents", {}), after.get("documents", {})
    documents = [
        {
            "kind": kind,
            "change": "added" if kind not in old_docs else "removed" if kind not in new_docs else "replaced",
        }
        for kind in sorted(set(old_docs) | set(new_docs))
        if old_docs.get(kind) != new_docs.get(kind)
    ]
    return {
        "from_round": before["round"],
        "to_round": after["round"],
        "fields": fields,
        "documents": documents,
    }


def touch(order: FilingOrder, *, now) -> list[str]:
    """The applicant changed the order: its expiry counts again from now. Answers the fields to save."""
    order.touched_time = now
    order.expiry_reminders = 0
    return ["touched_time", "expiry_reminders"]


# --- expiry ------------------------------------------------------------------------------------

EXPIRED_NOTE = gettext_noop("Not changed by the applicant for too long: the order was deleted.")


def _idle_since(order: FilingOrder) -> dt.datetime:
    return order.touched_time or order.updated_time


def expiry_candidate_ids(*, now, first_remind_days: int) -> list[int]:
    cutoff = now - dt.timedelta(days=first_remind_days)
    return list(
        FilingOrder.objects.filter(status__in=EXPIRABLE_STAGES)
        .annotate(idle_since=Coalesce("touched_time", "updated_time"))
        .filter(idle_since__lte=cutoff)
        .order_by("idle_since", "id")
        .values_list("id", flat=True)
    )


def expiry_sweep(*, now, expire_days: int = EXPIRE_DAYS, remind_days=REMIND_DAYS, actor=None) -> int:
    """Remind and expire the orders left alone at ``now``; answers how many were settled."""
    reminders = sorted(day for day in remind_days if 0 < day < expire_days)
    first = min([*reminders, expire_days])
    return sum(
        _settle_one(order_id, now=now, expire_days=expire_days, reminders=reminders)
        for order_id in expiry_candidate_ids(now=now, first_remind_days=first)
    )


def _settle_one(order_id: int, *, now, expire_days: int, reminders: list[int]) -> bool:
    with transaction.atomic():
        order = lock_order(order_id)
        # Decided again under the lock: the applicant may have resubmitted or changed it.
        if order.status not in EXPIRABLE_STAGES:
            return False
        idle = now - _idle_since(order)
        if idle >= dt.timedelta(days=expire_days):
            move(
                order, to=Stage.EXPIRED, actor=None, now=now, note=EXPIRED_NOTE, details={"days": expire_days}
            )
            refuse_effects(order, actor=None, now=now)
            send_message(
                account=order.account,
                kind=MessageKind.ORDER_EXPIRED,
                secret="",
                order=order,
                now=now,
                params={"id": order.pk, "days": expire_days},
                to_number=sms_recipient(order),
            )
            return True
        due = [day for day in reminders if idle >= dt.timedelta(days=day)]
        if len(due) <= order.expiry_reminders:
            return False
        days = due[-1]
        order.expiry_reminders = len(due)
        order.save(update_fields=["expiry_reminders"])
        expires = _idle_since(order) + dt.timedelta(days=expire_days)
        send_message(
            account=order.account,
            kind=MessageKind.EXPIRY_REMINDER,
            secret="",
            order=order,
            now=now,
            params={"id": order.pk, "days": days, "expires": timezone.localtime(expires).date().isoformat()},
            to_number=sms_recipient(order),
        )
        audit_record(
            actor=None,
            account=order.account,
            action=FilingAction.EXPIRY_REMIND,
            target=order,
            at=now,
            details={"days": days, "expires": expires.isoformat()},
        )
    return True


# --- the order page's deadline -----------------------------------------------------------------


@dataclass(frozen=True)
class ExpiryOutlook:
    """When an order left alone is deleted, and the reminders on the way (the order page shows it)."""

    expires_time: dt.datetime
    expire_days: int
    remind_days: tuple[int, ...]
    idle_days: int
    reminders_sent: int


def _default_expiry_settings() -> tuple[int, tuple[int, ...]]:
    return EXPIRE_DAYS, REMIND_DAYS


_expiry_settings: Callable[[], tuple[int, tuple[int, ...]]] = _default_expiry_settings


def register_expiry_settings(provider: Callable[[], tuple[int, tuple[int, ...]]]) -> None:
    """The simulator gives its settings (days to expiry, the reminders' days) from its ``ready``."""
    global _expiry_settings
    _expiry_settings = provider


def expiry_outlook(order: FilingOrder, *, now) -> ExpiryOutlook | None:
    """For a ``draft`` or ``returned`` order: when it expires unless changed; else None."""
    if order.status not in EXPIRABLE_STAGES:
        return None
    expire_days, remind_days = _expiry_settings()
    since = _idle_since(order)
    return ExpiryOutlook(
        expires_time=since + dt.timedelta(days=expire_days),
        expire_days=expire_days,
        remind_days=tuple(sorted(day for day in remind_days if 0 < day < expire_days)),
        idle_days=max(0, (now - since).days),
        reminders_sent=order.expiry_reminders,
    )
