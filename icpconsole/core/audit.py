"""The audit trail: every service that changes state records one event here (SPEC 3.8)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models


def audit_record(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    account=None,
    details: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
):
    """Record ``actor`` doing ``action`` to ``target``. ``account`` is whose operation log shows it
    (a RAM user's actions show in its parent's log)."""
    from . import clock
    from .models import AuditEvent

    if account is not None and getattr(account, "parent_id", None):
        account = account.parent
    target_id = ""
    if target is not None:
        target_id = str(getattr(target, "audit_id", None) or target.pk)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        account=account,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=target_id,
        target_repr=str(target)[:200] if target is not None else "",
        details=details or {},
        sim_time=at or clock.now(),
    )
