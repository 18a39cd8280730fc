"""Tencent (SPEC 3.14, issue 29) in the console: the website's change form offers a box for the
code the website was approved with (``changes.service_code``, the same service as the API), shown
only where the profile's rule applies; under Alibaba the form has no such box."""

import pytest

from filings.models import FilingOrder
from servicecodes.models import CodeStatus, ServiceCode
from tests.console.html import parse
from tests.factories import InstanceFactory, UserFactory
from tests.filings import flows

pytestmark = pytest.mark.django_db


@pytest.fixture
def tencent_filed(use_provider, staff, client):
    use_provider("tencent")
    owner = UserFactory(username="corp", certification="enterprise")
    instance = InstanceFactory(owner=owner, product_id="cvm", region_id="ap-guangzhou")
    client.force_login(owner)
    return {
        "user": owner,
        "instance": instance,
        "client": client,
        **flows.file_first(owner, staff=staff, instance=instance),
    }


def _url(website) -> str:
    return f"/console/websites/{website.pk}/change/"


def _post(filed, website, **fields):
    data = {"name": "", "icp_password": filed["password"], "confirm": "on", **fields}
    return filed["client"].post(_url(website), data)


def _code_box(client, website):
    return parse(client.get(_url(website)).content).find("input", name="service_code")


def test_tencent_change_form_offers_the_box_and_creates_the_change_with_the_code(tencent_filed):
    website = tencent_filed["website"]
    code = website.service_code
    assert _code_box(tencent_filed["client"], website) is not None

    response = _post(tencent_filed, website, name="示例企业网站", service_code=f" {code.code} ")

    order = FilingOrder.objects.get(type="change")
    assert response.status_code == 302 and response.url == f"/console/filings/{order.pk}/"
    assert order.changes["service_code"] == code.code and order.changes["name"] == "示例企业网站"
    assert order.service_code_id == code.pk and order.website_id == website.pk
    assert ServiceCode.objects.get(pk=code.pk).status == CodeStatus.USED


def test_tencent_change_form_refuses_another_websites_code_with_the_page_message(tencent_filed, staff):
    second = flows.add_website(
        tencent_filed["user"], staff=staff, domain="second.cn", instance=tencent_filed["instance"]
    )
    code = tencent_filed["website"].service_code.code

    response = _post(tencent_filed, second.website, name="第二个网站", service_code=code)

    assert response.status_code == 200
    page = response.content.decode()
    assert f"Code {code} was approved for website example.cn" in page
    assert not FilingOrder.objects.filter(type="change").exists()


def test_tencent_change_form_refuses_an_unknown_code_with_the_page_message(tencent_filed):
    response = _post(tencent_filed, tencent_filed["website"], name="示例企业网站", service_code="nosuchcode")

    assert response.status_code == 200
    assert "Service code nosuchcode does not exist." in response.content.decode()
    assert not FilingOrder.objects.filter(type="change").exists()


def test_tencent_change_form_in_chinese_names_the_box(tencent_filed):
    client = tencent_filed["client"]
    client.cookies["django_language"] = "zh-hans"
    page = client.get(_url(tencent_filed["website"])).content.decode()
    assert "备案授权码" in page and "腾讯云" in page


def test_alibaba_change_form_has_no_box(console, user, staff, instance):
    filed = flows.file_first(user, staff=staff, instance=instance)
    assert _code_box(console, filed["website"]) is None

    # A code posted anyway is not read: the change is the name alone.
    console.post(
        _url(filed["website"]),
        {
            "name": "示例企业网站",
            "service_code": filed["website"].service_code.code,
            "icp_password": filed["password"],
            "confirm": "on",
        },
    )
    assert FilingOrder.objects.get(type="change").changes == {"name": "示例企业网站"}
