from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from . import clock
from .admin_mixins import ReadOnlyAdminMixin
from .api.permissions import may_drive_sandbox
from .audit import action_label
from .errors import DomainError
from .models import AuditEvent, ClockState


class AdvanceClockForm(forms.Form):
    advance_days = forms.IntegerField(
        label=_("Advance by (days)"),
        min_value=0,
        max_value=clock.MAX_ADVANCE_DAYS,
        initial=90,
        required=False,
    )
    advance_hours = forms.IntegerField(
        label=_("and (hours)"), min_value=0, max_value=clock.MAX_ADVANCE_HOURS, initial=0, required=False
    )


@admin.register(ClockState)
class ClockStateAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "offset_seconds", "simulated_now", "updated_time"]
    change_list_template = "admin/core/clockstate/change_list.html"

    @admin.display(description=_("simulated now"))
    def simulated_now(self, obj):
        return clock.now()

    def get_urls(self):
        return [
            path("advance/", self.admin_site.admin_view(self.advance_view), name="core_clockstate_advance"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "advance_url": reverse("admin:core_clockstate_advance")}
        return super().changelist_view(request, extra_context)

    def advance_view(self, request):
        if not may_drive_sandbox(request.user):
            return redirect("admin:index")
        form = AdvanceClockForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                clock.clock_advance(
                    actor=request.user,
                    days=form.cleaned_data["advance_days"] or 0,
                    hours=form.cleaned_data["advance_hours"] or 0,
                )
            except DomainError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("The simulated clock now reads %(now)s.")
                    % {"now": date_format(localtime(clock.now()), "Y-m-d H:i:s T")},
                )
                return redirect("admin:core_clockstate_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Advance the simulated clock"),
            "form": form,
            "now": clock.now(),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/core/clockstate/advance.html", context)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["sim_time", "action_display", "target_repr", "actor", "account"]
    list_filter = ["action", "target_type"]
    search_fields = [
        "action",
        "target_id",
        "target_repr",
        "actor__username",
        "account__username",
        "account__uid",
    ]
    list_select_related = ["actor", "account"]
    date_hierarchy = "sim_time"
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    @admin.display(description=_("action"), ordering="action")
    def action_display(self, obj):
        return format_html("{}<br><code>{}</code>", action_label(obj.action), obj.action)
