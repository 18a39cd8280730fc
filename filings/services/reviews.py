"""The automatic review (SPEC 3.10, ``review_mode`` = ``auto``): at or after its due time, each
order in a review stage is decided by the simulator as a reviewer would, from what the applicant
submitted: approved when the pre-check and the documents pass (what ``filing_submit`` checks:
``materials.check_complete``), rejected with every failing check otherwise. Orders of a type
without materials (transfer-in, claim, change, cancellations) are approved.

The SMS verification between the two reviews is the applicant's step; in ``auto`` mode the
simulated applicant takes it too, by the next settlement: an order already waiting for its code
when the clock moves again goes on to the bureau (audit ``via`` ``auto_review``). So with the mode
on, the clock alone takes a complete filing from submitted to approved (the issue's "done when";
SPEC 3.10 speaks of the reviews only). An order that reached ``pending_sms`` in this settlement
waits for the next one, which leaves the applicant a moment to enter the code by hand.

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
from django.utils.translation import gettext_noop

from icpconsole.core.errors import DomainError

from .. import precheck, review_reasons, rules
from ..models import FilingOrder, OrderType, Reviewer, Stage
from ..selectors import filing_facts
from .stages import lock_order, move
from .workflow import review_decide

AUTO = "auto"


def review_failures(order: FilingOrder, *, now) -> list[precheck.Reason]:
    """What the automatic reviewer finds wrong with an order now: every failing pre-check and
    every missing item, as ``filing_submit`` would; nothing for an order type without materials."""
    if order.type == OrderType.CHANGE:
        from .changes import change_failures

        return change_failures(order, now=now)
    if not rules.carries_materials(order.type):
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
    # First the codes that were waiting before this settlement, then the reviews that fell due:
    # an order that reaches ``pending_sms`` now is answered at the next settlement.
    decided = sum(_answer_sms(order_id, now=now) for order_id in waiting_sms_ids(now=now))
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


SMS_ANSWERED = gettext_noop("The simulated applicant entered the SMS code (automatic review mode).")


def waiting_sms_ids(*, now) -> list[int]:
    """Orders waiting for their SMS code since before ``now``, the longest waiting first."""
    return list(
        FilingOrder.objects.filter(status=Stage.PENDING_SMS, updated_time__lt=now)
        .order_by("updated_time", "id")
        .values_list("id", flat=True)
    )


def _answer_sms(order_id: int, *, now) -> bool:
    """The simulated applicant enters the code: ``pending_sms`` -> ``bureau_review``, whose due
    time counts from now. Checked again under the lock: the applicant may have entered it."""
    with transaction.atomic():
        order = lock_order(order_id)
        if order.status != Stage.PENDING_SMS or order.updated_time >= now:
            return False
        order.sms_code_hash = ""
        order.sms_codes = {}
        move(
            order,
            to=Stage.BUREAU_REVIEW,
            actor=None,
            now=now,
            note=SMS_ANSWERED,
            details={"via": Reviewer.AUTOMATIC},
        )
    return True
