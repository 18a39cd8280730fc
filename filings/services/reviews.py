"""The automatic review (SPEC 3.10, ``review_mode`` = ``auto``): at or after its due time, each
order in a review stage is decided by the simulator as a reviewer would, from what the applicant
submitted: approved when the pre-check and the documents pass (what ``filing_submit`` checks:
``materials.check_complete``), rejected with every failing check otherwise. Orders of a type
without materials (transfer-in, claim, change, cancellations) are approved.

The mode is the simulator's setting: ``filings`` never reads it. The simulator app registers
``auto_review_sweep`` with ``timeline.register_sweep`` from its ``AppConfig.ready``, passing the
mode in, so the sweep runs when the clock moves, when staff switch the mode to ``auto`` and from
``manage.py simulator settle``.

Each decision is its own transaction: the order is locked (subject, then order) and checked again
under the lock, so a staff decision or another settlement that got there first wins and the sweep
leaves the order alone. Orders are decided oldest due first, then by id (deterministic).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import translation

from icpconsole.core.errors import DomainError

from .. import precheck, review_reasons, rules
from ..models import FilingOrder, Reviewer
from ..selectors import filing_facts
from ._common import lock_order
from .materials import MATERIAL_ORDER_TYPES
from .workflow import review_decide

AUTO = "auto"


def review_failures(order: FilingOrder, *, now) -> list[precheck.Reason]:
    """What the automatic reviewer finds wrong with an order now: every failing pre-check and
    every missing item, as ``filing_submit`` would; nothing for an order type without materials."""
    if order.type not in MATERIAL_ORDER_TYPES:
        return []
    facts = filing_facts(order, materials=None, now=now)
    return precheck.precheck(facts) + precheck.missing(facts, new_subject=order.creates_subject)


def due_review_ids(*, now) -> list[int]:
    return list(
        FilingOrder.objects.filter(status__in=rules.REVIEW_STAGES, due_time__lte=now)
        .order_by("due_time", "id")
        .values_list("id", flat=True)
    )


def auto_review_sweep(*, now, mode: str, actor=None) -> int:
    """Decide every review due at ``now`` when ``mode`` is ``auto``; answer how many were decided.
    ``actor`` (who moved the clock) is not the reviewer: the simulator is (actor ``None``, audit
    ``via`` ``auto_review``)."""
    if mode != AUTO:
        return 0
    decided = 0
    for order_id in due_review_ids(now=now):
        if _decide_one(order_id, now=now):
            decided += 1
    return decided


def _decide_one(order_id: int, *, now) -> bool:
    details = {"via": Reviewer.AUTOMATIC}
    with transaction.atomic():
        order = lock_order(order_id)
        # Checked again under the lock: staff (or another settlement) may have decided it.
        if order.status not in rules.REVIEW_STAGES or order.due_time is None or order.due_time > now:
            return False
        failures = review_failures(order, now=now)
        if not failures:
            try:
                with transaction.atomic(), translation.override("en"):
                    review_decide(order, approve=True, actor=None, now=now, details=details)
                return True
            except DomainError as exc:
                # The approval itself was refused (say the domain was filed meanwhile): a reviewer
                # would reject it, saying why (the refusal's text, in English as raised).
                order = lock_order(order_id)
                review_decide(
                    order, approve=False, actor=None, now=now, text=exc.message[:500], details=details
                )
                return True
        review_decide(
            order,
            approve=False,
            actor=None,
            now=now,
            code=review_reasons.AUTOMATIC_REJECTION,
            checks=[review_reasons.stored_check(reason) for reason in failures],
            details=details,
        )
    return True
