"""Each review stage's due time (SPEC 3.10): the initial review 1 working day after submission,
the bureau's after its province's working days; none outside a review. Frozen real time."""

import datetime as dt

import pytest
import time_machine

from filings import provinces, services
from filings.models import Stage
from icpconsole.core.workdays import CHINA_TZ
from tests.factories import InstanceFactory, StaffFactory, UserFactory
from tests.filings import flows

# Wednesday 30 September 2026, 10:00 in Shanghai: the National Day holiday starts tomorrow.
EVE_OF_NATIONAL_DAY = dt.datetime(2026, 9, 30, 10, 0, tzinfo=CHINA_TZ)


def shanghai(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CHINA_TZ)


@pytest.fixture
def frozen():
    with time_machine.travel(EVE_OF_NATIONAL_DAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def draft(db, frozen):
    user = UserFactory(username="due")
    instance = InstanceFactory(owner=user)
    order = flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={"domain": "due-times.cn", "instance_id": instance.instance_id},
    )
    return order


def test_a_draft_and_the_sms_step_are_nobodys_review(draft, frozen):
    assert draft.due_time is None
    staff = StaffFactory(username="reviewer")
    order = flows.to_pending_sms(draft, staff=staff)
    assert order.status == Stage.PENDING_SMS
    assert order.due_time is None


def test_the_initial_review_is_due_one_working_day_after_submission(draft):
    order = flows.submit(actor=draft.created_by, order_id=draft.pk)
    assert order.status == Stage.SUBMITTED
    # 1 to 7 October are days off: due on Thursday 8 October at the same time.
    assert order.due_time == shanghai(2026, 10, 8, 10, 0)


def test_the_bureau_review_is_due_after_twenty_working_days(draft, frozen):
    staff = StaffFactory(username="reviewer")
    frozen.move_to(shanghai(2026, 10, 9, 16, 0))  # Friday; Saturday 10 October is worked
    flows.to_pending_sms(draft, staff=staff)
    order = services.filing_verify_sms(
        actor=draft.created_by, order_id=draft.pk, code=flows.latest_secret(draft.account)
    )
    assert order.status == Stage.BUREAU_REVIEW
    # 10 Oct (1), 12 to 16 (6), 19 to 23 (11), 26 to 30 (16), 2 to 5 November (20).
    assert order.due_time == shanghai(2026, 11, 5, 16, 0)


def test_the_provinces_own_bureau_time_is_used(draft, frozen, monkeypatch):
    fast = provinces.PROVINCES["zhejiang"]._replace(bureau_review_days=3)
    monkeypatch.setitem(provinces.PROVINCES, "zhejiang", fast)
    staff = StaffFactory(username="reviewer")
    order = flows.to_bureau_review(draft, staff=staff)
    # Thursday 8, Friday 9, Saturday 10 October (adjusted working day).
    assert order.due_time == shanghai(2026, 10, 10, 10, 0)


def test_a_decided_order_has_no_due_time(draft):
    staff = StaffFactory(username="reviewer")
    order = flows.approve(draft, staff=staff)
    assert order.status == Stage.APPROVED
    assert order.due_time is None


def test_the_order_json_carries_the_due_time(draft, api_client_for):
    flows.submit(actor=draft.created_by, order_id=draft.pk)
    body = api_client_for(draft.created_by).get(f"/api/v1/filings/{draft.pk}/").json()
    assert dt.datetime.fromisoformat(body["due_time"]) == shanghai(2026, 10, 8, 10, 0)


def test_the_console_shows_the_due_time(draft, client):
    flows.submit(actor=draft.created_by, order_id=draft.pk)
    client.force_login(draft.created_by)
    detail = client.get(f"/console/filings/{draft.pk}/").content.decode()
    listing = client.get("/console/filings/").content.decode()
    assert 'data-due-time="2026-10-08T10:00:00+08:00"' in detail
    assert "2026-10-08 10:00" in detail
    assert "due 2026-10-08 10:00" in listing
