from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from icpconsole.core import clock
from icpconsole.core.admin_mixins import ReadOnlyAdminMixin

from .models import Instance, InstanceOrder, InstanceStatus, Product, Region


@admin.register(Region)
class RegionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["id", "name", "name_zh", "mainland"]
    list_filter = ["mainland"]
    search_fields = ["id", "name", "name_zh"]


@admin.register(Product)
class ProductAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["id", "name", "min_months", "min_order_rmb", "quota", "quota_scope", "monthly_price_rmb"]
    search_fields = ["id", "name", "name_zh"]


class InstanceOrderInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = InstanceOrder
    extra = 0
    fields = ["created_time", "kind", "charge_type", "months", "amount_rmb", "expired_time_after"]
    readonly_fields = fields


class StatusAtNowFilter(admin.SimpleListFilter):
    """The status as callers see it now (``Expired`` is derived from the simulated clock)."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return InstanceStatus.choices

    def queryset(self, request, queryset):
        if self.value() in InstanceStatus.values:
            return queryset.with_status(self.value(), clock.now())
        return queryset


@admin.register(Instance)
class InstanceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["instance_id", "name", "owner", "product", "region", "charge_type", "current_status",
                    "expired_time", "internet_max_bandwidth_out", "public_ip_address"]
    list_filter = ["product", "region__mainland", "region", "charge_type", StatusAtNowFilter]
    search_fields = ["instance_id", "name", "owner__username", "owner__uid", "public_ip_address"]
    list_select_related = ["owner", "product", "region"]
    readonly_fields = [f.name for f in Instance._meta.fields]
    inlines = [InstanceOrderInline]

    @admin.display(description=_("status"))
    def current_status(self, obj):
        if not hasattr(self, "_now"):
            self._now = clock.now()
        return InstanceStatus(obj.status_at(self._now)).label

    def changelist_view(self, request, extra_context=None):
        self._now = clock.now()
        return super().changelist_view(request, extra_context)


@admin.register(InstanceOrder)
class InstanceOrderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_time", "instance", "kind", "charge_type", "months", "amount_rmb"]
    list_filter = ["kind", "charge_type"]
    search_fields = ["instance__instance_id"]
    list_select_related = ["instance"]
