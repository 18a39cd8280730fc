"""The subject and its websites, with the change and cancel applications: each needs the filing
password, and all are hidden while the subject has an open order (as the real console does)."""

import pytest

from filings import services
from filings.models import FilingOrder
from tests.console.html import parse
from tests.filings import flows

pytestmark = pytest.mark.django_db

ACTIONS = {
    "add-website",
    "add-app",
    "change-subject",
    "cancel-subject",
    "change-website",
    "cancel-website",
    "cancel-access",
    "record-public-security",
}


def subjects_page(client):
    response = client.get("/console/subjects/")
    assert response.status_code == 200
    return parse(response.content)


def actions(page) -> set[str]:
    return {node.get("data-action") for node in page.find_all(data_action=True)}


def test_shows_the_subject_and_its_websites_with_their_icp_numbers(console, filed):
    page = subjects_page(console)

    subject, website = filed["subject"], filed["website"]
    assert page.find(data_subject_icp_number=True).text == subject.icp_number
    row = page.find("tr", data_website_id=str(website.pk))
    assert row.get("data-status") == "active"
    assert website.icp_number == f"{subject.icp_number}-1"
    assert website.icp_number in row.text
    assert website.service_code.code in row.text
    assert website.instance.instance_id in row.text


def test_every_action_is_offered_when_no_order_is_open(console, filed):
    page = subjects_page(console)

    assert actions(page) == ACTIONS
    assert page.find(data_note="open-order") is None


def test_actions_are_hidden_while_an_order_is_open(console, user, filed, second_instance):
    order = flows.create_add_website(
        actor=user, website={"domain": "shop.cn", "instance_id": second_instance.instance_id}
    )

    page = subjects_page(console)

    assert actions(page) == {"record-public-security"}  # the public security filing is not an order
    note = page.find(data_note="open-order")
    assert note is not None and f"/console/filings/{order.pk}/" in note.links()


def test_application_pages_show_the_notice_instead_of_the_form_while_an_order_is_open(
    console, user, filed, second_instance
):
    flows.create_add_website(
        actor=user, website={"domain": "shop.cn", "instance_id": second_instance.instance_id}
    )
    url = f"/console/websites/{filed['website'].pk}/cancel/"

    page = parse(console.get(url).content)
    response = console.post(url, {"icp_password": filed["password"], "confirm": "on"})

    assert page.find("input", name="icp_password") is None
    assert page.find(data_note="open-order") is not None
    assert response.status_code == 200
    assert not FilingOrder.objects.filter(type="cancel_website").exists()


def test_a_pending_first_filing_shows_its_order_and_no_actions(console, draft_order):
    page = subjects_page(console)

    assert actions(page) == set()
    assert f"/console/filings/{draft_order.pk}/" in page.find(data_note="open-order").links()


def test_no_subject_offers_a_first_filing(console):
    page = subjects_page(console)

    assert "/console/filings/new/" in page.find(data_note="no-subject").links()


def test_cancel_website_with_the_right_password_creates_a_submitted_cancel_order(console, filed):
    website = filed["website"]

    response = console.post(
        f"/console/websites/{website.pk}/cancel/", {"icp_password": filed["password"], "confirm": "on"}
    )

    order = FilingOrder.objects.get(type="cancel_website")
    assert response.status_code == 302 and response.url == f"/console/filings/{order.pk}/"
    assert (order.status, order.website) == ("submitted", website)


def test_cancel_website_with_a_wrong_password_creates_no_order(console, filed):
    response = console.post(
        f"/console/websites/{filed['website'].pk}/cancel/",
        {"icp_password": "not-the-password", "confirm": "on"},
    )

    assert response.status_code == 200
    assert "The ICP filing password is wrong." in response.content.decode()
    assert not FilingOrder.objects.filter(type="cancel_website").exists()


def test_cancel_needs_the_confirmation_ticked(console, filed):
    response = console.post(
        f"/console/websites/{filed['website'].pk}/cancel/", {"icp_password": filed["password"]}
    )

    assert response.status_code == 200
    assert not FilingOrder.objects.filter(type="cancel_website").exists()


def test_cancel_access_and_cancel_subject_create_their_orders(console, user, filed):
    console.post(
        f"/console/websites/{filed['website'].pk}/cancel-access/",
        {"icp_password": filed["password"], "confirm": "on"},
    )
    access = FilingOrder.objects.get(type="cancel_access")
    services.filing_abandon(actor=user, order_id=access.pk)

    console.post(
        f"/console/subjects/{filed['subject'].pk}/cancel/",
        {"icp_password": filed["password"], "confirm": "on"},
    )

    cancel = FilingOrder.objects.get(type="cancel_subject")
    assert (cancel.status, cancel.subject) == ("submitted", filed["subject"])


def test_change_subject_name_creates_a_change_order(console, filed):
    response = console.post(
        f"/console/subjects/{filed['subject'].pk}/change/",
        {"name": "Hangzhou Renamed Co., Ltd.", "icp_password": filed["password"], "confirm": "on"},
    )

    order = FilingOrder.objects.get(type="change")
    assert response.url == f"/console/filings/{order.pk}/"
    assert order.changes == {"name": "Hangzhou Renamed Co., Ltd."}
    assert order.website is None


def test_change_website_without_a_change_is_a_form_error(console, filed):
    response = console.post(
        f"/console/websites/{filed['website'].pk}/change/",
        {"name": filed["website"].name, "icp_password": filed["password"], "confirm": "on"},
    )

    assert response.status_code == 200
    assert "Change at least one field." in response.content.decode()
    assert not FilingOrder.objects.filter(type="change").exists()


def test_e_commerce_without_a_commercial_license_is_refused(console, filed):
    response = console.post(
        f"/console/websites/{filed['website'].pk}/change/",
        {"name": "", "ecommerce": "on", "icp_password": filed["password"], "confirm": "on"},
    )

    assert response.status_code == 200
    assert "commercial license" in response.content.decode()
    assert not FilingOrder.objects.filter(type="change").exists()


def test_ram_user_sees_the_subject_without_actions(client, ram_user, filed):
    client.force_login(ram_user)

    page = subjects_page(client)

    assert actions(page) == set()
    assert page.find(data_note="ram-read-only") is not None
