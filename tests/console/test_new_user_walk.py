"""Issue 28: what got in a new user's way on a walk through the console (English and Chinese)."""

import pytest

from tests.console.html import parse


def _chinese(client):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"


# --- point 11: the console's 403 and 404 pages ---------------------------------------------------
def test_non_staff_at_the_review_workbench_gets_the_consoles_403_page(console):
    response = console.get("/console/icp/review/")

    assert response.status_code == 403
    page = parse(response.content)
    assert page.find(data_error_page="403") is not None
    assert b'class="sidebar"' in response.content
    assert "Only staff" in page.find(data_error_page="403").text


def test_the_403_page_is_in_chinese_for_a_chinese_user(console):
    _chinese(console)
    response = console.get("/console/icp/review/")

    assert response.status_code == 403
    html = response.content.decode()
    assert 'lang="zh-hans"' in html and "拒绝访问" in html and "Forbidden" not in html


@pytest.mark.parametrize("language, title", [("en", "Page not found"), ("zh-hans", "页面不存在")])
def test_an_unknown_console_page_is_the_consoles_404_page(console, language, title):
    if language != "en":
        _chinese(console)
    response = console.get("/console/instances/i-bp1doesnotexist00000/renew/")

    assert response.status_code == 404
    html = response.content.decode()
    assert title in html and 'data-error-page="404"' in html and 'class="sidebar"' in html


# --- point 12: staff tools -----------------------------------------------------------------------
def test_staff_find_the_simulator_and_the_clock_in_the_console(client, staff, user):
    client.force_login(staff)
    page = parse(client.get("/console/").content)
    simulator = page.find("a", data_nav="simulator-controls")
    clock_link = page.find("a", data_nav="simulated-clock")
    assert simulator is not None and client.get(simulator.get("href")).status_code == 200
    assert clock_link is not None and client.get(clock_link.get("href")).status_code == 200

    client.force_login(user)
    page = parse(client.get("/console/").content)
    assert page.find("a", data_nav="simulator-controls") is None
    assert page.find("a", data_nav="simulated-clock") is None


def test_the_clock_moves_by_hours(staff_api):
    from icpconsole.core import clock
    from icpconsole.core.models import AuditEvent

    response = staff_api.post("/api/v1/clock/", {"advance_hours": 5}, format="json")
    assert response.status_code == 200 and clock.offset_seconds() == 5 * 3600
    staff_api.post("/api/v1/clock/", {"advance_days": 1, "advance_hours": 2}, format="json")
    assert clock.offset_seconds() == 5 * 3600 + 26 * 3600
    assert AuditEvent.objects.filter(action="clock.advance").latest("id").details["hours"] == 2


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({}, "INVALID_ADVANCE_DAYS", "advance_days"),
        ({"advance_hours": -1}, "INVALID_ADVANCE_HOURS", "advance_hours"),
        ({"advance_days": 3650, "advance_hours": 1}, "INVALID_ADVANCE_DAYS", "advance_days"),
        ({"advance_hours": 1.5}, "VALIDATION_ERROR", "advance_hours"),
    ],
)
def test_a_bad_clock_move_is_400_and_the_clock_stays(staff_api, body, code, field):
    from icpconsole.core import clock

    response = staff_api.post("/api/v1/clock/", body, format="json")
    assert response.status_code == 400 and response.json()["code"] == code
    assert field in response.json()["fields"]
    assert clock.offset_seconds() == 0


def test_the_staff_clock_page_moves_by_hours(client, staff):
    from icpconsole.core import clock

    client.force_login(staff)
    response = client.post("/admin/core/clockstate/advance/", {"advance_days": "", "advance_hours": "3"})
    assert response.status_code == 302 and clock.offset_seconds() == 3 * 3600


def test_simulator_info_names_the_cache_backend_not_its_proxy(staff_api):
    backend = staff_api.get("/api/v1/simulator/info/").json()["cache"]["backend"]
    assert backend.startswith("django.core.cache.backends.") and "ConnectionProxy" not in backend


