"""China's working days (SPEC 3.10): weekends and statutory holidays off, adjusted working days
(调休) on, from the holidays package; beyond the years it knows, weekends only. No database."""

import datetime as dt

import pytest

from icpconsole.core.workdays import CHINA_TZ, add_working_days, is_working_day, known_years


def shanghai(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CHINA_TZ)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (dt.date(2026, 9, 29), True),  # a Tuesday
        (dt.date(2026, 10, 1), False),  # National Day
        (dt.date(2026, 10, 7), False),  # the Golden Week's last day off (moved from a weekend)
        (dt.date(2026, 10, 10), True),  # a Saturday worked for it (调休)
        (dt.date(2026, 9, 20), True),  # a Sunday worked for it
        (dt.date(2026, 10, 11), False),  # an ordinary Sunday
        (dt.date(2026, 2, 17), False),  # the Spring Festival
        (dt.date(2026, 2, 14), True),  # a Saturday worked for the Spring Festival
    ],
)
def test_the_2026_calendar(day, working):
    assert is_working_day(day) is working


def test_friday_plus_one_working_day_is_monday_at_the_same_time():
    assert add_working_days(shanghai(2026, 11, 27, 15, 30), 1) == shanghai(2026, 11, 30, 15, 30)


def test_a_saturday_submission_falls_due_on_monday():
    assert add_working_days(shanghai(2026, 11, 28, 9, 0), 1) == shanghai(2026, 11, 30, 9, 0)


def test_the_national_day_holiday_is_skipped():
    # Wednesday 30 September: 1 to 7 October are days off, Thursday 8 October is the next working day.
    assert add_working_days(shanghai(2026, 9, 30, 10, 0), 1) == shanghai(2026, 10, 8, 10, 0)


def test_an_adjusted_working_day_counts():
    # Friday 9 October, then Saturday 10 October is a working day.
    assert add_working_days(shanghai(2026, 10, 9, 10, 0), 1) == shanghai(2026, 10, 10, 10, 0)


def test_twenty_working_days_across_the_golden_week():
    # From Friday 25 September: 28 to 30 Sep (3), 8 to 10 Oct with Saturday 10 adjusted (6),
    # 12 to 16 (11), 19 to 23 (16), 26 to 29 Oct (20).
    assert add_working_days(shanghai(2026, 9, 25, 10, 0), 20) == shanghai(2026, 10, 29, 10, 0)


def test_days_count_in_chinas_time_whatever_the_utc_date():
    # 23:30 UTC on Thursday 26 November is 07:30 on Friday 27 November in Shanghai: due Monday 07:30.
    start = dt.datetime(2026, 11, 26, 23, 30, tzinfo=dt.UTC)
    assert add_working_days(start, 1) == shanghai(2026, 11, 30, 7, 30)


def test_beyond_the_known_years_only_weekends_are_off():
    assert 2026 in known_years()
    later = max(known_years()) + 4
    new_year = dt.date(later, 1, 1)
    assert is_working_day(new_year) is (new_year.weekday() < 5)
    saturday = new_year + dt.timedelta(days=(5 - new_year.weekday()) % 7)
    assert not is_working_day(saturday)


def test_the_result_is_aware_utc():
    due = add_working_days(shanghai(2026, 11, 30, 10, 0), 1)
    assert due.tzinfo is dt.UTC
