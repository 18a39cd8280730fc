"""The code owner's authorization by SMS (SPEC 3.14, Huawei): a filing order naming a code whose
server another account bought waits for that account's consent before it is submitted.

* ``filing_code_auth_send`` sends a 6-digit code to the code owner's simulated phone (the owner's
  inbox), valid 24 hours of simulated time; asked again, it resends (at most twice, a minute
  apart: SPEC 3.12's ``rules.sms_resend_refusal``, shared with the filing's own SMS code).
* ``filing_code_auth_confirm`` takes the code the owner passed on; the order may then be submitted.
* ``check_code_authorized`` is what ``filing_submit`` asks (``CODE_AUTHORIZATION_REQUIRED``).

Whether an order needs it is the profile's rule (``instances.providers.owner_authorization_needed``):
under Alibaba and Tencent never. Decisions where SPEC 3.14 does not speak: the authorization is
of the order (a confirmed one stays confirmed when the order is returned and resubmitted); only
draft and returned orders ask for it; the owner is the account that bought the code's server.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.crypto import constant_time_compare, salted_hmac

from icpconsole.core import clock, generators
from icpconsole.core.audit import audit_record
from instances import providers
from servicecodes import refusals as code_refusals

from .. import rules
from ..models import FilingAction, FilingOrder, MessageKind, Stage
from .phone import send_message
from .stages import check_writer, lock_order

ASKING_STAGES = (Stage.DRAFT, Stage.RETURNED)
NOT_NEEDED, PENDING, CONFIRMED = "not_needed", "pending", "confirmed"


def _hash(order_id: int, code: str) -> str:
    return salted_hmac("filings.code_authorization", f"{order_id}:{code}").hexdigest()


def code_owner_id(order: FilingOrder) -> int | None:
    if not order.service_code_id:
        return None
    instance_id = order.service_code.instance_id
    # The order's instance is the code's (loaded with the order: no query in the lists).
    instance = order.instance if order.instance_id == instance_id else order.service_code.instance
    return instance.owner_id


def authorization_needed(order: FilingOrder) -> bool:
    """Does this order name another account's code under a profile that asks its owner?"""
    code_rules = providers.profile().rules
    if not code_rules.owner_sms_authorization:
        return False  # no query under the other profiles
    return providers.owner_authorization_needed(
        code_rules, applicant_id=order.account_id, code_owner_id=code_owner_id(order)
    )


def authorization_state(order: FilingOrder) -> str:
    """``not_needed``, ``pending`` or ``confirmed`` (the API's ``code_authorization``)."""
    if order.code_authorized:
        return CONFIRMED
    return PENDING if authorization_needed(order) else NOT_NEEDED


def authorization_pending(order: FilingOrder) -> bool:
    """The order still waits for the owner's authorization (what the console and API show)."""
    return order.status in ASKING_STAGES and not order.code_authorized and authorization_needed(order)


def check_code_authorized(order: FilingOrder) -> None:
    if not order.code_authorized and authorization_needed(order):
        raise code_refusals.CODE_AUTHORIZATION_REQUIRED(code=order.service_code.code)


def _lock_pending(actor, order_id) -> FilingOrder:
    check_writer(actor)
    order = lock_order(order_id, account=actor.owner_account)
    if not authorization_pending(order):
        raise code_refusals.CODE_AUTHORIZATION_NOT_NEEDED()
    return order


def filing_code_auth_send(*, actor, order_id) -> FilingOrder:
    """Send (or resend) the authorization code to the code owner's phone."""
    with transaction.atomic():
        order = _lock_pending(actor, order_id)
        now = clock.now()
        resend = order.code_auth_sent_time is not None
        if resend:
            refusal = rules.sms_resend_refusal(
                resends=order.code_auth_resends, last_sent=order.code_auth_sent_time, now=now
            )
            if refusal is not None:
                raise refusal
            order.code_auth_resends += 1
        code = generators.digits("code_auth", 6)
        order.code_auth_hash = _hash(order.pk, code)
        order.code_auth_sent_time = now
        order.save(update_fields=["code_auth_hash", "code_auth_sent_time", "code_auth_resends"])
        service_code = order.service_code
        send_message(
            account=service_code.instance.owner,
            kind=MessageKind.CODE_AUTHORIZATION,
            secret=code,
            now=now,
            params={
                "id": order.pk,
                "account": order.account.username,
                "service_code": service_code.code,
                "code": code,
            },
        )
        audit_record(
            actor=actor,
            account=order.account,
            action=FilingAction.CODE_AUTH_SEND,
            target=order,
            at=now,
            details={"service_code": service_code.code, "resend": resend},
        )
    return order


def filing_code_auth_confirm(*, actor, order_id, code) -> FilingOrder:
    """The code the owner passed on: the authorization is confirmed, the order may be submitted."""
    with transaction.atomic():
        order = _lock_pending(actor, order_id)
        now = clock.now()
        if order.code_auth_sent_time is None:
            raise code_refusals.CODE_AUTHORIZATION_NOT_SENT()
        given = code.strip() if isinstance(code, str) else ""
        lapsed = now - order.code_auth_sent_time > rules.SMS_CODE_TTL
        if lapsed or not given or not constant_time_compare(_hash(order.pk, given), order.code_auth_hash):
            raise code_refusals.CODE_AUTHORIZATION_INVALID(field="code")
        order.code_authorized = True
        order.code_auth_hash = ""
        order.save(update_fields=["code_authorized", "code_auth_hash"])
        audit_record(
            actor=actor,
            account=order.account,
            action=FilingAction.CODE_AUTH_CONFIRM,
            target=order,
            at=now,
            details={"service_code": order.service_code.code},
        )
    return order
