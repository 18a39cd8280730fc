"""Reads the console pages share: the operation log and the overview's counts.

Each returns a queryset or a small dict in a constant number of queries, scoped to the login's
account (a RAM user sees its parent's).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet

from instances.models import Instance, InstanceStatus
from instances.rules import PREPAID
from servicecodes.models import CodeStatus, ServiceCode

from .models import AuditEvent


def audit_events_for(user) -> QuerySet[AuditEvent]:
    """The operation log of the login's account, newest (simulated time) first."""
    return (
        AuditEvent.objects.filter(account=user.owner_account)
        .select_related("actor")
        .order_by("-sim_time", "-id")
    )


def _expired_q(now: dt.datetime) -> Q:
    # Mirrors instances.rules.is_expired: "Expired" is derived from the clock, never stored.
    return Q(charge_type=PREPAID, expired_time__lte=now)


def instance_status_q(status: str, now: dt.datetime) -> Q:
    """A filter for the status callers see at ``now`` (``Instance.status_at``)."""
    released = Q(status=InstanceStatus.RELEASED)
    if status == InstanceStatus.RELEASED:
        return released
    if status == InstanceStatus.EXPIRED:
        return ~released & _expired_q(now)
    return Q(status=status) & ~_expired_q(now)


def instance_status_counts(qs: QuerySet[Instance], now: dt.datetime) -> dict[str, int]:
    """Instances of ``qs`` per status at ``now``, in one query."""
    return qs.order_by().aggregate(
        **{
            status.value: Count("id", filter=instance_status_q(status.value, now))
            for status in InstanceStatus
        }
    )


def code_status_counts(user) -> dict[str, int]:
    """The account's service codes per status (every status present, zero when none), in one query."""
    rows = (
        ServiceCode.objects.filter(account=user.owner_account)
        .order_by()
        .values("status")
        .annotate(n=Count("id"))
    )
    counts = {status.value: 0 for status in CodeStatus}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts
