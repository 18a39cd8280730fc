"""The sandbox's own state (SPEC 4.6): its run-time settings, the fault rules every process reads,
and the log of the faults it injected. Stored in the database so that every worker and node
agrees."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from icpconsole.core.api.permissions import DRIVE_SANDBOX, may_drive_sandbox  # noqa: F401


class ReviewMode(models.TextChoices):
    MANUAL = "manual", _("Manual: staff decide every review")
    AUTO = "auto", _("Automatic: the simulator decides reviews that fall due")


DEFAULT_AT_RISK_DAYS = 15
DEFAULT_CANCEL_AFTER_DAYS = 30
# SPEC 3.12, Alibaba Cloud help document 157772: an order left alone 45 days is deleted, with
# reminders at 30 and 40 days.
DEFAULT_ORDER_EXPIRE_DAYS = 45
DEFAULT_ORDER_REMIND_DAYS = 30
DEFAULT_ORDER_SECOND_REMIND_DAYS = 40


def default_review_mode() -> str:
    return getattr(settings, "ICP_REVIEW_MODE", ReviewMode.MANUAL)


class Provider(models.TextChoices):
    """The provider profile the simulator plays (SPEC 3.14; ``instances/providers.py``)."""

    ALIBABA = "alibaba", _("Alibaba Cloud")
    TENCENT = "tencent", _("Tencent Cloud")
    HUAWEI = "huawei", _("Huawei Cloud")


def default_provider() -> str:
    return getattr(settings, "ICP_PROVIDER", Provider.ALIBABA)


class SimulatorSettings(models.Model):
    """The run-time settings staff change (one row): the review mode and the access-health
    deadlines of SPEC 3.10, the order expiry and its reminders of SPEC 3.12."""

    SINGLETON_ID = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_ID, editable=False)
    review_mode = models.CharField(
        _("review mode"), max_length=8, choices=ReviewMode.choices, default=default_review_mode
    )
    provider = models.CharField(
        _("provider profile"),
        max_length=8,
        choices=Provider.choices,
        default=default_provider,
        help_text=_("Whose service-code rules the simulator plays."),
    )
    access_at_risk_days = models.PositiveSmallIntegerField(
        _("days expired before a website is at risk"),
        default=DEFAULT_AT_RISK_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    access_cancel_after_days = models.PositiveSmallIntegerField(
        _("days at risk before access is cancelled"),
        default=DEFAULT_CANCEL_AFTER_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    order_expire_days = models.PositiveSmallIntegerField(
        _("days untouched before a draft or returned order expires"),
        default=DEFAULT_ORDER_EXPIRE_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    order_remind_days = models.PositiveSmallIntegerField(
        _("days untouched before the first expiry reminder"),
        default=DEFAULT_ORDER_REMIND_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    order_second_remind_days = models.PositiveSmallIntegerField(
        _("days untouched before the second expiry reminder"),
        default=DEFAULT_ORDER_SECOND_REMIND_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )

    class Meta:
        verbose_name = _("simulator settings")
        verbose_name_plural = _("sandbox controls and settings")
        # Issue 27: driving the sandbox (reset, restore, snapshot, settings, faults, AccessKeys for
        # any account, moving the clock) is a right of its own; reviewers (plain staff) lack it.
        permissions = [
            ("drive_sandbox", _("Can drive the sandbox (reset, restore, snapshot, faults, clock)"))
        ]
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="simulator_settings_singleton")]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class FaultRule(models.Model):
    """Make one RPC action or REST route fail (or slow down) on purpose, so that a client's retry
    logic can be tested. ``error`` is an Alibaba Cloud error code (``Throttling.User``) or an HTTP
    status (``503``); empty for latency alone. ``times`` left empty means for ever; otherwise
    ``remaining`` counts down and the rule stops at 0."""

    target = models.CharField(_("target"), max_length=100, help_text=_("An RPC action or a REST route name."))
    error = models.CharField(_("error"), max_length=64, blank=True)
    probability = models.FloatField(
        _("probability"), default=1.0, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    latency_ms = models.PositiveIntegerField(_("latency (ms)"), default=0)
    times = models.PositiveIntegerField(_("times"), null=True, blank=True)
    # Issue 27: a rule may be meant for one tester; it then fires only for that account (or its RAM
    # users) or that AccessKey. Names, not foreign keys: a rule outlives the world it was set in.
    account = models.CharField(
        _("account"),
        max_length=150,
        blank=True,
        help_text=_("Only this account's calls (and its RAM users')."),
    )
    access_key_id = models.CharField(
        _("AccessKey ID"),
        max_length=64,
        blank=True,
        help_text=_("Only RPC calls signed with this AccessKey."),
    )
    remaining = models.PositiveIntegerField(_("remaining"), null=True, blank=True, editable=False)
    created_time = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("fault rule")
        verbose_name_plural = _("fault rules")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(probability__gte=0) & models.Q(probability__lte=1),
                name="fault_probability_0_to_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target}: {self.error or f'{self.latency_ms} ms'}"


class InjectedFault(models.Model):
    """One fault the simulator injected: the log staff read in the admin."""

    rule = models.ForeignKey(
        FaultRule, verbose_name=_("rule"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target = models.CharField(_("target"), max_length=100)
    interface = models.CharField(_("interface"), max_length=8)  # "rpc" | "rest"
    error = models.CharField(_("error"), max_length=64, blank=True)
    status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    latency_ms = models.PositiveIntegerField(_("latency (ms)"), default=0)
    time = models.DateTimeField(_("time (real)"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("injected fault")
        verbose_name_plural = _("injected faults")
        ordering = ["-time", "-id"]

    def __str__(self) -> str:
        return f"{self.target}: {self.error or f'{self.latency_ms} ms'}"
