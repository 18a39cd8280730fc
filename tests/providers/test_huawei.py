"""Under the ``huawei`` profile (SPEC 3.14, issue 29): months bought count with renewals, no
remaining-time test, a server's capacity of 5 never restored."""

import pytest

from filings import services as filing_services
from icpconsole.core.errors import NotEligible
from instances import services as instance_services
from servicecodes.models import ServiceCode
from servicecodes.services import service_code_apply
from tests.factories import InstanceFactory
from tests.filings import flows

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _huawei(use_provider):
    use_provider("huawei")


def _buy(user, months):
    return instance_services.instance_purchase(
        actor=user,
        product_id="ecs",
        region_id="cn-north-4",
        charge_type="PrePaid",
        period_months=months,
        internet_max_bandwidth_out=5,
    )


def test_one_month_bought_is_too_short_and_qualifies_after_a_two_month_renewal(user):
    instance = _buy(user, 1)
    with pytest.raises(NotEligible) as exc:
        service_code_apply(actor=user, instance_id=instance.instance_id)
    assert [r.code for r in exc.value.reasons] == ["SUBSCRIPTION_TOO_SHORT"]
    assert exc.value.reasons[0].params["rule"] == "cumulative"
    instance_services.instance_renew(actor=user, instance_id=instance.instance_id, period_months=2)
    code = service_code_apply(actor=user, instance_id=instance.instance_id)
    assert code.status == "unused"


def test_a_personal_account_gets_codes(user):
    assert user.certification == "personal"
    instance = InstanceFactory(owner=user, product_id="flexus_l", region_id="cn-east-3")
    assert service_code_apply(actor=user, instance_id=instance.instance_id).status == "unused"


def test_a_cancelled_filings_capacity_stays_used(user, staff):
    instance = InstanceFactory(owner=user, product_id="ecs", region_id="cn-south-1")
    filed = flows.file_first(user, staff=staff, instance=instance)
    for _ in range(4):
        service_code_apply(actor=user, instance_id=instance.instance_id)
    order = filing_services.filing_create_cancel(
        actor=user, type="cancel_website", icp_password=filed["password"], website_id=filed["website"].pk
    )
    flows.approve(order, staff=staff)
    assert ServiceCode.objects.filter(instance=instance, status="deleted").count() == 1
    with pytest.raises(NotEligible) as exc:
        service_code_apply(actor=user, instance_id=instance.instance_id)
    assert [r.code for r in exc.value.reasons] == ["QUOTA_EXHAUSTED"]


def test_huawei_regions_and_products_in_the_api(api):
    regions = api.get("/api/v1/regions/").json()
    regions = regions["results"] if isinstance(regions, dict) else regions
    assert [r["id"] for r in regions] == ["cn-east-3", "cn-north-4", "cn-south-1", "ap-southeast-1"]
    products = api.get("/api/v1/products/").json()
    products = products["results"] if isinstance(products, dict) else products
    assert [p["id"] for p in products] == ["ecs", "flexus_l"]
    # Shared ids take the profile's names, not Alibaba's rows'.
    assert regions[-1]["name"] == "CN-Hong Kong" and regions[-1]["name_zh"] == "中国-香港"
    assert products[0]["name"] == "Elastic Cloud Server (ECS)"
