from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from icpconsole.core import generators

# The largest quota of any product (SPEC 3.3); a database backstop under the service's check.
MAX_QUOTA = 5


def generate_code() -> str:
    """Lowercase UUID, 36 characters 8-4-4-4-12 (SPEC 3.6)."""
    return str(generators.uuid4("service_code"))


class CodeStatus(models.TextChoices):
    UNUSED = "unused", _("Unused")
    FILING = "filing", _("In filing")
    USED = "used", _("Used")
    DELETED = "deleted", _("Deleted")


# SPEC 3.6/3.7: the only moves a code can make. A used code is permanently invalid; a deleted one
# can never be restored or re-applied for.
TRANSITIONS: dict[str, frozenset[str]] = {
    CodeStatus.UNUSED: frozenset({CodeStatus.FILING}),
    CodeStatus.FILING: frozenset({CodeStatus.UNUSED, CodeStatus.USED}),
    CodeStatus.USED: frozenset({CodeStatus.DELETED}),
    CodeStatus.DELETED: frozenset(),
}


class ServiceCode(models.Model):
    """An ICP filing service code, bound for ever to the instance it was issued for.

    ``quota_key`` names what the quota counts against (``instance:<pk>`` or ``account:<pk>``) and
    ``slot`` numbers the code within it; the unique pair is the database's guard of the quota
    under concurrency, behind the locked count in ``service_code_apply``.
    """

    code = models.CharField(
        _("service code"), max_length=36, unique=True, default=generate_code, editable=False
    )
    instance = models.ForeignKey(
        "instances.Instance",
        verbose_name=_("instance"),
        on_delete=models.PROTECT,
        related_name="service_codes",
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="service_codes",
    )
    quota_key = models.CharField(_("quota key"), max_length=40, editable=False)
    slot = models.PositiveSmallIntegerField(_("quota slot"), editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=CodeStatus.choices, default=CodeStatus.UNUSED
    )
    icp_number = models.CharField(_("ICP number"), max_length=64, blank=True)
    created_time = models.DateTimeField(_("issued"))
    status_time = models.DateTimeField(_("status changed"))

    class Meta:
        verbose_name = _("service code")
        verbose_name_plural = _("service codes")
        ordering = ["-created_time", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["quota_key", "slot"], name="service_code_quota_slot_unique"),
            models.CheckConstraint(
                condition=models.Q(slot__gte=1, slot__lte=MAX_QUOTA), name="service_code_slot_within_quota"
            ),
        ]
        indexes = [
            models.Index(fields=["account", "-created_time", "-id"], name="code_account_created"),
            models.Index(fields=["account", "status"], name="code_account_status"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def audit_id(self) -> str:
        return self.code


class CodeAction(models.TextChoices):
    """What the operation log records about service codes (``icpconsole.core.audit``)."""

    APPLY = "service_code.apply", _("Apply for service code")
    RESERVE = "service_code.reserve", _("Service code used in a filing order")
    RELEASE = "service_code.release", _("Service code returned (order closed)")
    USE = "service_code.use", _("Service code used (filing approved)")
    DELETE = "service_code.delete", _("Service code deleted (filing cancelled)")
    GRANT = "service_code.grant", _("Service code granted to another account")
