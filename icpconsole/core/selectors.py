"""Reads the console pages share: the operation log, scoped to the login's account (a RAM user sees
its parent's)."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import AuditEvent


def audit_events_for(user) -> QuerySet[AuditEvent]:
    """The operation log of the login's account, newest (simulated time) first."""
    return (
        AuditEvent.objects.filter(account=user.owner_account)
        .select_related("actor")
        .order_by("-sim_time", "-id")
    )
