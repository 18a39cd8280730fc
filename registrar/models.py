"""The simulated domain registrar (SPEC 3.9): who holds each registered domain, whether the
holder's real name is verified, and until when it is registered.

A domain is registered once across the simulator (the unique ``domain``). Domains registered
here belong to an account; staff add domains held at other registrars in the admin (no account,
``registrar`` names the other registrar) to model domains the filing checks find elsewhere.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SIMULATOR = "simulator"
MAX_DOMAIN_LENGTH = 253


class RealNameStatus(models.TextChoices):
    VERIFIED = "verified", _("Verified")
    FAILED = "failed", _("Failed")


class DomainStatus(models.TextChoices):
    """The EPP-style status a registrar shows; computed (``registrar.rules.domain_status``)."""

    OK = "ok", _("Normal (ok)")
    EXPIRED = "expired", _("Expired")
    SERVER_HOLD = "serverHold", _("On hold until real-name verification (serverHold)")


class Domain(models.Model):
    domain = models.CharField(_("domain"), max_length=MAX_DOMAIN_LENGTH, unique=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registered_domains",
        help_text=_("Empty for a domain held at another registrar."),
    )
    registrar = models.CharField(_("registrar"), max_length=64, default=SIMULATOR)
    holder_name = models.CharField(_("holder name"), max_length=200)
    holder_certificate_number = models.CharField(_("holder certificate number"), max_length=64)
    real_name_status = models.CharField(
        _("real-name verification"), max_length=16, choices=RealNameStatus.choices
    )
    registered_time = models.DateTimeField(_("registered"))
    expired_time = models.DateTimeField(_("expires"))
    updated_time = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("registered domain")
        verbose_name_plural = _("registered domains")
        ordering = ["domain"]
        indexes = [models.Index(fields=["account", "domain"], name="registrar_domain_account")]

    def __str__(self) -> str:
        return self.domain


class DomainAction(models.TextChoices):
    """What the operation log records about domains (``icpconsole.core.audit``)."""

    REGISTER = "domain.register", _("Register domain")
    RENEW = "domain.renew", _("Renew domain")
    HOLDER_CHANGE = "domain.holder.change", _("Change domain holder")
    ADD_EXTERNAL = "domain.add_external", _("Add domain held at another registrar")