def test_a_snapshot_file_is_named_in_cst(client, staff):
    import time_machine

    client.force_login(staff)
    with time_machine.travel("2026-12-05T02:30:00+00:00", tick=False):
        response = client.get("/admin/simulator/simulatorsettings/snapshot/")
    assert 'filename="icp-simulator-20261205-103000+0800.json"' in response["Content-Disposition"]


# --- point 5: the operation log reads as words, in the page's language ----------------------------
RAW = ("bureau_review", "pending_sms", "app_name", "instance_id", "real_name_status", "at_risk_since",
       "width", "filing_wizard", "verification_photo")


def test_the_operation_log_shows_no_internals(console, user, staff, instance, advance_clock):
    import datetime as dt

    from filings.models import Website
    from icpconsole.core import clock
    from instances.models import Instance
    from tests.filings import flows

    filed = flows.file_first(user, staff=staff, instance=instance)
    flows.register_for(user, "unverified-walk.cn", "Someone Else")
    Instance.objects.filter(pk=instance.pk).update(expired_time=clock.now() + dt.timedelta(days=1))
    advance_clock(20, actor=staff)  # the access-health sweep marks the website at risk
    assert Website.objects.get(pk=filed["website"].pk).access_at_risk_time is not None

    for language in ("en", "zh-hans"):
        if language != "en":
            _chinese(console)
        page = parse(console.get("/console/operation-log/").content)
        text = page.find("tbody").text
        for raw in RAW:
            assert raw not in text, (language, raw)
        rows = {row.get("data-action"): row for row in page.find_all("tr") if row.get("data-action")}
        at_risk = rows["filing.access.at_risk"]
        # The sweep acted, not the staff member who moved the clock.
        assert staff.display_name not in at_risk.text
        submitted = rows["filing.submit"].find_all("td")[2].text
        if language == "en":
            assert "System" in at_risk.text and "First filing" in submitted
        else:
            assert "系统" in at_risk.text and "首次备案" in submitted and "First filing" not in submitted


# --- point 1: a remedy is doable where it points ---------------------------------------------------
def test_a_domain_held_at_another_registrar_names_it_and_links_nowhere():
    from filings import precheck
    from filings.precheck import DomainFacts, Registration, SiteFacts

    def site(registrar):
        held = Registration(registered=True, holder_name="Someone Else", verified=True, registrar=registrar)
        facts = DomainFacts(domain="x-elsewhere.cn")
        return SiteFacts(domain="x-elsewhere.cn", filing=facts, registration=held)

    (elsewhere,) = precheck.domain_reasons(site("GoDaddy"), subject_name="Demo Company Ltd.")
    assert elsewhere.code == "DOMAIN_HOLDER_MISMATCH"
    assert elsewhere.remedy_action == precheck.ACTION_AT_REGISTRAR
    assert "GoDaddy" in elsewhere.remedy and "Demo Company Ltd." in elsewhere.remedy
    assert "Domains page" not in elsewhere.remedy

    (here,) = precheck.domain_reasons(site(""), subject_name="Demo Company Ltd.")
    assert here.remedy_action == precheck.ACTION_FIX_HOLDER and "Domains page" in here.remedy


# --- point 7: rebinding offers only instances that qualify ----------------------------------------
def test_the_rebind_page_offers_only_qualifying_instances_and_says_why_not_the_others(
    console, user, staff, instance
):
    from tests.factories import InstanceFactory
    from tests.filings import flows

    filed = flows.file_first(user, staff=staff, instance=instance)
    good = InstanceFactory(owner=user)
    hongkong = InstanceFactory(owner=user, region_id="cn-hongkong")
    postpaid = InstanceFactory(owner=user, charge_type="PostPaid")

    for language in ("en", "zh-hans"):
        if language != "en":
            _chinese(console)
        page = parse(console.get(f"/console/websites/{filed['website'].pk}/change/").content)
        offered = [o.get("value") for o in page.find("select", name="instance_id").find_all("option")]
        assert good.instance_id in offered
        assert hongkong.instance_id not in offered and postpaid.instance_id not in offered
        shown = {li.get("data-not-qualifying"): li for li in page.find_all("li", data_not_qualifying=True)}
        assert set(shown) == {hongkong.instance_id, postpaid.instance_id}
        assert shown[hongkong.instance_id].find(data_reason_code="REGION_NOT_MAINLAND") is not None


