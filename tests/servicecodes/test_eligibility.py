"""Eligibility rules for applying for a service code (SPEC 3.3, 3.5; seeds 000-003). No database."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import django
import pytest
from django.conf import settings

# Runs without a project too (``-p no:django --noconftest``); under pytest-django the project
# settings are used. The Chinese texts come from the project's catalogue either way.
if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
    settings.configure(
        USE_I18N=True,
        LANGUAGE_CODE="en",
        LANGUAGES=[("en", "English"), ("zh-hans", "Simplified Chinese")],
        LOCALE_PATHS=[Path(__file__).resolve().parents[2] / "locale"],
    )
    django.setup()

from django.utils import translation  # noqa: E402

from instances.rules import POSTPAID, PREPAID, add_months, purchase_expiry  # noqa: E402
from servicecodes import reasons as r  # noqa: E402
from servicecodes.eligibility import (  # noqa: E402
    DURATION_RULE_CUMULATIVE,
    DURATION_RULE_REMAINING,
    Decision,
    InstanceFacts,
    ProductRules,
    decide,
)
from servicecodes.reasons import REASON_ORDER, Reason  # noqa: E402

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 1, 31, 10, 0, tzinfo=SHANGHAI)
ONE_SECOND = dt.timedelta(seconds=1)

OWNER_UID = "1234567890123456"
OTHER_UID = "6543210987654321"

# SPEC 3.3 (the product table is data elsewhere; these are the rows the tests need).
ECS = ProductRules(product_id="ecs", min_months=3, min_order_rmb=None, quota=5)
IOT_PACKAGE = ProductRules(product_id="iot_package", min_months=6, min_order_rmb=Decimal("90"), quota=5)
MARKETPLACE_SITE = ProductRules(
    product_id="marketplace_site", min_months=12, min_order_rmb=Decimal("99"), quota=1
)
NAT_GATEWAY = ProductRules(product_id="nat_gateway", min_months=1, min_order_rmb=None, quota=2)
SLB = ProductRules(product_id="slb", min_months=None, min_order_rmb=None, quota=0)

BOTH_RULES = pytest.mark.parametrize("rule", [DURATION_RULE_REMAINING, DURATION_RULE_CUMULATIVE])


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def eligible_instance(**changes) -> InstanceFacts:
    """A running, public, mainland subscription with a year left: eligible for every product but slb."""
    base = InstanceFacts(
        instance_id="i-bp1abcdefghijklmnopq",
        owner_uid=OWNER_UID,
        region_id="cn-hangzhou",
        region_mainland=True,
        charge_type=PREPAID,
        status="Running",
        expired_time=add_months(NOW, 12),
        bandwidth_out=5,
        total_months=12,
        max_order_amount=Decimal("1200"),
    )
    return dataclasses.replace(base, **changes)


def check(
    instance: InstanceFacts | None = None,
    *,
    product: ProductRules = ECS,
    viewer_uid: str = OWNER_UID,
    codes_issued: int = 0,
    now: dt.datetime = NOW,
    rule: str = DURATION_RULE_REMAINING,
) -> Decision:
    return decide(
        instance=instance or eligible_instance(),
        product=product,
        viewer_uid=viewer_uid,
        codes_issued=codes_issued,
        now=now,
        rule=rule,
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


# --- products -------------------------------------------------------------------------------------

PRODUCT_CASES = [
    pytest.param(
        IOT_PACKAGE, {"max_order_amount": Decimal("89.99")}, 0, (r.ORDER_AMOUNT_TOO_LOW,), id="iot_89_99"
    ),
    pytest.param(IOT_PACKAGE, {"max_order_amount": Decimal("90")}, 0, (), id="iot_90_accepted"),
    pytest.param(IOT_PACKAGE, {"max_order_amount": Decimal("90.00")}, 0, (), id="iot_90_00_accepted"),
    pytest.param(IOT_PACKAGE, {"expired_time": add_months(NOW, 6)}, 0, (), id="iot_six_months_left"),
    pytest.param(
        IOT_PACKAGE,
        {"expired_time": add_months(NOW, 6) - ONE_SECOND},
        0,
        (r.SUBSCRIPTION_TOO_SHORT,),
        id="iot_six_months_less_one_second",
    ),
    pytest.param(
        MARKETPLACE_SITE,
        {"max_order_amount": Decimal("98.99")},
        0,
        (r.ORDER_AMOUNT_TOO_LOW,),
        id="site_98_99",
    ),
    pytest.param(MARKETPLACE_SITE, {"max_order_amount": Decimal("99")}, 0, (), id="site_99_accepted"),
    pytest.param(
        MARKETPLACE_SITE, {"expired_time": add_months(NOW, 12)}, 0, (), id="site_twelve_months_left"
    ),
    pytest.param(
        MARKETPLACE_SITE,
        {"expired_time": add_months(NOW, 11)},
        0,
        (r.SUBSCRIPTION_TOO_SHORT,),
        id="site_eleven_months_left",
    ),
    pytest.param(MARKETPLACE_SITE, {}, 1, (r.QUOTA_EXHAUSTED,), id="site_second_code"),
    pytest.param(NAT_GATEWAY, {"expired_time": add_months(NOW, 1)}, 0, (), id="nat_one_month_left"),
    pytest.param(NAT_GATEWAY, {}, 1, (), id="nat_second_code"),
    pytest.param(NAT_GATEWAY, {}, 2, (r.QUOTA_EXHAUSTED,), id="nat_third_code"),
    pytest.param(SLB, {}, 0, (r.PRODUCT_NOT_SUPPORTED,), id="slb_first_code"),
]


@pytest.mark.parametrize(("product", "changes", "issued", "codes"), PRODUCT_CASES)
def test_product_minimums_and_quotas_apply(product, changes, issued, codes):
    assert check(eligible_instance(**changes), product=product, codes_issued=issued).codes == codes


def test_fifth_code_may_be_applied_for_when_four_were_issued():
    assert check(codes_issued=4).can_apply is True


def test_sixth_code_is_refused_when_five_were_issued():
    decision = check(codes_issued=5)

    assert decision.codes == (r.QUOTA_EXHAUSTED,)
    assert "5" in decision.reasons[0].message


def test_slb_is_never_supported():
    decision = check(product=SLB)

    assert SLB.supported is False
    assert ECS.supported is True
    assert decision.codes == (r.PRODUCT_NOT_SUPPORTED,)
    assert decision.reasons[0].message == "This product does not support ICP filing service codes."


# --- texts ----------------------------------------------------------------------------------------


def test_no_public_ip_message_is_the_seed_text():
    reason = check(eligible_instance(bandwidth_out=0)).reasons[0]

    assert reason.message == "No available IPs for this ECS instance"
    assert reason.message_zh == "该ECS实例没有可用的IP"
    assert reason.as_dict()["message"] == "No available IPs for this ECS instance"
    assert reason.as_dict()["remedy_action"] == "modify_bandwidth"


def test_hong_kong_says_no_filing_is_needed_and_differs_from_other_regions():
    hong_kong = check(eligible_instance(region_id="cn-hongkong", region_mainland=False)).reasons[0]
    singapore = check(eligible_instance(region_id="ap-southeast-1", region_mainland=False)).reasons[0]

    assert hong_kong.code == singapore.code == r.REGION_NOT_MAINLAND
    assert hong_kong.message != singapore.message
    assert hong_kong.message_zh != singapore.message_zh
    assert "Hong Kong" in hong_kong.message
    assert "does not need ICP filing" in hong_kong.message
    assert "香港" in hong_kong.message_zh
    assert "mainland China" in singapore.message
    assert "do not need ICP filing" in singapore.message
    assert hong_kong.remedy_action == singapore.remedy_action == "none"


def test_too_short_message_names_the_minimum_and_differs_by_rule():
    instance = eligible_instance(expired_time=add_months(NOW, 1), total_months=2)
    remaining = check(instance, product=IOT_PACKAGE).reasons[0]
    cumulative = check(instance, product=IOT_PACKAGE, rule=DURATION_RULE_CUMULATIVE).reasons[0]

    assert remaining.code == cumulative.code == r.SUBSCRIPTION_TOO_SHORT
    assert remaining.message == (
        "The remaining subscription time is shorter than the 6 months required for ICP filing."
    )
    assert cumulative.message == (
        "The total purchased subscription duration is shorter than the 6 months required for ICP filing."
    )
    assert "6个月" in remaining.message_zh
    assert "6个月" in cumulative.message_zh
    assert remaining.message_zh != cumulative.message_zh


def test_too_short_message_uses_the_singular_for_one_month():
    reason = Reason(r.SUBSCRIPTION_TOO_SHORT, {"months": 1, "rule": DURATION_RULE_REMAINING})

    assert "the 1 month required" in reason.message


def test_amount_message_names_the_minimum_amount():
    reason = check(eligible_instance(max_order_amount=Decimal("89.99")), product=IOT_PACKAGE).reasons[0]

    assert reason.params["amount"] == Decimal("90")
    assert "RMB 90" in reason.message
    assert "90元" in reason.message_zh
    assert "RMB 90" in reason.remedy


def test_quota_message_names_the_quota():
    reason = check(product=NAT_GATEWAY, codes_issued=2).reasons[0]

    assert reason.message == "The number of service codes you can apply for has reached the upper limit of 2."
    assert "2个" in reason.message_zh


SAMPLE_PARAMS = {
    r.REGION_NOT_MAINLAND: {"region_id": "ap-southeast-1"},
    r.SUBSCRIPTION_TOO_SHORT: {"months": 3, "rule": DURATION_RULE_REMAINING},
    r.ORDER_AMOUNT_TOO_LOW: {"amount": Decimal("90")},
    r.QUOTA_EXHAUSTED: {"quota": 5},
}
TEXT_CASES = [pytest.param(code, SAMPLE_PARAMS.get(code, {}), id=code) for code in REASON_ORDER] + [
    pytest.param(r.REGION_NOT_MAINLAND, {"region_id": "cn-hongkong"}, id="REGION_NOT_MAINLAND-hongkong"),
    pytest.param(
        r.SUBSCRIPTION_TOO_SHORT,
        {"months": 3, "rule": DURATION_RULE_CUMULATIVE},
        id="SUBSCRIPTION_TOO_SHORT-cumulative",
    ),
]
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(("code", "params"), TEXT_CASES)
def test_every_reason_has_english_and_chinese_message_and_remedy(code, params):
    reason = Reason(code, params)

    for english in (reason.message, reason.remedy):
        assert english
        assert "%(" not in english
        assert not HAN.search(english)
    for chinese in (reason.message_zh, reason.remedy_zh):
        assert HAN.search(chinese)
        assert "%(" not in chinese
    assert reason.remedy_action in r.REMEDY_ACTIONS
    assert reason.as_dict() == {"code": code, "message": reason.message, "remedy": reason.remedy,
                                "remedy_action": reason.remedy_action}


# --- the value objects ----------------------------------------------------------------------------


def test_reason_and_decision_are_frozen_and_hashable():
    decision = check(eligible_instance(bandwidth_out=0), codes_issued=5)
    reason = decision.reasons[1]

    assert hash(decision) == hash(check(eligible_instance(bandwidth_out=0), codes_issued=5))
    assert reason == Reason(r.QUOTA_EXHAUSTED, {"quota": 5})
    with pytest.raises(dataclasses.FrozenInstanceError):
        reason.code = r.EXPIRED
    with pytest.raises(TypeError):
        reason.params["quota"] = 6


def test_reason_refuses_an_unknown_code_or_missing_params():
    with pytest.raises(ValueError, match="Unknown reason code"):
        Reason("NOT_A_REASON")
    with pytest.raises(ValueError, match="quota"):
        Reason(r.QUOTA_EXHAUSTED)


def test_texts_are_not_evaluated_at_import_time():
    assert not isinstance(r.REASONS[r.EXPIRED].message, str)
