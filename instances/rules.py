"""Pure time rules for subscriptions (SPEC 3.4, 3.5). No ORM, no clock: callers pass ``now``.

Billing dates are reckoned in Asia/Shanghai whatever ``TIME_ZONE`` says, because that is
how the real console computes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from icpconsole.core.reasons import Reason

from . import refusals

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


# --- prices (SPEC 3.3: "an order's amount is price x months") ---------------------------------
@dataclass(frozen=True)
class Quote:
    """What an order costs: the console's cost summary."""

    monthly_price: Decimal
    months: int  # 0 for pay-as-you-go: nothing is ordered in advance
    total: Decimal


def quote(monthly_price: Decimal, *, charge_type: str, months: int | None) -> Quote:
    """The cost of buying (or renewing, or switching to) ``months`` of ``charge_type``."""
    months = (months or 0) if charge_type == PREPAID else 0
    return Quote(Decimal(monthly_price), months, order_amount(monthly_price, months))


def order_amount(monthly_price: Decimal, months: int) -> Decimal:
    """The amount of an order of ``months`` at ``monthly_price`` RMB, to the fen. Pay-as-you-go
    instances order nothing in advance (``months`` 0, amount 0). The console's cost summary and
    the order the services record both come from here."""
    return (Decimal(monthly_price) * months).quantize(Decimal("0.01"))


# --- which actions an instance offers now -----------------------------------------------------
# Action keys, as the console's action pages name them.
RENEW = "renew"
CONVERT = "convert"
BANDWIDTH = "bandwidth"
STOP = "stop"
START = "start"
RELEASE = "release"
ACTIONS = (RENEW, CONVERT, BANDWIDTH, STOP, START, RELEASE)

# Stored power states (``Instance.status``; "Expired" is derived, never stored).
RUNNING = "Running"
STOPPED = "Stopped"
RELEASED = "Released"

# The refusals (``instances.refusals`` entries; the services raise them with their texts).
REFUSED_RELEASED = refusals.INSTANCE_RELEASED
REFUSED_NOT_SUBSCRIPTION = refusals.NOT_SUBSCRIPTION
REFUSED_ALREADY_SUBSCRIPTION = refusals.ALREADY_SUBSCRIPTION
REFUSED_EXPIRED = refusals.INSTANCE_EXPIRED
REFUSED_STATUS = refusals.INCORRECT_INSTANCE_STATUS


def action_refusal(action: str, *, status: str, charge_type: str, expired: bool) -> Reason | None:
    """Why ``action`` is refused for an instance in this state (the catalogue entry), or ``None``
    when it is allowed. The model and the services answer with the same shape.

    ``status`` is the stored power state (``Running``, ``Stopped``, ``Released``) and ``expired``
    whether its subscription has passed. Decisions (docs/architecture.md): a released instance
    cannot be changed; only a subscription is renewed and only pay-as-you-go is switched; an
    expired instance can be renewed, stopped and released, but not started or have its
    bandwidth changed until it is renewed."""
    if action not in ACTIONS:
        raise ValueError(f"unknown instance action {action!r}")
    if is_released(status):
        return REFUSED_RELEASED
    if action == RENEW and charge_type != PREPAID:
        return REFUSED_NOT_SUBSCRIPTION
    if action == CONVERT and charge_type == PREPAID:
        return REFUSED_ALREADY_SUBSCRIPTION
    if action in (BANDWIDTH, START) and expired:
        return REFUSED_EXPIRED
    if (action == START and status == RUNNING) or (action == STOP and status == STOPPED):
        return REFUSED_STATUS
    return None


def is_released(status: str) -> bool:
    """A released instance is gone: nothing can be done to it, whatever the time."""
    return status == RELEASED


def available_actions(*, status: str, charge_type: str, expired: bool) -> frozenset[str]:
    """The actions ``action_refusal`` allows: what the console offers for the instance."""
    return frozenset(
        action
        for action in ACTIONS
        if action_refusal(action, status=status, charge_type=charge_type, expired=expired) is None
    )
