"""ICP No. Management (the codes) and the operation log."""

import re

import pytest

from icpconsole.core.audit import audit_record
from instances.services import instance_purchase, instance_stop
from servicecodes.services import service_code_apply
from tests.console.html import parse
from tests.factories import InstanceFactory, ServiceCodeFactory

pytestmark = pytest.mark.django_db

CODES = "/console/icp/codes/"
LOG = "/console/operation-log/"


def code_rows(page):
    return {tr.get("data-service-code"): tr for tr in page.find_all("tr", data_service_code=True)}


@pytest.fixture
def codes(user):
    instance = InstanceFactory(owner=user, region_id="cn-beijing")
    return {
        "unused": ServiceCodeFactory(instance=instance),
        "filing": ServiceCodeFactory(instance=instance, status="filing"),
        "used": ServiceCodeFactory(instance=instance, status="used", icp_number="京ICP备2026123456号-1"),
        "deleted": ServiceCodeFactory(
            instance=instance, status="deleted", icp_number="京ICP备2026123456号-2"
        ),
    }


def test_codes_page_lists_codes_with_instance_region_status_and_icp_number(console, codes):
    page = parse(console.get(CODES).content)

    rows = code_rows(page)
    assert set(rows) == {code.code for code in codes.values()}
    used = rows[codes["used"].code]
    assert codes["used"].instance.instance_id in used.text
    assert "China (Beijing)" in used.text
    assert "Used" in used.text
    assert "京ICP备2026123456号-1" in used.text
    assert "In filing" in rows[codes["filing"].code].text


@pytest.mark.parametrize("status", ["unused", "filing", "used", "deleted"])
def test_codes_page_filters_by_status(console, codes, status):
    page = parse(console.get(f"{CODES}?status={status}").content)

    assert set(code_rows(page)) == {codes[status].code}
    tab = page.find("nav", class_="tabs").find("a", aria_current="page")
    assert tab.get("data-status") == status
    assert tab.find("span", class_="count").text == "1"


def test_codes_page_ignores_an_unknown_status(console, codes):
    page = parse(console.get(f"{CODES}?status=nope").content)

    assert len(code_rows(page)) == 4


def test_codes_page_offers_no_release_or_delete(console, codes):
    main = parse(console.get(CODES).content).find("main")

    # Only the search (a GET form) changes nothing; no form posts anything.
    assert [form for form in main.find_all("form") if form.get("method", "get").lower() != "get"] == []
    assert [form.get("role") for form in main.find_all("form")] == ["search"]
    labels = {node.text.lower() for node in main.iter() if node.tag in ("a", "button")}
    assert not [label for label in labels if re.match(r"(delete|release|remove)\b", label)]


def test_codes_page_shows_only_the_accounts_codes_and_ram_users_see_the_parents(
    client, user, ram_user, other_user
):
    mine = ServiceCodeFactory(instance=InstanceFactory(owner=user))
    ServiceCodeFactory(instance=InstanceFactory(owner=other_user))
    client.force_login(ram_user)

    assert set(code_rows(parse(client.get(CODES).content))) == {mine.code}


def test_codes_page_is_paginated(console, user):
    for _ in range(5):
        instance = InstanceFactory(owner=user)
        for _ in range(5):
            ServiceCodeFactory(instance=instance)

    assert len(code_rows(parse(console.get(CODES).content))) == 20
    assert len(code_rows(parse(console.get(f"{CODES}?page=2").content))) == 5


def test_operation_log_shows_the_accounts_events_newest_first(console, user, ram_user, other_user):
    bought = instance_purchase(
        actor=user,
        product_id="ecs",
        region_id="cn-hangzhou",
        charge_type="PrePaid",
        period_months=12,
        internet_max_bandwidth_out=5,
        name="web",
    )
    code = service_code_apply(actor=user, instance_id=bought.instance_id, via="console")
    audit_record(actor=ram_user, account=ram_user, action="custom.thing", details={"k": "v"})
    instance_purchase(actor=other_user, product_id="ecs", region_id="cn-hangzhou", charge_type="PostPaid")

    page = parse(console.get(LOG).content)

    rows = page.find_all("tr", data_action=True)
    assert [tr.get("data-action") for tr in rows] == [
        "custom.thing",
        "service_code.apply",
        "instance.purchase",
    ]
    apply_row = rows[1]
    assert "Apply for service code" in apply_row.text
    assert code.code in apply_row.text
    assert user.display_name in apply_row.text
    assert bought.instance_id in apply_row.text
    assert "RAM user" in rows[0].text and ram_user.display_name in rows[0].text
    assert "custom.thing" in rows[0].text


def test_operation_log_is_paginated(console, user):
    instance = InstanceFactory(owner=user)
    for _ in range(21):
        audit_record(actor=user, account=user, action="instance.renew", target=instance)

    assert len(parse(console.get(LOG).content).find_all("tr", data_action=True)) == 20
    assert len(parse(console.get(f"{LOG}?page=2").content).find_all("tr", data_action=True)) == 1


def test_operation_log_records_console_actions(console, user):
    instance = InstanceFactory(owner=user)
    console.post(f"/console/instances/{instance.instance_id}/stop/")

    rows = parse(console.get(LOG).content).find_all("tr", data_action=True)

    assert [tr.get("data-action") for tr in rows] == ["instance.stop"]
    assert "Stop instance" in rows[0].text


def test_operation_log_of_a_ram_user_is_the_parents(client, user, ram_user):
    instance = InstanceFactory(owner=user)
    instance_stop(actor=user, instance_id=instance.instance_id)
    client.force_login(ram_user)

    rows = parse(client.get(LOG).content).find_all("tr", data_action=True)

    assert [tr.get("data-action") for tr in rows] == ["instance.stop"]


def test_operation_log_details_read_as_labels_in_the_users_language(console, user):
    audit_record(
        actor=user,
        account=user,
        action="filing.submit",
        details={
            "type": "first_filing",
            "from": "draft",
            "to": "submitted",
            "website_id": None,
            "fields": ["display_name", "email"],
            "expired_time": "2027-01-01T16:00:00+00:00",
        },
    )

    row = parse(console.get(LOG).content).find("tr", data_action="filing.submit")
    details = {div.find("dt").text: div.find("dd").text for div in row.find("dl").find_all("div")}

    assert details == {
        "Type": "First filing",
        "From": "Draft",
        "To": "Initial review",
        "Fields changed": "display_name, email",
        "Expires": "2027-01-02 00:00:00",  # Asia/Shanghai, the display time zone
    }
    assert "None" not in row.text and "submitted" not in row.text

    chinese = parse(console.get(LOG, HTTP_ACCEPT_LANGUAGE="zh-hans").content)
    row = chinese.find("tr", data_action="filing.submit")
    assert "首次备案" in row.text and "原值" in row.text
