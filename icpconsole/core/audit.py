"""The audit trail: every service that changes state records one event here (SPEC 3.8)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


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


# --- the actions, with their labels -------------------------------------------------------------
# Each app declares the actions its services record as a ``TextChoices`` enum (value: the stored
# ``action``, label: what the operation log and the admin show, in English and Chinese) and
# registers it in its ``AppConfig.ready``. The core knows no domain app: it only keeps the table.

_LABELS: dict[str, Any] = {}


def register_actions(*enums: type[models.TextChoices]) -> None:
    for enum in enums:
        for member in enum:
            if _LABELS.get(member.value, member.label) is not member.label:
                raise ValueError(f"audit action {member.value} is registered twice")
            _LABELS[member.value] = member.label


def action_label(action: str) -> str:
    """The readable name of an audit action in the active language; an unknown one reads as itself."""
    label = _LABELS.get(action)
    return str(label) if label is not None else action


def registered_actions() -> frozenset[str]:
    return frozenset(_LABELS)


class ClockAction(models.TextChoices):
    ADVANCE = "clock.advance", _("Advance the simulated clock")
