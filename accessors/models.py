"""What an access provider reports about itself through Beian 2016-08-10 (SPEC 4.5): the domains
and IPs it serves, the domains it white-lists for a period, the IPs it checks for unfiled domains
and the full-domain lists it submits as OSS files.

Every row belongs to the account whose AccessKey reported it (a RAM user's reports would be its
parent's; RAM users cannot write). Rows are never deleted: a report withdrawn by the provider gets
a ``removed_time``, so staff can read the history in the admin. The partial unique constraints keep
one live row per account and domain (or IP, or IP and check type), the backstop of the checks in
``accessors.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

MAX_DOMAIN_LENGTH = 253  # as filings.models.MAX_DOMAIN_LENGTH
LIVE = Q(removed_time__isnull=True)


class AccessorAction(models.TextChoices):
    """What the operation log records about an access provider's reports (``icpconsole.core.audit``)."""

    DOMAIN_ADD = "accessor.domain.add", _("Report a served domain")
    DOMAIN_DELETE = "accessor.domain.delete", _("Withdraw a served domain")
    IP_ADD = "accessor.ip.add", _("Report a served IP")
    IP_DELETE = "accessor.ip.delete", _("Withdraw a served IP")
    WHITE_LIST_ADD = "accessor.white_list.add", _("White-list unfiled domains")
    WHITE_LIST_DELETE = "accessor.white_list.delete", _("End white-list entries")
    IP_CHECK_INSERT = "accessor.ip_check.insert", _("Check an IP for unfiled domains")
    IP_CHECK_DELETE = "accessor.ip_check.delete", _("End an unfiled-domain IP check")
    FULL_DOMAINS_SUBMIT = "accessor.full_domains.submit", _("Submit the full list of served domains")


class IpVersion(models.IntegerChoices):
    IPV4 = 4, "IPv4"
    IPV6 = 6, "IPv6"


class CheckType(models.IntegerChoices):
    """Decision (the SDK models type ``CheckType`` as a bare integer): what the provider does with the
    unfiled domains that point at an IP it checks."""

    NOTIFY = 1, _("Notify: flag the unfiled domains")
    BLOCK = 2, _("Block: flag the unfiled domains and block their web access")


class _Report(models.Model):
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.PROTECT, related_name="+"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_time = models.DateTimeField(_("reported"))
    removed_time = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_live(self) -> bool:
        return self.removed_time is None


class ReportedDomain(_Report):
    """``ManageAccessorDomain``: a domain the provider says it serves. ``QueryAccessorDomainList``
    lists these with the account's filed websites."""

    domain = models.CharField(_("domain"), max_length=MAX_DOMAIN_LENGTH)

    class Meta:
        verbose_name = _("reported domain")
        verbose_name_plural = _("reported domains")
        ordering = ["-created_time", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "domain"], condition=LIVE, name="reported_domain_one_live"
            )
        ]

    def __str__(self) -> str:
        return self.domain


class ReportedIp(_Report):
    """``ManageAccessorIp``: an IP the provider controls. ``QueryAccessorIp`` answers true for it,
    and the provider may put it under an unfiled-domain check."""

    ip = models.GenericIPAddressField(_("IP address"))
    ip_version = models.PositiveSmallIntegerField(_("IP version"), choices=IpVersion.choices)
    remark = models.CharField(_("remark"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("reported IP")
        verbose_name_plural = _("reported IPs")
        ordering = ["-created_time", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["account", "ip"], condition=LIVE, name="reported_ip_one_live")
        ]

    def __str__(self) -> str:
        return self.ip


class WhiteListEntry(_Report):
    """``ManageAccessorDomainWhiteList``: an unfiled domain the provider vouches for from
    ``start_time`` until ``end_time``. The Beian status queries answer ``WHITELISTED`` for it
    meanwhile (unless it gets filed)."""

    domain = models.CharField(_("domain"), max_length=MAX_DOMAIN_LENGTH, db_index=True)
    start_time = models.DateTimeField(_("from"))
    end_time = models.DateTimeField(_("until"))
    remark = models.CharField(_("remark"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("white-list entry")
        verbose_name_plural = _("white-list entries")
        ordering = ["-created_time", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="white_list_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.domain


class IpCheck(_Report):
    """``InsertUnbeianIpCheckType``: an IP of the provider's under an unfiled-domain check. The
    unfiled domains that point at the IP (filed or being filed for an instance that has it) are
    flagged by the Beian status queries."""

    ip = models.GenericIPAddressField(_("IP address"))
    check_type = models.PositiveSmallIntegerField(_("check type"), choices=CheckType.choices)
    remark = models.CharField(_("remark"), max_length=500, blank=True)
    caller = models.CharField(_("caller"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("unfiled-domain IP check")
        verbose_name_plural = _("unfiled-domain IP checks")
        ordering = ["-created_time", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "ip", "check_type"], condition=LIVE, name="ip_check_one_live"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ip} ({self.check_type})"


class FullDomainsSubmission(models.Model):
    """``SubmitAccessorFullDomainsOssList``: the OSS objects holding the provider's full list of
    served domains. The simulator has no OSS (and no network), so it records the submission for staff
    and does not read the files."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.PROTECT, related_name="+"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.PROTECT, related_name="+"
    )
    oss_list = models.JSONField(_("OSS objects"), default=list)
    created_time = models.DateTimeField(_("submitted"))

    class Meta:
        verbose_name = _("full domain list submission")
        verbose_name_plural = _("full domain list submissions")
        ordering = ["-created_time", "-id"]

    def __str__(self) -> str:
        return f"{len(self.oss_list)} OSS object(s)"
