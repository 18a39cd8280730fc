"""Tencent (SPEC 3.14, issue 29): after an approval the code serves only change orders of that
website. Under Alibaba (and Huawei) a used code is never named again."""

import pytest

from filings import services
from icpconsole.core.errors import Conflict
from servicecodes.models import CodeStatus, ServiceCode
from tests.factories import InstanceFactory, UserFactory
from tests.filings import flows

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(use_provider, staff):
    use_provider("tencent")
    owner = UserFactory(username="corp", certification="enterprise")
    instance = InstanceFactory(owner=owner, product_id="cvm", region_id="ap-guangzhou")
    return {"user": owner, "instance": instance, **flows.file_first(owner, staff=staff, instance=instance)}


def _change(filed, website, **changes):
    return services.filing_create_change(
        actor=filed["user"], icp_password=filed["password"], website_id=website.pk, changes=changes
    )


def test_tencent_change_order_of_the_website_names_its_approved_code(filed, staff):
    website = filed["website"]
    code = website.service_code
    order = _change(filed, website, name="示例企业网站", service_code=code.code)
    assert order.service_code_id == code.pk
    assert ServiceCode.objects.get(pk=code.pk).status == CodeStatus.USED  # not back in ``filing``
    flows.approve(flows.complete_change(order), staff=staff)
    website.refresh_from_db()
    assert website.name == "示例企业网站"
    assert website.service_code_id == code.pk and website.instance_id == filed["instance"].pk
    assert ServiceCode.objects.get(pk=code.pk).status == CodeStatus.USED


def test_tencent_abandoning_that_change_leaves_the_code_used(filed):
    website = filed["website"]
    order = _change(filed, website, name="示例企业网站", service_code=website.service_code.code)
    services.filing_abandon(actor=filed["user"], order_id=order.pk)
    assert ServiceCode.objects.get(pk=website.service_code_id).status == CodeStatus.USED


def test_tencent_refuses_the_approved_code_for_a_new_website_with_reason_and_remedy(filed):
    code = filed["website"].service_code
    with pytest.raises(Conflict) as exc:
        flows.create_add_website(
            actor=filed["user"], website={"domain": "other.cn", "service_code": code.code}
        )
    assert exc.value.code == "SERVICE_CODE_APPROVED_FOR_WEBSITE"
    body = exc.value.as_dict()
    assert "example.cn" in body["message"] and "example.cn" in body["remedy"]


def test_tencent_refuses_the_approved_code_in_another_websites_change(filed, staff):
    code = filed["website"].service_code
    second = flows.add_website(filed["user"], staff=staff, domain="second.cn", instance=filed["instance"])
    with pytest.raises(Conflict) as exc:
        _change(filed, second.website, service_code=code.code)
    assert exc.value.code == "SERVICE_CODE_APPROVED_FOR_WEBSITE"


def test_tencent_the_api_and_the_wizard_check_name_the_reason(filed, api_client_for):
    client = api_client_for(filed["user"])
    code = filed["website"].service_code.code
    response = client.post(
        "/api/v1/filings/",
        {
            "type": "change",
            "icp_password": filed["password"],
            "website_id": filed["website"].pk,
            "changes": {"service_code": code, "name": "示例企业网站"},
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    with pytest.raises(Conflict) as exc:
        services.service_code_check(code=code)
    assert exc.value.code == "SERVICE_CODE_APPROVED_FOR_WEBSITE"


@pytest.mark.parametrize("provider", ["alibaba", "huawei"])
def test_other_profiles_never_name_a_used_code_again(use_provider, user, staff, provider):
    use_provider(provider)
    product, region = ("ecs", "cn-hangzhou") if provider == "alibaba" else ("ecs", "cn-north-4")
    instance = InstanceFactory(owner=user, product_id=product, region_id=region)
    result = flows.file_first(user, staff=staff, instance=instance)
    with pytest.raises(Conflict) as exc:
        services.filing_create_change(
            actor=user,
            icp_password=result["password"],
            website_id=result["website"].pk,
            changes={"service_code": result["website"].service_code.code},
        )
    assert exc.value.code == "SERVICE_CODE_USED"
