"""Instance services: every change to a simulated instance goes through here (SPEC 3.4).

Each is keyword-only, runs in one transaction, locks the instance row it changes, checks the
current state, and writes an audit event. The console, the REST API, the admin and
``seed_demo`` all call these.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from icpconsole.core import clock, generators
from icpconsole.core import refusals as core_refusals
from icpconsole.core.audit import audit_record
from icpconsole.core.reasons import Reason

from . import refusals, rules
from .models import Instance, InstanceAction, InstanceOrder, InstanceStatus, OrderKind, Product, Region
from .selectors import products_ordered, regions_ordered

MAX_BANDWIDTH_MBPS = 100
MAX_NAME_LENGTH = 128


# --- validation shared by every interface -----------------------------------------------------
def _invalid_period():
    return refusals.INVALID_PERIOD(
        field="period_months", min=rules.MIN_PERIOD_MONTHS, max=rules.MAX_PERIOD_MONTHS
    )


def _check_period(months) -> int:
    if (
        isinstance(months, bool)
        or not isinstance(months, int)
        or not (rules.MIN_PERIOD_MONTHS <= months <= rules.MAX_PERIOD_MONTHS)
    ):
        raise _invalid_period()
    return months


def _check_bandwidth(mbps) -> int:
    if isinstance(mbps, bool) or not isinstance(mbps, int) or not 0 <= mbps <= MAX_BANDWIDTH_MBPS:
        raise refusals.INVALID_BANDWIDTH(field="internet_max_bandwidth_out", max=MAX_BANDWIDTH_MBPS)
    return mbps


def _check_writer(actor) -> None:
    if actor.parent_id is not None:
        raise core_refusals.RAM_USER_READ_ONLY()


def _lock_instance(actor, instance_id: str) -> Instance:
    """Fetch and lock the caller's instance; another account's is reported as missing."""
    instance = (
        Instance.objects.select_for_update(of=("self",))
        .select_related("product", "region")
        .filter(instance_id=instance_id, owner=actor.owner_account)
        .first()
    )
    if instance is None:
        raise refusals.INSTANCE_NOT_FOUND(id=instance_id)
    if instance.status == InstanceStatus.RELEASED:  # nothing can be done to it, whatever the time
        raise refusals.INSTANCE_RELEASED(id=instance_id)
    return instance


def action_refusal(instance: Instance, action: str, now) -> Reason | None:
    """Why ``action`` is refused at ``now`` (``rules.action_refusal``: an ``instances.refusals``
    entry), or ``None``. The console offers an action only when this is ``None``."""
    return instance.action_refusal(action, now)


def refusal_params(instance: Instance) -> dict:
    """What an instance refusal's text names: the instance and its status."""
    return {"id": instance.instance_id, "status": InstanceStatus(instance.status).label}


def _check_action(instance: Instance, action: str, now) -> None:
    refusal = action_refusal(instance, action, now)
    if refusal is not None:
        raise refusal(**refusal_params(instance))


def _allocate_public_ip() -> str:
    taken = set(
        Instance.objects.filter(public_ip_address__isnull=False).values_list("public_ip_address", flat=True)
    )
    rng = generators.rng("ip")
    while True:
        ip = f"47.{rng.randint(96, 127)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        if ip not in taken:
            return ip


def _record_order(instance: Instance, *, kind: str, months: int, now) -> InstanceOrder:
    return InstanceOrder.objects.create(
        instance=instance,
        kind=kind,
        charge_type=instance.charge_type,
        months=months,
        amount_rmb=rules.order_amount(instance.product.monthly_price_rmb, months),
        created_time=now,
        expired_time_after=instance.expired_time,
    )


# --- services ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Purchase:
    product: Product
    region: Region
    months: int  # 0 for pay-as-you-go
    name: str
    at: dt.datetime


