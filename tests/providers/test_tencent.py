"""Under the ``tencent`` profile (SPEC 3.14, issue 29): enterprise-only codes, Lighthouse's 2
codes, codes that stop working under 30 days left."""

import datetime as dt

import pytest

from icpconsole.core import clock
from icpconsole.core.errors import Conflict, NotEligible
from instances import services as instance_services
from servicecodes.models import CodeStatus, ServiceCode
from servicecodes.services import service_code_apply, service_code_lock, service_code_reserve
from tests.factories import InstanceFactory, UserFactory
from tests.races import repeated

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tencent(use_provider):
    use_provider("tencent")


def _enterprise(name="corp"):
    return UserFactory(username=name, certification="enterprise")


def test_personal_accounts_cvm_shows_no_apply_and_names_the_reason_with_its_remedy(console, user):
    instance = InstanceFactory(owner=user, product_id="cvm", region_id="ap-guangzhou")
    page = console.get("/console/icp/application/").content.decode()
    row = page.split(f'data-instance-id="{instance.instance_id}"')[1].split("</tr>")[0]
    assert 'data-can-apply="false"' in row and "data-apply" not in row
    assert 'data-reason-code="ACCOUNT_NOT_ENTERPRISE"' in row
    assert "enterprise real-name certification" in row
    with pytest.raises(NotEligible) as exc:
        service_code_apply(actor=user, instance_id=instance.instance_id)
    assert [r.code for r in exc.value.reasons] == ["ACCOUNT_NOT_ENTERPRISE"]


def test_the_api_names_the_reason_and_its_remedy(api_client_for):
    owner = UserFactory(username="solo")
    instance = InstanceFactory(owner=owner, product_id="cvm", region_id="ap-shanghai")
    body = api_client_for(owner).get(f"/api/v1/instances/{instance.instance_id}/").json()
    reasons = body["eligibility"]["reasons"]
    assert [r["code"] for r in reasons] == ["ACCOUNT_NOT_ENTERPRISE"]
    assert reasons[0]["remedy_action"] == "certify_enterprise" and reasons[0]["remedy"]


def test_an_enterprise_account_gets_exactly_two_codes_for_a_lighthouse_server():
    owner = _enterprise()
    instance = InstanceFactory(owner=owner, product_id="lighthouse", region_id="ap-beijing")
    for _ in range(2):
        service_code_apply(actor=owner, instance_id=instance.instance_id)
    with pytest.raises(NotEligible) as exc:
        service_code_apply(actor=owner, instance_id=instance.instance_id)
    assert [r.code for r in exc.value.reasons] == ["QUOTA_EXHAUSTED"]
    assert ServiceCode.objects.filter(instance=instance).count() == 2


def test_a_clb_never_qualifies_and_alibaba_products_are_not_sold():
    owner = _enterprise()
    clb = InstanceFactory(owner=owner, product_id="clb", region_id="ap-guangzhou")
    with pytest.raises(NotEligible) as exc:
        service_code_apply(actor=owner, instance_id=clb.instance_id)
    assert [r.code for r in exc.value.reasons] == ["PRODUCT_NOT_SUPPORTED"]
    with pytest.raises(Exception) as refused:
        instance_services.instance_purchase(
            actor=owner, product_id="ecs", region_id="cn-hangzhou", charge_type="PrePaid", period_months=3
        )
    assert refused.value.code == "INVALID_PRODUCT"


def _code_with_days_left(owner, days):
    now = clock.now()
    instance = InstanceFactory(owner=owner, product_id="cvm", region_id="ap-guangzhou", months=12)
    code = service_code_apply(actor=owner, instance_id=instance.instance_id)
    instance.expired_time = now + dt.timedelta(days=days)
    instance.save(update_fields=["expired_time"])
    return instance, code


def test_a_code_of_a_server_with_29_days_left_is_invalid_and_valid_again_after_a_renewal(api_client_for):
    owner = _enterprise()
    instance, code = _code_with_days_left(owner, 29)
    api = api_client_for(owner)
    assert api.get(f"/api/v1/service-codes/{code.code}/").json()["status"] == "invalid"
    assert [c["status"] for c in api.get("/api/v1/service-codes/").json()["results"]] == ["invalid"]
    with pytest.raises(Conflict) as exc:
        service_code_reserve(code=service_code_lock(code.code), actor=owner)
    assert exc.value.code == "SERVICE_CODE_INVALID"
    instance_services.instance_renew(actor=owner, instance_id=instance.instance_id, period_months=1)
    assert api.get(f"/api/v1/service-codes/{code.code}/").json()["status"] == "unused"
    service_code_reserve(code=service_code_lock(code.code), actor=owner)
    assert ServiceCode.objects.get(pk=code.pk).status == CodeStatus.FILING


def test_the_codes_page_shows_invalid(client):
    owner = _enterprise()
    _instance, code = _code_with_days_left(owner, 10)
    client.force_login(owner)
    page = client.get("/console/icp/codes/").content.decode()
    assert f'data-service-code="{code.code}" data-status="invalid"' in page


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_applies_on_a_lighthouse_server_issue_exactly_two(use_provider):
    use_provider("tencent")
    owner = _enterprise("racer-lh")
    instance = InstanceFactory(owner=owner, product_id="lighthouse", region_id="ap-guangzhou")

    def apply(_n):
        service_code_apply(actor=owner, instance_id=instance.instance_id)
        return "issued"

    results = repeated(apply, 8)
    outcomes = sorted("refused" if isinstance(r, NotEligible) else r for r in results)
    assert outcomes == ["issued"] * 2 + ["refused"] * 6
    assert sorted(ServiceCode.objects.filter(instance=instance).values_list("slot", flat=True)) == [1, 2]


def test_the_console_says_authorization_code_and_states_tencents_duration_rule(console):
    page = console.get("/console/icp/application/").content.decode()
    assert '<p class="nav-group" data-terms="tencent">ICP filing authorization codes</p>' in page
    assert "renewals included" in page and "At least 1 month must still be left." in page
    chinese = console.get("/console/icp/application/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert '<p class="nav-group" data-terms="tencent">备案授权码</p>' in chinese