# --- point 13: a RAM user sees disabled buttons with the reason, not a refusal after submit ---------
@pytest.mark.parametrize("url", ["/console/instances/buy/", "/console/filings/new/"])
def test_a_ram_user_sees_the_submit_button_disabled_with_the_reason(client, ram_user, url):
    client.force_login(ram_user)
    page = parse(client.get(url).content)
    button = page.find("main").find("button", type="submit", class_="btn btn-primary")
    assert button.has("disabled")
    note = page.find(id=button.get("aria-describedby"))
    assert note is not None and note.get("data-note") == "ram-read-only"


# --- point 4: the demo agrees with itself ------------------------------------------------------------
def test_the_demo_world_loaded_on_another_day_keeps_its_dates_consistent(db, settings):
    import datetime as dt
    from io import StringIO

    import time_machine
    from django.core.management import call_command
    from django.utils import timezone

    from filings import rules
    from filings.models import FilingOrder, MessageKind, PhoneMessage, Website
    from icpconsole.core.workdays import is_working_day

    # A Saturday, several days after the world file was written: every time moves to it.
    with time_machine.travel(dt.datetime(2027, 3, 6, 10, 0, tzinfo=dt.UTC), tick=False):
        call_command("seed_demo", stdout=StringIO())
        due = PhoneMessage.objects.get(kind=MessageKind.SECURITY_DUE).params["due"]
        site = Website.objects.get(domain="demo-example.cn")
        assert due == timezone.localtime(site.public_security_due_time).date().isoformat()
        cancel = PhoneMessage.objects.get(kind=MessageKind.ACCESS_AT_RISK).params["cancel"]
        shop = Website.objects.get(domain="demo-shop.cn")
        assert cancel == timezone.localtime(shop.access_cancel_time).date().isoformat()
        for order in FilingOrder.objects.filter(status__in=rules.REVIEW_STAGES):
            assert is_working_day(timezone.localtime(order.due_time).date()), order.due_time


# --- point 9: registrar and pre-check messages say what happened ------------------------------------
def test_registering_with_a_wrong_check_digit_says_real_name_verification_failed(console):
    from registrar.certificates import with_check_character

    good = with_check_character("91330106MA2CDEM01", kind="enterprise")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = console.post(
        "/console/domains/",
        {"domain": "walk-hold.cn", "period_years": "1", "holder_name": "W", "holder_certificate_number": bad},
        follow=True,
    )
    message = parse(response.content).find("li", class_="msg msg-warning")
    assert message is not None and "real-name verification failed" in message.text
    assert "serverHold" in message.text


def test_an_invalid_credit_code_is_not_said_to_have_a_birth_date():
    import datetime as dt

    from filings import precheck

    (enterprise,) = precheck.certificate_reasons(
        "91330106MA2CDEM010", kind="enterprise", who="Subject", target="subject", today=dt.date(2026, 12, 5)
    )
    assert "birth date" not in enterprise.message and "check character" in enterprise.message
    (person,) = precheck.certificate_reasons(
        "330106199001011230", kind="individual", who="Leader", target="leader", today=dt.date(2026, 12, 5)
    )
    assert "birth date" in person.message


# --- point 10: the public security filing is recorded after a confirmation that says who issues it --
def test_recording_the_public_security_filing_asks_first_and_says_the_simulator_issues_the_number(
    console, user, staff, instance
):
    from filings.models import Website
    from tests.filings import flows

    website = flows.file_first(user, staff=staff, instance=instance)["website"]
    url = f"/console/websites/{website.pk}/public-security-filing/"
    page = parse(console.get("/console/subjects/").content)
    link = page.find("a", data_action="record-public-security")
    assert link.get("href") == url and link.has("data-confirm")
    assert "simulator" in link.get("data-confirm-message")
    confirm = console.get(url)
    assert confirm.status_code == 200 and Website.objects.get(pk=website.pk).public_security_number == ""
    assert console.post(url).status_code == 302
    assert Website.objects.get(pk=website.pk).public_security_number
