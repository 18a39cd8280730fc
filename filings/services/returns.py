"""Every rejection returns the order (SPEC 3.12): the staff's, the automatic review's, five wrong
SMS codes and a lapsed code alike go through ``return_order``. Re-exported by ``workflow``."""

from __future__ import annotations

from .. import review_reasons
from ..models import RETURNED_FROM_STAGE, FilingOrder, MessageKind, ReturnedFrom, Stage
from .loop import close_round
from .phone import send_message, sms_recipient
from .stages import move


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
