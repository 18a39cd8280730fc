"""The sweeps of SPEC 3.10 and 3.12 that need the simulator's run-time settings: filings does not read
``SimulatorSettings``, so the automatic review (with the stored mode) and the access-health sweep
(with its deadlines) are registered from here, and the SMS code's lapse (SPEC 3.12) after the
automatic review, whose order it depends on."""

from __future__ import annotations

import datetime as dt

from filings.services.aftercare import access_health_sweep
from filings.services.loop import expiry_sweep, register_expiry_settings
from filings.services.timeline import register_sweep
from filings.services.workflow import sms_lapse_sweep

from .models import (
    DEFAULT_AT_RISK_DAYS,
    DEFAULT_CANCEL_AFTER_DAYS,
    DEFAULT_ORDER_EXPIRE_DAYS,
    DEFAULT_ORDER_REMIND_DAYS,
    DEFAULT_ORDER_SECOND_REMIND_DAYS,
    SimulatorSettings,
)


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


def order_expiry_settings() -> tuple[int, tuple[int, int]]:
    """(days untouched before an order expires, (the two reminders' days)), SPEC 3.12."""
    row = SimulatorSettings.objects.filter(pk=SimulatorSettings.SINGLETON_ID).first()
    if row is None:
        return DEFAULT_ORDER_EXPIRE_DAYS, (DEFAULT_ORDER_REMIND_DAYS, DEFAULT_ORDER_SECOND_REMIND_DAYS)
    return row.order_expire_days, (row.order_remind_days, row.order_second_remind_days)


def order_expiry(*, now: dt.datetime, actor=None) -> int:
    expire_days, remind_days = order_expiry_settings()
    return expiry_sweep(now=now, actor=actor, expire_days=expire_days, remind_days=remind_days)


def register() -> None:
    from .services import auto_review

    register_sweep("auto_review", auto_review)
    # After the automatic review: in ``auto`` mode the simulated applicant enters the codes that
    # were waiting before this settlement, so only the codes nobody enters lapse.
    register_sweep("sms_lapse", sms_lapse_sweep)
    register_sweep("access_health", access_health)
    register_sweep("order_expiry", order_expiry)
    register_expiry_settings(order_expiry_settings)  # the order page's deadline
