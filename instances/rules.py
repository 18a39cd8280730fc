"""Pure time rules for subscriptions (SPEC 3.4, 3.5). No ORM, no clock: callers pass ``now``.

Billing dates are reckoned in Asia/Shanghai whatever ``TIME_ZONE`` says, because that is
how the real console computes them.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

BILLING_TZ = ZoneInfo("Asia/Shanghai")

PREPAID = "PrePaid"
POSTPAID = "PostPaid"

MIN_PERIOD_MONTHS = 1
MAX_PERIOD_MONTHS = 36


def add_months(moment: dt.datetime, months: int) -> dt.datetime:
    """``moment`` plus calendar months, reckoned in Asia/Shanghai (Jan 31 + 1 month = Feb 28/29)."""
    local = moment.astimezone(BILLING_TZ)
    return (local + relativedelta(months=months)).astimezone(dt.UTC)


def purchase_expiry(now: dt.datetime, months: int) -> dt.datetime:
    """Expiry of a subscription of ``months`` bought at ``now``.

    SPEC 3.4: bought on day D (Asia/Shanghai), it expires at 00:00 Asia/Shanghai on the day
    after D + N months, so a fresh 3-month purchase has a little over 3 months left.
    """
    day = now.astimezone(BILLING_TZ).date() + relativedelta(months=months) + dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time.min, tzinfo=BILLING_TZ).astimezone(dt.UTC)


def renewal_expiry(*, expired_time: dt.datetime, now: dt.datetime, months: int) -> dt.datetime:
    """New expiry after renewing ``months``: extends the current expiry, or, once it has passed,
    counts as buying on today's date (SPEC 3.4)."""
    if is_expired(PREPAID, expired_time, now):
        return purchase_expiry(now, months)
    return add_months(expired_time, months)


def is_expired(charge_type: str, expired_time: dt.datetime | None, now: dt.datetime) -> bool:
    """A subscription has expired once its expiry moment has been reached."""
    return charge_type == PREPAID and expired_time is not None and expired_time <= now


def has_months_left(expired_time: dt.datetime | None, now: dt.datetime, months: int) -> bool:
    """At least ``months`` calendar months remain; exactly on the boundary qualifies (SPEC 3.5)."""
    return expired_time is not None and expired_time >= add_months(now, months)
