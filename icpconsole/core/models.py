from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class ClockState(models.Model):
    """The simulated clock: one stored row, so every process agrees on ``now()`` (SPEC 3.8)."""

    SINGLETON_ID = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_ID, editable=False)
    offset_seconds = models.BigIntegerField(_("offset (seconds)"), default=0)
    updated_time = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("simulated clock")
        verbose_name_plural = _("simulated clock")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="clock_is_a_singleton"),
            models.CheckConstraint(
                condition=models.Q(offset_seconds__gte=0), name="clock_only_moves_forward"
            ),
        ]

    def __str__(self) -> str:
        days = self.offset_seconds // 86400
        return ngettext("+%(days)d day", "+%(days)d days", days) % {"days": days}


class GeneratorCounter(models.Model):
    """How many values of one kind the world has drawn, for seeded runs (``generators``, SPEC 4.8):
    kept here so that every process and worker continues the same sequence. The row of kind ``""``
    holds the world's salt instead."""

    kind = models.CharField(_("kind"), max_length=64, primary_key=True, blank=True)
    value = models.BigIntegerField(_("values drawn"), default=0)
    salt = models.CharField(_("salt"), max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("generator counter")
        verbose_name_plural = _("generator counters")

    def __str__(self) -> str:
        return f"{self.kind or '(salt)'}: {self.value}"


class AuditEvent(models.Model):
    """Who changed what, when (in simulated time). Written only by services (SPEC 3.8)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
        help_text=_("The account whose operation log shows this event."),
    )
    action = models.CharField(_("action"), max_length=64, db_index=True)
    target_type = models.CharField(_("object type"), max_length=64, blank=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    target_repr = models.CharField(_("object"), max_length=200, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    sim_time = models.DateTimeField(_("time (simulated)"), db_index=True)
    real_time = models.DateTimeField(_("time (real)"), auto_now_add=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-sim_time", "-id"]
        indexes = [models.Index(fields=["account", "-sim_time", "-id"], name="audit_account_time")]

    def __str__(self) -> str:
        return f"{self.action} {self.target_repr}"
