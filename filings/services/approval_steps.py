"""The steps the effects of a decision share (``effects``, ``takeovers``, ``endings``): a subject's
status change with its audit record, a new filing password sent to the phone, and the order's
service code consumed by the website it files."""

from __future__ import annotations

from icpconsole.core.audit import audit_record
from servicecodes.services import service_code_consume, service_code_lock

from ..models import SUBJECT_STATUS_ACTIONS, FilingOrder, MessageKind, Subject, Website
from .passwords import generate_filing_password, hash_filing_password
from .phone import send_message


def set_subject_status(subject: Subject, status: str, *, actor, now, order: FilingOrder, **details) -> None:
    before = subject.status
    subject.status = status
    subject.status_time = now
    subject.save()
    audit_record(
        actor=actor,
        account=subject.account,
        action=SUBJECT_STATUS_ACTIONS[status],
        target=subject,
        at=now,
        details={"from": before, "to": status, "order_id": order.pk, **details},
    )


def issue_password(subject: Subject, *, order: FilingOrder, now) -> str:
    """A new filing password: shown once, on the phone; only its hash is kept. The order records
    that it issued one (its page tells the user to look at the phone)."""
    password = generate_filing_password()
    subject.password_hash = hash_filing_password(password)
    order.password_issued = True
    send_message(
        account=subject.account,
        kind=MessageKind.FILING_PASSWORD,
        secret=password,
        order=order,
        now=now,
        params={"name": subject.name, "number": subject.icp_number, "password": password},
        to_number=str((order.subject_leader or subject.leader or {}).get("mobile", "")),
    )
    return password


def consume_code(order: FilingOrder, website: Website, *, actor) -> None:
    if order.service_code_id:
        code = service_code_lock(order.service_code.code)
        service_code_consume(code=code, actor=actor, icp_number=website.icp_number, order_id=order.pk)
        order.service_code = website.service_code = code
