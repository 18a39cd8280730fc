"""The admin's "Simulator" page (SPEC 4.6): the same controls as ``/api/v1/simulator/`` and
``manage.py simulator``: reset (after a confirmation), snapshot, restore, settings, fault rules and
the log of injected faults."""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from icpconsole.core.admin_mixins import ReadOnlyAdminMixin, ServiceFormAdminMixin
from icpconsole.core.errors import DomainError

from . import faults, services, world
from .models import FaultRule, InjectedFault, SimulatorSettings, may_drive_sandbox


class ResetForm(forms.Form):
    world = forms.ChoiceField(
        label=_("World"), choices=[("empty", _("Empty (staff accounts kept)")), ("demo", _("The demo world"))]
    )


class RestoreForm(forms.Form):
    document = forms.FileField(label=_("Snapshot or world file (JSON or YAML)"))
    confirm = forms.BooleanField(label=_("I understand that this replaces the whole world."))


class SettingsForm(forms.ModelForm):
    class Meta:
        model = SimulatorSettings
        fields = list(world.SETTINGS_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A post without the provider (an older form's) keeps the profile in force.
        self.fields["provider"].required = False

    def clean_provider(self) -> str:
        return self.cleaned_data.get("provider") or self.instance.provider


@admin.register(SimulatorSettings)
class SimulatorAdmin(admin.ModelAdmin):
    """Its list page is the Simulator control page (one settings row, many controls)."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # Issue 27: the page and its controls are for who may drive the sandbox, not every staff member.
    def has_module_permission(self, request):
        return may_drive_sandbox(request.user)

    def has_view_permission(self, request, obj=None):
        return may_drive_sandbox(request.user)

    def has_change_permission(self, request, obj=None):
        return may_drive_sandbox(request.user)

    def get_urls(self):
        def view(func):
            def guarded(request, *args, **kwargs):
                if not may_drive_sandbox(request.user):
                    raise PermissionDenied
                return func(request, *args, **kwargs)

            return self.admin_site.admin_view(guarded)

        return [
            path("reset/", view(self.reset_view), name="simulator_reset"),
            path("snapshot/", view(self.snapshot_view), name="simulator_snapshot"),
            path("restore/", view(self.restore_view), name="simulator_restore"),
            *super().get_urls(),
        ]

    def _page(self, request, **forms_):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Simulator"),
            "opts": self.model._meta,
            "info": services.simulator_info(),
            "reset_form": forms_.get("reset_form") or ResetForm(),
            "restore_form": forms_.get("restore_form") or RestoreForm(),
            "settings_form": forms_.get("settings_form") or SettingsForm(instance=world.settings_row()),
            "rules": FaultRule.objects.order_by("id"),
            "injected": InjectedFault.objects.order_by("-time", "-id")[:10],
        }
        return TemplateResponse(request, "admin/simulator/controls.html", context)

    def changelist_view(self, request, extra_context=None):
        if not may_drive_sandbox(request.user):
            raise PermissionDenied
        if request.method == "POST":
            form = SettingsForm(request.POST, instance=world.settings_row())
            if form.is_valid():
                services.simulator_settings_update(actor=request.user, changes=form.cleaned_data)
                self.message_user(request, _("The settings are saved."))
                return redirect("admin:simulator_simulatorsettings_changelist")
            return self._page(request, settings_form=form)
        return self._page(request)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return redirect("admin:simulator_simulatorsettings_changelist")

    def reset_view(self, request):
        """GET (or a POST without ``confirm``) asks; a POST with ``confirm`` resets."""
        form = ResetForm(request.POST or request.GET or None)
        if not form.is_valid():
            return self._page(request, reset_form=form)
        world_name = form.cleaned_data["world"]
        if request.method == "POST" and request.POST.get("confirm") == "yes":
            result = services.simulator_reset(actor=request.user, world_name=world_name)
            self.message_user(
                request,
                _("The world was reset to %(world)s in %(ms)s ms.")
                % {"world": world_name, "ms": result["elapsed_ms"]},
            )
            return redirect("admin:simulator_simulatorsettings_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reset the world?"),
            "opts": self.model._meta,
            "world": world_name,
            "counts": world.counts(),
        }
        return TemplateResponse(request, "admin/simulator/reset_confirm.html", context)

    def snapshot_view(self, request):
        response = HttpResponse(
            json.dumps(world.snapshot(), ensure_ascii=False, indent=1), content_type="application/json"
        )
        # In the console's time zone (CST), as the page shows times, with the offset to be plain.
        name = timezone.localtime().strftime("icp-simulator-%Y%m%d-%H%M%S%z.json")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def restore_view(self, request):
        if request.method != "POST":
            return redirect("admin:simulator_simulatorsettings_changelist")
        form = RestoreForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["document"]
            try:
                document = world.parse(upload.read(), name=upload.name)
                result = services.simulator_restore(actor=request.user, document=document)
            except DomainError as exc:
                errors = exc.as_dict().get("errors") or [exc.message]
                for error in errors[:10]:
                    self.message_user(request, error, messages.ERROR)
                return self._page(request, restore_form=form)
            self.message_user(
                request, _("The world was restored (%(n)s rows).") % {"n": sum(result["counts"].values())}
            )
            return redirect("admin:simulator_simulatorsettings_changelist")
        return self._page(request, restore_form=form)


class FaultRuleForm(forms.ModelForm):
    error = forms.CharField(
        label=_("error"),
        required=False,
        help_text=_(
            "Throttling, Throttling.User, Throttling.Api, ServiceUnavailable, InternalError "
            "or an HTTP status."
        ),
    )

    class Meta:
        model = FaultRule
        fields = ["target", "error", "probability", "latency_ms", "times", "account", "access_key_id"]

    def clean(self):
        data = super().clean()
        try:
            self.rule = faults.clean_rule({k: v for k, v in data.items() if v is not None or k == "times"})
        except DomainError as exc:
            field = next(iter(exc.as_dict().get("fields", {})), None)
            raise forms.ValidationError(
                {field: exc.message} if field in self.fields else exc.message
            ) from None
        return data


class SandboxOnlyAdmin(admin.ModelAdmin):
    """Fault rules and their log belong to the sandbox's drivers (issue 27)."""

    def has_module_permission(self, request):
        return may_drive_sandbox(request.user)

    def has_view_permission(self, request, obj=None):
        return may_drive_sandbox(request.user)

    def has_add_permission(self, request):
        return may_drive_sandbox(request.user)

    def has_change_permission(self, request, obj=None):
        return may_drive_sandbox(request.user)

    def has_delete_permission(self, request, obj=None):
        return may_drive_sandbox(request.user)


@admin.register(FaultRule)
class FaultRuleAdmin(ServiceFormAdminMixin, SandboxOnlyAdmin):
    """Add and delete rules (through the same checks as the API); a rule is never edited."""

    form = FaultRuleForm
    list_display = [
        "target",
        "error",
        "account",
        "access_key_id",
        "probability",
        "latency_ms",
        "times",
        "remaining",
        "created_time",
    ]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def service_save(self, request, form, change):
        return faults.fault_rule_add(**form.rule)

    def service_delete(self, request, rows) -> None:
        faults.fault_rules_delete(ids=[row.pk for row in rows])


@admin.register(InjectedFault)
class InjectedFaultAdmin(ReadOnlyAdminMixin, SandboxOnlyAdmin):
    list_display = ["time", "interface", "target", "error", "status", "latency_ms"]
    list_filter = ["interface", "error", "target"]
    date_hierarchy = "time"


def simulator_url() -> str:
    return reverse("admin:simulator_simulatorsettings_changelist")
