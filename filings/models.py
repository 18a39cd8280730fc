"""Filing models (SPEC 3.7, seed 004): subjects, their websites, the orders that change them, the
simulated phone inbox and the simulated MIIT registry.

Every row is written by ``filings.services``; the database constraints below are the backstop of
the rules those services check under row locks:

* one live (``pending`` or ``active``) subject per account, and a subject ICP number held by at
  most one live subject;
* one open order per subject, per proposed domain and per service code;
* a domain is the website of at most one non-cancelled website, and filed at most once in the
  registry (among ``valid`` records);
* e-commerce needs a commercial license (ICP证).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .provinces import PROVINCE_CHOICES

# The provider this simulator plays (SPEC 1): what the registry names as access provider.
ALIBABA_CLOUD = "Alibaba Cloud"
HICHINA = "HiChina"

MAX_DOMAIN_LENGTH = 253


# --- subjects ----------------------------------------------------------------------------------


class SubjectKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    INDIVIDUAL = "individual", _("Individual")


class SubjectStatus(models.TextChoices):
    PENDING = "pending", _("Pending (first filing in progress)")
    ACTIVE = "active", _("Filed")
    CANCELLED = "cancelled", _("Cancelled")
    WITHDRAWN = "withdrawn", _("Withdrawn (first filing rejected or abandoned)")


# The statuses that hold an account's one subject (SPEC 3.1: one account may file one subject).
LIVE_SUBJECT_STATUSES = (SubjectStatus.PENDING, SubjectStatus.ACTIVE)


class Subject(models.Model):
    """The entity that files: an enterprise or an individual. It is created ``pending`` by the
    order that first files (or transfers in, or claims) it, gets its ICP number when that order is
    approved, and keeps its row for ever: a cancelled or withdrawn subject frees its account to
    file a new one."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="filing_subjects",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=SubjectKind.choices)
    name = models.CharField(_("name"), max_length=200)
    certificate_number = models.CharField(_("certificate number"), max_length=64)
    province = models.CharField(_("province"), max_length=16, choices=PROVINCE_CHOICES)
    icp_number = models.CharField(_("ICP number"), max_length=32, blank=True)
    password_hash = models.CharField(
        _("filing password (hashed)"), max_length=128, blank=True, editable=False
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SubjectStatus.choices, default=SubjectStatus.PENDING
    )
    leader = models.JSONField(
        _("leader"),
        default=dict,
        blank=True,
        help_text=_("The subject's leader: name, certificate_number, mobile, email (SPEC 3.9)."),
    )
    website_seq = models.PositiveIntegerField(
        _("last website number"),
        default=0,
        editable=False,
        help_text=_("The N of the subject's last website number <subject>-N; numbers are never reused."),
    )
    created_time = models.DateTimeField(_("created"))
    status_time = models.DateTimeField(_("status changed"))

    class Meta:
        verbose_name = _("filing subject")
        verbose_name_plural = _("filing subjects")
        ordering = ["-created_time", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["account"],
                condition=Q(status__in=LIVE_SUBJECT_STATUSES),
                name="filing_one_live_subject_per_account",
            ),
            models.UniqueConstraint(
                fields=["icp_number"],
                condition=Q(status__in=LIVE_SUBJECT_STATUSES) & ~Q(icp_number=""),
                name="filing_live_subject_icp_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.icp_number or self.get_status_display()})"


# --- websites ----------------------------------------------------------------------------------


class WebsiteStatus(models.TextChoices):
    ACTIVE = "active", _("Filed")
    CANCELLED = "cancelled", _("Cancelled")
    ACCESS_CANCELLED = "access_cancelled", _("Access cancelled")


class Website(models.Model):
    """A filed website: one domain, hosted on an instance proven by a service code, numbered
    ``<subject number>-N``. It exists from the approval of the order that filed it."""

    subject = models.ForeignKey(
        Subject, verbose_name=_("subject"), on_delete=models.PROTECT, related_name="websites"
    )
    domain = models.CharField(_("domain"), max_length=MAX_DOMAIN_LENGTH)
    name = models.CharField(_("website name"), max_length=200, blank=True)
    icp_number = models.CharField(_("ICP number"), max_length=40, unique=True)
    seq = models.PositiveIntegerField(_("website number N"))
    instance = models.ForeignKey(
        "instances.Instance",
        verbose_name=_("instance"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="filed_websites",
    )
    service_code = models.OneToOneField(
        "servicecodes.ServiceCode",
        verbose_name=_("service code"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="website",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=WebsiteStatus.choices, default=WebsiteStatus.ACTIVE
    )
    commercial_license = models.CharField(_("commercial license (ICP证)"), max_length=32, blank=True)
    ecommerce = models.BooleanField(_("e-commerce / payments"), default=False)
    content_category = models.CharField(_("content category"), max_length=16, blank=True)
    leader = models.JSONField(_("website leader"), default=dict, blank=True)
    created_time = models.DateTimeField(_("filed"))
    status_time = models.DateTimeField(_("status changed"))

    class Meta:
        verbose_name = _("filed website")
        verbose_name_plural = _("filed websites")
        ordering = ["-created_time", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["domain"],
                condition=~Q(status=WebsiteStatus.CANCELLED),
                name="filing_website_domain_unique",
            ),
            models.UniqueConstraint(fields=["subject", "seq"], name="filing_website_seq_unique"),
            models.CheckConstraint(
                condition=Q(ecommerce=False) | ~Q(commercial_license=""),
                name="filing_ecommerce_needs_license",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain} ({self.icp_number})"


# --- the simulated MIIT registry ---------------------------------------------------------------


class RegistryOrigin(models.TextChoices):
    ISSUED = "issued", _("Filed through this provider")
    OTHER_PROVIDER = "other_provider", _("Filed with another provider")
    HICHINA_LEGACY = "hichina_legacy", _("HiChina legacy filing")


class RegistryStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    CANCELLED = "cancelled", _("Cancelled")


class RegistryRecord(models.Model):
    """One domain's entry in the simulated MIIT registry (SPEC 3.7): every number issued here, and
    the filings staff add that were made with other providers (for transfer-in, with their filing
    password, hashed) or through HiChina before June 2010 (for claims).

    The subject's details are copied onto each of its domains' records, as the public query shows
    them; ``subject`` and ``website`` link a record to the rows it is served by here, if any."""

    domain = models.CharField(_("domain"), max_length=MAX_DOMAIN_LENGTH)
    icp_number = models.CharField(_("website ICP number"), max_length=40, unique=True)
    subject_icp_number = models.CharField(_("subject ICP number"), max_length=32, db_index=True)
    subject_name = models.CharField(_("subject name"), max_length=200)
    subject_kind = models.CharField(_("subject kind"), max_length=16, choices=SubjectKind.choices)
    certificate_number = models.CharField(_("certificate number"), max_length=64)
    province = models.CharField(_("province"), max_length=16, choices=PROVINCE_CHOICES)
    status = models.CharField(
        _("status"), max_length=16, choices=RegistryStatus.choices, default=RegistryStatus.VALID
    )
    access_provider = models.CharField(
        _("access provider"),
        max_length=64,
        blank=True,
        help_text=_("Who hosts the website; empty once access was cancelled."),
    )
    origin = models.CharField(_("origin"), max_length=16, choices=RegistryOrigin.choices)
    filed_time = models.DateTimeField(_("filed"))
    password_hash = models.CharField(
        _("filing password (hashed)"), max_length=128, blank=True, editable=False
    )
    subject = models.ForeignKey(
        Subject,
        verbose_name=_("subject here"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registry_records",
    )
    website = models.OneToOneField(
        Website,
        verbose_name=_("website here"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registry_record",
    )
    created_time = models.DateTimeField(_("recorded"))
    status_time = models.DateTimeField(_("status changed"))

    class Meta:
        verbose_name = _("registry record")
        verbose_name_plural = _("registry (MIIT)")
        ordering = ["-filed_time", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["domain"],
                condition=Q(status=RegistryStatus.VALID),
                name="filing_registry_domain_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain} {self.icp_number}"


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


class Stage(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Initial review")
    PENDING_SMS = "pending_sms", _("Waiting for SMS verification")
    BUREAU_REVIEW = "bureau_review", _("Administration bureau review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    ABANDONED = "abandoned", _("Abandoned")


OPEN_STAGES = (Stage.DRAFT, Stage.SUBMITTED, Stage.PENDING_SMS, Stage.BUREAU_REVIEW)

# SPEC 3.7: the only moves an order can make. ``submitted`` is the provider's initial review
# (staff approve -> pending_sms); abandoning is possible until the bureau has the order.
TRANSITIONS: dict[str, frozenset[str]] = {
    Stage.DRAFT: frozenset({Stage.SUBMITTED, Stage.ABANDONED}),
    Stage.SUBMITTED: frozenset({Stage.PENDING_SMS, Stage.REJECTED, Stage.ABANDONED}),
    Stage.PENDING_SMS: frozenset({Stage.BUREAU_REVIEW, Stage.REJECTED, Stage.ABANDONED}),
    Stage.BUREAU_REVIEW: frozenset({Stage.APPROVED, Stage.REJECTED}),
    Stage.APPROVED: frozenset(),
    Stage.REJECTED: frozenset(),
    Stage.ABANDONED: frozenset(),
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
    CHANGE_APPLY = "filing.change.apply", _("Filing information changed")
    REGISTRY_RECORD_ADD = "registry.record.add", _("Add MIIT registry record")
    UPDATE = "filing.update", _("Complete filing materials")
    DOCUMENT_UPLOAD = "filing.document.upload", _("Upload filing document")


# The audit action recorded for each move (the creation is ``FilingAction.CREATE``).
TRANSITION_ACTIONS: dict[tuple[str, str], str] = {
    (Stage.DRAFT, Stage.SUBMITTED): FilingAction.SUBMIT,
    (Stage.SUBMITTED, Stage.PENDING_SMS): FilingAction.INITIAL_REVIEW_APPROVE,
    (Stage.SUBMITTED, Stage.REJECTED): FilingAction.INITIAL_REVIEW_REJECT,
    (Stage.PENDING_SMS, Stage.BUREAU_REVIEW): FilingAction.SMS_VERIFY,
    (Stage.PENDING_SMS, Stage.REJECTED): FilingAction.SMS_REJECT,
    (Stage.BUREAU_REVIEW, Stage.APPROVED): FilingAction.BUREAU_APPROVE,
    (Stage.BUREAU_REVIEW, Stage.REJECTED): FilingAction.BUREAU_REJECT,
    (Stage.DRAFT, Stage.ABANDONED): FilingAction.ABANDON,
    (Stage.SUBMITTED, Stage.ABANDONED): FilingAction.ABANDON,
    (Stage.PENDING_SMS, Stage.ABANDONED): FilingAction.ABANDON,
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
    reason = models.CharField(_("rejection reason"), max_length=500, blank=True)
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
    def is_open(self) -> bool:
        return self.status in OPEN_STAGES

    @property
    def reason_text(self) -> str:
        return stored_text(self.reason)


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


# --- the simulated phone -----------------------------------------------------------------------


class MessageKind(models.TextChoices):
    SMS_CODE = "sms_code", _("SMS verification code")
    FILING_PASSWORD = "filing_password", _("ICP filing password")


# What each kind of message says, filled from its ``params``: rendered in the reader's language
# when it is read (the inbox, the API), not in the language of whoever triggered it.
MESSAGE_TEXTS = {
    MessageKind.SMS_CODE: _(
        "[ICP Filing] Your verification code for filing order %(id)s is %(code)s. "
        "It is valid for 24 hours. Do not share it."
    ),
    MessageKind.FILING_PASSWORD: _(
        "[MIIT] %(name)s is filed under %(number)s. Your ICP filing password is %(password)s: keep it, "
        "it is needed to change or cancel the filing."
    ),
}


def stored_text(text: str) -> str:
    """A note or reason stored as an English msgid by the simulator (``gettext_noop``), in the
    active language; a text staff typed comes back as it is."""
    return gettext(text) if text else ""


class PhoneMessage(models.Model):
    """A text message to the account's (simulated) phone (SPEC 4.2 ``/api/v1/messages/``)."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="phone_messages",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MessageKind.choices)
    text = models.CharField(_("text"), max_length=500, help_text=_("As sent, in English."))
    params = models.JSONField(
        _("parameters"), default=dict, blank=True, help_text=_("What the kind's text is filled with.")
    )
    secret = models.CharField(_("secret"), max_length=64)
    order = models.ForeignKey(
        FilingOrder,
        verbose_name=_("order"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    to_number = models.CharField(
        _("sent to"), max_length=16, blank=True, help_text=_("The mobile number the message went to.")
    )
    sent_time = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("phone message")
        verbose_name_plural = _("phone inbox")
        ordering = ["-sent_time", "-id"]
        indexes = [models.Index(fields=["account", "-sent_time", "-id"], name="filing_message_account_sent")]

    def __str__(self) -> str:
        return gettext("%(kind)s to %(account)s") % {"kind": self.get_kind_display(), "account": self.account}

    @property
    def rendered_text(self) -> str:
        """The message in the active language (older messages without params: as stored)."""
        template = MESSAGE_TEXTS.get(self.kind)
        if template is None or not self.params:
            return self.text
        return str(template) % self.params

# --- documents ---------------------------------------------------------------------------------


def document_path(instance: FilingDocument, filename: str) -> str:
    # The uploaded name is never used: the kind and a random token name the stored file.
    import secrets

    extension = "png" if instance.content_type == "image/png" else "jpg"
    return f"filings/{instance.order_id}/{instance.kind}-{secrets.token_hex(8)}.{extension}"


class FilingDocument(models.Model):
    """An image an order's application carries (SPEC 3.9): a licence, an ID card side, the
    authenticity verification photo. One per kind and order; a new upload replaces the old."""

    order = models.ForeignKey(
        FilingOrder, verbose_name=_("order"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=32)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    content_type = models.CharField(_("content type"), max_length=16)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_time = models.DateTimeField(_("uploaded"))

    class Meta:
        verbose_name = _("filing document")
        verbose_name_plural = _("filing documents")
        ordering = ["order", "kind"]
        constraints = [models.UniqueConstraint(fields=["order", "kind"], name="filing_document_one_per_kind")]

    def __str__(self) -> str:
        return f"#{self.order_id} {self.kind}"
