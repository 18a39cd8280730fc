"""Admin for filings (SPEC 4.3): staff search everything, review orders, grant commercial
licenses and record filings made elsewhere. Every change goes through ``filings.services`` (the
same functions the API calls); a refusal shows as an error message, never a 500. Rows are
otherwise read-only: orders, subjects and websites change only through the workflow."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from icpconsole.core.admin_mixins import ReadOnlyAdminMixin, ServiceFormAdminMixin
from icpconsole.core.errors import DomainError

from . import rules, services
from .models import (
    FilingDocument,
    FilingOrder,
    OrderEvent,
    OrderType,
    PhoneMessage,
    RegistryOrigin,
    RegistryRecord,
    Stage,
    Subject,
    SubjectKind,
    Website,
)
from .provinces import PROVINCE_CHOICES
from .review_reasons import REJECTION_REASONS
from .services.workflow import MAX_REASON_LENGTH


class OrderEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = OrderEvent
    fields = ("sim_time", "from_status", "to_status", "actor", "note")
    readonly_fields = fields
    extra = 0
    verbose_name_plural = _("history")


class FilingDocumentInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The application's documents, with their images (SPEC 3.9): what the reviewer checks."""

    model = FilingDocument
    fields = ("kind", "preview", "content_type", "width", "height", "size", "uploaded_time")
    readonly_fields = fields
    extra = 0
    verbose_name_plural = _("documents")

    @admin.display(description=_("image"))
    def preview(self, document: FilingDocument) -> str:
        url = reverse("filings:document", args=[document.order_id, document.kind])
        return format_html(
            '<a href="{}"><img src="{}" alt="{}" width="200" data-document-preview="{}"></a>',
            url,
            url,
            document.kind,
            document.kind,
        )


class ReviewActionForm(ActionForm):
    """The review actions' reason: a catalogued one, the reviewer's words, or both."""

    reason_code = forms.ChoiceField(label=_("rejection reason"), required=False, choices=())
    reason = forms.CharField(label=_("note"), required=False, max_length=MAX_REASON_LENGTH)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason_code"].choices = [("", "---------")] + [
            (entry.code, entry.text) for entry in REJECTION_REASONS
        ]


@admin.register(FilingOrder)
class FilingOrderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    action_form = ReviewActionForm
    list_display = (
        "id",
        "type",
        "status",
        "account",
        "subject",
        "concerns",
        "service_code",
        "sms_failures",
        "created_time",
    )
    list_filter = ("type", "status")
    search_fields = (
        "=id",
        "domain",
        "website__domain",
        "subject__name",
        "subject__icp_number",
        "account__username",
        "account__uid",
        "service_code__code",
    )
    list_select_related = ("account", "subject", "website", "service_code")
    ordering = ("-created_time", "-id")
    inlines = [FilingDocumentInline, OrderEventInline]
    actions = ["approve_current_stage", "reject"]
    readonly_fields = ("precheck_now", "reason_shown")

    @admin.display(description=_("rejection reason, as the applicant reads it"))
    def reason_shown(self, order: FilingOrder) -> str:
        return order.reason_text or "-"

    @admin.display(description=_("pre-check now"))
    def precheck_now(self, order: FilingOrder) -> str:
        """Every reason the application fails the pre-check or is incomplete, as of now (SPEC 3.9)."""
        from icpconsole.core import clock

        from . import precheck
        from .selectors import filing_facts

        if order.type == OrderType.CHANGE:
            from .services.changes import change_failures

            reasons = change_failures(order, now=clock.now())  # SPEC 3.13
        elif not rules.carries_materials(order.type):
            return "-"
        else:
            facts = filing_facts(order, now=clock.now())
            reasons = precheck.precheck(facts) + precheck.missing(facts, new_subject=order.creates_subject)
        if not reasons:
            return gettext("Passes every check; nothing is missing.")
        return format_html_join(
            "", '<p data-reason-code="{}">{}</p>', ((reason.code, reason.message) for reason in reasons)
        )

    @admin.display(description=_("domain"))
    def concerns(self, order: FilingOrder) -> str:
        return order.website.domain if order.website_id else order.domain

    def _review(self, request, queryset, decision: str) -> None:
        # The reason typed or chosen beside the action (``ReviewActionForm``): a rejection needs one,
        # as in the console and the API (``REJECTION_REASON_REQUIRED``); an approval takes a note.
        given = {"reason": request.POST.get("reason", "")}
        if decision == "reject":
            given["reason_code"] = request.POST.get("reason_code", "")
        for order in queryset.order_by("pk"):
            before = order.status
            try:
                reviewed = services.filing_review(
                    actor=request.user, order_id=order.pk, decision=decision, **given
                )
            except DomainError as exc:
                self.message_user(
                    request,
                    gettext("Order #%(id)s: %(message)s") % {"id": order.pk, "message": exc.message},
                    messages.ERROR,
                )
            else:
                self.message_user(
                    request,
                    gettext("Order #%(id)s: %(before)s → %(after)s.")
                    % {"id": order.pk, "before": Stage(before).label, "after": reviewed.get_status_display()},
                    messages.SUCCESS,
                )

    @admin.action(description=_("Approve (current review stage)"))
    def approve_current_stage(self, request, queryset):
        self._review(request, queryset, "approve")

    @admin.action(description=_("Reject"))
    def reject(self, request, queryset):
        self._review(request, queryset, "reject")


class WebsiteInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Website
    fields = ("domain", "icp_number", "status", "service_code", "commercial_license", "ecommerce")
    readonly_fields = fields
    extra = 0


@admin.register(Subject)
class SubjectAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "province", "icp_number", "status", "account", "created_time")
    list_filter = ("status", "kind", "province")
    search_fields = ("name", "icp_number", "certificate_number", "account__username", "account__uid")
    list_select_related = ("account",)
    exclude = ("password_hash",)
    inlines = [WebsiteInline]


@admin.register(Website)
class WebsiteAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "domain",
        "name",
        "service_type",
        "icp_number",
        "status",
        "subject",
        "instance",
        "service_code",
        "commercial_license",
        "ecommerce",
    )
    # Apps (SPEC 3.11) are filed services beside the websites: filter by service type, search by
    # app name, package name or bundle ID.
    list_filter = ("service_type", "status", "ecommerce")
    search_fields = (
        "domain",
        "name",
        "package_name",
        "bundle_id",
        "icp_number",
        "subject__name",
        "service_code__code",
        "instance__instance_id",
    )
    list_select_related = ("subject", "instance", "service_code")
    actions = ["grant_license"]

    @admin.action(description=_("Grant a commercial license (ICP证)"))
    def grant_license(self, request, queryset):
        for website in queryset.order_by("pk"):
            try:
                granted = services.website_grant_license(actor=request.user, website_id=website.pk)
            except DomainError as exc:
                self.message_user(request, f"{website.domain}: {exc.message}", messages.ERROR)
            else:
                self.message_user(
                    request, f"{granted.domain}: {granted.commercial_license}", messages.SUCCESS
                )


class RegistryRecordAddForm(forms.ModelForm):
    """Record a filing made elsewhere. The form only reads what staff typed; saving calls
    ``registry_record_add``, which validates, hashes the filing password and writes the record;
    its refusals become errors on this form (``ServiceFormAdminMixin``)."""

    origin = forms.ChoiceField(
        choices=[
            (RegistryOrigin.OTHER_PROVIDER.value, RegistryOrigin.OTHER_PROVIDER.label),
            (RegistryOrigin.HICHINA_LEGACY.value, RegistryOrigin.HICHINA_LEGACY.label),
        ]
    )
    icp_number = forms.CharField(
        label=_("ICP number"),
        required=False,
        help_text=_(
            "A website number (粤ICP备12345678号-1), a subject number (gets the next -N), or empty "
            "(a new number is issued)."
        ),
    )
    subject_kind = forms.ChoiceField(label=_("subject kind"), choices=SubjectKind.choices)
    province = forms.ChoiceField(label=_("province"), choices=PROVINCE_CHOICES)
    access_provider = forms.CharField(
        label=_("access provider"),
        required=False,
        help_text=_("For a filing with another provider, e.g. Tencent Cloud."),
    )
    password = forms.CharField(
        label=_("filing password"),
        required=False,
        widget=forms.PasswordInput,
        help_text=_("For a filing with another provider: what a transfer-in must give."),
    )
    filed_time = forms.DateTimeField(
        label=_("filed"),
        required=False,
        help_text=_("Default now; a HiChina filing is claimable if before 2010-06-01."),
    )

    class Meta:
        model = RegistryRecord
        fields = (
            "origin",
            "domain",
            "icp_number",
            "subject_name",
            "subject_kind",
            "certificate_number",
            "province",
            "access_provider",
            "password",
            "filed_time",
        )


@admin.register(RegistryRecord)
class RegistryRecordAdmin(ServiceFormAdminMixin, admin.ModelAdmin):
    list_display = (
        "domain",
        "app_name",
        "icp_number",
        "subject_name",
        "origin",
        "access_provider",
        "status",
        "filed_time",
    )
    list_filter = ("origin", "status")
    search_fields = (
        "domain",
        "app_name",
        "icp_number",
        "subject_icp_number",
        "subject_name",
        "certificate_number",
    )
    ordering = ("-filed_time", "-id")

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = RegistryRecordAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": RegistryRecordAddForm.Meta.fields})]
        return super().get_fieldsets(request, obj)

    def service_save(self, request, form, change):
        data = form.cleaned_data
        return services.registry_record_add(
            actor=request.user,
            origin=data["origin"],
            domain=data["domain"],
            icp_number=data.get("icp_number", ""),
            subject_name=data["subject_name"],
            subject_kind=data["subject_kind"],
            certificate_number=data["certificate_number"],
            province=data["province"],
            access_provider=data.get("access_provider", ""),
            password=data.get("password", ""),
            filed_time=data.get("filed_time"),
        )


MASK = "••••••"  # stands for the secret in a message staff see


@admin.register(PhoneMessage)
class PhoneMessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Staff see that a message was sent, to whom and why, never its secret (the filing password
    or SMS code): that stays on the user's simulated phone (the console inbox and the API)."""

    list_display = ("sent_time", "account", "kind", "masked_text")
    list_filter = ("kind",)
    # Not the text: searching it would tell whether a guessed secret is in a message.
    search_fields = ("account__username", "account__uid")
    list_select_related = ("account",)
    fields = ("sent_time", "account", "kind", "order", "masked_text")
    readonly_fields = fields

    @admin.display(description=_("text"))
    def masked_text(self, message: PhoneMessage) -> str:
        text = message.rendered_text
        return text.replace(message.secret, MASK) if message.secret else text
