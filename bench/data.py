"""Benchmark data, generated fast with ``bulk_create`` (run inside a configured Django process).

``seed_account`` gives one account a realistic mix of instances (mostly eligible ECS, every reason
represented, account-wide quota products among them), each with its purchase order, and service
codes on a third of the eligible ones. ``seed_load`` prepares what the load phases need: the
instances the parallel applies and the throughput runs use, and accounts ready for a first filing.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools

from django.contrib.auth.hashers import make_password
from django.db import transaction
from rest_framework.authtoken.models import Token

from icpconsole.accounts.models import User
from icpconsole.core import clock
from icpconsole.core.models import ClockState
from instances import rules
from instances.models import Instance, InstanceOrder, Product
from servicecodes.models import ServiceCode

BATCH = 2000
CODE_STATUSES = ["unused", "filing", "used", "deleted", "unused"]

# One cycle of 20 instances: what each row of an account looks like.
MIX = (
    [{"kind": "eligible"}] * 12
    + [{"kind": "eligible", "product": "sas"}]
    + [{"kind": "postpaid"}, {"kind": "postpaid"}]
    + [{"kind": "expired"}]
    + [{"kind": "eligible", "region": "cn-hongkong"}]
    + [{"kind": "no_ip"}]
    + [{"kind": "stopped"}]
    + [{"kind": "eligible", "product": "elastic_web_hosting"}]
)


class _Ips:
    """Unique public IPs (the column is unique across the whole table)."""

    def __init__(self, start: int = 0):
        self.n = start

    def next(self) -> str:
        n = self.n
        self.n += 1
        return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


def ensure_clock() -> None:
    ClockState.objects.get_or_create(pk=ClockState.SINGLETON_ID)


@functools.cache
def _password_hash() -> str:
    # Hashed once: the product's hasher is deliberately slow, and the load phases authenticate
    # with tokens. (Filing passwords are still hashed by the product as it always does.)
    return make_password("bench-Passw0rd!")


def make_user(username: str, *, staff: bool = False) -> tuple[User, str]:
    user = User(username=username, display_name=username, is_staff=staff, is_superuser=staff,
                password=_password_hash())
    user.save()
    token = Token.objects.create(user=user)
    return user, token.key


def _instance(owner, i: int, spec: dict, now: dt.datetime, ips: _Ips, products: dict) -> Instance:
    kind = spec["kind"]
    product = products[spec.get("product", "ecs")]
    created = now - dt.timedelta(minutes=i)
    charge_type, months, status, bandwidth = rules.PREPAID, 36, "Running", 5
    if kind == "postpaid":
        charge_type, months = rules.POSTPAID, 0
    elif kind == "expired":
        created = now - dt.timedelta(days=400, minutes=i)
        months = 12
    elif kind == "no_ip":
        bandwidth = 0
    elif kind == "stopped":
        status = "Stopped"
    expired = rules.purchase_expiry(created, months) if charge_type == rules.PREPAID else None
    instance = Instance(
        name=f"bench-{i}", owner=owner, product=product, region_id=spec.get("region", "cn-hangzhou"),
        charge_type=charge_type, status=status, created_time=created, expired_time=expired,
        internet_max_bandwidth_out=bandwidth, public_ip_address=ips.next() if bandwidth else None,
    )
    instance.bench_months = months
    return instance


def _orders_for(instances: list[Instance]) -> list[InstanceOrder]:
    orders = []
    for inst in instances:
        months = inst.bench_months
        orders.append(InstanceOrder(
            instance=inst, kind="purchase", charge_type=inst.charge_type, months=months,
            amount_rmb=inst.product.monthly_price_rmb * months,
            created_time=inst.created_time, expired_time_after=inst.expired_time,
        ))
    return orders


def bulk_instances(owner: User, specs: list[dict], *, ip_start: int, now=None) -> list[Instance]:
    now = now or clock.now()
    products = {p.id: p for p in Product.objects.all()}
    ips = _Ips(ip_start)
    rows = [_instance(owner, i, spec, now, ips, products) for i, spec in enumerate(specs)]
    created: list[Instance] = []
    for start in range(0, len(rows), BATCH):
        batch = Instance.objects.bulk_create(rows[start:start + BATCH])
        InstanceOrder.objects.bulk_create(_orders_for(batch))
        created.extend(batch)
    return created


def _codes_for(owner: User, instances: list[Instance], now) -> list[ServiceCode]:
    """Codes on every third eligible per-instance row (1 to 5 of them, statuses mixed), and the
    account-wide quota of the elastic web hosting rows used up (5 codes on the first ones)."""
    codes: list[ServiceCode] = []
    account_slots = itertools.count(1)
    per_instance = 0
    for inst in instances:
        eligible_kind = inst.charge_type == rules.PREPAID and inst.status == "Running" \
            and inst.internet_max_bandwidth_out > 0 and inst.expired_time > now
        if inst.product_id == "elastic_web_hosting":
            slot = next(account_slots)
            if slot <= 5:
                codes.append(ServiceCode(instance=inst, account=owner, quota_key=f"account:{owner.pk}",
                                         slot=slot, status="unused", created_time=now, status_time=now))
            continue
        if not eligible_kind or inst.region_id == "cn-hongkong":
            continue
        per_instance += 1
        if per_instance % 3:
            continue
        for slot in range(1, (per_instance // 3) % 5 + 2):
            status = CODE_STATUSES[(per_instance + slot) % len(CODE_STATUSES)]
            codes.append(ServiceCode(
                instance=inst, account=owner, quota_key=f"instance:{inst.pk}", slot=slot, status=status,
                icp_number="浙ICP备20260001号-1" if status in ("used", "deleted") else "",
                created_time=now - dt.timedelta(seconds=per_instance * 10 + slot), status_time=now,
            ))
    return codes


@transaction.atomic
def seed_account(username: str, n: int, *, ip_start: int = 0) -> dict:
    """``username`` with ``n`` instances of the mix and their codes; returns its id and token."""
    ensure_clock()
    now = clock.now()
    owner, token = make_user(username)
    specs = list(itertools.islice(itertools.cycle(MIX), n))
    instances = bulk_instances(owner, specs, ip_start=ip_start, now=now)
    codes = _codes_for(owner, instances, now)
    for start in range(0, len(codes), BATCH):
        ServiceCode.objects.bulk_create(codes[start:start + BATCH])
    return {"username": username, "user_id": owner.pk, "token": token, "instances": n, "codes": len(codes)}


@transaction.atomic
def seed_load(*, contention_sets: int, contention_width: int, throughput_instances: int,
              filing_accounts: int) -> dict:
    """The load phases' world: fresh eligible instances (each used by one run only), a staff
    account, and accounts that each own one eligible instance for a first filing."""
    ensure_clock()
    now = clock.now()
    ip = itertools.count(0, 100_000)
    loader, loader_token = make_user("loader")
    _, staff_token = make_user("reviewer", staff=True)
    eligible = {"kind": "eligible"}

    def fresh(owner, count):
        return [i.instance_id for i in bulk_instances(owner, [eligible] * count, ip_start=next(ip), now=now)]

    contention = [fresh(loader, contention_width) for _ in range(contention_sets)]
    single = fresh(loader, contention_sets)
    throughput = fresh(loader, throughput_instances)
    filers = []
    for k in range(filing_accounts):
        user, token = make_user(f"filer{k}")
        [instance] = bulk_instances(user, [eligible], ip_start=5_000_000 + k, now=now)
        instance_id = instance.instance_id
        filers.append({"token": token, "instance_id": instance_id, "domain": f"www.bench-filer-{k}.cn"})
    return {
        "loader_token": loader_token,
        "staff_token": staff_token,
        "contention_sets": contention,
        "single_instances": single,
        "throughput_instances": throughput,
        "filers": filers,
    }
