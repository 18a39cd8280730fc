"""Filing orders, their stages and history, and the audit actions of the filing domain."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .registry import RegistryRecord
from .subjects import MAX_DOMAIN_LENGTH, Subject, SubjectStatus, Website, WebsiteStatus

# --- orders ------------------------------------------------------------------------------------


class OrderType(models.TextChoices):
    FIRST_FILING = "first_filing", _("First filing")
    ADD_WEBSITE = "add_website", _("Add a website")
    TRANSFER_IN = "transfer_in", _("Transfer in")
    CHANGE = "change", _("Change filing information")
    CANCEL_SUBJECT = "cancel_subject", _("Cancel the subject")
    CANCEL_WEBSITE = "cancel_website", _("Cancel a website")
    CANCEL_ACCESS = "cancel_access", _("Cancel access")
    CLAIM = "claim", _("Claim a HiChina filing")
    ADD_APP = "add_app", _("Add an app")
    CANCEL_APP = "cancel_app", _("Cancel an app")


class Stage(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Initial review")
    PENDING_SMS = "pending_sms", _("Waiting for SMS verification")
    BUREAU_REVIEW = "bureau_review", _("Administration bureau review")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for correction")
    REJECTED = "rejected", _("Rejected")
    ABANDONED = "abandoned", _("Abandoned")
    EXPIRED = "expired", _("Expired")


OPEN_STAGES = (Stage.DRAFT, Stage.SUBMITTED, Stage.PENDING_SMS, Stage.BUREAU_REVIEW, Stage.RETURNED)

# SPEC 3.7 and 3.12: the only moves an order can make. ``submitted`` is the provider's initial
# review (staff approve -> pending_sms); abandoning is possible until the bureau has the order.
# Every rejection returns the order for correction (``returned``, open, its code still in
# ``filing``); the applicant resubmits it (``submitted`` again, the next round) or abandons it;
# a draft or a returned order left alone expires. ``rejected`` is the closed end of orders
# rejected before SPEC 3.12: no order enters it any more.
TRANSITIONS: dict[str, frozenset[str]] = {
    Stage.DRAFT: frozenset({Stage.SUBMITTED, Stage.ABANDONED, Stage.EXPIRED}),
    Stage.SUBMITTED: frozenset({Stage.PENDING_SMS, Stage.RETURNED, Stage.ABANDONED}),
    Stage.PENDING_SMS: frozenset({Stage.BUREAU_REVIEW, Stage.RETURNED, Stage.ABANDONED}),
    Stage.BUREAU_REVIEW: frozenset({Stage.APPROVED, Stage.RETURNED}),
    Stage.RETURNED: frozenset({Stage.SUBMITTED, Stage.ABANDONED, Stage.EXPIRED}),
    Stage.APPROVED: frozenset(),
    Stage.REJECTED: frozenset(),
    Stage.ABANDONED: frozenset(),
    Stage.EXPIRED: frozenset(),
}


SMS_SUBJECT_LEADER = "subject_leader"
SMS_WEBSITE_LEADER = "website_leader"
SMS_ROLES = (SMS_SUBJECT_LEADER, SMS_WEBSITE_LEADER)


class VerificationStatus(models.TextChoices):
    """Where the authenticity verification (真实性核验, SPEC 3.12) of an order stands."""

    NOT_STARTED = "not_started", _("Not started")
    LINK_SENT = "link_sent", _("Link sent to the phone")
    FAILED = "failed", _("Failed, to be taken again")
    PASSED = "passed", _("Passed")


class CameraOutcome(models.TextChoices):
    """What the simulated camera sees when the picture is taken (SPEC 3.12)."""

    PASS = "pass", _("A clear face, the leader's own")
    GLASSES = "glasses", _("A face wearing glasses")
    POOR_LIGHT = "poor_light", _("A face in poor light")
    NO_FACE = "no_face", _("No face in the picture")
    NOT_SAME_PERSON = "not_same_person", _("Another person's face")


class ReturnedFrom(models.TextChoices):
    """Which step sent a returned order back (SPEC 3.12)."""

    INITIAL_REVIEW = "initial_review", pgettext_lazy("review step", "Initial review")
    SMS = "sms", _("SMS verification")
    BUREAU_REVIEW = "bureau_review", _("Administration bureau review")


RETURNED_FROM_STAGE: dict[str, str] = {
    Stage.SUBMITTED: ReturnedFrom.INITIAL_REVIEW,
    Stage.PENDING_SMS: ReturnedFrom.SMS,
    Stage.BUREAU_REVIEW: ReturnedFrom.BUREAU_REVIEW,
}


class FilingAction(models.TextChoices):
    """What the operation log records about filings (``icpconsole.core.audit``)."""

    CREATE = "filing.create", _("Create filing order")
    SUBMIT = "filing.submit", _("Submit filing order")
    ABANDON = "filing.abandoned", _("Abandon filing order")
    INITIAL_REVIEW_APPROVE = "filing.initial_review.approve", _("Initial review passed")
    INITIAL_REVIEW_REJECT = "filing.initial_review.reject", _("Initial review rejected")
    SMS_VERIFY = "filing.sms.verify", _("SMS verification passed")
    SMS_REJECT = "filing.sms.reject", _("Rejected: SMS verification failed")
    SMS_RESEND = "filing.sms.resend", _("SMS verification code resent")
    CODE_AUTH_SEND = "filing.code_auth.send", _("Code owner's authorization SMS sent")
    CODE_AUTH_CONFIRM = "filing.code_auth.confirm", _("Code owner's authorization confirmed")
    SMS_WRONG_CODE = "filing.sms.wrong_code", _("Wrong SMS verification code entered")
    BUREAU_APPROVE = "filing.bureau_review.approve", _("Approved by the administration bureau")
    BUREAU_REJECT = "filing.bureau_review.reject", _("Rejected by the administration bureau")
    SUBJECT_CREATE = "filing.subject.create", _("Create filing subject")
    SUBJECT_ACTIVE = "filing.subject.active", _("Subject filed")
    SUBJECT_CANCELLED = "filing.subject.cancelled", _("Subject cancelled")
    SUBJECT_WITHDRAWN = "filing.subject.withdrawn", _("Subject withdrawn")
    WEBSITE_FILE = "filing.website.file", _("Website filed")
    WEBSITE_TRANSFER_IN = "filing.website.transfer_in", _("Filing transferred in")
    WEBSITE_CLAIM = "filing.website.claim", _("Filing claimed")
    WEBSITE_CANCELLED = "filing.website.cancelled", _("Website cancelled")
    WEBSITE_ACCESS_CANCELLED = "filing.website.access_cancelled", _("Access cancelled")
    WEBSITE_LICENSE = "filing.website.license", _("Commercial license recorded")
    WEBSITE_REBIND = "filing.website.rebind", _("Website rebound to another instance")
    PUBLIC_SECURITY_FILE = "filing.public_security.file", _("Public security filing recorded")
    PUBLIC_SECURITY_REMIND = "filing.public_security.remind", _("Public security filing reminder sent")
    PUBLIC_SECURITY_OVERDUE = "filing.public_security.overdue", _("Public security filing overdue")
    ACCESS_AT_RISK = "filing.access.at_risk", _("Website access at risk")
    ACCESS_RECOVERED = "filing.access.recovered", _("Website access healthy again")
    CHANGE_APPLY = "filing.change.apply", _("Filing information changed")
    REGISTRY_RECORD_ADD = "registry.record.add", _("Add MIIT registry record")
    UPDATE = "filing.update", _("Complete filing materials")
    DOCUMENT_UPLOAD = "filing.document.upload", _("Upload filing document")
    APP_FILE = "filing.app.file", _("App filed")
    APP_CANCELLED = "filing.app.cancelled", _("App cancelled")
    RESUBMIT = "filing.resubmit", _("Resubmit filing order")
    EXPIRE = "filing.expired", _("Filing order expired")
    EXPIRY_REMIND = "filing.expiry.remind", _("Filing order expiry reminder sent")
    VERIFICATION_LINK = "filing.verification.link", _("Authenticity verification link sent")
    VERIFICATION_PASS = "filing.verification.pass", _("Authenticity verification passed")
    VERIFICATION_FAIL = "filing.verification.fail", _("Authenticity verification attempt failed")
    VERIFICATION_RESET = "filing.verification.reset", _("Authenticity verification asked for again")
    SMS_LAPSE = "filing.sms.lapse", _("Returned: SMS code not entered within 24 hours")


class Reviewer(models.TextChoices):
    """Who decided a review when no person did (the audit record's ``via``): the operation log
    and the admin show its label."""

    AUTOMATIC = "auto_review", _("Simulator (automatic review)")


# The audit action recorded for each move (the creation is ``FilingAction.CREATE``).
TRANSITION_ACTIONS: dict[tuple[str, str], str] = {
    (Stage.DRAFT, Stage.SUBMITTED): FilingAction.SUBMIT,
    (Stage.SUBMITTED, Stage.PENDING_SMS): FilingAction.INITIAL_REVIEW_APPROVE,
    (Stage.SUBMITTED, Stage.RETURNED): FilingAction.INITIAL_REVIEW_REJECT,
    (Stage.PENDING_SMS, Stage.BUREAU_REVIEW): FilingAction.SMS_VERIFY,
    (Stage.PENDING_SMS, Stage.RETURNED): FilingAction.SMS_REJECT,
    (Stage.BUREAU_REVIEW, Stage.APPROVED): FilingAction.BUREAU_APPROVE,
    (Stage.BUREAU_REVIEW, Stage.RETURNED): FilingAction.BUREAU_REJECT,
    (Stage.RETURNED, Stage.SUBMITTED): FilingAction.RESUBMIT,
    (Stage.DRAFT, Stage.ABANDONED): FilingAction.ABANDON,
    (Stage.SUBMITTED, Stage.ABANDONED): FilingAction.ABANDON,
    (Stage.PENDING_SMS, Stage.ABANDONED): FilingAction.ABANDON,
    (Stage.RETURNED, Stage.ABANDONED): FilingAction.ABANDON,
    (Stage.DRAFT, Stage.EXPIRED): FilingAction.EXPIRE,
    (Stage.RETURNED, Stage.EXPIRED): FilingAction.EXPIRE,
}
# The subject's and the website's status changes, by their new status.
SUBJECT_STATUS_ACTIONS: dict[str, str] = {
    SubjectStatus.ACTIVE: FilingAction.SUBJECT_ACTIVE,
    SubjectStatus.CANCELLED: FilingAction.SUBJECT_CANCELLED,
    SubjectStatus.WITHDRAWN: FilingAction.SUBJECT_WITHDRAWN,
}
WEBSITE_END_ACTIONS: dict[str, str] = {
    WebsiteStatus.CANCELLED: FilingAction.WEBSITE_CANCELLED,
    WebsiteStatus.ACCESS_CANCELLED: FilingAction.WEBSITE_ACCESS_CANCELLED,
}
TAKEOVER_ACTIONS: dict[str, str] = {
    OrderType.TRANSFER_IN: FilingAction.WEBSITE_TRANSFER_IN,
    OrderType.CLAIM: FilingAction.WEBSITE_CLAIM,
}


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
