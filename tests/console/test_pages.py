"""The console shell: log-in, the anonymous redirect, the header, navigation and language switch."""

import re
from urllib.parse import quote

import pytest

from tests.console.html import parse
from tests.factories import DEFAULT_PASSWORD, InstanceFactory

pytestmark = pytest.mark.django_db

INSTANCE_ID = "i-bp1aaaaaaaaaaaaaaaaa"
CONSOLE_URLS = [
    "/console/",
    "/console/instances/",
    "/console/instances/?status=Running",
    "/console/instances/buy/",
    f"/console/instances/{INSTANCE_ID}/renew/",
    f"/console/instances/{INSTANCE_ID}/convert/",
    f"/console/instances/{INSTANCE_ID}/bandwidth/",
    f"/console/instances/{INSTANCE_ID}/stop/",
    f"/console/instances/{INSTANCE_ID}/start/",
    f"/console/instances/{INSTANCE_ID}/release/",
    "/console/icp/application/",
    f"/console/icp/application/{INSTANCE_ID}/apply/",
    "/console/icp/codes/",
    "/console/operation-log/",
]


@pytest.mark.parametrize("url", CONSOLE_URLS)
def test_anonymous_visitor_is_redirected_to_login_with_next(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={quote(url, safe='/')}"


@pytest.mark.parametrize("url", [u for u in CONSOLE_URLS if "/instances/i-" in u or "/apply/" in u])
def test_anonymous_post_to_an_action_is_redirected_to_login(client, url):
    response = client.post(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_login_page_has_labelled_fields_and_the_demo_note(client):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    page = parse(response.content)
    for field in ("username", "password"):
        field_input = page.find("input", name=field)
        assert field_input is not None
        assert page.find("label", **{"for": field_input.get("id")}) is not None
    assert page.find("form", action="/accounts/login/").find("button", type="submit").text == "Log on"
    assert "seed_demo" in page.text


def test_login_with_valid_credentials_redirects_to_the_console(client, user):
    response = client.post("/accounts/login/", {"username": "alice", "password": DEFAULT_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/console/"
    assert client.get("/console/").status_code == 200


def test_login_returns_to_next(client, user):
    response = client.post(
        "/accounts/login/?next=/console/icp/codes/",
        {"username": "alice", "password": DEFAULT_PASSWORD, "next": "/console/icp/codes/"},
    )

    assert response["Location"] == "/console/icp/codes/"


def test_login_with_a_wrong_password_shows_an_error(client, user):
    response = client.post("/accounts/login/", {"username": "alice", "password": "wrong"})

    assert response.status_code == 200
    page = parse(response.content)
    alert = page.find(role="alert")
    assert alert is not None
    assert "correct username and password" in alert.text
    assert "_auth_user_id" not in client.session


def test_header_shows_account_clock_language_switch_and_logout(console, user):
    page = parse(console.get("/console/").content)

    assert page.find("html").get("lang") == "en"
    header = page.find("header")
    assert "ICP Filing Management" in header.text
    assert user.display_name in header.text
    assert user.uid in header.text
    assert re.search(r"Simulated time: \d{4}-\d\d-\d\d \d\d:\d\d", header.text)
    lang_form = header.find("form", action="/i18n/setlang/")
    assert {b.get("value") for b in lang_form.find_all("button", name="language")} == {"en", "zh-hans"}
    logout = header.find("form", action="/accounts/logout/")
    assert logout.get("method") == "post"
    assert logout.find("input", name="csrfmiddlewaretoken") is not None
    assert logout.find("button").text == "Log out"


def test_header_names_the_parent_of_a_ram_user(client, ram_user, user):
    client.force_login(ram_user)

    header = parse(client.get("/console/").content).find("header")

    assert f"RAM user of {user.display_name}" in header.text


def test_navigation_links_every_console_area_and_marks_the_current_one(console):
    page = parse(console.get("/console/icp/application/").content)

    nav = page.find("nav", class_="sidebar")
    links = {a.get("href"): a for a in nav.find_all("a")}
    for href in (
        "/console/",
        "/console/instances/",
        "/console/icp/application/",
        "/console/icp/codes/",
        "/console/operation-log/",
        "/console/filings/",
        "/console/filings/new/",
        "/console/subjects/",
        "/console/inbox/",
        "/icp-records/",
    ):
        assert href in links, href
    assert links["/console/icp/application/"].get("aria-current") == "page"
    assert [a.get("href") for a in nav.find_all("a", aria_current="page")] == ["/console/icp/application/"]


def test_language_switch_sets_the_cookie_and_renders_chinese_region_names(console, user):
    InstanceFactory(owner=user, region_id="cn-hangzhou")

    response = console.post("/i18n/setlang/", {"language": "zh-hans", "next": "/console/instances/"})

    assert response.status_code == 302
    assert response["Location"] == "/console/instances/"
    assert response.cookies["django_language"].value == "zh-hans"
    page = parse(console.get("/console/instances/").content)
    assert page.find("html").get("lang") == "zh-hans"
    assert "华东1（杭州）" in page.find("tbody").text


@pytest.mark.parametrize(
    "url",
    [
        "/console/",
        "/console/instances/",
        "/console/instances/buy/",
        "/console/icp/application/",
        "/console/icp/codes/",
        "/console/operation-log/",
    ],
)
def test_pages_have_no_inline_script_or_event_handler(console, user, url):
    InstanceFactory(owner=user)

    html = console.get(url).content.decode()

    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all("src=" in tag for tag in scripts)
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", html)
    assert "style=" not in html
    assert "//cdn" not in html and "https://" not in html


def test_every_post_form_carries_a_csrf_token(console, user):
    InstanceFactory(owner=user, status="Stopped")
    InstanceFactory(owner=user)

    for url in ("/console/instances/", "/console/icp/application/"):
        page = parse(console.get(url).content)
        for form in page.find_all("form", method="post"):
            assert form.find("input", name="csrfmiddlewaretoken") is not None, (url, form)


def test_overview_counts_instances_and_codes_by_status(console, user, other_user, advance_clock):
    from tests.factories import ServiceCodeFactory

    InstanceFactory(owner=user)
    InstanceFactory(owner=user, status="Stopped")
    InstanceFactory(owner=user, months=1)
    InstanceFactory(owner=user, status="Released", internet_max_bandwidth_out=0, public_ip_address=None)
    InstanceFactory(owner=other_user)
    ServiceCodeFactory(instance=InstanceFactory(owner=user), status="used", icp_number="浙ICP备20261234号-1")
    advance_clock(40)

    page = parse(console.get("/console/").content)

    counts = {
        a.get("data-instance-status"): int(a.text) for a in page.find_all("a", data_instance_status=True)
    }
    assert counts == {"Running": 2, "Stopped": 1, "Expired": 1, "Released": 1}
    codes = {a.get("data-code-status"): int(a.text) for a in page.find_all("a", data_code_status=True)}
    assert codes == {"unused": 0, "filing": 0, "used": 1, "deleted": 0}
    assert page.find(data_count="instances").text == "5"
