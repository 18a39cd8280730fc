from __future__ import annotations

import string

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from icpconsole.core import generators
from icpconsole.core.counts import count_each
from icpconsole.core.reasons import Reason

from . import rules
from .catalog import QUOTA_SCOPE_ACCOUNT, QUOTA_SCOPE_INSTANCE

_ID_ALPHABET = string.ascii_lowercase + string.digits


def generate_instance_id() -> str:
    """Like a real ECS id: ``i-bp1`` plus 17 lowercase letters and digits (SPEC 3.4)."""
    return "i-bp1" + generators.choice_string("instance_id", _ID_ALPHABET, 17)


class Region(models.Model):
    id = models.CharField(_("region id"), max_length=32, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    name_zh = models.CharField(_("Chinese name"), max_length=100)
    mainland = models.BooleanField(_("mainland China"))

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["-mainland", "id"]

    def __str__(self) -> str:
        return self.id


class Product(models.Model):
    """One row of the product table of SPEC 3.3 (data, not code)."""

    QUOTA_SCOPES = [(QUOTA_SCOPE_INSTANCE, _("per instance")), (QUOTA_SCOPE_ACCOUNT, _("per account"))]

    id = models.CharField(_("product id"), max_length=32, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    name_zh = models.CharField(_("Chinese name"), max_length=100)
    min_months = models.PositiveSmallIntegerField(_("minimum subscription (months)"), null=True, blank=True)
    min_order_rmb = models.DecimalField(
        _("minimum single order (RMB)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    quota = models.PositiveSmallIntegerField(_("service codes"))
    quota_scope = models.CharField(_("quota scope"), max_length=16, choices=QUOTA_SCOPES)
    monthly_price_rmb = models.DecimalField(_("monthly price (RMB)"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.id

    @property
    def supported(self) -> bool:
        return self.quota > 0


class ChargeType(models.TextChoices):
    PREPAID = rules.PREPAID, _("Subscription")
    POSTPAID = rules.POSTPAID, _("Pay-as-you-go")


class InstanceStatus(models.TextChoices):
    RUNNING = "Running", _("Running")
    STOPPED = "Stopped", _("Stopped")
    EXPIRED = "Expired", _("Expired")
    RELEASED = "Released", _("Released")


class InstanceQuerySet(models.QuerySet):
    """The SQL side of the derived status: the one place that turns ``status_at`` into filters.
    ``Expired`` is never stored; it mirrors :func:`instances.rules.is_expired` (pages, API and
    admin all filter and count through these methods)."""

    @staticmethod
    def _expired_q(now) -> models.Q:
        return models.Q(charge_type=rules.PREPAID, expired_time__lte=now)

    @classmethod
    def status_q(cls, status: str, now) -> models.Q:
        """A filter for the status callers see at ``now`` (``Instance.status_at``)."""
        released = models.Q(status=InstanceStatus.RELEASED)
        if status == InstanceStatus.RELEASED:
            return released
        if status == InstanceStatus.EXPIRED:
            return ~released & cls._expired_q(now)
        return models.Q(status=status) & ~cls._expired_q(now)

    def with_status(self, status: str, now) -> InstanceQuerySet:
        return self.filter(self.status_q(status, now))

    def status_counts(self, now) -> dict[str, int]:
        """Instances per status at ``now`` (every status present), in one query.

        Each figure is a ``COUNT(*)`` over one range of the ``(owner, status, charge_type,
        expired_time)`` index (``instance_owner_status``): the rows stored per status, and those
        of them whose subscription has passed (they read ``Expired``). A range count touches
        only the index, where one conditional aggregate read every row of the account (66 ms at
        100,000 instances on SQLite, docs/performance.md)."""
        stored = [InstanceStatus.RUNNING, InstanceStatus.STOPPED, InstanceStatus.RELEASED]
        live = [InstanceStatus.RUNNING, InstanceStatus.STOPPED]
        parts = [models.Q(status=s) for s in stored]
        parts += [models.Q(status=s) & self._expired_q(now) for s in live]
        row = count_each(self, parts)
        running, stopped, released, expired_running, expired_stopped = row
        return {
            InstanceStatus.RUNNING.value: running - expired_running,
            InstanceStatus.STOPPED.value: stopped - expired_stopped,
            InstanceStatus.EXPIRED.value: expired_running + expired_stopped,
            InstanceStatus.RELEASED.value: released,
        }


#: Where a list's prefetched orders go (``Prefetch("orders", to_attr=PREFETCHED_ORDERS)``): a plain
#: list on each instance, read by the API serializer and by eligibility's order totals.
PREFETCHED_ORDERS = "prefetched_orders"


class Instance(models.Model):
    """A simulated cloud instance. ``status`` stores what the owner did (Running, Stopped,
    Released); ``Expired`` is never stored but derived from the clock (``status_at``)."""

    STORED_STATUSES = [
        (InstanceStatus.RUNNING.value, InstanceStatus.RUNNING.label),
        (InstanceStatus.STOPPED.value, InstanceStatus.STOPPED.label),
        (InstanceStatus.RELEASED.value, InstanceStatus.RELEASED.label),
    ]

    instance_id = models.CharField(
        _("instance ID"), max_length=32, unique=True, default=generate_instance_id, editable=False
    )
    name = models.CharField(_("name"), max_length=128, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="instances"
    )
    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.PROTECT)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT)
    charge_type = models.CharField(_("billing method"), max_length=16, choices=ChargeType.choices)
    status = models.CharField(_("status"), max_length=16, choices=STORED_STATUSES, default="Running")
    created_time = models.DateTimeField(_("created"))
    expired_time = models.DateTimeField(_("expires"), null=True, blank=True)
    internet_max_bandwidth_out = models.PositiveSmallIntegerField(_("public bandwidth (Mbps)"), default=0)
    public_ip_address = models.GenericIPAddressField(
        _("public IP"), protocol="IPv4", null=True, blank=True, unique=True
    )
    released_time = models.DateTimeField(_("released"), null=True, blank=True)

    objects = InstanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("instance")
        verbose_name_plural = _("instances")
        ordering = ["-created_time", "-id"]
        indexes = [
            models.Index(fields=["owner", "-created_time", "-id"], name="instance_owner_created"),
            # The status tabs' counts (InstanceQuerySet.status_counts) and the status filters.
            models.Index(
                fields=["owner", "status", "charge_type", "expired_time"], name="instance_owner_status"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(charge_type=rules.PREPAID, expired_time__isnull=False)
                    | models.Q(charge_type=rules.POSTPAID, expired_time__isnull=True)
                ),
                name="instance_expiry_iff_prepaid",
            ),
            models.CheckConstraint(
                condition=models.Q(internet_max_bandwidth_out__gt=0)
                | models.Q(public_ip_address__isnull=True),
                name="instance_public_ip_needs_bandwidth",
            ),
        ]

    def __str__(self) -> str:
        return self.instance_id

    @property
    def audit_id(self) -> str:
        return self.instance_id

    def status_at(self, now) -> str:
        """The status a caller sees at ``now``: a passed subscription reads ``Expired``."""
        if self.status == InstanceStatus.RELEASED:
            return InstanceStatus.RELEASED.value
        if rules.is_expired(self.charge_type, self.expired_time, now):
            return InstanceStatus.EXPIRED.value
        return self.status

    @property
    def is_released(self) -> bool:
        return rules.is_released(self.status)

    def action_refusal(self, action: str, now) -> Reason | None:
        """Why ``action`` is refused at ``now`` (``rules.action_refusal``), or ``None``."""
        return rules.action_refusal(
            action,
            status=self.status,
            charge_type=self.charge_type,
            expired=rules.is_expired(self.charge_type, self.expired_time, now),
        )

    def available_actions(self, now) -> frozenset[str]:
        """What can be done to the instance at ``now``: what the console offers."""
        return rules.available_actions(
            status=self.status,
            charge_type=self.charge_type,
            expired=rules.is_expired(self.charge_type, self.expired_time, now),
        )


class OrderKind(models.TextChoices):
    PURCHASE = "purchase", _("Purchase")
    RENEWAL = "renewal", _("Renewal")
    CONVERSION = "conversion", _("Switch to subscription")


class InstanceOrder(models.Model):
    """A billing order on an instance: months bought and the amount paid (price x months)."""

    instance = models.ForeignKey(
        Instance, verbose_name=_("instance"), on_delete=models.CASCADE, related_name="orders"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=OrderKind.choices)
    charge_type = models.CharField(_("billing method"), max_length=16, choices=ChargeType.choices)
    months = models.PositiveSmallIntegerField(_("months"), default=0)
    amount_rmb = models.DecimalField(_("amount (RMB)"), max_digits=12, decimal_places=2, default=0)
    created_time = models.DateTimeField(_("time"))
    expired_time_after = models.DateTimeField(_("expires after this order"), null=True, blank=True)

    class Meta:
        verbose_name = _("instance order")
        verbose_name_plural = _("instance orders")
        ordering = ["-created_time", "-id"]

    def __str__(self) -> str:
        return ngettext("%(kind)s, %(months)d month", "%(kind)s, %(months)d months", self.months) % {
            "kind": self.get_kind_display(),
            "months": self.months,
        }


class InstanceAction(models.TextChoices):
    """What the operation log records about instances (``icpconsole.core.audit``)."""

    PURCHASE = "instance.purchase", _("Buy instance")
    RENEW = "instance.renew", _("Renew instance")
    CONVERT_TO_PREPAID = "instance.convert_to_prepaid", _("Switch to subscription")
    MODIFY_BANDWIDTH = "instance.modify_bandwidth", _("Change bandwidth")
    STOP = "instance.stop", _("Stop instance")
    START = "instance.start", _("Start instance")
    RELEASE = "instance.release", _("Release instance")
