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


# --- prices (SPEC 3.3) and the actions an instance offers (issue 18) ----------------------------
@pytest.mark.parametrize(
    ("price", "months", "total"),
    [("99.00", 12, "1188.00"), ("9.00", 11, "99.00"), ("34.00", 1, "34.00"), ("12.345", 3, "37.04")],
)
def test_an_order_costs_the_monthly_price_times_the_months(price, months, total):
    from decimal import Decimal

    assert rules.order_amount(Decimal(price), months) == Decimal(total)


def test_a_quote_prices_a_subscription_and_nothing_for_pay_as_you_go():
    from decimal import Decimal

    sub = rules.quote(Decimal("99.00"), charge_type=rules.PREPAID, months=6)
    assert (sub.monthly_price, sub.months, sub.total) == (Decimal("99.00"), 6, Decimal("594.00"))
    payg = rules.quote(Decimal("99.00"), charge_type=rules.POSTPAID, months=6)
    assert (payg.months, payg.total) == (0, Decimal("0.00"))


def offered(status="Running", charge_type=rules.PREPAID, expired=False):
    return rules.available_actions(status=status, charge_type=charge_type, expired=expired)


def test_a_running_subscription_offers_everything_but_start_and_convert():
    assert offered() == {"renew", "bandwidth", "stop", "release"}


def test_an_expired_instance_offers_renew_stop_and_release_but_not_bandwidth():
    assert offered(expired=True) == {"renew", "stop", "release"}
    assert offered(status="Stopped", expired=True) == {"renew", "release"}
    refusal = rules.action_refusal("bandwidth", status="Running", charge_type=rules.PREPAID, expired=True)
    assert refusal == rules.REFUSED_EXPIRED


def test_pay_as_you_go_is_switched_not_renewed():
    assert offered(charge_type=rules.POSTPAID, status="Stopped") == {
        "convert",
        "bandwidth",
        "start",
        "release",
    }


def test_a_released_instance_offers_nothing():
    assert offered(status="Released") == frozenset()
    with pytest.raises(ValueError, match="unknown instance action"):
        rules.action_refusal("explode", status="Running", charge_type=rules.PREPAID, expired=False)
