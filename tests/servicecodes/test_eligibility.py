"""Eligibility rules for applying for a service code (SPEC 3.3, 3.5; seeds 000-003): single reasons,
hiding and order. No database.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from instances.rules import POSTPAID, add_months
from servicecodes import reasons as r
from servicecodes.eligibility import (
    DURATION_RULE_CUMULATIVE,
)
from servicecodes.reasons import REASON_ORDER
from tests.servicecodes.eligibility_helpers import (
    BOTH_RULES,
    IOT_PACKAGE,
    NOW,
    OTHER_UID,
    SLB,
    _english,  # noqa: F401  (autouse fixture)
    check,
    eligible_instance,
)

# --- the base case --------------------------------------------------------------------------------


@BOTH_RULES
def test_purchaser_may_apply_for_an_eligible_instance(rule):
    decision = check(rule=rule)

    assert decision.can_apply is True
    assert decision.reasons == ()
    assert decision.codes == ()


# --- one case per seed rule, each reason alone ----------------------------------------------------

SINGLE_RULE_CASES = [
    pytest.param({}, {"viewer_uid": OTHER_UID}, r.NOT_PURCHASER_ACCOUNT, id="ram_user_is_not_the_purchaser"),
    pytest.param({}, {"product": SLB}, r.PRODUCT_NOT_SUPPORTED, id="slb_is_not_supported"),
    pytest.param(
        {"region_id": "ap-southeast-1", "region_mainland": False},
        {},
        r.REGION_NOT_MAINLAND,
        id="singapore_region",
    ),
    pytest.param(
        {"charge_type": POSTPAID, "expired_time": None, "total_months": 0, "max_order_amount": Decimal("0")},
        {},
        r.PAY_AS_YOU_GO,
        id="pay_as_you_go",
    ),
    pytest.param({"expired_time": NOW - dt.timedelta(days=1)}, {}, r.EXPIRED, id="expired_yesterday"),
    pytest.param({"expired_time": NOW}, {}, r.EXPIRED, id="expires_this_very_moment"),
    pytest.param({"expired_time": add_months(NOW, 2)}, {}, r.SUBSCRIPTION_TOO_SHORT, id="two_months_left"),
    pytest.param(
        {"max_order_amount": Decimal("89.99")},
        {"product": IOT_PACKAGE},
        r.ORDER_AMOUNT_TOO_LOW,
        id="iot_order_89_99",
    ),
    pytest.param({"status": "Stopped"}, {}, r.NOT_RUNNING, id="stopped"),
    pytest.param({"bandwidth_out": 0}, {}, r.NO_PUBLIC_IP, id="no_bandwidth"),
    pytest.param({}, {"codes_issued": 5}, r.QUOTA_EXHAUSTED, id="five_codes_issued"),
]


@pytest.mark.parametrize(("changes", "call", "code"), SINGLE_RULE_CASES)
def test_each_rule_alone_refuses_with_only_its_reason(changes, call, code):
    decision = check(eligible_instance(**changes), **call)

    assert decision.can_apply is False
    assert decision.codes == (code,)


@pytest.mark.parametrize(
    ("code", "action"),
    [
        (r.NOT_PURCHASER_ACCOUNT, "login_as_purchaser"),
        (r.PRODUCT_NOT_SUPPORTED, "buy_instance"),
        (r.REGION_NOT_MAINLAND, "none"),
        (r.PAY_AS_YOU_GO, "convert_to_prepaid"),
        (r.EXPIRED, "renew"),
        (r.SUBSCRIPTION_TOO_SHORT, "renew"),
        (r.ORDER_AMOUNT_TOO_LOW, "renew"),
        (r.NOT_RUNNING, "start"),
        (r.NO_PUBLIC_IP, "modify_bandwidth"),
        (r.QUOTA_EXHAUSTED, "buy_instance"),
    ],
)
def test_each_reason_offers_its_remedy_action(code, action):
    assert r.REASONS[code].remedy_action == action


# --- hiding ---------------------------------------------------------------------------------------

HIDING_CASES = [
    pytest.param(
        {"charge_type": POSTPAID, "expired_time": None, "total_months": 0},
        {},
        (r.PAY_AS_YOU_GO,),
        id="pay_as_you_go_hides_too_short",
    ),
    pytest.param(
        {"charge_type": POSTPAID, "expired_time": None, "total_months": 0},
        {"rule": DURATION_RULE_CUMULATIVE},
        (r.PAY_AS_YOU_GO,),
        id="pay_as_you_go_hides_too_short_cumulative",
    ),
    pytest.param(
        # Converted back to pay-as-you-go after a subscription ran out: the old expiry is not "expired".
        {"charge_type": POSTPAID, "expired_time": NOW - dt.timedelta(days=30)},
        {},
        (r.PAY_AS_YOU_GO,),
        id="pay_as_you_go_hides_expired",
    ),
    pytest.param(
        {"expired_time": NOW - dt.timedelta(days=1), "status": "Stopped"},
        {},
        (r.EXPIRED,),
        id="expired_hides_too_short_and_not_running",
    ),
    pytest.param(
        {"expired_time": NOW - dt.timedelta(days=1), "status": "Stopped", "total_months": 1},
        {"rule": DURATION_RULE_CUMULATIVE},
        (r.EXPIRED,),
        id="expired_hides_too_short_and_not_running_cumulative",
    ),
    pytest.param(
        {}, {"product": SLB, "codes_issued": 0}, (r.PRODUCT_NOT_SUPPORTED,), id="unsupported_hides_quota"
    ),
    pytest.param(
        {"expired_time": add_months(NOW, 1), "total_months": 1},
        {"product": SLB, "codes_issued": 3},
        (r.PRODUCT_NOT_SUPPORTED,),
        id="unsupported_hides_quota_and_duration",
    ),
    pytest.param(
        {"expired_time": NOW - dt.timedelta(days=1), "bandwidth_out": 0},
        {"codes_issued": 5},
        (r.EXPIRED, r.NO_PUBLIC_IP, r.QUOTA_EXHAUSTED),
        id="expired_keeps_no_ip_and_quota",
    ),
    pytest.param(
        {"charge_type": POSTPAID, "expired_time": None, "status": "Stopped"},
        {},
        (r.PAY_AS_YOU_GO, r.NOT_RUNNING),
        id="pay_as_you_go_keeps_not_running",
    ),
    pytest.param(
        {"expired_time": add_months(NOW, 1), "status": "Stopped"},
        {},
        (r.SUBSCRIPTION_TOO_SHORT, r.NOT_RUNNING),
        id="too_short_does_not_hide_not_running",
    ),
]


@pytest.mark.parametrize(("changes", "call", "codes"), HIDING_CASES)
def test_a_reason_hides_the_reasons_it_makes_meaningless(changes, call, codes):
    assert check(eligible_instance(**changes), **call).codes == codes


# --- several reasons at once, in order -----------------------------------------------------------

SEVERAL_CASES = [
    pytest.param(
        {
            "region_id": "cn-hongkong",
            "region_mainland": False,
            "charge_type": POSTPAID,
            "expired_time": None,
            "status": "Stopped",
            "bandwidth_out": 0,
        },
        {"viewer_uid": OTHER_UID, "codes_issued": 5},
        (
            r.NOT_PURCHASER_ACCOUNT,
            r.REGION_NOT_MAINLAND,
            r.PAY_AS_YOU_GO,
            r.NOT_RUNNING,
            r.NO_PUBLIC_IP,
            r.QUOTA_EXHAUSTED,
        ),
        id="ram_user_hongkong_postpaid_stopped_no_ip_quota",
    ),
    pytest.param(
        {"expired_time": add_months(NOW, 5), "max_order_amount": Decimal("45"), "status": "Stopped"},
        {"product": IOT_PACKAGE, "codes_issued": 5},
        (r.SUBSCRIPTION_TOO_SHORT, r.ORDER_AMOUNT_TOO_LOW, r.NOT_RUNNING, r.QUOTA_EXHAUSTED),
        id="iot_short_cheap_stopped_quota",
    ),
    pytest.param(
        {"region_id": "us-west-1", "region_mainland": False, "bandwidth_out": 0},
        {"product": SLB, "viewer_uid": OTHER_UID},
        (r.NOT_PURCHASER_ACCOUNT, r.PRODUCT_NOT_SUPPORTED, r.REGION_NOT_MAINLAND, r.NO_PUBLIC_IP),
        id="ram_user_slb_us_no_ip",
    ),
]


@pytest.mark.parametrize(("changes", "call", "codes"), SEVERAL_CASES)
def test_every_reason_that_holds_is_returned_in_reason_order(changes, call, codes):
    decision = check(eligible_instance(**changes), **call)

    assert decision.can_apply is False
    assert decision.codes == codes
    assert list(decision.codes) == sorted(decision.codes, key=REASON_ORDER.index)


def test_reason_order_is_the_spec_order():
    assert REASON_ORDER == (
        "NOT_PURCHASER_ACCOUNT",
        "PRODUCT_NOT_SUPPORTED",
        "REGION_NOT_MAINLAND",
        "PAY_AS_YOU_GO",
        "EXPIRED",
        "SUBSCRIPTION_TOO_SHORT",
        "ORDER_AMOUNT_TOO_LOW",
        "NOT_RUNNING",
        "NO_PUBLIC_IP",
        "QUOTA_EXHAUSTED",
    )
