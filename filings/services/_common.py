"""What every filing service shares: who may write, the stage move with its history row and
audit record, row locks in one order, the phone, and the two secrets (filing password, SMS code).

Lock order, everywhere: subject row, then order row, then service code (and, through
``service_code_apply``, the instance). Holding the subject first serialises everything that
touches one subject, which is what "one open order per subject" guards.
"""

from __future__ import annotations

import string

from django.db import connection
from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from icpconsole.core import generators
from icpconsole.core import refusals as core_refusals
from icpconsole.core.audit import audit_record
from icpconsole.core.errors import Conflict
from icpconsole.core.hashers import generated_secret_matches, hash_generated_secret
from icpconsole.core.refusals import Refusal

from .. import refusals, rules
from ..models import (
    MESSAGE_TEXTS,
    OPEN_STAGES,
    SMS_ROLES,
    SMS_SUBJECT_LEADER,
    SMS_WEBSITE_LEADER,
    TRANSITION_ACTIONS,
    TRANSITIONS,
    FilingOrder,
    MessageKind,
    OrderEvent,
    PhoneMessage,
    Subject,
    SubjectKind,
)
from ..models.phone import message_params
from ..provinces import PROVINCES

FILING_PASSWORD_LENGTH = 10
# No look-alike characters (0/O, 1/l/I): the password is read off a phone and typed.
_PASSWORD_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")


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


# --- secrets -----------------------------------------------------------------------------------


def generate_filing_password() -> str:
    return generators.choice_string("filing_password", _PASSWORD_ALPHABET, FILING_PASSWORD_LENGTH)


def hash_filing_password(password: str) -> str:
    """A generated filing password's hash: a fast keyed hash (icpconsole/core/hashers.py), since a
    generated secret needs no slow one."""
    return hash_generated_secret(password)


def filing_password_matches(password, password_hash: str) -> bool:
    """Also true for hashes stored before (PBKDF2) and for staff-chosen registry passwords."""
    return generated_secret_matches(password, password_hash)


def check_filing_password(subject: Subject, password) -> None:
    """Seed 004: the MIIT filing password is asked for when a change or cancellation is submitted."""
    if not filing_password_matches(password, subject.password_hash):
        raise refusals.FILING_PASSWORD_INVALID(field="icp_password")


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


def open_order_conflict(subject: Subject) -> Conflict:
    return refusals.ORDER_ALREADY_OPEN(name=subject.name)


def subject_has_open_order(subject: Subject) -> bool:
    return FilingOrder.objects.filter(subject=subject, status__in=OPEN_STAGES).exists()


def check_staff(actor) -> None:
    if not actor.is_staff:
        raise core_refusals.STAFF_ONLY()


# --- input shared by orders and the registry --------------------------------------------------


def clean_text(value, *, refusal: Refusal, field: str, label: str, max_length: int) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text or len(text) > max_length:
        raise refusal(field=field, label=label, max=max_length)
    return text


def shortened(value, length: int = 24) -> str:
    """A value as a message quotes it: text cut to ``length`` characters, anything else as "-"."""
    text = value.strip() if isinstance(value, str) else ""
    return (text[:length] + "…" if len(text) > length else text) or "-"


def clean_certificate_number(value, *, field: str) -> str:
    """A certificate number as given (its checks are the pre-check's): required, at most 64
    characters; refused with the pre-check's own entry, so the code has one text."""
    text = value.strip() if isinstance(value, str) else ""
    if not text or len(text) > 64:
        raise refusals.CERTIFICATE_NUMBER_INVALID(
            field=field,
            who=_("Certificate number"),
            number=shortened(value),
            document=_("certificate number"),
            checked=_("required, at most 64 characters"),
        )
    return text


def clean_subject_fields(*, kind, name, certificate_number, province, prefix: str = "subject.") -> dict:
    """The subject's own fields (SPEC 3.7, 4.2): kind, name, certificate number, province by its
    pinyin name."""
    if kind not in SubjectKind.values:
        raise refusals.SUBJECT_KIND_INVALID(field=f"{prefix}kind")
    province = province.strip().lower() if isinstance(province, str) else province
    if province not in PROVINCES:
        raise refusals.PROVINCE_INVALID(field=f"{prefix}province")
    return {
        "kind": kind,
        "name": clean_text(
            name,
            refusal=refusals.SUBJECT_NAME_INVALID,
            field=f"{prefix}name",
            label=_("The name"),
            max_length=200,
        ),
        "certificate_number": clean_certificate_number(
            certificate_number, field=f"{prefix}certificate_number"
        ),
        "province": province,
    }
