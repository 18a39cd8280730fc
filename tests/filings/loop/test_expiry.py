"""SPEC 3.12: a draft or returned order left alone expires after 45 days of simulated time, with
reminders at 30 and 40 days (Alibaba Cloud help document 157772); the numbers are settings and
moving the clock settles them."""

import pytest

from filings import services
from filings.models import FilingOrder, MessageKind, PhoneMessage, Stage
from icpconsole.core.models import AuditEvent
from simulator.services import simulator_settings_update
from tests.filings import flows
from tests.filings.materials import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(user, instance):
    return flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={"domain": "example.cn", "instance_id": instance.instance_id},
    )


def kinds(order) -> list[str]:
    return list(
        PhoneMessage.objects.filter(order=order).order_by("sent_time", "id").values_list("kind", flat=True)
    )


def test_an_untouched_draft_gets_two_reminders_then_expires_with_its_code_unused(draft, advance_clock, api):
    advance_clock(29)
    assert kinds(draft) == []

    advance_clock(1)
    assert kinds(draft) == [MessageKind.EXPIRY_REMINDER]
    advance_clock(1)
    assert kinds(draft) == [MessageKind.EXPIRY_REMINDER]  # each reminder once
    advance_clock(9)
    assert kinds(draft) == [MessageKind.EXPIRY_REMINDER] * 2
    assert FilingOrder.objects.get(pk=draft.pk).status == Stage.DRAFT

    advance_clock(5)

    order = FilingOrder.objects.get(pk=draft.pk)
    assert order.status == Stage.EXPIRED
    assert order.service_code.status == "unused"
    assert order.subject.status == "withdrawn"
    assert kinds(draft)[-1] == MessageKind.ORDER_EXPIRED
    assert AuditEvent.objects.filter(action="filing.expired", target_id=str(draft.pk)).count() == 1
    assert AuditEvent.objects.filter(action="filing.expiry.remind", target_id=str(draft.pk)).count() == 2
    body = api.get(f"/api/v1/filings/{draft.pk}/").json()
    assert body["status"] == "expired"
    texts = [
        m["text"] for m in api.get("/api/v1/messages/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()["results"]
    ]
    assert any("已被删除" in text for text in texts)


def test_a_change_by_the_applicant_restarts_the_count(draft, user, advance_clock):
    advance_clock(31)
    assert kinds(draft) == [MessageKind.EXPIRY_REMINDER]
    services.filing_document_upload(actor=user, order_id=draft.pk, kind="leader_id_front", file=upload())

    advance_clock(29)
    assert FilingOrder.objects.get(pk=draft.pk).status == Stage.DRAFT
    assert kinds(draft) == [MessageKind.EXPIRY_REMINDER]
    advance_clock(16)
    assert FilingOrder.objects.get(pk=draft.pk).status == Stage.EXPIRED


def test_a_returned_order_expires_counting_from_its_return(user, staff, instance, advance_clock):
    order = flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={"domain": "example.cn", "instance_id": instance.instance_id},
    )
    advance_clock(20)
    flows.submit(actor=user, order_id=order.pk)
    services.filing_review(actor=staff, order_id=order.pk, decision="reject", reason="Blurry scan.")
    advance_clock(44)
    assert FilingOrder.objects.get(pk=order.pk).status == Stage.RETURNED
    advance_clock(1)
    assert FilingOrder.objects.get(pk=order.pk).status == Stage.EXPIRED


def test_orders_in_review_never_expire(user, staff, instance, advance_clock):
    order = flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={"domain": "example.cn", "instance_id": instance.instance_id},
    )
    flows.submit(actor=user, order_id=order.pk)
    advance_clock(60)
    assert FilingOrder.objects.get(pk=order.pk).status == Stage.SUBMITTED
    assert kinds(order) == []


def test_the_three_numbers_are_simulator_settings(draft, advance_clock, staff_api):
    response = staff_api.patch(
        "/api/v1/simulator/settings/",
        {"order_expire_days": 10, "order_remind_days": 3, "order_second_remind_days": 7},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["order_expire_days"] == 10

    advance_clock(3)
    assert kinds(draft) == [MessageKind.EXPIRY_REMINDER]
    advance_clock(7)
    assert FilingOrder.objects.get(pk=draft.pk).status == Stage.EXPIRED


def test_a_bad_setting_is_refused(db):
    from icpconsole.core.errors import InvalidInput

    with pytest.raises(InvalidInput):
        simulator_settings_update(actor=None, changes={"order_expire_days": 0})
