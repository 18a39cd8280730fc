"""Eligibility: product minimums, quotas and unsupported products (SPEC 3.3). No database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from instances.rules import add_months
from servicecodes import reasons as r
from tests.servicecodes.eligibility_helpers import (
    ECS,
    IOT_PACKAGE,
    MARKETPLACE_SITE,
    NAT_GATEWAY,
    NOW,
    ONE_SECOND,
    SLB,
    _english,  # noqa: F401  (autouse fixture)
    check,
    eligible_instance,
)

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
