"""The filing rules after approval (SPEC 3.10), from plain facts: when the public security filing
is due, where it stands and which notice the phone gets; a website's access health (at risk,
cancelled) from its hosting instance. Pure, like ``filings/rules.py``, which re-exports every name;
``filings/services/aftercare.py`` enforces them, facts from ``filings.selectors.website_hosting``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from .models import WebsiteStatus

# Decision: the public security deadline is a constant, not a setting (the law's 30 days; the
# access-health deadlines are settings, ``SimulatorSettings``). The reminder comes a week before.
PUBLIC_SECURITY_DAYS = 30
PUBLIC_SECURITY_REMINDER_DAYS = 7


class PublicSecurityStatus(StrEnum):
    PENDING = "pending"
    FILED = "filed"
    OVERDUE = "overdue"


def public_security_due_time(approved: dt.datetime) -> dt.datetime:
    """The public security filing (公安联网备案) is due 30 days after the website's approval."""
    return approved + dt.timedelta(days=PUBLIC_SECURITY_DAYS)


def public_security_status(*, number: str, due_time: dt.datetime | None, now: dt.datetime) -> str:
    """``filed`` once recorded; ``overdue`` from the due moment on; ``pending`` before."""
    if number:
        return PublicSecurityStatus.FILED
    if due_time is not None and now >= due_time:
        return PublicSecurityStatus.OVERDUE
    return PublicSecurityStatus.PENDING


def public_security_notice_due(
    *, website_status: str, number: str, due_time: dt.datetime | None, notice: str, now: dt.datetime
) -> str | None:
    """Which public security notice the phone gets now (``reminded`` a week before the due time,
    ``overdue`` from it on), or ``None``. Each is sent once; a website that was already overdue
    when first looked at gets the overdue notice alone. ``notice`` is the last one sent."""
    if website_status != WebsiteStatus.ACTIVE or number or due_time is None:
        return None
    if now >= due_time:
        return None if notice == "overdue" else "overdue"
    if now >= due_time - dt.timedelta(days=PUBLIC_SECURITY_REMINDER_DAYS) and not notice:
        return "reminded"
    return None


class AccessStatus(StrEnum):
    NORMAL = "normal"
    AT_RISK = "at_risk"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Hosting:
    """The facts of a website's hosting instance that decide its access health."""

    released: bool
    released_time: dt.datetime | None = None
    expired_time: dt.datetime | None = None  # a subscription's expiry; None for pay-as-you-go

    def unhealthy(self, now: dt.datetime) -> bool:
        return self.released or (self.expired_time is not None and self.expired_time <= now)


@dataclass(frozen=True)
class AccessHealth:
    at_risk_since: dt.datetime | None  # None: the website's access is not at risk now
    cancel_time: dt.datetime | None  # when access is cancelled unless the hosting recovers

    @property
    def at_risk(self) -> bool:
        return self.at_risk_since is not None

    def cancel_due(self, now: dt.datetime) -> bool:
        return self.cancel_time is not None and now >= self.cancel_time


def access_health(
    hosting: Hosting | None, *, now: dt.datetime, at_risk_days: int, cancel_after_days: int
) -> AccessHealth:
    """SPEC 3.10 (空壳 checks): a filed website is at risk from its instance's release, or from
    ``at_risk_days`` after its subscription expired, whichever came first; its access is cancelled
    ``cancel_after_days`` after that. A website without an instance (a claimed HiChina filing) is
    never at risk: nothing here hosts it to check. Renewing the instance (its expiry moves into the
    future) or rebinding the website to another instance makes it healthy again."""
    if hosting is None:
        return AccessHealth(None, None)
    moments = []
    if hosting.released:
        moments.append(hosting.released_time or now)
    if hosting.expired_time is not None:
        moments.append(hosting.expired_time + dt.timedelta(days=at_risk_days))
    since = min((moment for moment in moments if moment <= now), default=None)
    if since is None:
        return AccessHealth(None, None)
    return AccessHealth(since, since + dt.timedelta(days=cancel_after_days))


def access_status(
    *, website_status: str, at_risk_time: dt.datetime | None, hosting: Hosting | None, now: dt.datetime
) -> str:
    """What the website JSON and the console say: ``cancelled`` once access was cancelled,
    ``at_risk`` while the sweep's mark stands and the instance is still released or expired (a
    renewal shows at once), ``normal`` otherwise."""
    if website_status == WebsiteStatus.ACCESS_CANCELLED:
        return AccessStatus.CANCELLED
    if (
        website_status == WebsiteStatus.ACTIVE
        and at_risk_time is not None
        and hosting is not None
        and hosting.unhealthy(now)
    ):
        return AccessStatus.AT_RISK
    return AccessStatus.NORMAL


def can_record_public_security(*, website_status: str, number: str, is_ram_user: bool) -> bool:
    """The owner (not a RAM user) records a filed website's public security filing once."""
    return website_status == WebsiteStatus.ACTIVE and not number and not is_ram_user
