"""Filing orders and their history (the verification attempts, the events). Their types, stages,
moves and audit actions are in ``choices``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .choices import (  # noqa: F401  (the order's choices, importable from here as before)
    OPEN_STAGES,
    RETURNED_FROM_STAGE,
    SMS_ROLES,
    SMS_SUBJECT_LEADER,
    SMS_WEBSITE_LEADER,
    SUBJECT_STATUS_ACTIONS,
    TAKEOVER_ACTIONS,
    TRANSITION_ACTIONS,
    TRANSITIONS,
    WEBSITE_END_ACTIONS,
    CameraOutcome,
    FilingAction,
    OrderType,
    ReturnedFrom,
    Reviewer,
    Stage,
    VerificationStatus,
)
from .registry import RegistryRecord
from .subjects import MAX_DOMAIN_LENGTH, Subject, Website


class FilingOrder(models.Model):
    """An application to the provider and the bureau: what it asks (``type`` and its fields), where
    it stands (``status``), the subject and website it concerns, and the service code it holds in
    ``filing`` while open (first filing, add website, transfer-in)."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="filing_orders",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    type = models.CharField(_("type"), max_length=16, choices=OrderType.choices)
    status = models.CharField(_("status"), max_length=16, choices=Stage.choices, default=Stage.DRAFT)
    subject = models.ForeignKey(
        Subject, verbose_name=_("subject"), on_delete=models.PROTECT, related_name="orders"
    )
    creates_subject = models.BooleanField(
        _("creates the subject"),
        default=False,
        help_text=_("The subject came into being with this order: refusing the order withdraws it."),
    )
    website = models.ForeignKey(
        Website,
        verbose_name=_("website"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
    )
    domain = models.CharField(_("proposed domain"), max_length=MAX_DOMAIN_LENGTH, blank=True)
    website_name = models.CharField(_("proposed website name"), max_length=200, blank=True)
    app = models.JSONField(
        _("proposed app"),
        default=dict,
        blank=True,
        help_text=_("An app filing's platforms and identifiers (SPEC 3.11); empty for a website."),
    )
    instance = models.ForeignKey(
        "instances.Instance",
        verbose_name=_("instance"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="filing_orders",
    )
    service_code = models.ForeignKey(
        "servicecodes.ServiceCode",
        verbose_name=_("service code"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="filing_orders",
    )
    registry_record = models.ForeignKey(
        RegistryRecord,
        verbose_name=_("registry record"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
    )
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    password_issued = models.BooleanField(
        _("filing password issued"),
        default=False,
        help_text=_("Approving the order sent a new filing password to the phone."),
    )
    # The materials of a new website (SPEC 3.9), completed while the order is a draft.
    content_category = models.CharField(_("content category"), max_length=16, blank=True)
    pre_approval_number = models.CharField(_("pre-approval number"), max_length=64, blank=True)
    subject_leader = models.JSONField(_("subject leader"), default=dict, blank=True)
    website_leader = models.JSONField(_("website leader"), default=dict, blank=True)
    website_leader_is_subject_leader = models.BooleanField(
        _("website leader is the subject leader"), default=False
    )
    sms_code_hash = models.CharField(_("SMS code (hashed)"), max_length=64, blank=True, editable=False)
    sms_expires_time = models.DateTimeField(_("SMS code expires"), null=True, blank=True)
    sms_failures = models.PositiveSmallIntegerField(_("wrong SMS codes"), default=0)
    sms_sent_time = models.DateTimeField(_("SMS code last sent"), null=True, blank=True)
    sms_codes = models.JSONField(
        _("SMS codes awaited (hashed)"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Two leaders: each role's code still awaited, hashed (SPEC 3.12)."),
    )
    verification_status = models.CharField(
        _("authenticity verification"),
        max_length=16,
        choices=VerificationStatus.choices,
        default=VerificationStatus.NOT_STARTED,
        help_text=_("真实性核验 on the leader's phone (SPEC 3.12): passed before the order is submitted."),
    )
    verification_token_hash = models.CharField(
        _("verification link token (hashed)"), max_length=64, blank=True, editable=False
    )
    verification_link_expires_time = models.DateTimeField(
        _("verification link expires"), null=True, blank=True
    )
    sms_resends = models.PositiveSmallIntegerField(
        _("SMS codes resent"), default=0, help_text=_("In this round: at most two (SPEC 3.12).")
    )
    # SPEC 3.14 (Huawei): naming another account's code needs its owner's authorization, confirmed
    # by the SMS code sent to the owner's phone, before the order is submitted.
    code_authorized = models.BooleanField(
        _("code owner's authorization confirmed"),
        default=False,
        help_text=_("Huawei: the owner of another account's code confirmed its use by SMS (SPEC 3.14)."),
    )
    code_auth_hash = models.CharField(
        _("authorization SMS code (hashed)"), max_length=64, blank=True, editable=False
    )
    code_auth_sent_time = models.DateTimeField(_("authorization SMS code last sent"), null=True, blank=True)
    code_auth_resends = models.PositiveSmallIntegerField(_("authorization SMS codes resent"), default=0)
    reason = models.CharField(
        _("rejection reason"),
        max_length=500,
        blank=True,
        help_text=_("The reviewer's own words, as typed (or a simulator's text, translated when read)."),
    )
    reason_code = models.CharField(
        _("rejection reason code"),
        max_length=40,
        blank=True,
        help_text=_(
            "A catalogued rejection reason (filings/review_reasons.py), shown in the reader's language."
        ),
    )
    review_reasons = models.JSONField(
        _("failing checks"),
        default=list,
        blank=True,
        help_text=_("The automatic review's failing checks, by their codes."),
    )
    due_time = models.DateTimeField(
        _("review due"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("When the review the order is in falls due (working days, SPEC 3.10)."),
    )
    round = models.PositiveSmallIntegerField(
        _("round"),
        default=0,
        help_text=_("1 at the first submission, plus 1 at each resubmission (SPEC 3.12); 0 for a draft."),
    )
    returned_from = models.CharField(
        _("returned from"), max_length=16, choices=ReturnedFrom.choices, blank=True
    )
    rounds = models.JSONField(
        _("rounds"),
        default=list,
        blank=True,
        help_text=_(
            "Each submission: its time, the materials and documents submitted, and how it was decided."
        ),
    )
    touched_time = models.DateTimeField(
        _("last changed by the applicant"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("A draft or returned order untouched for 45 days expires (SPEC 3.12)."),
    )
    expiry_reminders = models.PositiveSmallIntegerField(
        _("expiry reminders sent"), default=0, help_text=_("Since the applicant last changed the order.")
    )
    created_time = models.DateTimeField(_("created"))
    updated_time = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("filing order")
        verbose_name_plural = _("filing orders")
        ordering = ["-created_time", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject"],
                condition=Q(status__in=OPEN_STAGES),
                name="filing_one_open_order_per_subject",
            ),
            models.UniqueConstraint(
                fields=["domain"],
                condition=Q(status__in=OPEN_STAGES) & ~Q(domain=""),
                name="filing_one_open_order_per_domain",
            ),
            models.UniqueConstraint(
                fields=["service_code"],
                condition=Q(status__in=OPEN_STAGES) & Q(service_code__isnull=False),
                name="filing_one_open_order_per_code",
            ),
        ]
        indexes = [
            models.Index(fields=["account", "-created_time", "-id"], name="filing_order_account_created")
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_type_display()} ({self.status})"

    @property
    def is_app(self) -> bool:
        """The order files (or cancels) an app rather than a website."""
        return (
            bool(self.app)
            or self.type == OrderType.CANCEL_APP
            or (self.website_id is not None and self.website.is_app)
        )

    @property
    def sms_awaited(self) -> list[str]:
        """The roles whose SMS code is still awaited (SPEC 3.12): both leaders' when they are two
        people, else the one code's (``website_leader``, whose mobile it went to)."""
        if self.status != Stage.PENDING_SMS:
            return []
        if self.sms_codes:
            return [role for role in SMS_ROLES if role in self.sms_codes]
        return [SMS_WEBSITE_LEADER] if self.sms_code_hash else []

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STAGES

    @property
    def reason_text(self) -> str:
        """Why the order was rejected, in the active language (SPEC 3.10)."""
        from ..review_reasons import rejection_text

        return rejection_text(code=self.reason_code, text=self.reason, checks=self.review_reasons or ())


class VerificationAttempt(models.Model):
    """One picture taken for an order's authenticity verification (SPEC 3.12): what the camera
    saw and whether it passed. Failures count against the day's limit."""

    order = models.ForeignKey(
        FilingOrder, verbose_name=_("order"), on_delete=models.CASCADE, related_name="verification_attempts"
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=CameraOutcome.choices)
    passed = models.BooleanField(_("passed"), default=False)
    via_link = models.BooleanField(
        _("through the phone's link"), default=False, help_text=_("Else through the API.")
    )
    attempted_time = models.DateTimeField(_("taken (simulated)"), db_index=True)

    class Meta:
        verbose_name = _("verification attempt")
        verbose_name_plural = _("verification attempts")
        ordering = ["attempted_time", "id"]

    def __str__(self) -> str:
        return f"#{self.order_id} {self.outcome}"


class OrderEvent(models.Model):
    """One step of an order's history: the stage it left and entered, who moved it, when
    (simulated time), and why."""

    order = models.ForeignKey(
        FilingOrder, verbose_name=_("order"), on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    sim_time = models.DateTimeField(_("time (simulated)"))

    class Meta:
        verbose_name = _("order event")
        verbose_name_plural = _("order history")
        ordering = ["sim_time", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} -> {self.to_status}"

    @property
    def note_text(self) -> str:
        return stored_text(self.note)


def stored_text(text: str) -> str:
    """A note or reason stored as an English msgid by the simulator (``gettext_noop``), in the
    active language; a text staff typed comes back as it is."""
    return gettext(text) if text else ""
