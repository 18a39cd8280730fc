"""The profiles' rules without a database (SPEC 3.14): the pure eligibility module takes a
profile's rules as facts, and ``code_invalid`` says when a code stops working."""

import datetime as dt
from decimal import Decimal

from instances import providers
from instances.rules import PREPAID, add_months
from servicecodes import eligibility
from servicecodes.eligibility import InstanceFacts, ProductRules

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
TENCENT = providers.profile("tencent")
HUAWEI = providers.profile("huawei")


def facts(*, total_months=12, left_days=365, certification="enterprise", region="ap-guangzhou"):
    return InstanceFacts(
        instance_id="ins-1",
        owner_uid="1" * 16,
        region_id=region,
        region_mainland=True,
        charge_type=PREPAID,
        status="Running",
        expired_time=NOW + dt.timedelta(days=left_days),
        bandwidth_out=5,
        total_months=total_months,
        max_order_amount=Decimal("100"),
        owner_certification=certification,
    )


def terms(profile, product_id) -> ProductRules:
    p = profile.product(product_id)
    return ProductRules(
        product_id=p.id, min_months=p.min_months, min_order_rmb=p.min_order_rmb, quota=p.quota
    )


def decide(profile, product_id, codes_issued=0, **kw):
    return eligibility.decide(
        instance=facts(**kw),
        product=terms(profile, product_id),
        viewer_uid="1" * 16,
        codes_issued=codes_issued,
        now=NOW,
        provider=profile.rules,
    )


def test_the_profiles_as_data():
    assert {p.id: p.quota for p in TENCENT.products} == {"cvm": 5, "lighthouse": 2, "clb": 0}
    assert {p.id: p.quota for p in HUAWEI.products} == {"ecs": 5, "flexus_l": 5}
    assert [r.id for r in TENCENT.regions if not r.mainland] == ["ap-hongkong", "ap-singapore"]
    assert [r.id for r in HUAWEI.regions if not r.mainland] == ["ap-southeast-1"]
    assert all(r.name and r.name_zh for p in providers.PROFILES.values() for r in p.regions)


def test_tencent_personal_account_is_not_eligible_and_enterprise_is():
    refused = decide(TENCENT, "cvm", certification="personal")
    assert refused.codes == ("ACCOUNT_NOT_ENTERPRISE",)
    assert refused.reasons[0].remedy_action == "certify_enterprise"
    assert decide(TENCENT, "cvm").can_apply


def test_alibaba_rules_ignore_certification():
    decision = eligibility.decide(
        instance=facts(certification="personal", region="cn-hangzhou"),
        product=ProductRules(product_id="ecs", min_months=3, min_order_rmb=None, quota=5),
        viewer_uid="1" * 16,
        codes_issued=0,
        now=NOW,
    )
    assert decision.can_apply


def test_tencent_counts_months_bought_and_wants_a_month_left():
    short = decide(TENCENT, "cvm", total_months=2)
    assert short.codes == ("SUBSCRIPTION_TOO_SHORT",) and short.reasons[0].params["rule"] == "cumulative"
    last_month = decide(TENCENT, "cvm", total_months=12, left_days=20)
    assert last_month.codes == ("SUBSCRIPTION_TOO_SHORT",)
    assert last_month.reasons[0].params["months"] == 1
    assert decide(TENCENT, "cvm", total_months=3, left_days=40).can_apply


def test_tencent_lighthouse_has_two_codes_and_clb_none():
    assert decide(TENCENT, "lighthouse", codes_issued=1).can_apply
    assert decide(TENCENT, "lighthouse", codes_issued=2).codes == ("QUOTA_EXHAUSTED",)
    assert decide(TENCENT, "clb").codes == ("PRODUCT_NOT_SUPPORTED",)


def test_huawei_counts_months_bought_without_a_remaining_time_test():
    assert decide(HUAWEI, "ecs", total_months=1).codes == ("SUBSCRIPTION_TOO_SHORT",)
    assert decide(HUAWEI, "ecs", total_months=3, left_days=5).can_apply
    assert decide(HUAWEI, "flexus_l", certification="personal", total_months=3).can_apply


def test_tencent_code_is_invalid_under_30_days_left():
    def invalid(days):
        return providers.code_invalid(
            TENCENT.rules, charge_type=PREPAID, expired_time=NOW + dt.timedelta(days=days), now=NOW
        )

    assert invalid(29) and not invalid(30) and not invalid(31)


def test_huawei_code_dies_with_its_resource_and_alibaba_codes_never_do():
    expired = NOW - dt.timedelta(seconds=1)
    assert providers.code_invalid(HUAWEI.rules, charge_type=PREPAID, expired_time=expired, now=NOW)
    soon = add_months(NOW, 0) + dt.timedelta(days=2)
    assert not providers.code_invalid(HUAWEI.rules, charge_type=PREPAID, expired_time=soon, now=NOW)
    alibaba = providers.profile("alibaba").rules
    assert not providers.code_invalid(alibaba, charge_type=PREPAID, expired_time=expired, now=NOW)
