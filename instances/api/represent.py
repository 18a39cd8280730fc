"""The instance JSON built by hand: the same document ``InstanceSerializer``'s fields describe.

DRF's field machinery (binding a dozen fields per serializer, then ``get_attribute`` and
``to_representation`` for every field of every row) was about a quarter of ``GET
/api/v1/instances/`` (docs/performance.md). Here each row is one dict built from the instance's
attributes; dates and amounts still go through DRF's own ``DateTimeField`` and ``DecimalField``
so that they read exactly as before, and ``tests/perf/test_instance_json.py`` compares the two
for every kind of row. The fields other apps attach come from their extension's ``represent``.
"""

from __future__ import annotations

from django.utils import translation
from rest_framework import serializers

from instances.models import PREFETCHED_ORDERS, Instance, InstanceOrder

from .extensions import extension_values

_DATETIME = serializers.DateTimeField()
_AMOUNT = serializers.DecimalField(
    max_digits=InstanceOrder._meta.get_field("amount_rmb").max_digits,
    decimal_places=InstanceOrder._meta.get_field("amount_rmb").decimal_places,
)


def _datetime(value):
    return None if value is None else _DATETIME.to_representation(value)


def _order(order: InstanceOrder) -> dict:
    return {
        "kind": order.kind,
        "charge_type": order.charge_type,
        "months": int(order.months),
        "amount_rmb": _AMOUNT.to_representation(order.amount_rmb),
        "created_time": _datetime(order.created_time),
    }


def orders_of(instance: Instance) -> list[dict]:
    # Sorted here so the order holds whatever the prefetch's ordering (the model's is newest first).
    orders = getattr(instance, PREFETCHED_ORDERS, None)
    if orders is None:
        orders = instance.orders.all()
    return [_order(o) for o in sorted(orders, key=lambda o: (o.created_time, o.pk))]


def region_name(instance: Instance) -> str:
    region = instance.region
    return region.name_zh if (translation.get_language() or "").startswith("zh") else region.name


def represent_instance(instance: Instance, now) -> dict:
    """The instance's JSON at ``now`` (after ``annotate_instances``), in the active language."""
    ip = instance.public_ip_address
    return {
        "instance_id": instance.instance_id,
        "name": instance.name,
        "product": instance.product_id,
        "region_id": instance.region_id,
        "region_name": region_name(instance),
        "charge_type": instance.charge_type,
        "status": instance.status_at(now),
        "created_time": _datetime(instance.created_time),
        "expired_time": _datetime(instance.expired_time),
        "internet_max_bandwidth_out": int(instance.internet_max_bandwidth_out),
        "public_ip_address": None if ip is None else str(ip),
        "owner_uid": str(instance.owner.uid),
        "orders": orders_of(instance),
        **extension_values(instance),
    }
