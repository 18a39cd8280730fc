"""The sweeps of SPEC 3.10 that need the simulator's run-time settings: filings does not read
``SimulatorSettings``, so the automatic review (with the stored mode) and the access-health sweep
(with its deadlines) are registered from here."""

from __future__ import annotations

import datetime as dt

from filings.services.aftercare import access_health_sweep
from filings.services.timeline import register_sweep

from .models import DEFAULT_AT_RISK_DAYS, DEFAULT_CANCEL_AFTER_DAYS, SimulatorSettings


def access_deadlines() -> tuple[int, int]:
    """(days expired before a website is at risk, days at risk before its access is cancelled)."""
    row = SimulatorSettings.objects.filter(pk=SimulatorSettings.SINGLETON_ID).first()
    if row is None:
        return DEFAULT_AT_RISK_DAYS, DEFAULT_CANCEL_AFTER_DAYS
    return row.access_at_risk_days, row.access_cancel_after_days


def access_health(*, now: dt.datetime, actor=None) -> int:
    at_risk_days, cancel_after_days = access_deadlines()
    return access_health_sweep(
        now=now, actor=actor, at_risk_days=at_risk_days, cancel_after_days=cancel_after_days
    )


def register() -> None:
    from .services import auto_review

    register_sweep("auto_review", auto_review)
    register_sweep("access_health", access_health)
