"""Huawei (SPEC 3.14, issue 29): ``ecs`` and ``ap-southeast-1`` share Alibaba's catalogue rows but
not their names; the console's instance pages and its operation log give the profile's names, in
both languages, as the API and the buy form do. Under Alibaba the pages keep Alibaba's names."""

import pytest

from instances.services import instance_purchase
from tests.console.html import parse
from tests.factories import InstanceFactory

pytestmark = pytest.mark.django_db

HUAWEI = {
    "en": ("Elastic Cloud Server (ECS)", "CN-Hong Kong"),
    "zh-hans": ("弹性云服务器ECS", "中国-香港"),
}
ALIBABA = {"en": ("ECS instance", "Singapore"), "zh-hans": ("云服务器ECS", "新加坡")}


@pytest.fixture
def instance(user):
    return InstanceFactory(owner=user, product_id="ecs", region_id="ap-southeast-1")


def _list_cells(console, instance) -> list[str]:
    page = parse(console.get("/console/instances/").content)
    row = page.find("tr", data_instance_id=instance.instance_id)
    return [cell.text for cell in row.find_all("td")]


def _summary(console, instance) -> dict[str, str]:
    page = parse(console.get(f"/console/instances/{instance.instance_id}/renew/").content)
    summary = page.find("dl", data_instance_id=instance.instance_id)
    return {div.find("dt").text: div.find("dd").text for div in summary.find_all("div")}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_huawei_instance_list_and_page_give_huaweis_names(use_provider, console, instance, language):
    use_provider("huawei")
    console.cookies["django_language"] = language
    product, region = HUAWEI[language]

    cells = _list_cells(console, instance)
    assert cells[1] == product and cells[2].startswith(region)

    summary = list(_summary(console, instance).values())
    assert product in summary and region in summary


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_alibaba_instance_pages_keep_alibabas_names(console, instance, language):
    console.cookies["django_language"] = language
    product, region = ALIBABA[language]

    cells = _list_cells(console, instance)
    assert cells[1] == product and cells[2].startswith(region)
    summary = list(_summary(console, instance).values())
    assert product in summary and region in summary


def test_huawei_application_page_gives_huaweis_names(use_provider, console, instance):
    use_provider("huawei")
    product, region = HUAWEI["en"]

    page = parse(console.get("/console/icp/application/").content)
    row = page.find("tr", data_instance_id=instance.instance_id)
    assert product in row.text and row.find(class_="region-name").text == region


def _purchase_details(console) -> dict[str, str]:
    page = parse(console.get("/console/operation-log/").content)
    row = page.find("tr", data_action="instance.purchase")
    return {div.find("dt").text: div.find("dd").text for div in row.find("dl").find_all("div")}


def _buy(user):
    return instance_purchase(
        actor=user,
        product_id="ecs",
        region_id="ap-southeast-1",
        charge_type="PrePaid",
        period_months=12,
        internet_max_bandwidth_out=5,
        name="web",
    )


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_huawei_operation_log_gives_huaweis_names(use_provider, console, user, language):
    use_provider("huawei")
    _buy(user)
    console.cookies["django_language"] = language
    product, region = HUAWEI[language]

    details = list(_purchase_details(console).values())

    assert product in details and region in details
    assert not {ALIBABA[language][0], ALIBABA[language][1]} & set(details)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_alibaba_operation_log_keeps_alibabas_names(console, user, language):
    _buy(user)
    console.cookies["django_language"] = language
    product, region = ALIBABA[language]

    details = list(_purchase_details(console).values())

    assert product in details and region in details
