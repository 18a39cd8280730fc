"""Eligibility: the three-month duration rules and their boundaries (SPEC 3.3, 3.5). No database."""

from __future__ import annotations

import datetime as dt

import pytest

from instances.rules import add_months, purchase_expiry
from servicecodes import reasons as r
from servicecodes.eligibility import (
    DURATION_RULE_CUMULATIVE,
    DURATION_RULE_REMAINING,
    decide,
)
from tests.servicecodes.eligibility_helpers import (
    BOTH_RULES,
    ECS,
    NOW,
    ONE_SECOND,
    OWNER_UID,
    SHANGHAI,
    _english,  # noqa: F401  (autouse fixture)
    check,
    eligible_instance,
)

# --- the three-month boundary (calendar months, Asia/Shanghai) -----------------------------------

MONTH_END_NOW = dt.datetime(2025, 11, 30, 10, 0, tzinfo=SHANGHAI)  # + 3 months = 2026-02-28
UTC_NOW = dt.datetime(2026, 1, 30, 17, 0, tzinfo=dt.UTC)  # = 2026-01-31 01:00 in Shanghai

REMAINING_BOUNDARY_CASES = [
    pytest.param(
        NOW, dt.datetime(2026, 4, 30, 10, 0, tzinfo=SHANGHAI), True, id="jan31_exactly_three_months"
    ),
    pytest.param(
        NOW, dt.datetime(2026, 4, 30, 10, 0, tzinfo=SHANGHAI) - ONE_SECOND, False, id="jan31_one_second_short"
    ),
    pytest.param(
        MONTH_END_NOW, dt.datetime(2026, 2, 28, 10, 0, tzinfo=SHANGHAI), True, id="nov30_exactly_three_months"
    ),
    pytest.param(
        MONTH_END_NOW,
        dt.datetime(2026, 2, 28, 10, 0, tzinfo=SHANGHAI) - ONE_SECOND,
        False,
        id="nov30_one_second_short",
    ),
    pytest.param(
        UTC_NOW, dt.datetime(2026, 4, 30, 1, 0, tzinfo=SHANGHAI), True, id="months_reckoned_in_shanghai_exact"
    ),
    pytest.param(
        UTC_NOW,
        dt.datetime(2026, 4, 30, 1, 0, tzinfo=SHANGHAI) - ONE_SECOND,
        False,
        id="months_reckoned_in_shanghai_one_second_short",
    ),
    pytest.param(NOW, purchase_expiry(NOW, 3), True, id="fresh_three_month_purchase"),
]


@pytest.mark.parametrize(("now", "expired_time", "eligible"), REMAINING_BOUNDARY_CASES)
def test_remaining_rule_needs_three_calendar_months_left_boundary_included(now, expired_time, eligible):
    decision = check(eligible_instance(expired_time=expired_time, total_months=3), now=now)

    assert decision.can_apply is eligible
    assert decision.codes == (() if eligible else (r.SUBSCRIPTION_TOO_SHORT,))


CUMULATIVE_BOUNDARY_CASES = [
    pytest.param(3, add_months(NOW, 3), True, id="three_months_bought_exactly_three_left"),
    pytest.param(3, add_months(NOW, 3) - ONE_SECOND, True, id="three_months_bought_one_second_less_left"),
    pytest.param(3, NOW + ONE_SECOND, True, id="three_months_bought_one_second_left"),
    pytest.param(2, add_months(NOW, 3), False, id="two_months_bought_three_left"),
    pytest.param(2, add_months(NOW, 3) - ONE_SECOND, False, id="two_months_bought_one_second_less_left"),
]


@pytest.mark.parametrize(("total_months", "expired_time", "eligible"), CUMULATIVE_BOUNDARY_CASES)
def test_cumulative_rule_needs_three_months_purchased_boundary_included(total_months, expired_time, eligible):
    decision = check(
        eligible_instance(expired_time=expired_time, total_months=total_months), rule=DURATION_RULE_CUMULATIVE
    )

    assert decision.can_apply is eligible
    assert decision.codes == (() if eligible else (r.SUBSCRIPTION_TOO_SHORT,))


def test_cumulative_rule_ignores_remaining_time_while_not_expired():
    instance = eligible_instance(expired_time=NOW + dt.timedelta(days=1), total_months=12)

    assert check(instance, rule=DURATION_RULE_CUMULATIVE).can_apply is True
    assert check(instance, rule=DURATION_RULE_REMAINING).codes == (r.SUBSCRIPTION_TOO_SHORT,)


@BOTH_RULES
def test_expired_instance_is_refused_under_either_rule(rule):
    instance = eligible_instance(expired_time=NOW - ONE_SECOND, total_months=36)

    assert check(instance, rule=rule).codes == (r.EXPIRED,)


def test_default_rule_is_remaining_time():
    instance = eligible_instance(expired_time=add_months(NOW, 1), total_months=12)

    assert check(instance).codes == (r.SUBSCRIPTION_TOO_SHORT,)
    assert decide(instance=instance, product=ECS, viewer_uid=OWNER_UID, codes_issued=0, now=NOW).codes == (
        r.SUBSCRIPTION_TOO_SHORT,
    )


def test_unknown_duration_rule_raises_value_error():
    with pytest.raises(ValueError, match="sometimes"):
        check(rule="sometimes")
