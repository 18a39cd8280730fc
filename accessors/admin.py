"""Admin (SPEC 4.3): what access providers reported through Beian 2016-08-10, for staff to read and
search. Rows change only through ``accessors.services`` (the providers' own calls): read-only here."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from icpconsole.core import clock
from icpconsole.core.admin_mixins import ReadOnlyAdminMixin

from . import selectors
from .models import FullDomainsSubmission, IpCheck, ReportedDomain, ReportedIp, WhiteListEntry


class LiveFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "live"

    def lookups(self, request, model_admin):
        return [("yes", _("Live")), ("no", _("Withdrawn"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(removed_time__isnull=True)
        if self.value() == "no":
            return queryset.filter(removed_time__isnull=False)
        return queryset


class _ReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_select_related = ["account"]
    list_filter = [LiveFilter]
    date_hierarchy = "created_time"

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields] + list(self.extra_readonly)

    extra_readonly: tuple[str, ...] = ()


@admin.register(ReportedDomain)
class ReportedDomainAdmin(_ReportAdmin):
    list_display = ["domain", "account", "created_time", "removed_time"]
    search_fields = ["domain", "account__username", "account__uid"]


@admin.register(ReportedIp)
class ReportedIpAdmin(_ReportAdmin):
    list_display = ["ip", "ip_version", "account", "remark", "created_time", "removed_time"]
    list_filter = [LiveFilter, "ip_version"]
    search_fields = ["ip", "remark", "account__username", "account__uid"]


@admin.register(WhiteListEntry)
class WhiteListEntryAdmin(_ReportAdmin):
    list_display = ["domain", "account", "start_time", "end_time", "state", "remark", "created_time"]
    search_fields = ["domain", "remark", "account__username", "account__uid"]
    extra_readonly = ("state",)

    @admin.display(description=_("state now"))
    def state(self, obj: WhiteListEntry) -> str:
        return selectors.white_list_state(obj, now=clock.now())


@admin.register(IpCheck)
class IpCheckAdmin(_ReportAdmin):
    list_display = [
        "ip",
        "check_type",
        "account",
        "flagged_domains",
        "remark",
        "created_time",
        "removed_time",
    ]
    list_filter = [LiveFilter, "check_type"]
    search_fields = ["ip", "remark", "account__username", "account__uid"]
    extra_readonly = ("flagged_domains",)

    @admin.display(description=_("domains pointing at the IP"))
    def flagged_domains(self, obj: IpCheck) -> str:
        return ", ".join(selectors.domains_pointing_at(obj.ip)) or "-"


@admin.register(FullDomainsSubmission)
class FullDomainsSubmissionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["account", "objects", "first_object", "created_time"]
    list_select_related = ["account"]
    search_fields = ["account__username", "account__uid"]
    date_hierarchy = "created_time"

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    @admin.display(description=_("OSS objects"))
    def objects(self, obj: FullDomainsSubmission) -> int:
        return len(obj.oss_list)

    @admin.display(description=_("first OSS object"))
    def first_object(self, obj: FullDomainsSubmission) -> str:
        return obj.oss_list[0] if obj.oss_list else "-"
