"""Moving filing orders through their stages (SPEC 3.7, seed 004), and what approval does.

``draft`` -(account submits)-> ``submitted`` (the provider's initial review) -(staff approve)->
``pending_sms`` (a 6-digit code on the account's simulated phone, valid 24 hours of simulated
time) -(account enters it)-> ``bureau_review`` -(staff approve)-> ``approved``. Staff may reject in
either review; the account may abandon until the bureau has the order; five wrong SMS codes
return it. ``models.TRANSITIONS`` is the table; every move goes through ``_common.move``.

Decisions:

* Before its 24 hours are up the account may ask for a fresh code (``filing_resend_sms``), which
  restarts the 24 hours and keeps the failure count. Staff cannot resend. A code left to lapse
  returns the order (SPEC 3.12, ``sms_lapse``): found by the clock sweep (``sms_lapse_sweep``) or
  by the applicant's late ``verify-sms`` or ``resend-sms``, which answer ``SMS_CODE_EXPIRED``.
* Refusing an order (rejection, abandonment, five wrong codes) returns its service code from
  ``filing`` to ``unused`` and withdraws a subject that came into being with the order, freeing
  the account to file again.
* Approval effects: a first filing issues the subject's ICP number and filing password (to the
  phone, ``filing_password``); a new website is numbered ``<subject>-N`` with N never reused; the
  code becomes ``used`` carrying the website's number; the registry records it. Cancellations end
  the filing (``cancel_website``: the website and its registry record cancelled;
  ``cancel_subject``: every website of the subject too, and the subject), or only its link to this
  provider (``cancel_access``: the MIIT number stays valid, with no access provider); each makes
  the website's code ``deleted`` for ever (its quota slot is never returned) and a cancelled
  filing loses its commercial license.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_noop

from icpconsole.core import clock
from icpconsole.core.audit import audit_record

from .. import refusals, review_reasons, rules
from ..models import (
    RETURNED_FROM_STAGE,
    SMS_ROLES,
    SMS_SUBJECT_LEADER,
    SMS_WEBSITE_LEADER,
    FilingAction,
    FilingOrder,
    MessageKind,
    OrderType,
    ReturnedFrom,
    Stage,
)
from ._common import (
    check_staff,
    check_writer,
    lock_order,
    move,
    send_message,
    send_sms_code,
    sms_code_matches,
    sms_recipient,
    sms_role_matching,
    stage_error,
)
from .code_authorization import check_code_authorized
from .effects import APPROVALS, refuse_effects
from .loop import close_round, start_round
from .materials import check_complete

DECISIONS = ("approve", "reject")
MAX_REASON_LENGTH = 500


# --- the account's moves -----------------------------------------------------------------------


def filing_submit(*, actor, order_id) -> FilingOrder:
    """draft -> submitted: the order goes to the provider's initial review; returned -> submitted
    resubmits a returned order (SPEC 3.12), the next round, with its materials kept."""
    check_writer(actor)
    with transaction.atomic():
        order = lock_order(order_id, account=actor.owner_account)
        if order.status in (Stage.DRAFT, Stage.RETURNED):
            # SPEC 3.9: a new website's application passes the pre-check and is complete.
            check_complete(order)
            check_code_authorized(order)  # SPEC 3.14, Huawei: another account's code
            now = clock.now()
            start_round(order, now=now)
            order.sms_failures = 0
            order.sms_resends = 0
            order.sms_code_hash = ""
            order.sms_codes = {}
            order.sms_expires_time = None
        move(order, to=Stage.SUBMITTED, actor=actor, now=clock.now())
    return order


def filing_abandon(*, actor, order_id) -> FilingOrder:
    """Withdraw an order before the bureau has it; its code returns to ``unused``."""
    check_writer(actor)
    with transaction.atomic():
        order = lock_order(order_id, account=actor.owner_account)
        now = clock.now()
        move(order, to=Stage.ABANDONED, actor=actor, now=now)
        refuse_effects(order, actor=actor, now=now)
    return order


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


# --- staff -------------------------------------------------------------------------------------


def filing_review(*, actor, order_id, decision: str, reason: str = "", reason_code: str = "") -> FilingOrder:
    """Staff decide whichever review the order is in: initial review (``submitted``: approve sends
    the SMS code) or the bureau's (``bureau_review``: approve files it). Reject ends it, with a
    catalogued ``reason_code`` (``filings/review_reasons.py``), free ``reason`` text, or both
    (SPEC 3.10); the applicant reads it in their own language."""
    check_staff(actor)
    if decision not in DECISIONS:
        raise refusals.DECISION_INVALID(field="decision")
    reason = (reason or "").strip() if isinstance(reason, str) else ""
    if len(reason) > MAX_REASON_LENGTH:
        raise refusals.REASON_INVALID(field="reason")
    reason_code = reason_code.strip() if isinstance(reason_code, str) else ""
    if reason_code and decision == "approve":
        raise refusals.REASON_CODE_ON_APPROVE(field="reason_code")
    if reason_code and reason_code not in review_reasons.CATALOGUE:
        raise refusals.REASON_CODE_INVALID(field="reason_code", codes=", ".join(review_reasons.CODES))
    if decision == "reject" and not reason and not reason_code:
        # One behaviour in every face (review form, API, admin): a rejection says why.
        raise refusals.REJECTION_REASON_REQUIRED(field="reason")
    with transaction.atomic():
        order = lock_order(order_id)
        if order.status not in rules.REVIEW_STAGES:
            raise stage_error(order, Stage.PENDING_SMS if decision == "approve" else Stage.RETURNED)
        now = clock.now()
        review_decide(
            order, approve=decision == "approve", actor=actor, now=now, text=reason, code=reason_code
        )
    return order


def review_decide(
    order: FilingOrder, *, approve: bool, actor, now, text: str = "", code: str = "", checks=(), details=None
) -> None:
    """Apply a review decision to a locked order in a review stage: the staff's and the automatic
    review's (``filings.services.reviews``) alike. A rejection keeps its reason by code (``code``,
    ``checks``) and as typed (``text``), and reaches the applicant's phone; approving the initial
    review sends the SMS code, approving the bureau's files the order."""
    stage = order.status
    if not approve:
        return_order(order, actor=actor, now=now, text=text, code=code, checks=checks, details=details)
    elif stage == Stage.SUBMITTED:
        send_sms_code(order, now=now)
        move(order, to=Stage.PENDING_SMS, actor=actor, now=now, note=text, details=details)
    else:
        APPROVALS[order.type](order, actor=actor, now=now)
        close_round(order, decision="approved", now=now, actor=actor)
        move(order, to=Stage.APPROVED, actor=actor, now=now, note=text, details=details)
        _send_approval(order, now=now)


