from django.contrib import admin

from icpconsole.core.admin_mixins import ReadOnlyAdminMixin

from .models import ServiceCode


@admin.register(ServiceCode)
class ServiceCodeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Service codes are never released, deleted or reused in any interface, the admin included
    (seeds 000/001): staff can only look."""

    list_display = [
        "code",
        "instance",
        "account",
        "status",
        "icp_number",
        "slot",
        "created_time",
        "status_time",
    ]
    list_filter = ["status", "instance__product"]
    search_fields = ["code", "instance__instance_id", "account__username", "account__uid", "icp_number"]
    list_select_related = ["instance", "account", "instance__product"]
    readonly_fields = [f.name for f in ServiceCode._meta.fields]
