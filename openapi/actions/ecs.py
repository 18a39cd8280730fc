"""ECS, API version 2014-05-26 (SPEC 4.5): the instance actions, answered by ``instances.services``.

Shapes follow ECS: ``Instances.Instance[]``, ``PublicIpAddress.IpAddress[]``, times in UTC to the
minute (``2026-01-31T16:00Z``), paging with ``PageNumber`` / ``PageSize`` (default 10, at most
100). The product is always ``ecs``. As on ECS, an expired subscription reads ``Stopped`` with an
``OperationLocks`` lock reason ``financial``, a pay-as-you-go instance's ``ExpiredTime`` is
``2099-12-31T15:59Z``, and released instances are no longer listed.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from icpconsole.core import clock
from icpconsole.core.provider import ALIBABA
from instances import rules
from instances import services as instance_services
from instances.models import Instance, InstanceOrder, InstanceStatus, OrderKind
from instances.selectors import instances_visible_to, regions_ordered

from ..errors import DRY_RUN, invalid_parameter, missing_parameter, rpc_error
from . import Call, Product, action, register_product

ECS = register_product(Product(name="Ecs", version="2014-05-26"))

PRODUCT_ID = "ecs"
MAX_AMOUNT = 10
DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 100
POSTPAID_EXPIRED_TIME = "2099-12-31T15:59Z"
ECS_STATUSES = ("Pending", "Running", "Starting", "Stopping", "Stopped")
FINANCIAL_LOCK = "financial"


# --- shapes ------------------------------------------------------------------------------------
def ecs_time(moment: dt.datetime | None) -> str:
    """``YYYY-MM-DDTHH:MMZ`` in UTC, as ECS writes times."""
    if moment is None:
        return ""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%MZ")


def zone_id(region_id: str) -> str:
    """The zone the simulator puts every instance in: ``cn-hangzhou-b``, ``ap-southeast-1b``."""
    return f"{region_id}b" if region_id[-1:].isdigit() else f"{region_id}-b"


def ecs_status(instance: Instance, now) -> tuple[str, bool]:
    """(ECS status, financially locked): an expired subscription is a stopped, locked instance."""
    status = instance.status_at(now)
    if status == InstanceStatus.EXPIRED:
        return "Stopped", True
    return status, False


def instance_body(instance: Instance, now) -> dict:
    status, locked = ecs_status(instance, now)
    prepaid = instance.charge_type == rules.PREPAID
    return {
        "InstanceId": instance.instance_id,
        "InstanceName": instance.name,
        "HostName": instance.name,
        "Description": "",
        "RegionId": instance.region_id,
        "ZoneId": zone_id(instance.region_id),
        "Status": status,
        "InstanceChargeType": instance.charge_type,
        "InternetChargeType": "PayByBandwidth" if prepaid else "PayByTraffic",
        "InternetMaxBandwidthOut": instance.internet_max_bandwidth_out,
        "PublicIpAddress": {"IpAddress": [instance.public_ip_address] if instance.public_ip_address else []},
        "InstanceNetworkType": "vpc",
        "CreationTime": ecs_time(instance.created_time),
        "ExpiredTime": ecs_time(instance.expired_time) if prepaid else POSTPAID_EXPIRED_TIME,
        "OperationLocks": {
            "LockReason": [{"LockReason": FINANCIAL_LOCK, "LockMsg": "The subscription has expired."}]
            if locked
            else []
        },
    }


def _money(amount: Decimal) -> float:
    return float(amount.quantize(Decimal("0.01")))


def _dry_run(call: Call) -> None:
    if call.params.flag("DryRun"):
        raise rpc_error(DRY_RUN)


def _period_months(call: Call, *, required: bool) -> int | None:
    """``Period`` in ``PeriodUnit=Month`` (the only unit the simulator sells)."""
    unit = call.params.text("PeriodUnit", default="Month")
    if unit != "Month":
        raise invalid_parameter("PeriodUnit", "Only Month is supported by the simulator.")
    return call.params.integer(
        "Period", required=required, minimum=rules.MIN_PERIOD_MONTHS, maximum=rules.MAX_PERIOD_MONTHS
    )


def _region(call: Call) -> str:
    region_id = call.params.text("RegionId", required=True)
    if not regions_ordered(ALIBABA).filter(pk=region_id).exists():
        raise rpc_error(
            ("InvalidRegionId.NotFound", "The specified RegionId does not exist.", 404), f"({region_id})"
        )
    return region_id


def _ecs_instance(instance_id: str, call: Call) -> str:
    """ECS actions see only ECS instances: another product's id is as unknown as a made-up one."""
    if not instances_visible_to(call.caller).filter(instance_id=instance_id, product_id=PRODUCT_ID).exists():
        raise rpc_error(
            ("InvalidInstanceId.NotFound", "The specified InstanceId does not exist.", 404),
            f"({instance_id})",
        )
    return instance_id


