"""Subjects (the entities that file) and their websites."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..provinces import PROVINCE_CHOICES

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
    # SPEC 3.13: 通信地址, at least province, city and street (``filings.addresses``). Subjects
    # filed before it have none until a change order gives one.
    address = models.CharField(_("address"), max_length=300, blank=True)
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


class PublicSecurityNotice(models.TextChoices):
    """The last public security notice the phone got about a website (each is sent once)."""

    NONE = "", _("None")
    REMINDED = "reminded", _("Reminder sent")
    OVERDUE = "overdue", _("Overdue notice sent")


class ServiceType(models.TextChoices):
    """What a filed service is (SPEC 3.11): a website (one domain) or an app (no domain; its
    platforms and identifiers), numbered ``<subject>-N`` and ``<subject>-NA`` from one counter."""

    WEBSITE = "website", _("Website")
    APP = "app", _("App")


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
    pre_approval_number = models.CharField(_("pre-approval number"), max_length=64, blank=True)
    leader = models.JSONField(_("website leader"), default=dict, blank=True)
    # SPEC 3.10: the public security filing (公安联网备案), due 30 days after the approval.
    public_security_number = models.CharField(_("public security filing number"), max_length=40, blank=True)
    public_security_due_time = models.DateTimeField(_("public security filing due"), null=True, blank=True)
    public_security_filed_time = models.DateTimeField(_("public security filed"), null=True, blank=True)
    public_security_notice = models.CharField(
        _("public security notice sent"),
        max_length=16,
        choices=PublicSecurityNotice.choices,
        blank=True,
        default=PublicSecurityNotice.NONE,
    )
    # SPEC 3.10: access health (空壳 checks). Set by the sweep when the website's instance made it
    # at risk; cleared when the instance is healthy again or the website is rebound.
    access_at_risk_time = models.DateTimeField(
        _("access at risk since"),
        null=True,
        blank=True,
        help_text=_("When the hosting instance's release or expiry put the website's access at risk."),
    )
    access_cancel_time = models.DateTimeField(
        _("access cancelled on"),
        null=True,
        blank=True,
        help_text=_("When access will be cancelled unless the instance is renewed or the website rebound."),
    )
    # An app (SPEC 3.11) is a filed service like a website: no domain, its own identifiers.
    service_type = models.CharField(
        _("service type"),
        max_length=8,
        choices=ServiceType.choices,
        default=ServiceType.WEBSITE,
        db_index=True,
    )
    platforms = models.JSONField(_("app platforms"), default=list, blank=True)
    package_name = models.CharField(_("package name"), max_length=255, blank=True)
    bundle_id = models.CharField(_("bundle ID"), max_length=155, blank=True)
    signature_md5 = models.CharField(_("signature MD5"), max_length=32, blank=True)
    signature_sha1 = models.CharField(_("signature SHA-1"), max_length=40, blank=True)
    created_time = models.DateTimeField(_("filed"))
    status_time = models.DateTimeField(_("status changed"))

    class Meta:
        verbose_name = _("filed website")
        verbose_name_plural = _("filed websites")
        ordering = ["-created_time", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["domain"],
                condition=~Q(status=WebsiteStatus.CANCELLED) & ~Q(domain=""),
                name="filing_website_domain_unique",
            ),
            models.UniqueConstraint(
                fields=["subject", "name"],
                condition=Q(service_type="app") & ~Q(status=WebsiteStatus.CANCELLED),
                name="filing_app_name_unique_per_subject",
            ),
            models.CheckConstraint(
                condition=Q(service_type="app") | ~Q(domain=""),
                name="filing_website_has_domain",
            ),
            models.UniqueConstraint(fields=["subject", "seq"], name="filing_website_seq_unique"),
            models.CheckConstraint(
                condition=Q(ecommerce=False) | ~Q(commercial_license=""),
                name="filing_ecommerce_needs_license",
            ),
            models.UniqueConstraint(
                fields=["public_security_number"],
                condition=~Q(public_security_number=""),
                name="filing_public_security_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.icp_number})"

    @property
    def is_app(self) -> bool:
        return self.service_type == ServiceType.APP

    @property
    def label(self) -> str:
        """What names the filed service: the domain, or the app's name."""
        return self.name if self.is_app else self.domain
