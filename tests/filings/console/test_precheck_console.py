"""The pre-check in the console (SPEC 3.9): the wizard lists every failing reason with its remedy
before the user can go on; the remedy leads to the Domains page and back; the order page shows
the materials and takes the documents; the inbox shows the number each message went to."""

import pytest

from filings import services
from filings.models import FilingOrder
from tests.console.html import parse, reason_codes
from tests.filings import flows
from tests.filings.materials import CREDIT_CODE, LEADER, WEBSITE_LEADER, png_bytes, upload

from . import wizard

pytestmark = pytest.mark.django_db

SUBJECT = {**flows.subject_data(), "leader": None}
SUBJECT.pop("leader")


def remedy_links(page) -> dict[str, str]:
    return {
        node.get("data-remedy-action"): node.get("href")
        for node in page.find_all("a", data_remedy_action=True)
    }


def test_an_unregistered_io_domain_is_stopped_at_step_1_with_every_reason_and_remedy(console):
    response = wizard.step_domain(console, "example.io", register_it=False)

    assert response.status_code == 200
    page = parse(response.content)
    assert reason_codes(page) == ["DOMAIN_TLD_NOT_APPROVED", "DOMAIN_NOT_REGISTERED"]
    assert "/console/domains/?domain=example.io" in remedy_links(page)["register_domain"]
    assert console.get("/console/filings/new/product/").url == "/console/filings/new/"


def test_following_the_remedy_registers_the_domain_and_the_wizard_goes_on(console):
    page = parse(wizard.step_domain(console, "example.cn", register_it=False).content)
    link = remedy_links(page)["register_domain"]
    form = parse(console.get(link).content).find("form", data_register_domain=True)
    assert form.find("input", name="domain").get("value") == "example.cn"
    next_url = form.find("input", name="next").get("value")

    response = console.post(
        "/console/domains/",
        {
            "domain": "example.cn",
            "holder_name": flows.SUBJECT_NAME,
            "holder_certificate_number": CREDIT_CODE,
            "period_years": "1",
            "next": next_url,
        },
    )
    assert response.status_code == 302 and response.url == next_url

    response = console.post(
        "/console/filings/new/", {"certificate_number": CREDIT_CODE, "domain": "example.cn"}
    )
    assert response.status_code == 302 and response.url == "/console/filings/new/product/"


def test_an_expired_domain_of_an_added_website_links_to_renewal(
    console, user, staff, instance, advance_clock
):
    flows.file_first(user, staff=staff, instance=instance)
    flows.register_for(user, "shop.cn")
    advance_clock(6 * 366)  # the registrations lapse (5 years)
    page = parse(wizard.step_domain(console, "shop.cn").content)
    assert reason_codes(page) == ["DOMAIN_EXPIRED"]
    assert "focus=shop.cn" in remedy_links(page)["renew_domain"]


def test_step_3_lists_the_subject_leader_website_name_and_content_reasons(console, instance):
    wizard.step_domain(console, "example.cn", holder_name=SUBJECT["name"])
    wizard.step_product(console, instance=instance)
    response = wizard.step_details(
        console,
        subject={**SUBJECT, "kind": "individual", "name": flows.SUBJECT_NAME, "certificate_number": "1"},
        website_name="Company",
        category="news",
        leader={**LEADER, "mobile": "123"},
    )
    assert response.status_code == 200
    assert reason_codes(parse(response.content)) == [
        "CERTIFICATE_NUMBER_INVALID",
        "MOBILE_INVALID",
        "WEBSITE_NAME_INVALID",
        "CONTENT_NOT_ALLOWED_FOR_INDIVIDUAL",
    ]
    assert console.get("/console/filings/new/confirm/").status_code == 302  # not yet


def test_a_different_website_leader_gets_the_sms_and_the_order_page_shows_the_materials(
    console, user, staff, instance
):
    wizard.step_domain(console, "example.cn", holder_name=SUBJECT["name"])
    wizard.step_product(console, instance=instance)
    response = wizard.step_details(console, subject=SUBJECT, website_leader=WEBSITE_LEADER)
    assert response.status_code == 302, response.content.decode()[:3000]
    wizard.confirm(console, complete=False)
    order = FilingOrder.objects.get()
    assert order.status == "draft"

    page = parse(console.get(f"/console/filings/{order.pk}/").content)
    section = page.find(data_section="materials")
    assert WEBSITE_LEADER["mobile"] in section.find(data_leader="website").text
    assert {node.get("data-document-kind") for node in section.find_all(data_uploaded="no")} == {
        "subject_certificate",
        "leader_id_front",
        "leader_id_back",
        "website_leader_id_front",
        "website_leader_id_back",
    }
    assert section.find(data_verification_status="not_started") is not None

    refused = console.post(
        f"/console/filings/{order.pk}/documents/",
        {"kind": "leader_id_front", "file": upload("photo.png", png_bytes(200, 100))},
        follow=True,
    )
    assert "at least 400 x 300" in refused.content.decode()
    assert not order.documents.exists()

    wizard.upload_documents(console, order.pk)
    image = console.get(f"/console/filings/{order.pk}/documents/verification_photo/")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert console.post(f"/console/filings/{order.pk}/submit/").status_code == 302
    services.filing_review(actor=staff, order_id=order.pk, decision="approve")
    inbox = parse(console.get("/console/inbox/").content)
    assert inbox.find(data_to_number=WEBSITE_LEADER["mobile"]) is not None


def test_another_accounts_document_is_a_404(client, console, user, instance, other_user):
    order = flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={"domain": "example.cn", "instance_id": instance.instance_id},
    )
    flows.complete(order)
    client.force_login(other_user)
    assert client.get(f"/console/filings/{order.pk}/documents/verification_photo/").status_code == 404