def _clean_purchase(
    *,
    product_id,
    region_id,
    charge_type,
    period_months,
    internet_max_bandwidth_out,
    name,
    purchased_at,
    provider=None,
) -> _Purchase:
    # SPEC 3.14: only what the profile in force sells (the RPC facade passes Alibaba's).
    product = products_ordered(provider).filter(pk=product_id).first()
    if product is None:
        raise refusals.INVALID_PRODUCT(field="product", product=product_id)
    region = regions_ordered(provider).filter(pk=region_id).first()
    if region is None:
        raise refusals.INVALID_REGION(field="region_id", region=region_id)
    if charge_type not in (rules.PREPAID, rules.POSTPAID):
        raise refusals.INVALID_CHARGE_TYPE(field="charge_type")
    if charge_type == rules.PREPAID:
        _check_period(period_months)
    elif period_months not in (None, 0):
        raise _invalid_period()
    _check_bandwidth(internet_max_bandwidth_out)
    name = (name or "").strip()
    if len(name) > MAX_NAME_LENGTH:
        raise refusals.INVALID_NAME(field="name", max=MAX_NAME_LENGTH)
    now = clock.now()
    if purchased_at is not None:
        if purchased_at > now:
            raise refusals.INVALID_PURCHASE_TIME()
        now = purchased_at
    months = period_months if charge_type == rules.PREPAID else 0
    return _Purchase(product=product, region=region, months=months, name=name, at=now)


def _new_instance(actor, buy: _Purchase, *, charge_type: str, bandwidth: int) -> Instance:
    """The bought instance saved, with a public IP when it has bandwidth (drawn again once if
    another purchase drew the same one at the same moment)."""
    instance = Instance(
        owner=actor,
        product=buy.product,
        region=buy.region,
        charge_type=charge_type,
        created_time=buy.at,
        expired_time=rules.purchase_expiry(buy.at, buy.months) if buy.months else None,
        internet_max_bandwidth_out=bandwidth,
        public_ip_address=_allocate_public_ip() if bandwidth else None,
    )
    instance.name = buy.name or f"{buy.product.id}-{instance.instance_id[-6:]}"
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:  # two purchases drew the same public IP: draw again once
        instance.public_ip_address = _allocate_public_ip() if bandwidth else None
        instance.save()
    return instance


def instance_purchase(
    *,
    actor,
    product_id: str,
    region_id: str,
    charge_type: str,
    period_months: int | None = None,
    internet_max_bandwidth_out: int = 0,
    name: str = "",
    purchased_at=None,
    provider: str | None = None,
) -> Instance:
    """Buy an instance. A subscription (``PrePaid``) needs ``period_months`` (1-36) and expires
    at 00:00 Asia/Shanghai on the day after purchase date + months; pay-as-you-go has no expiry.
    Any product can be bought, ``slb`` included (it simply never qualifies for codes).

    ``purchased_at`` backdates the purchase (``seed_demo`` and tests use it to show an instance
    that has already expired); it is not offered by the console or the API and cannot be in the
    future."""
    _check_writer(actor)
    buy = _clean_purchase(
        product_id=product_id,
        region_id=region_id,
        charge_type=charge_type,
        period_months=period_months,
        internet_max_bandwidth_out=internet_max_bandwidth_out,
        name=name,
        purchased_at=purchased_at,
        provider=provider,
    )
    with transaction.atomic():
        instance = _new_instance(actor, buy, charge_type=charge_type, bandwidth=internet_max_bandwidth_out)
        order = _record_order(instance, kind=OrderKind.PURCHASE, months=buy.months, now=buy.at)
        audit_record(
            actor=actor,
            account=actor,
            action=InstanceAction.PURCHASE,
            target=instance,
            at=buy.at,
            details={
                "product": buy.product.id,
                "region_id": buy.region.id,
                "charge_type": charge_type,
                "period_months": buy.months,
                "amount_rmb": str(order.amount_rmb),
                "internet_max_bandwidth_out": internet_max_bandwidth_out,
            },
        )
    return instance


def instance_renew(*, actor, instance_id: str, period_months: int) -> Instance:
    """Extend a subscription by ``period_months`` from its current expiry; once expired, renewal
    counts as buying today and the instance returns to its previous state (SPEC 3.4)."""
    _check_writer(actor)
    _check_period(period_months)
    with transaction.atomic():
        instance = _lock_instance(actor, instance_id)
        now = clock.now()
        _check_action(instance, rules.RENEW, now)
        before = instance.expired_time
        instance.expired_time = rules.renewal_expiry(expired_time=before, now=now, months=period_months)
        instance.save(update_fields=["expired_time"])
        order = _record_order(instance, kind=OrderKind.RENEWAL, months=period_months, now=now)
        audit_record(
            actor=actor,
            account=actor,
            action=InstanceAction.RENEW,
            target=instance,
            at=now,
            details={
                "period_months": period_months,
                "amount_rmb": str(order.amount_rmb),
                "expired_time_before": before.isoformat(),
                "expired_time_after": instance.expired_time.isoformat(),
            },
        )
    return instance


