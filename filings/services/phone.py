"""The simulated phone: messages to the account's inbox, and the SMS verification codes of an order
(one per leader, SPEC 3.12), with whom they go to.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac

from icpconsole.core import generators

from .. import rules
from ..models import (
    MESSAGE_TEXTS,
    SMS_ROLES,
    SMS_SUBJECT_LEADER,
    SMS_WEBSITE_LEADER,
    FilingOrder,
    MessageKind,
    PhoneMessage,
)
from ..models.phone import message_params


def _sms_hash(order_id: int, code: str) -> str:
    # A 6-digit code has too little entropy for a slow hash to matter; a keyed HMAC keeps it out
    # of the database in clear and is fast to check.
    return salted_hmac("filings.sms_code", f"{order_id}:{code}").hexdigest()


def sms_code_matches(order: FilingOrder, code: str) -> bool:
    return bool(order.sms_code_hash) and constant_time_compare(_sms_hash(order.pk, code), order.sms_code_hash)


def sms_role_matching(order: FilingOrder, code: str, roles=SMS_ROLES) -> str | None:
    """Two leaders (SPEC 3.12): the awaited role among ``roles`` whose code ``code`` is, or None."""
    for role in roles:
        stored = order.sms_codes.get(role)
        if stored and constant_time_compare(_sms_hash(order.pk, f"{role}:{code}"), stored):
            return role
    return None


def two_leaders(order: FilingOrder) -> dict[str, dict] | None:
    """The two leaders by role when the website leader is another person than the subject leader
    (another ID number), each with a mobile; else None."""
    if order.website_leader_is_subject_leader:
        return None
    subject_leader = order.subject_leader or order.subject.leader or {}
    website_leader = order.website_leader or {}
    if not (isinstance(subject_leader, dict) and isinstance(website_leader, dict)):
        return None
    if not subject_leader.get("mobile") or not website_leader.get("mobile"):
        return None
    if subject_leader.get("certificate_number") == website_leader.get("certificate_number"):
        return None
    return {SMS_SUBJECT_LEADER: subject_leader, SMS_WEBSITE_LEADER: website_leader}


def send_sms_code(order: FilingOrder, *, now) -> None:
    """A fresh 6-digit code to the account's phone, valid for 24 hours of simulated time; with two
    leaders, one code to each leader's mobile (SPEC 3.12; a resend renews the codes still
    awaited). Sets the order's fields; the caller saves the order."""
    order.sms_expires_time = now + rules.SMS_CODE_TTL
    order.sms_sent_time = now
    leaders = two_leaders(order)
    if leaders is None:
        code = generators.digits("sms_code", 6)
        order.sms_code_hash = _sms_hash(order.pk, code)
        order.sms_codes = {}
        send_message(
            account=order.account,
            kind=MessageKind.SMS_CODE,
            secret=code,
            order=order,
            now=now,
            params={"id": order.pk, "code": code},
            to_number=sms_recipient(order),
        )
        return
    roles = [role for role in SMS_ROLES if role in order.sms_codes] or list(SMS_ROLES)
    order.sms_code_hash = ""
    codes = {}
    for role in roles:
        code = generators.digits("sms_code", 6)
        codes[role] = _sms_hash(order.pk, f"{role}:{code}")
        send_message(
            account=order.account,
            kind=MessageKind.SMS_CODE,
            secret=code,
            order=order,
            now=now,
            params={"id": order.pk, "code": code},
            to_number=str(leaders[role]["mobile"]),
        )
    order.sms_codes = codes


def sms_recipient(order: FilingOrder) -> str:
    """SPEC 3.9: the SMS code goes to the website leader's mobile (the subject leader's when that
    is the same person, or for an order without a new website: the website's or subject's
    leader on file); empty when no leader is known (the account's phone)."""
    candidates = []
    if not order.website_leader_is_subject_leader:
        candidates.append(order.website_leader)
        if order.website_id:
            candidates.append(order.website.leader)
    candidates += [order.subject_leader, order.subject.leader]
    for leader in candidates:
        if isinstance(leader, dict) and leader.get("mobile"):
            return str(leader["mobile"])
    return ""


def send_message(
    *,
    account,
    kind: str,
    params: dict,
    secret: str,
    now,
    order: FilingOrder | None = None,
    to_number: str = "",
):
    """A text to the account's phone (``to_number``: the mobile it went to): its kind's text filled
    with ``params``, kept in English as sent and rendered in the reader's language when read
    (``PhoneMessage.rendered_text``)."""
    with translation.override("en"):
        text = (str(MESSAGE_TEXTS[kind]) % message_params(kind, params))[:500]
    return PhoneMessage.objects.create(
        account=account,
        kind=kind,
        text=text,
        params=params,
        secret=secret,
        order=order,
        sent_time=now,
        to_number=to_number,
    )
