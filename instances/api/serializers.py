from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from icpconsole.core import clock
from icpconsole.core.api.serializers import StrictCharField, StrictIntegerField, enum_string_field
from instances import rules
from instances.catalog import QUOTA_SCOPE_ACCOUNT, QUOTA_SCOPE_INSTANCE
from instances.models import (
    PREFETCHED_ORDERS,
    Instance,
    InstanceOrder,
    InstanceStatus,
    OrderKind,
    Product,
    Region,
)

from .extensions import annotate_instances, extension_fields
from .represent import region_name, represent_instance

CHARGE_TYPES = [rules.PREPAID, rules.POSTPAID]
_CHARGE_TYPE_HELP = "`PrePaid` (subscription) or `PostPaid` (pay-as-you-go)."


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "name", "name_zh", "mainland"]
        read_only_fields = fields


class ProductSerializer(serializers.ModelSerializer):
    min_months = serializers.IntegerField(
        allow_null=True,
        read_only=True,
        help_text="Minimum subscription for a service code; null when unsupported.",
    )
    min_order_rmb = serializers.DecimalField(
        max_digits=10,
        decimal_places=2,
        allow_null=True,
        read_only=True,
        help_text="Minimum single order for a service code, or null.",
    )
    quota = serializers.IntegerField(
        read_only=True, help_text="Service codes per quota scope (0: unsupported)."
    )
    quota_scope = enum_string_field([QUOTA_SCOPE_INSTANCE, QUOTA_SCOPE_ACCOUNT], read_only=True)
    supported = serializers.BooleanField(
        read_only=True, help_text="Whether the product can get service codes."
    )

    class Meta:
        model = Product
        fields = [
            "id",
            "name",
            "name_zh",
            "min_months",
            "min_order_rmb",
            "quota",
            "quota_scope",
            "monthly_price_rmb",
            "supported",
        ]
        read_only_fields = fields


class InstanceOrderSerializer(serializers.ModelSerializer):
    kind = enum_string_field(OrderKind.values, read_only=True)
    charge_type = enum_string_field(CHARGE_TYPES, read_only=True)

    class Meta:
        model = InstanceOrder
        fields = ["kind", "charge_type", "months", "amount_rmb", "created_time"]
        read_only_fields = fields


class InstanceSerializer(serializers.ModelSerializer):
    """An instance as its account sees it at the request's ``now`` (context), with its
    service-code eligibility (fields other apps attach: ``extensions``). Views pass a page through
    ``annotate_instances`` first."""

    product = serializers.CharField(source="product_id", read_only=True)
    region_id = serializers.CharField(read_only=True)
    region_name = serializers.SerializerMethodField(help_text="In the request's language.")
    charge_type = enum_string_field(CHARGE_TYPES, read_only=True, help_text=_CHARGE_TYPE_HELP)
    status = serializers.SerializerMethodField(
        help_text="`Expired` once a subscription's `expired_time` passed."
    )
    expired_time = serializers.DateTimeField(read_only=True, allow_null=True, help_text="Null for PostPaid.")
    public_ip_address = serializers.IPAddressField(read_only=True, allow_null=True)
    owner_uid = serializers.CharField(source="owner.uid", read_only=True)
    orders = serializers.SerializerMethodField(help_text="Billing orders, oldest first.")

    class Meta:
        model = Instance
        fields = [
            "instance_id",
            "name",
            "product",
            "region_id",
            "region_name",
            "charge_type",
            "status",
            "created_time",
            "expired_time",
            "internet_max_bandwidth_out",
            "public_ip_address",
            "owner_uid",
            "orders",
        ]
        read_only_fields = fields

    def get_fields(self):
        return {**super().get_fields(), **extension_fields()}

    def _now(self):
        # One clock read per request: views put ``now`` in the context; compute it once otherwise.
        if "now" not in self.context:
            self.context["now"] = clock.now()
        return self.context["now"]

    def to_representation(self, instance):
        """Built by hand (``represent.py``): the same JSON as the fields above, which document it
        (``drf_representation`` gives theirs)."""
        if not getattr(instance, "_extensions_annotated", False):
            annotate_instances([instance], viewer=self.context["request"].user, now=self._now())
        return represent_instance(instance, self._now())

    def drf_representation(self, instance):
        """The JSON of the declared fields, through DRF (what ``to_representation`` must equal)."""
        return super().to_representation(instance)

    @extend_schema_field(serializers.CharField(allow_null=False))
    def get_region_name(self, instance: Instance) -> str:
        return region_name(instance)

    @extend_schema_field({"type": "string", "enum": InstanceStatus.values})
    def get_status(self, instance: Instance) -> str:
        return instance.status_at(self._now())

    @extend_schema_field(InstanceOrderSerializer(many=True))
    def get_orders(self, instance: Instance):
        orders = getattr(instance, PREFETCHED_ORDERS, None)
        if orders is None:
            orders = instance.orders.all()
        return _ORDERS.to_representation(sorted(orders, key=lambda o: (o.created_time, o.pk)))


_ORDERS = InstanceOrderSerializer(many=True, read_only=True)


class InstancePurchaseSerializer(serializers.Serializer):
    """Types only: ``instance_purchase`` checks the values, so every interface shares the rules."""

    product = StrictCharField(help_text="A product id of `/api/v1/products/`, e.g. `ecs`.")
    region_id = StrictCharField(help_text="A region id of `/api/v1/regions/`, e.g. `cn-hangzhou`.")
    charge_type = enum_string_field(CHARGE_TYPES, help_text=_CHARGE_TYPE_HELP)
    period_months = StrictIntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Subscription months, 1 to 36 (PrePaid only).",
    )
    internet_max_bandwidth_out = StrictIntegerField(
        help_text="Public bandwidth in Mbps, 0 to 100; 0 means no public IP."
    )
    name = StrictCharField(required=False, allow_blank=True, default="", help_text="At most 128 characters.")


class PeriodSerializer(serializers.Serializer):
    period_months = StrictIntegerField(help_text="Months, 1 to 36.")


class BandwidthSerializer(serializers.Serializer):
    internet_max_bandwidth_out = StrictIntegerField(help_text="Mbps, 0 to 100; 0 releases the public IP.")