def _send_approval(order: FilingOrder, *, now) -> None:
    """SPEC 3.12: the MIIT's SMS on approval names the number filed (a new website or app, a
    filing taken over); other order types file no number."""
    if (
        order.type
        not in (
            OrderType.FIRST_FILING,
            OrderType.ADD_WEBSITE,
            OrderType.ADD_APP,
            OrderType.TRANSFER_IN,
            OrderType.CLAIM,
        )
        or not order.website_id
    ):
        return
    website = order.website
    send_message(
        account=order.account,
        kind=MessageKind.FILING_APPROVED,
        secret="",
        order=order,
        now=now,
        params={"id": order.pk, "name": website.domain or website.name, "number": website.icp_number},
        to_number=sms_recipient(order),
    )


def return_order(
    order: FilingOrder, *, actor, now, text: str = "", code: str = "", checks=(), details=None
) -> None:
    """Every rejection (SPEC 3.12): the locked order goes back to the applicant (``returned``,
    open, its code still in ``filing``, its subject still pending) with the reasons, which reach
    the phone; the round records the decision."""
    stage = order.status
    order.reason = text
    order.reason_code = code
    order.review_reasons = list(checks)
    order.returned_from = RETURNED_FROM_STAGE.get(stage, ReturnedFrom.INITIAL_REVIEW)
    returned_from = order.returned_from
    close_round(order, decision="returned", now=now, actor=actor, returned_from=returned_from)
    order.touched_time = now
    order.expiry_reminders = 0
    move(order, to=Stage.RETURNED, actor=actor, now=now, note=_rejection_note(order), details=details)
    send_message(
        account=order.account,
        kind=MessageKind.REVIEW_RETURNED,
        secret="",
        order=order,
        now=now,
        params={
            "id": order.pk,
            "stage": stage,
            "reason_code": code,
            "reason": text,
            "checks": list(checks),
        },
        to_number=sms_recipient(order),
    )


def _rejection_note(order: FilingOrder) -> str:
    """The history row's note: the reason as stored (a catalogued text's English msgid, which
    ``stored_text`` translates when read, or the reviewer's words)."""
    if order.reason:
        return order.reason
    if review_reasons.reason_msgid(order.reason_code):
        return review_reasons.reason_msgid(order.reason_code)
    return review_reasons.AUTOMATIC_REJECTION_TEXT if order.review_reasons else ""
