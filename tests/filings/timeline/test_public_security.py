"""The public security filing (公安联网备案, SPEC 3.10): due 30 days after approval, recorded by the
owner, reminded once a week before and once when overdue, as the clock moves."""

import datetime as dt
import re

import pytest
from django.utils import translation

from filings import rules
from filings.models import FilingAction, MessageKind, PhoneMessage, Website
from filings.services import public_security_file
from icpconsole.core import clock
from icpconsole.core.models import AuditEvent
from tests.factories import InstanceFactory
from tests.filings import flows
from tests.filings.materials import GUANGDONG_CREDIT_CODE

from . import conftest

pytestmark = pytest.mark.django_db

NUMBER_RE = re.compile(r"^浙公网安备33\d{12}号$")


def _website_json(api, website):
    response = api.get(f"/api/v1/websites/{website.pk}/")
    assert response.status_code == 200
    return response.json()


def _messages(user, kind):
    return list(PhoneMessage.objects.filter(account=user, kind=kind))


def test_a_new_website_is_due_30_days_after_its_approval_and_pending(api, filed):
    data = _website_json(api, filed["website"])
    assert data["public_security_number"] == ""
    assert data["public_security_status"] == "pending"
    due = dt.datetime.fromisoformat(data["public_security_due_time"])
    assert due == conftest.START + dt.timedelta(days=30)


def test_recording_gives_the_number_and_the_status_filed(api, user, filed):
    response = api.post(f"/api/v1/websites/{filed['website'].pk}/public-security-filing/")

    assert response.status_code == 200, response.content
    data = response.json()
    assert NUMBER_RE.match(data["public_security_number"]), data["public_security_number"]
    assert data["public_security_status"] == "filed"
    assert data["id"] == filed["website"].pk
    event = AuditEvent.objects.get(action=FilingAction.PUBLIC_SECURITY_FILE)
    assert event.details["public_security_number"] == data["public_security_number"]
    assert event.details["late"] is False


def test_the_number_has_the_province_abbreviation_and_code(user, staff, frozen):
    filed = flows.file_first(
        user,
        staff=staff,
        instance=InstanceFactory(owner=user),
        province="guangdong",
        certificate_number=GUANGDONG_CREDIT_CODE,
    )
    website = public_security_file(actor=user, website_id=filed["website"].pk)
    assert re.match(r"^粤公网安备44\d{12}号$", website.public_security_number)


def test_seeded_runs_repeat_the_number(settings):
    from filings.services.aftercare import public_security_number
    from icpconsole.core import generators

    settings.SIMULATOR_SEED = "42"
    generators.reseed()
    first = public_security_number("zhejiang")
    generators.reseed()
    assert public_security_number("zhejiang") == first
    generators.reseed()


def test_overdue_on_the_due_day_and_filed_late_is_filed(api, user, staff, filed, advance_clock):
    advance_clock(29, actor=staff)
    assert _website_json(api, filed["website"])["public_security_status"] == "pending"
    advance_clock(1, actor=staff)
    assert _website_json(api, filed["website"])["public_security_status"] == "overdue"

    response = api.post(f"/api/v1/websites/{filed['website'].pk}/public-security-filing/")
    assert response.json()["public_security_status"] == "filed"
    assert AuditEvent.objects.get(action=FilingAction.PUBLIC_SECURITY_FILE).details["late"] is True


