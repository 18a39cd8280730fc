"""Registrar rules from plain values (pure, the clock passed in)."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from .certificates import holder_certificate_valid
from .models import DomainStatus, RealNameStatus

MIN_PERIOD_YEARS = 1
MAX_PERIOD_YEARS = 10


def real_name_status(holder_certificate_number: str, *, today: dt.date) -> str:
    """Decided at once (SPEC 3.9): verified when the holder's certificate number is valid."""
    if holder_certificate_valid(holder_certificate_number, today=today):
        return RealNameStatus.VERIFIED
    return RealNameStatus.FAILED


def domain_status(*, real_name_status: str, expired_time: dt.datetime, now: dt.datetime) -> str:
    """``serverHold`` until real-name verification succeeds, then ``expired`` or ``ok``."""
    if real_name_status != RealNameStatus.VERIFIED:
        return DomainStatus.SERVER_HOLD
    if expired_time <= now:
        return DomainStatus.EXPIRED
    return DomainStatus.OK


def is_expired(expired_time: dt.datetime, now: dt.datetime) -> bool:
    return expired_time <= now


def renewed_until(expired_time: dt.datetime, *, now: dt.datetime, years: int) -> dt.datetime:
    """A renewal adds whole years to the expiry, or to now when the domain has already expired
    (a lapsed domain comes back for the years paid from today)."""
    return max(expired_time, now) + relativedelta(years=years)
