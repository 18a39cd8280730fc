"""Admin for the registrar: staff see every registered domain, and add domains held at other
registrars (SPEC 3.9) through ``registrar.services.domain_add_external`` (its refusals become
form errors). Rows change only through the services: the account's console and API."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from icpconsole.core.errors import DomainError

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

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.row: Domain | None = None

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            self.row = services.domain_add_external(
                actor=self.actor,
                domain=data["domain"],
                registrar=data["registrar"],
                holder_name=data["holder_name"],
                holder_certificate_number=data["holder_certificate_number"],
                expired_time=data.get("expired_time"),
            )
        except DomainError as exc:
            fields = exc.extra.get("fields") or {}
            field = next((name for name in fields if name in self.fields), None)
            raise ValidationError({field: exc.message} if field else exc.message) from None
        return data

    def validate_unique(self):
        # The service checked uniqueness (DOMAIN_TAKEN) and wrote the row.
        pass

    def _post_clean(self):
        pass


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
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

            class BoundForm(ExternalDomainForm):
                def __init__(self, *args, **kw):
                    super().__init__(*args, actor=request.user, **kw)

            return BoundForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": ExternalDomainForm.Meta.fields})]
        return super().get_fieldsets(request, obj)

    def save_form(self, request, form, change):
        return form.row if not change else super().save_form(request, form, change)

    def save_model(self, request, obj, form, change):
        """Already written by ``domain_add_external`` in the form's validation."""

    def save_related(self, request, form, formsets, change):
        """No related rows."""