def test_the_reminder_and_the_overdue_notice_reach_the_inbox_once_each(
    api, user, staff, filed, advance_clock
):
    advance_clock(22, actor=staff)
    assert _messages(user, MessageKind.SECURITY_DUE) == []

    advance_clock(1, actor=staff)  # 7 days before the due time
    reminders = _messages(user, MessageKind.SECURITY_DUE)
    assert len(reminders) == 1
    assert "example.cn" in reminders[0].text
    assert (conftest.START + dt.timedelta(days=30)).date().isoformat() in reminders[0].text

    advance_clock(3, actor=staff)
    advance_clock(3, actor=staff)
    assert len(_messages(user, MessageKind.SECURITY_DUE)) == 1
    assert _messages(user, MessageKind.SECURITY_OVERDUE) == []

    advance_clock(1, actor=staff)  # the due day
    advance_clock(5, actor=staff)
    assert len(_messages(user, MessageKind.SECURITY_DUE)) == 1
    assert len(_messages(user, MessageKind.SECURITY_OVERDUE)) == 1
    assert AuditEvent.objects.filter(action=FilingAction.PUBLIC_SECURITY_REMIND).count() == 1
    assert AuditEvent.objects.filter(action=FilingAction.PUBLIC_SECURITY_OVERDUE).count() == 1

    # The inbox (API) renders it in the reader's language.
    listed = api.get("/api/v1/messages/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    texts = [m["text"] for m in (listed["results"] if isinstance(listed, dict) else listed)]
    assert any("控制台" in text for text in texts), texts


def test_a_jump_past_the_due_time_sends_the_overdue_notice_alone(user, staff, filed, advance_clock):
    advance_clock(45, actor=staff)
    assert _messages(user, MessageKind.SECURITY_DUE) == []
    assert len(_messages(user, MessageKind.SECURITY_OVERDUE)) == 1


def test_a_recorded_website_gets_no_reminder(api, user, staff, filed, advance_clock):
    api.post(f"/api/v1/websites/{filed['website'].pk}/public-security-filing/")
    advance_clock(60, actor=staff)
    assert _messages(user, MessageKind.SECURITY_DUE) == []
    assert _messages(user, MessageKind.SECURITY_OVERDUE) == []


def test_the_clock_api_settles_the_reminders(staff_api, user, filed):
    response = staff_api.post("/api/v1/clock/", {"advance_days": 31}, format="json")
    assert response.status_code in (200, 201), response.content
    assert len(_messages(user, MessageKind.SECURITY_OVERDUE)) == 1


# --- refusals -----------------------------------------------------------------------------------


def test_another_accounts_website_is_a_404(api_client_for, other_user, filed):
    response = api_client_for(other_user).post(
        f"/api/v1/websites/{filed['website'].pk}/public-security-filing/"
    )
    assert response.status_code == 404
    assert response.json()["code"] == "WEBSITE_NOT_FOUND"


def test_a_second_recording_is_409(api, filed):
    url = f"/api/v1/websites/{filed['website'].pk}/public-security-filing/"
    first = api.post(url).json()["public_security_number"]
    response = api.post(url)
    assert response.status_code == 409
    assert response.json()["code"] == "PUBLIC_SECURITY_ALREADY_FILED"
    assert Website.objects.get(pk=filed["website"].pk).public_security_number == first


def test_a_ram_user_may_not_record(api_client_for, ram_user, filed):
    client = api_client_for(ram_user)
    assert client.get(f"/api/v1/websites/{filed['website'].pk}/").status_code == 200
    response = client.post(f"/api/v1/websites/{filed['website'].pk}/public-security-filing/")
    assert response.status_code == 403
    assert response.json()["code"] == "RAM_USER_READ_ONLY"
    assert Website.objects.get(pk=filed["website"].pk).public_security_number == ""


def test_a_website_whose_access_was_cancelled_cannot_be_recorded(api, filed):
    Website.objects.filter(pk=filed["website"].pk).update(status="access_cancelled")
    response = api.post(f"/api/v1/websites/{filed['website'].pk}/public-security-filing/")
    assert response.status_code == 409
    assert response.json()["code"] == "WEBSITE_NOT_ACTIVE"


# --- the pure rule ------------------------------------------------------------------------------


def test_the_rule_at_its_edges():
    due = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    second = dt.timedelta(seconds=1)
    assert rules.public_security_status(number="", due_time=due, now=due - second) == "pending"
    assert rules.public_security_status(number="", due_time=due, now=due) == "overdue"
    assert rules.public_security_status(number="x", due_time=due, now=due) == "filed"
    week = dt.timedelta(days=7)
    kwargs = {"website_status": "active", "number": "", "due_time": due}
    assert rules.public_security_notice_due(**kwargs, notice="", now=due - week - second) is None
    assert rules.public_security_notice_due(**kwargs, notice="", now=due - week) == "reminded"
    assert rules.public_security_notice_due(**kwargs, notice="reminded", now=due - second) is None
    assert rules.public_security_notice_due(**kwargs, notice="reminded", now=due) == "overdue"
    assert rules.public_security_notice_due(**kwargs, notice="overdue", now=due + week) is None
    assert (
        rules.public_security_notice_due(**{**kwargs, "website_status": "cancelled"}, notice="", now=due)
        is None
    )


def test_messages_render_in_the_readers_language(user, staff, filed, advance_clock):
    advance_clock(31, actor=staff)
    message = PhoneMessage.objects.get(account=user, kind=MessageKind.SECURITY_OVERDUE)
    with translation.override("zh-hans"):
        assert message.rendered_text != message.text
    assert clock.now() > filed["website"].created_time
