"""China's working days (SPEC 3.10): weekends and statutory holidays are days off, and the
adjusted working days (调休, a Saturday or Sunday worked to make a holiday longer) are working days.

The calendar is the ``holidays`` package's ``China`` (maintained, released monthly; it also
computes the fixed and lunar holidays of future years). Its official schedule of adjusted days is
only as recent as the State Council's last announcement, so a year counts as *known* when the
package holds at least one adjusted working day in it; in any other year (before the first or
after the last announcement it knows) only weekends are days off, as SPEC 3.10 asks, rather than
a half-known mix of holidays without their adjusted days.

Review deadlines count working days in China's time (Asia/Shanghai), whatever ``TIME_ZONE`` is.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo

import holidays

CHINA_TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
# The years the package computes for us; the known ones are those with an announced schedule.
_FIRST_YEAR = 2000
_LAST_YEAR = 2100


@functools.cache
def _calendar() -> holidays.HolidayBase:
    return holidays.China(years=range(_FIRST_YEAR, _LAST_YEAR + 1))


@functools.cache
def known_years() -> frozenset[int]:
    """The years whose official schedule (holidays and adjusted working days) the package holds."""
    return frozenset(day.year for day in _calendar().weekend_workdays)


def is_working_day(day: dt.date) -> bool:
    if day.year in known_years():
        return _calendar().is_working_day(day)
    return day.weekday() < 5


def add_working_days(start: dt.datetime, days: int) -> dt.datetime:
    """The moment ``days`` working days after ``start`` (aware): the same time of day on the
    ``days``-th working day after ``start``'s day in China. Submitted on a Friday afternoon, one
    working day is Monday afternoon; submitted on a Saturday, Monday at the same hour."""
    local = start.astimezone(CHINA_TZ)
    day = local.date()
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return dt.datetime.combine(day, local.timetz()).astimezone(dt.UTC)
