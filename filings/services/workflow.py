"""Moving filing orders through their stages (SPEC 3.7, seed 004), and what approval does.

``draft`` -(account submits)-> ``submitted`` (the provider's initial review) -(staff approve)->
``pending_sms`` (a 6-digit code on the account's simulated phone, valid 24 hours of simulated
time) -(account enters it)-> ``bureau_review`` -(staff approve)-> ``approved``. Staff may reject in
either review; the account may abandon until the bureau has the order; five wrong SMS codes
return it. ``models.TRANSITIONS`` is the table; every move goes through ``stages.move``.

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

The SMS steps (entering, resending, the lapse) are in ``sms``, every rejection's return in
``returns``; both are re-exported here.
"""

from __future__ import annotations

from django.db import transaction

from icpconsole.core import clock

from .. import refusals, review_reasons, rules
from ..models import FilingOrder, MessageKind, OrderType, Stage
from .code_authorization import check_code_authorized
from .effects import APPROVALS, refuse_effects
from .loop import close_round, start_round
from .materials import check_complete
from .phone import send_message, send_sms_code, sms_recipient
from .returns import return_order
from .sms import (  # noqa: F401  (the SMS steps, importable from here as before)
    filing_resend_sms,
    filing_verify_sms,
    sms_lapse,
    sms_lapse_candidate_ids,
    sms_lapse_sweep,
)
from .stages import check_staff, check_writer, lock_order, move, stage_error

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