def _instance_id(call: Call) -> str:
    return _ecs_instance(call.params.text("InstanceId", required=True, max_length=64), call)


# --- reads -------------------------------------------------------------------------------------
@action(ECS, "DescribeRegions", write=False)
def describe_regions(call: Call) -> dict:
    """Every region, named in ``AcceptLanguage`` (``zh-CN``, the default, or ``en-US``)."""
    language = call.params.text("AcceptLanguage", default="zh-CN")
    english = language.lower().startswith("en")
    regions = [
        {
            "RegionId": region.id,
            "LocalName": region.name if english else region.name_zh,
            "RegionEndpoint": call.host,
            "Status": "available",
        }
        for region in regions_ordered(ALIBABA)  # the facade is Alibaba's whatever the profile
    ]
    return {"RequestId": call.request_id, "Regions": {"Region": regions}}


def _status_filter(wanted: str, now) -> Q:
    expired = Q(charge_type=rules.PREPAID, expired_time__lte=now)
    if wanted == "Running":
        return Q(status=InstanceStatus.RUNNING) & ~expired
    if wanted == "Stopped":
        return Q(status=InstanceStatus.STOPPED) | expired
    return Q(pk__in=[])  # Pending, Starting, Stopping: the simulator's instances are never in between


def _name_filter(pattern: str) -> Q:
    """``InstanceName`` matches exactly, or with ``*`` as a wildcard (ECS's fuzzy search)."""
    if "*" not in pattern:
        return Q(name=pattern)
    regex = "^" + ".*".join(re.escape(part) for part in pattern.split("*")) + "$"
    return Q(name__regex=regex)


@action(ECS, "DescribeInstances", write=False)
def describe_instances(call: Call) -> dict:
    params = call.params
    region_id = _region(call)
    page_number = params.integer("PageNumber", default=1, minimum=1)
    page_size = params.integer("PageSize", default=DEFAULT_PAGE_SIZE, minimum=1, maximum=MAX_PAGE_SIZE)
    now = clock.now()
    qs = instances_visible_to(call.caller, include_released=False).filter(
        product_id=PRODUCT_ID, region_id=region_id
    )
    instance_ids = params.json_list("InstanceIds")
    if instance_ids is not None:
        qs = qs.filter(instance_id__in=instance_ids)
    public_ips = params.ip_list("PublicIpAddresses")
    if public_ips is not None:
        qs = qs.filter(public_ip_address__in=public_ips)
    if (status := params.choice("Status", ECS_STATUSES)) is not None:
        qs = qs.filter(_status_filter(status, now))
    if (charge_type := params.choice("InstanceChargeType", (rules.PREPAID, rules.POSTPAID))) is not None:
        qs = qs.filter(charge_type=charge_type)
    if (name := params.text("InstanceName", max_length=128)) is not None:
        qs = qs.filter(_name_filter(name))
    if (zone := params.text("ZoneId")) is not None and zone != zone_id(region_id):
        qs = qs.none()
    total = qs.count()
    start = (page_number - 1) * page_size
    rows = list(qs[start : start + page_size])
    return {
        "RequestId": call.request_id,
        "TotalCount": total,
        "PageNumber": page_number,
        "PageSize": page_size,
        "Instances": {"Instance": [instance_body(instance, now) for instance in rows]},
    }


