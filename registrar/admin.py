"""Admin for the registrar: staff see every registered domain, and add domains held at other
registrars (SPEC 3.9) through ``registrar.services.domain_add_external`` (its refusals become
form errors). Rows change only through the services: the account's console and API."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from icpconsole.core.admin_mixins import ServiceFormAdminMixin

from . import services
from .models import Domain


class ExternalDomainForm(forms.ModelForm):
    registrar = forms.CharField(label=_("registrar"), help_text=_("The other registrar, e.g. GoDaddy."))
    expired_time = forms.DateTimeField(
        label=_("expires"), required=False, help_text=_("Default: a year from now.")
    )

    class Meta:
        model = Domain
        fields = ("domain", "registrar", "holder_name", "holder_certificate_number", "expired_time")

    def validate_unique(self):
        # The service decides whether the domain is free (DOMAIN_TAKEN, with its own words).
        pass


@admin.register(Domain)
class DomainAdmin(ServiceFormAdminMixin, admin.ModelAdmin):
    list_display = ("domain", "registrar", "account", "holder_name", "real_name_status", "expired_time")
    list_filter = ("registrar", "real_name_status")
    search_fields = ("domain", "holder_name", "holder_certificate_number", "account__username")
    list_select_related = ("account",)

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ExternalDomainForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": ExternalDomainForm.Meta.fields})]
        return super().get_fieldsets(request, obj)

    def service_save(self, request, form, change):
        data = form.cleaned_data
        return services.domain_add_external(
            actor=request.user,
            domain=data["domain"],
            registrar=data["registrar"],
            holder_name=data["holder_name"],
            holder_certificate_number=data["holder_certificate_number"],
            expired_time=data.get("expired_time"),
        )
