"""Apps in the console (SPEC 3.11): the wizard offers Website or App and files an app end to end;
the subject page lists apps with their numbers and a cancel action; ICP No. Management shows the
app number on its used code; the admin shows and searches apps."""

import pytest

from filings.models import FilingOrder, Website
from servicecodes.models import CodeStatus, ServiceCode
from tests.console.html import parse
from tests.filings import flows
from tests.filings.console import wizard
from tests.filings.materials import CREDIT_CODE, LEADER

from . import apps

pytestmark = pytest.mark.django_db

SUBJECT = {
    "kind": "enterprise",
    "name": "Hangzhou Example Co., Ltd.",
    "certificate_number": CREDIT_CODE,
    "province": "zhejiang",
    "address": "浙江省杭州市西湖区文三路90号",
}
APP = wizard.WIZARD + "app/"


def step_app(client, *, certificate_number=None, app_name="示例应用"):
    """Step 1 of an app filing (SPEC 3.13): the certificate (the account's subject's unless given)
    and the app's name; the console works out the filing type."""
    number = certificate_number or wizard.certificate_of(wizard.user_of(client))
    return client.post(APP, {"certificate_number": number, "app_name": app_name})


def step_app_details(client, *, subject=None, **overrides):
    app = apps.app_data(**overrides)
    data = {
        "app-name": app["name"],
        "app-platforms": app["platforms"],
        "app-package_name": app["package_name"],
        "app-bundle_id": app["bundle_id"],
        "app-signature_md5": app["signature_md5"],
        "app-signature_sha1": app["signature_sha1"],
        "app-content_category": app["content_category"],
        "app-leader_is_subject_leader": "on",
    }
    for key, value in (subject or {}).items():
        data[f"subject-{key}"] = value
    data.update({f"leader-{key}": value for key, value in LEADER.items()})
    return client.post(wizard.WIZARD + "details/", data)


def test_the_wizard_offers_website_or_app(console):
    page = parse(console.get(wizard.WIZARD).content)
    choice = page.find(data_section="service-choice")
    assert {a.get("data-service") for a in choice.find_all("a")} == {"website", "app"}
    app_page = console.get(APP)
    assert app_page.status_code == 200
    assert parse(app_page.content).find(data_filing_type=True).get("data-filing-type") == "first_filing"


def test_a_first_filing_with_an_app_through_the_wizard(console, user, staff, instance):
    assert (
        step_app(console, certificate_number=SUBJECT["certificate_number"]).url == wizard.WIZARD + "product/"
    )
    assert wizard.step_product(console, instance=instance).url == wizard.WIZARD + "details/"
    response = step_app_details(console, subject=SUBJECT)
    assert response.status_code == 302 and response.url == wizard.WIZARD + "confirm/", (
        response.content.decode()[:3000]
    )
    confirm_page = parse(console.get(wizard.WIZARD + "confirm/").content)
    assert confirm_page.find(data_app_name=True).text == "示例应用"
    assert not FilingOrder.objects.exists()

    response = wizard.confirm(console)

    order = FilingOrder.objects.get()
    assert response.url == f"/console/filings/{order.pk}/"
    assert (order.type, order.status, order.domain, order.website_name) == (
        "first_filing",
        "submitted",
        "",
        "示例应用",
    )
    assert order.app["platforms"] == ["android", "ios"]
    assert ServiceCode.objects.get().status == CodeStatus.FILING
    detail = console.get(f"/console/filings/{order.pk}/")
    assert detail.status_code == 200 and "示例应用" in detail.content.decode()

    services_approve(order, staff=staff)
    app = Website.objects.get()
    assert app.icp_number.endswith("-1A")
    subjects = console.get("/console/subjects/")
    body = subjects.content.decode()
    assert subjects.status_code == 200
    row = parse(subjects.content).find(data_app_id=str(app.pk))
    assert row is not None and app.icp_number in row.text
    assert row.find(data_action="cancel_app") is not None
    assert "示例应用" in body
    codes = console.get("/console/icp/codes/")
    assert app.icp_number in codes.content.decode()


def services_approve(order, *, staff):
    from filings import services

    services.filing_review(actor=staff, order_id=order.pk, decision="approve")
    services.filing_verify_sms(
        actor=order.created_by, order_id=order.pk, code=flows.latest_secret(order.account)
    )
    services.filing_review(actor=staff, order_id=order.pk, decision="approve")


def test_add_app_through_the_wizard_and_a_bad_signature(console, user, staff, filed, second_instance):
    page = console.get(APP)
    assert parse(page.content).find(data_filing_type=True).get("data-filing-type") == "add_app"
    assert step_app(console).url == wizard.WIZARD + "product/"
    wizard.step_product(console, instance=second_instance)
    bad = step_app_details(console, signature_md5="123")
    assert bad.status_code == 200
    assert "32 hex digits" in bad.content.decode()
    response = step_app_details(console)
    assert response.url == wizard.WIZARD + "confirm/"
    wizard.confirm(console)
    order = FilingOrder.objects.get(type="add_app")
    assert order.status == "submitted"


def test_cancel_app_from_the_subject_page(console, user, staff, filed, second_instance):
    app = apps.add_app(user, staff=staff, instance=second_instance).website
    url = f"/console/websites/{app.pk}/cancel_app/"
    page = console.get(url)
    assert page.status_code == 200
    response = console.post(url, {"icp_password": filed["password"], "confirm": "on"})
    assert response.status_code == 302, response.content.decode()[:3000]
    order = FilingOrder.objects.get(type="cancel_app")
    assert order.website_id == app.pk


def test_the_admin_lists_and_searches_apps(client, staff, user, filed, second_instance):
    app = apps.add_app(user, staff=filed["order"].created_by and staff, instance=second_instance).website
    client.force_login(staff)
    listing = client.get("/admin/filings/website/", {"q": "cn.example.shop"})
    assert listing.status_code == 200 and app.icp_number in listing.content.decode()
    assert client.get("/admin/filings/website/", {"service_type__exact": "app"}).status_code == 200
    assert client.get(f"/admin/filings/website/{app.pk}/change/").status_code == 200


def test_the_public_query_page_finds_an_app(client, user, staff, filed, second_instance):
    app = apps.add_app(user, staff=staff, instance=second_instance).website
    page = parse(client.get("/icp-records/", {"app_name": "示例应用"}).content)
    row = page.find("tr", data_app_name="示例应用")
    assert row is not None and app.icp_number in row.text
    missing = parse(client.get("/icp-records/", {"app_name": "Nothing"}).content)
    assert missing.find(data_result="not-filed") is not None
