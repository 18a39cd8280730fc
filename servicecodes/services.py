"""Service code services: issuing (SPEC 3.5, 3.6; seeds 000-003) and the status moves a filing
makes (SPEC 3.7). Filings call the ``service_code_*`` transitions inside their own transaction."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from icpconsole.accounts.models import User
from icpconsole.core import clock
from icpconsole.core.audit import audit_record
from icpconsole.core.errors import NotEligible
from instances import providers
from instances import refusals as instance_refusals
from instances.catalog import QUOTA_SCOPE_ACCOUNT
from instances.models import Instance, InstanceStatus

from . import refusals
from .models import TRANSITIONS, CodeAction, CodeStatus, ServiceCode
from .selectors import (
    INVALID,
    code_status_shown,
    codes_issued_for,
    eligibility_for,
    product_rules,
    quota_key_for,
)


def _lock_for_apply(actor, instance_id: str) -> Instance:
    instance = (
        Instance.objects.select_for_update(of=("self",))
        .select_related("product", "region", "owner")
        .filter(instance_id=instance_id, owner=actor.owner_account)
        .first()
    )
    if instance is None:
        raise instance_refusals.INSTANCE_NOT_FOUND(id=instance_id)
    if instance.status == InstanceStatus.RELEASED:
        raise instance_refusals.INSTANCE_RELEASED(id=instance_id)
    if instance.product.quota_scope == QUOTA_SCOPE_ACCOUNT:
        # Account-wide quota: the account row is what the count is guarded by. Always locked after
        # the instance, so two appliers can never wait on each other in opposite orders.
        User.objects.select_for_update().filter(pk=instance.owner_id).first()
    return instance


def service_code_apply(
    *, actor, instance_id: str, via: str = "console", provider: str | None = None
) -> ServiceCode:
    """Issue one service code for an instance, if it qualifies right now.

    Seeds 000/001: only the purchasing account, mainland region, subscription with at least the
    product's minimum left, not expired, with a public IP, and at most the product's quota (five
    for ECS) ever issued: used and deleted codes keep their slots. The quota's count is read
    under a row lock and backed by the unique (quota_key, slot) constraint, so parallel applies
    yield exactly the quota. ``provider`` names the profile whose rules apply (SPEC 3.14): the one
    in force when omitted; the Alibaba RPC facade passes ``alibaba``.
    """
    profile = providers.profile(provider)
    try:
        with transaction.atomic():
            instance = _lock_for_apply(actor, instance_id)
            now = clock.now()
            issued = codes_issued_for(instance)
            decision = eligibility_for(instance, viewer=actor, now=now, codes_issued=issued, profile=profile)
            if not decision.can_apply:
                raise NotEligible(_("This instance does not qualify for a service code."), decision.reasons)
            code = ServiceCode.objects.create(
                instance=instance,
                account=instance.owner,
                quota_key=quota_key_for(instance),
                slot=issued + 1,
                created_time=now,
                status_time=now,
            )
            audit_record(
                actor=actor,
                account=instance.owner,
                action=CodeAction.APPLY,
                target=code,
                at=now,
                details={
                    "instance_id": instance.instance_id,
                    "slot": code.slot,
                    "quota": product_rules(instance, profile).quota,
                    "provider": profile.id,
                    "via": via,
                },
            )
            return code
    except IntegrityError:
        # Only reachable if the row lock was bypassed (e.g. SQLite without immediate mode): the
        # constraint refused a duplicate slot, so someone else took the last one.
        instance = Instance.objects.select_related("product", "region", "owner").get(instance_id=instance_id)
        decision = eligibility_for(
            instance, viewer=actor, now=clock.now(), codes_issued=codes_issued_for(instance), profile=profile
        )
        raise NotEligible(_("This instance does not qualify for a service code."), decision.reasons) from None


# --- transitions used by filings ---------------------------------------------------------------
def service_code_lock(code: str) -> ServiceCode:
    """Lock a code by its value for a status change (inside the caller's transaction)."""
    found = (
        ServiceCode.objects.select_for_update(of=("self",))
        .select_related("instance", "instance__product", "instance__region", "account")
        .filter(code=(code or "").strip().lower())
        .first()
    )
    if found is None:
        raise refusals.SERVICE_CODE_NOT_FOUND(code=code)
    return found


def _move(
    code: ServiceCode, *, to: str, actor, action: str, icp_number: str = "", details=None
) -> ServiceCode:
    if to not in TRANSITIONS[code.status]:
        raise refusals.BY_STATUS[code.status](
            code=code.code, extra={"status": code.status, "requested_status": to}
        )
    now = clock.now()
    before = code.status
    code.status = to
    code.status_time = now
    fields = ["status", "status_time"]
    if icp_number:
        code.icp_number = icp_number
        fields.append("icp_number")
    code.save(update_fields=fields)
    audit_record(
        actor=actor,
        account=code.account,
        action=action,
        target=code,
        at=now,
        details={"from": before, "to": to, **(details or {})},
    )
    return code


def service_code_reserve(*, code: ServiceCode, actor, order_id=None) -> ServiceCode:
    """unused -> filing: a filing order names the code, unless the profile says it no longer
    works (SPEC 3.14, ``SERVICE_CODE_INVALID``)."""
    if code.status == CodeStatus.UNUSED and code_status_shown(code, now=clock.now()) == INVALID:
        raise refusals.SERVICE_CODE_INVALID(code=code.code)
    return _move(
        code, to=CodeStatus.FILING, actor=actor, action=CodeAction.RESERVE, details={"order_id": order_id}
    )


def service_code_release(*, code: ServiceCode, actor, order_id=None) -> ServiceCode:
    """filing -> unused: the order was rejected or abandoned."""
    return _move(
        code, to=CodeStatus.UNUSED, actor=actor, action=CodeAction.RELEASE, details={"order_id": order_id}
    )


def service_code_consume(*, code: ServiceCode, actor, icp_number: str, order_id=None) -> ServiceCode:
    """filing -> used: the filing completed; the code is permanently invalid (seed 000)."""
    return _move(
        code,
        to=CodeStatus.USED,
        actor=actor,
        action=CodeAction.USE,
        icp_number=icp_number,
        details={"order_id": order_id, "icp_number": icp_number},
    )


def service_code_delete(*, code: ServiceCode, actor, order_id=None) -> ServiceCode:
    """used -> deleted: the filing it served was cancelled; never restored (seed 002)."""
    return _move(
        code, to=CodeStatus.DELETED, actor=actor, action=CodeAction.DELETE, details={"order_id": order_id}
    )
