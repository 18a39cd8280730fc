"""The simulated MIIT registry (SPEC 3.7)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..provinces import PROVINCE_CHOICES
from .subjects import MAX_DOMAIN_LENGTH, Subject, SubjectKind, Website

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
    app_name = models.CharField(
        _("app name"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_("An app's record (SPEC 3.11) has its name and no domain."),
    )
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
                condition=Q(status=RegistryStatus.VALID) & ~Q(domain=""),
                name="filing_registry_domain_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain} {self.icp_number}"
