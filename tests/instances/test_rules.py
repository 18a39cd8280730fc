"""Expiry arithmetic of SPEC 3.4 (pure, no database)."""

import datetime as dt

import pytest

from instances import rules

SH = rules.BILLING_TZ


def at(y, m, d, hh=12, mm=0, tz=SH):
    return dt.datetime(y, m, d, hh, mm, tzinfo=tz)


@pytest.mark.parametrize(
    ("bought", "months", "expires"),
    [
        (at(2026, 11, 22), 3, at(2027, 2, 23, 0)),
        (at(2026, 1, 31), 1, at(2026, 3, 1, 0)),  # Jan 31 + 1 month = Feb 28, expires the day after
        (at(2028, 1, 31), 1, at(2028, 3, 1, 0)),  # leap year: Feb 29 + 1 day
        (at(2026, 12, 31, 23, 59), 1, at(2027, 2, 1, 0)),
        (at(2026, 3, 31), 36, at(2029, 4, 1, 0)),
        # 23:30 UTC on Jan 31 is already Feb 1 in Shanghai: the purchase date is Feb 1.
        (dt.datetime(2026, 1, 31, 23, 30, tzinfo=dt.UTC), 1, at(2026, 3, 2, 0)),
    ],
    ids=["three-months", "month-end-clamps", "leap-year", "year-end", "three-years", "date-is-shanghai-date"],
)
def test_subscription_expires_at_midnight_shanghai_after_the_paid_months(bought, months, expires):
    assert rules.purchase_expiry(bought, months) == expires


def test_a_fresh_three_month_purchase_has_a_little_over_three_months_left():
    now = at(2026, 11, 22, 15)
    expiry = rules.purchase_expiry(now, 3)
    assert rules.has_months_left(expiry, now, 3)
    assert not rules.has_months_left(expiry, now + dt.timedelta(days=2), 3)


def test_renewal_extends_from_the_current_expiry_while_it_lasts():
    expiry = at(2027, 2, 23, 0)
    assert rules.renewal_expiry(expired_time=expiry, now=at(2026, 12, 1), months=2) == at(2027, 4, 23, 0)


def test_renewal_after_expiry_counts_as_buying_today():
    expiry = at(2026, 5, 1, 0)
    assert rules.renewal_expiry(expired_time=expiry, now=at(2026, 6, 10), months=1) == at(2026, 7, 11, 0)


def test_three_month_boundary_is_inclusive_and_one_second_less_fails():
    now = at(2026, 11, 22, 10)
    boundary = rules.add_months(now, 3)
    assert rules.has_months_left(boundary, now, 3)
    assert not rules.has_months_left(boundary - dt.timedelta(seconds=1), now, 3)


def test_expired_exactly_at_the_expiry_moment_and_never_for_pay_as_you_go():
    expiry = at(2027, 1, 1, 0)
    assert not rules.is_expired(rules.PREPAID, expiry, expiry - dt.timedelta(seconds=1))
    assert rules.is_expired(rules.PREPAID, expiry, expiry)
    assert not rules.is_expired(rules.POSTPAID, None, expiry)
