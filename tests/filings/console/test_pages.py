"""Every filing page renders for its owner, needs a login (except the public query), and keeps
another account's order out of reach."""

import re

import pytest
from django.test import Client

from filings.models import FilingOrder
from tests.console.html import parse
from tests.factories import UserFactory
from tests.filings import flows

from . import wizard

pytestmark = pytest.mark.django_db

CONSOLE_PAGES = [
    "/console/filings/",
    "/console/filings/new/",
    "/console/filings/transfer-in/",
    "/console/filings/claim/",
    "/console/subjects/",
    "/console/inbox/",
]


@pytest.mark.parametrize("url", CONSOLE_PAGES)
def test_console_page_renders_for_a_logged_in_account(console, url):
    response = console.get(url)

    assert response.status_code == 200
    page = parse(response.content)
    assert page.find("h1") is not None
    for form in page.find_all("form", method="post"):
        assert form.find("input", name="csrfmiddlewaretoken"), f"POST form without CSRF token on {url}"


@pytest.mark.parametrize(
    "url",
    [
        *CONSOLE_PAGES,
        "/console/filings/1/",
        "/console/filings/new/product/",
        "/console/subjects/1/cancel/",
        "/console/websites/1/cancel/",
    ],
)
def test_anonymous_visitor_is_sent_to_log_on(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"


def test_order_pages_render_for_the_owner(console, draft_order):
    assert console.get(f"/console/filings/{draft_order.pk}/").status_code == 200
    assert console.get(f"/console/filings/{draft_order.pk}/abandon/").status_code == 200


def test_subject_and_website_action_pages_render_for_the_owner(console, filed):
    subject, website = filed["subject"], filed["website"]
    for url in (
        f"/console/subjects/{subject.pk}/change/",
        f"/console/subjects/{subject.pk}/cancel/",
        f"/console/websites/{website.pk}/change/",
        f"/console/websites/{website.pk}/cancel/",
        f"/console/websites/{website.pk}/cancel-access/",
    ):
        response = console.get(url)
        assert response.status_code == 200, url
        assert parse(response.content).find("input", name="icp_password") is not None, url


def test_another_accounts_order_is_not_found(client, draft_order):
    client.force_login(UserFactory(username="mallory"))

    for url in (f"/console/filings/{draft_order.pk}/", f"/console/filings/{draft_order.pk}/abandon/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/console/filings/{draft_order.pk}/submit/").status_code == 404
    assert client.post(f"/console/filings/{draft_order.pk}/abandon/").status_code == 404
    assert (
        client.post(f"/console/filings/{draft_order.pk}/verify-sms/", {"code": "123456"}).status_code == 404
    )
    draft_order.refresh_from_db()
    assert draft_order.status == "draft"


def test_another_accounts_subject_and_website_are_not_found(client, filed):
    client.force_login(UserFactory(username="mallory"))

    assert client.get(f"/console/subjects/{filed['subject'].pk}/cancel/").status_code == 404
    assert client.get(f"/console/websites/{filed['website'].pk}/cancel/").status_code == 404
    response = client.post(
        f"/console/websites/{filed['website'].pk}/cancel/",
        {"icp_password": filed["password"], "confirm": "on"},
    )
    assert response.status_code == 404
    assert not FilingOrder.objects.filter(type="cancel_website").exists()


def test_unknown_application_is_not_found(console, filed):
    assert console.get(f"/console/websites/{filed['website'].pk}/delete/").status_code == 404
    assert console.get(f"/console/subjects/{filed['subject'].pk}/cancel-access/").status_code == 404


def test_public_record_query_needs_no_login(client):
    response = client.get("/icp-records/")

    assert response.status_code == 200
    page = parse(response.content)
    assert page.find("input", name="domain") is not None
    assert page.find("nav", class_="sidebar") is None  # its own minimal layout, no console navigation


def test_public_record_query_shows_the_console_layout_when_logged_in(console):
    page = parse(console.get("/icp-records/").content)

    link = page.find("a", href="/icp-records/")
    assert link is not None and link.get("aria-current") == "page"


def test_staff_see_that_reviews_happen_in_the_admin(client, staff, draft_order, user):
    flows.submit(actor=user, order_id=draft_order.pk)
    client.force_login(staff)

    page = parse(client.get(f"/console/filings/{draft_order.pk}/").content)

    note = page.find(data_note="staff-review")
    assert note is not None
    assert f"/admin/filings/filingorder/{draft_order.pk}/change/" in note.links()
    assert page.find(data_action="abandon") is None  # staff do not act for the account


def test_owner_sees_no_admin_note(console, draft_order):
    page = parse(console.get(f"/console/filings/{draft_order.pk}/").content)

    assert page.find(data_note="staff-review") is None


def test_ram_user_sees_the_accounts_orders_without_actions(client, ram_user, draft_order):
    client.force_login(ram_user)

    page = parse(client.get(f"/console/filings/{draft_order.pk}/").content)

    assert page.find(data_note="ram-read-only") is not None
    assert page.find(data_action="submit") is None
    assert page.find(data_action="abandon") is None


def test_wizard_pages_mark_new_filing_in_the_navigation(console):
    page = parse(console.get("/console/filings/transfer-in/").content)

    current = page.find("a", aria_current="page")
    assert current is not None and current.get("href") == "/console/filings/new/"


def test_filing_pages_have_no_inline_script_or_cdn(console, user, filed, staff, second_instance):
    wizard.step_domain(console, "blog.cn")  # the wizard waits at step 2
    order = flows.create_add_website(
        actor=user, website={"domain": "shop.cn", "instance_id": second_instance.instance_id}
    )
    flows.to_pending_sms(order, staff=staff)
    pages = [
        *CONSOLE_PAGES,
        "/console/filings/new/product/",
        f"/console/filings/{order.pk}/",
        f"/console/filings/{order.pk}/abandon/",
        f"/console/websites/{filed['website'].pk}/cancel/",
        "/icp-records/?domain=example.cn",
        "/console/domains/",
    ]
    for url in pages:
        html = console.get(url).content.decode()
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert scripts and all("src=" in tag for tag in scripts), url
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), url
        assert "style=" not in html, url
        assert "//cdn" not in html and "https://" not in html, url
    public = Client().get("/icp-records/").content.decode()  # anonymous: the minimal layout
    assert "<script" not in public and "style=" not in public
