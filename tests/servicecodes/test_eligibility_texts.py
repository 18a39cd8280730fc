"""Eligibility: reason texts in English and Chinese, and the value objects (SPEC 3.5). No database."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest

from instances.rules import add_months
from servicecodes import reasons as r
from servicecodes.eligibility import (
    DURATION_RULE_CUMULATIVE,
    DURATION_RULE_REMAINING,
)
from servicecodes.reasons import REASON_ORDER, Reason
from tests.servicecodes.eligibility_helpers import (
    IOT_PACKAGE,
    NAT_GATEWAY,
    NOW,
    _english,  # noqa: F401  (autouse fixture)
    check,
    eligible_instance,
)

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
    assert reason.as_dict() == {
        "code": code,
        "message": reason.message,
        "remedy": reason.remedy,
        "remedy_action": reason.remedy_action,
    }


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