# --- writes ------------------------------------------------------------------------------------
@action(ECS, "RunInstances", write=True)
def run_instances(call: Call) -> dict:
    """Buy ``Amount`` (1-10) ECS instances, each through ``instance_purchase`` (all or none)."""
    params = call.params
    region_id = _region(call)
    charge_type = params.choice("InstanceChargeType", (rules.PREPAID, rules.POSTPAID), default=rules.POSTPAID)
    period = _period_months(call, required=charge_type == rules.PREPAID)
    amount = params.integer("Amount", default=1, minimum=1, maximum=MAX_AMOUNT)
    bandwidth = params.integer(
        "InternetMaxBandwidthOut", default=0, minimum=0, maximum=instance_services.MAX_BANDWIDTH_MBPS
    )
    name = params.text("InstanceName", default="", max_length=instance_services.MAX_NAME_LENGTH)
    _dry_run(call)
    with transaction.atomic():
        instances = [
            instance_services.instance_purchase(
                actor=call.caller,
                product_id=PRODUCT_ID,
                region_id=region_id,
                charge_type=charge_type,
                period_months=period if charge_type == rules.PREPAID else None,
                internet_max_bandwidth_out=bandwidth,
                name=name,
                provider=ALIBABA,
            )
            for _ in range(amount)
        ]
    orders = list(
        InstanceOrder.objects.filter(instance__in=instances, kind=OrderKind.PURCHASE).order_by("id")
    )
    return {
        "RequestId": call.request_id,
        "OrderId": str(orders[0].pk) if orders and charge_type == rules.PREPAID else "",
        "TradePrice": _money(sum((o.amount_rmb for o in orders), Decimal("0"))),
        "InstanceIdSets": {"InstanceIdSet": [instance.instance_id for instance in instances]},
    }


def _latest_order_id(instance: Instance, kind: str) -> str:
    order = InstanceOrder.objects.filter(instance=instance, kind=kind).order_by("-id").first()
    return str(order.pk) if order else ""


@action(ECS, "RenewInstance", write=True)
def renew_instance(call: Call) -> dict:
    instance_id = _instance_id(call)
    period = _period_months(call, required=True)
    _dry_run(call)
    instance = instance_services.instance_renew(
        actor=call.caller, instance_id=instance_id, period_months=period
    )
    return {"RequestId": call.request_id, "OrderId": _latest_order_id(instance, OrderKind.RENEWAL)}


@action(ECS, "StartInstance", write=True)
def start_instance(call: Call) -> dict:
    instance_id = _instance_id(call)
    _dry_run(call)
    instance_services.instance_start(actor=call.caller, instance_id=instance_id)
    return {"RequestId": call.request_id}


@action(ECS, "StopInstance", write=True)
def stop_instance(call: Call) -> dict:
    instance_id = _instance_id(call)
    _dry_run(call)
    instance_services.instance_stop(actor=call.caller, instance_id=instance_id)
    return {"RequestId": call.request_id}


@action(ECS, "ModifyInstanceChargeType", write=True)
def modify_instance_charge_type(call: Call) -> dict:
    """Pay-as-you-go to subscription for each of ``InstanceIds`` (the only direction sold here)."""
    params = call.params
    instance_ids = params.json_list("InstanceIds", required=True, max_items=20)
    if not instance_ids:
        raise missing_parameter("InstanceIds")
    charge_type = params.choice("InstanceChargeType", (rules.PREPAID, rules.POSTPAID), default=rules.PREPAID)
    if charge_type != rules.PREPAID:
        raise invalid_parameter(
            "InstanceChargeType", "The simulator converts pay-as-you-go to subscription (PrePaid) only."
        )
    period = _period_months(call, required=False) or 1
    _dry_run(call)
    fees = []
    first_order = ""
    with transaction.atomic():
        for instance_id in instance_ids:
            _ecs_instance(instance_id, call)
            instance = instance_services.instance_convert_to_prepaid(
                actor=call.caller, instance_id=instance_id, period_months=period
            )
            order = (
                InstanceOrder.objects.filter(instance=instance, kind=OrderKind.CONVERSION)
                .order_by("-id")
                .first()
            )
            first_order = first_order or (str(order.pk) if order else "")
            fees.append(
                {
                    "InstanceId": instance.instance_id,
                    "Currency": "CNY",
                    "Fee": str(order.amount_rmb if order else Decimal("0.00")),
                }
            )
    return {"RequestId": call.request_id, "OrderId": first_order, "FeeOfInstances": {"FeeOfInstance": fees}}


@action(ECS, "ModifyInstanceNetworkSpec", write=True)
def modify_instance_network_spec(call: Call) -> dict:
    """Change the public bandwidth (0 releases the public IP)."""
    instance_id = _instance_id(call)
    bandwidth = call.params.integer(
        "InternetMaxBandwidthOut", required=True, minimum=0, maximum=instance_services.MAX_BANDWIDTH_MBPS
    )
    _dry_run(call)
    instance_services.instance_modify_bandwidth(
        actor=call.caller, instance_id=instance_id, internet_max_bandwidth_out=bandwidth
    )
    return {"RequestId": call.request_id, "OrderId": ""}
