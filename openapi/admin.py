from django.contrib import admin

from icpconsole.core.admin_mixins import ReadOnlyAdminMixin

from .models import AccessKey, ServiceCodeGrant


@admin.register(AccessKey)
class AccessKeyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Staff see who holds which pair and when it was last used; never the secret. Keys are
    created, disabled and deleted by their owners (console page or API), through the services."""

    list_display = ["access_key_id", "owner", "status", "created_time", "last_used_time"]
    list_filter = ["status"]
    search_fields = ["access_key_id", "owner__username", "owner__uid"]
    list_select_related = ["owner"]
    fields = ["access_key_id", "owner", "status", "created_time", "last_used_time"]
    readonly_fields = fields


@admin.register(ServiceCodeGrant)
class ServiceCodeGrantAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["service_code", "granted_by", "grantee", "notes", "created_time"]
    search_fields = ["service_code__code", "grantee__username", "grantee__uid", "granted_by__username"]
    list_select_related = ["service_code", "granted_by", "grantee"]
    readonly_fields = [f.name for f in ServiceCodeGrant._meta.fields]