def instance_convert_to_prepaid(*, actor, instance_id: str, period_months: int) -> Instance:
    """Switch pay-as-you-go to subscription; counts as buying ``period_months`` today."""
    _check_writer(actor)
    _check_period(period_months)
    with transaction.atomic():
        instance = _lock_instance(actor, instance_id)
        now = clock.now()
        _check_action(instance, rules.CONVERT, now)
        instance.charge_type = rules.PREPAID
        instance.expired_time = rules.purchase_expiry(now, period_months)
        instance.save(update_fields=["charge_type", "expired_time"])
        order = _record_order(instance, kind=OrderKind.CONVERSION, months=period_months, now=now)
        audit_record(
            actor=actor,
            account=actor,
            action=InstanceAction.CONVERT_TO_PREPAID,
            target=instance,
            at=now,
            details={
                "period_months": period_months,
                "amount_rmb": str(order.amount_rmb),
                "expired_time": instance.expired_time.isoformat(),
            },
        )
    return instance


def instance_modify_bandwidth(*, actor, instance_id: str, internet_max_bandwidth_out: int) -> Instance:
    """Change public bandwidth: a public IP is assigned when it rises from 0 and released at 0."""
    _check_writer(actor)
    _check_bandwidth(internet_max_bandwidth_out)
    with transaction.atomic():
        instance = _lock_instance(actor, instance_id)
        now = clock.now()
        _check_action(instance, rules.BANDWIDTH, now)
        before = instance.internet_max_bandwidth_out
        instance.internet_max_bandwidth_out = internet_max_bandwidth_out
        if internet_max_bandwidth_out == 0:
            instance.public_ip_address = None
        elif instance.public_ip_address is None:
            instance.public_ip_address = _allocate_public_ip()
        instance.save(update_fields=["internet_max_bandwidth_out", "public_ip_address"])
        audit_record(
            actor=actor,
            account=actor,
            action=InstanceAction.MODIFY_BANDWIDTH,
            target=instance,
            at=now,
            details={
                "from_mbps": before,
                "to_mbps": internet_max_bandwidth_out,
                "public_ip_address": instance.public_ip_address,
            },
        )
    return instance


def _set_power(actor, instance_id: str, *, to: str, action: str) -> Instance:
    _check_writer(actor)
    with transaction.atomic():
        instance = _lock_instance(actor, instance_id)
        now = clock.now()
        current = instance.status_at(now)
        _check_action(instance, rules.START if to == InstanceStatus.RUNNING else rules.STOP, now)
        instance.status = to
        instance.save(update_fields=["status"])
        audit_record(
            actor=actor,
            account=actor,
            action=action,
            target=instance,
            at=now,
            details={"from": current, "to": to},
        )
    return instance


def instance_stop(*, actor, instance_id: str) -> Instance:
    return _set_power(actor, instance_id, to=InstanceStatus.STOPPED, action=InstanceAction.STOP)


def instance_start(*, actor, instance_id: str) -> Instance:
    return _set_power(actor, instance_id, to=InstanceStatus.RUNNING, action=InstanceAction.START)


def instance_release(*, actor, instance_id: str) -> Instance:
    """Release an instance: it stops, loses its public IP and can no longer be changed. Its
    service codes stay on record (a code is never deleted for reuse)."""
    _check_writer(actor)
    with transaction.atomic():
        instance = _lock_instance(actor, instance_id)
        now = clock.now()
        instance.status = InstanceStatus.RELEASED
        instance.public_ip_address = None
        instance.internet_max_bandwidth_out = 0
        instance.released_time = now
        instance.save(
            update_fields=["status", "public_ip_address", "internet_max_bandwidth_out", "released_time"]
        )
        audit_record(actor=actor, account=actor, action=InstanceAction.RELEASE, target=instance, at=now)
    return instance
