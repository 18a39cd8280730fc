"""The SMS verification of an order (SPEC 3.7, 3.12): the account enters the code (one per leader
with two leaders), asks for a fresh one, and a code left to lapse returns the order (found by the
clock sweep ``sms_lapse_sweep`` or by a late request, answered ``SMS_CODE_EXPIRED``). Re-exported
by ``workflow``."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_noop

from icpconsole.core import clock
from icpconsole.core.audit import audit_record

from .. import refusals, review_reasons, rules
from ..models import SMS_ROLES, SMS_SUBJECT_LEADER, SMS_WEBSITE_LEADER, FilingAction, FilingOrder, Stage
from .phone import send_sms_code, sms_code_matches, sms_role_matching
from .returns import return_order
from .stages import check_writer, lock_order, move, stage_error


def filing_verify_sms(*, actor, order_id, code=None, codes=None) -> FilingOrder:
    """pending_sms -> bureau_review with the right code. A wrong code counts (the fifth returns
    the order, ``SMS_CODE_INVALID`` with ``attempts_left`` 0 and ``order_status`` ``returned``).
    A code not entered within 24 hours has lapsed: the order is returned (``sms_lapse``) and the
    answer is ``SMS_CODE_EXPIRED`` with ``order_status`` ``returned`` (SPEC 3.12), whatever was
    entered. With two leaders (SPEC 3.12) each has a code: ``code`` is matched to whichever leader
    it was sent to, ``codes`` gives both by role; the order moves on when no code is awaited any
    more."""
    check_writer(actor)
    with transaction.atomic():
        order = lock_order(order_id, account=actor.owner_account)  # ownership before the input
        if codes is not None and (not isinstance(codes, dict) or not codes or set(codes) - set(SMS_ROLES)):
            raise refusals.SMS_CODES_INVALID(field="codes", roles=", ".join(SMS_ROLES))
        if order.status != Stage.PENDING_SMS:
            raise stage_error(order, Stage.BUREAU_REVIEW)
        now = clock.now()
        lapsed = rules.sms_code_expired(order.sms_expires_time, now)
        if lapsed:
            sms_lapse(order, now=now)
        elif _codes_accepted(order, code=code, codes=codes, actor=actor, now=now):
            return order
        else:
            _count_wrong_code(order, actor=actor, now=now)
    # Raised after the transaction: the order stays returned, the failure stays counted (and a
    # fifth returns the order).
    if lapsed:
        raise refusals.SMS_CODE_EXPIRED(extra={"order_status": order.status})
    raise refusals.SMS_CODE_INVALID(
        field="code",
        extra={"attempts_left": rules.sms_attempts_left(order.sms_failures), "order_status": order.status},
    )


def _codes_accepted(order: FilingOrder, *, code, codes, actor, now) -> bool:
    """True when the codes given moved the order on (or, with two leaders, were right and the
    other leader's is still awaited); False when a code given was wrong."""
    if order.sms_codes:
        return _two_leader_codes(order, code=code, codes=codes, actor=actor, now=now)
    if codes is not None:
        given = codes.get(SMS_WEBSITE_LEADER) or codes.get(SMS_SUBJECT_LEADER)
        code = given if len(codes) == 1 else None
    if isinstance(code, str) and sms_code_matches(order, code.strip()):
        order.sms_code_hash = ""
        move(order, to=Stage.BUREAU_REVIEW, actor=actor, now=now)
        return True
    return False


def _count_wrong_code(order: FilingOrder, *, actor, now) -> None:
    order.sms_failures += 1
    if rules.sms_attempts_left(order.sms_failures) == 0:
        order.sms_code_hash = ""
        order.sms_codes = {}
        return_order(
            order,
            actor=actor,
            now=now,
            text=gettext_noop("The SMS code was entered wrongly too many times."),
        )
    else:
        order.save(update_fields=["sms_failures", "sms_codes"])
    audit_record(
        actor=actor,
        account=order.account,
        action=FilingAction.SMS_WRONG_CODE,
        target=order,
        at=now,
        details={"failures": order.sms_failures},
    )


def _two_leader_codes(order: FilingOrder, *, code, codes, actor, now) -> bool:
    """Take the codes given for a two-leader order: each right one stops being awaited (saved
    even when another is wrong). True when the order moved on or is simply waiting for the other
    leader's code; False when a code given was wrong (the caller counts the failure)."""
    wrong = False
    if codes is not None:
        for role, value in codes.items():
            if (
                isinstance(value, str)
                and role in order.sms_codes
                and sms_role_matching(order, value.strip(), (role,))
            ):
                order.sms_codes = {k: v for k, v in order.sms_codes.items() if k != role}
            else:
                wrong = True
    else:
        role = sms_role_matching(order, code.strip()) if isinstance(code, str) else None
        if role is None:
            wrong = True
        else:
            order.sms_codes = {k: v for k, v in order.sms_codes.items() if k != role}
    if not order.sms_codes:
        move(order, to=Stage.BUREAU_REVIEW, actor=actor, now=now)
        return True
    if wrong:
        return False
    order.save(update_fields=["sms_codes"])
    return True


def filing_resend_sms(*, actor, order_id) -> FilingOrder:
    """A fresh SMS code for an order waiting for one, valid 24 hours from now; failures are kept.
    A code that has already lapsed cannot be renewed: the order is returned (``sms_lapse``) and
    the answer is ``SMS_CODE_EXPIRED`` (SPEC 3.12)."""
    check_writer(actor)
    with transaction.atomic():
        order = lock_order(order_id, account=actor.owner_account)
        if order.status != Stage.PENDING_SMS:
            raise stage_error(order, Stage.PENDING_SMS)
        now = clock.now()
        lapsed = rules.sms_code_expired(order.sms_expires_time, now)
        if lapsed:
            sms_lapse(order, now=now)
        else:
            _resend(order, actor=actor, now=now)
    if lapsed:
        # Raised after the transaction: the order stays returned.
        raise refusals.SMS_CODE_EXPIRED(extra={"order_status": order.status})
    return order


def _resend(order: FilingOrder, *, actor, now) -> None:
    refusal = rules.sms_resend_refusal(resends=order.sms_resends, last_sent=order.sms_sent_time, now=now)
    if refusal is not None:
        raise refusal
    send_sms_code(order, now=now)
    order.sms_resends += 1
    order.updated_time = now
    order.save(
        update_fields=[
            "sms_code_hash",
            "sms_codes",
            "sms_expires_time",
            "sms_sent_time",
            "sms_resends",
            "updated_time",
        ]
    )
    audit_record(actor=actor, account=order.account, action=FilingAction.SMS_RESEND, target=order, at=now)


# --- the code lapsing (SPEC 3.12) --------------------------------------------------------------


def sms_lapse(order: FilingOrder, *, now) -> None:
    """The locked ``pending_sms`` order's code was not entered within 24 hours: the simulator
    returns it (``return_order``, as the fifth wrong code does) with the catalogued reason
    ``SMS_CODE_NOT_ENTERED``, and audits ``SMS_LAPSE``. No person decided it (actor ``None``),
    whether the clock sweep or the applicant's late request found it."""
    expired = order.sms_expires_time
    order.sms_code_hash = ""
    order.sms_codes = {}
    return_order(order, actor=None, now=now, code=review_reasons.SMS_NOT_ENTERED.code)
    audit_record(
        actor=None,
        account=order.account,
        action=FilingAction.SMS_LAPSE,
        target=order,
        at=now,
        details={"expired": expired.isoformat() if expired else None},
    )


def sms_lapse_candidate_ids(*, now) -> list[int]:
    return list(
        FilingOrder.objects.filter(status=Stage.PENDING_SMS)
        .filter(Q(sms_expires_time__lt=now) | Q(sms_expires_time__isnull=True))
        .order_by("sms_expires_time", "id")
        .values_list("id", flat=True)
    )


def sms_lapse_sweep(*, now, actor=None) -> int:
    """Return every order whose SMS code lapsed by ``now`` (a clock sweep, ``timeline``); each in
    its own transaction under the subject and order locks, decided again there (the applicant
    may have entered the code meanwhile). Answers how many were returned."""
    return sum(_lapse_one(order_id, now=now) for order_id in sms_lapse_candidate_ids(now=now))


def _lapse_one(order_id: int, *, now) -> bool:
    with transaction.atomic():
        order = lock_order(order_id)
        if order.status != Stage.PENDING_SMS or not rules.sms_code_expired(order.sms_expires_time, now):
            return False
        sms_lapse(order, now=now)
    return True
