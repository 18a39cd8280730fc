"""SPEC 3.12: an SMS code not entered within 24 hours returns the order, with a reason the applicant
reads, its code kept, an inbox message and the audit action ``filing.sms.lapse``. The clock sweep
finds it when the clock moves; ``verify-sms`` and ``resend-sms`` find it when real time alone
passed (the clock is real time plus an offset)."""

import datetime as dt

import pytest
import time_machine

from filings import services
from filings.models import FilingOrder, MessageKind, PhoneMessage, Stage
from filings.services import timeline
from icpconsole.core import clock
from icpconsole.core.models import AuditEvent
from tests.filings import flows
from tests.filings.materials import WEBSITE_LEADER

pytestmark = pytest.mark.django_db

LAPSE = "filing.sms.lapse"


def post(client, order_id, action, data=None, **headers):
    return client.post(f"/api/v1/filings/{order_id}/{action}/", data or {}, format="json", **headers)


@pytest.fixture
def waiting(api, staff_api, instance):
    order = flows.api_first_filing(api, instance=instance).json()
    post(api, order["id"], "submit")
    post(staff_api, order["id"], "review", {"decision": "approve"})
    return order["id"]


def a_day_later():
    """Real time 24 hours and a second on, the clock not moved."""
    return time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=24, seconds=1), tick=False)


def assert_returned_for_the_lapse(api, order_id):
    order = FilingOrder.objects.get(pk=order_id)
    assert order.status == Stage.RETURNED
    assert order.service_code.status == "filing"  # still the subject's open order
    assert order.subject.status == "pending"
    assert order.sms_code_hash == ""
    assert AuditEvent.objects.filter(action=LAPSE, target_id=str(order_id)).count() == 1
    assert PhoneMessage.objects.filter(order_id=order_id, kind=MessageKind.REVIEW_RETURNED).count() == 1

    body = api.get(f"/api/v1/filings/{order_id}/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert body["status"] == "returned"
    assert body["returned_from"] == "sms"
    assert body["review_reasons"] == [
        {"code": "SMS_CODE_NOT_ENTERED", "message": "短信验证码发送后 24 小时内未输入。"}
    ]
    assert body["rounds"][-1]["decision"] == "returned"
    assert body["rounds"][-1]["returned_from"] == "sms"
    english = api.get(f"/api/v1/filings/{order_id}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert "not entered within 24 hours" in english["review_reasons"][0]["message"]
    return body


def test_moving_the_clock_past_24_hours_returns_the_order(api, waiting, advance_clock):
    assert FilingOrder.objects.get(pk=waiting).status == Stage.PENDING_SMS

    advance_clock(2)

    assert_returned_for_the_lapse(api, waiting)
    message = PhoneMessage.objects.get(order_id=waiting, kind=MessageKind.REVIEW_RETURNED)
    assert "24 hours" in message.text


def test_the_sweep_leaves_a_code_still_valid_and_decides_each_order_once(api, waiting):
    sent = FilingOrder.objects.get(pk=waiting).sms_sent_time

    assert timeline.settle(now=sent + dt.timedelta(hours=23))["sms_lapse"] == 0
    assert FilingOrder.objects.get(pk=waiting).status == Stage.PENDING_SMS

    later = sent + dt.timedelta(hours=25)
    assert timeline.settle(now=later)["sms_lapse"] == 1
    assert timeline.settle(now=later)["sms_lapse"] == 0
    assert AuditEvent.objects.filter(action=LAPSE, target_id=str(waiting)).count() == 1


def test_verify_sms_finds_the_code_lapsed_without_a_clock_move(api, user, waiting):
    code = flows.latest_secret(user.owner_account)

    with a_day_later():
        response = post(api, waiting, "verify-sms", {"code": code})

    assert response.status_code == 409
    assert response.json()["code"] == "SMS_CODE_EXPIRED"
    assert response.json()["order_status"] == "returned"
    assert "returned" in response.json()["message"]
    assert_returned_for_the_lapse(api, waiting)
    assert FilingOrder.objects.get(pk=waiting).sms_failures == 0  # not a wrong code


def test_resend_sms_finds_the_code_lapsed_and_answers_in_chinese(api, waiting):
    with a_day_later():
        response = post(api, waiting, "resend-sms", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 409
    assert response.json()["code"] == "SMS_CODE_EXPIRED"
    assert response.json()["message"] == "短信验证码未在 24 小时内输入，订单已退回给您。"
    assert_returned_for_the_lapse(api, waiting)
    assert PhoneMessage.objects.filter(order_id=waiting, kind=MessageKind.SMS_CODE).count() == 1


def test_a_returned_order_is_resubmitted_and_gets_a_fresh_code(api, staff_api, user, waiting, advance_clock):
    advance_clock(2)

    resubmitted = post(api, waiting, "submit")
    assert (resubmitted.json()["status"], resubmitted.json()["round"]) == ("submitted", 2)
    post(staff_api, waiting, "review", {"decision": "approve"})
    entered = post(api, waiting, "verify-sms", {"code": flows.latest_secret(user.owner_account)})

    assert entered.json()["status"] == "bureau_review"


def test_with_two_leaders_one_code_entered_is_not_enough(api, user, staff, instance):
    order = flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={
            "domain": "example.cn",
            "instance_id": instance.instance_id,
            "leader_is_subject_leader": False,
            "leader": WEBSITE_LEADER,
        },
    )
    flows.submit(actor=user, order_id=order.pk)
    services.filing_review(actor=staff, order_id=order.pk, decision="approve")
    website_code = (
        PhoneMessage.objects.filter(
            order=order, kind=MessageKind.SMS_CODE, to_number=WEBSITE_LEADER["mobile"]
        )
        .latest("sent_time", "id")
        .secret
    )
    assert post(api, order.pk, "verify-sms", {"code": website_code}).json()["sms_awaited"] == [
        "subject_leader"
    ]

    timeline.settle(now=clock.now() + dt.timedelta(hours=25))

    order.refresh_from_db()
    assert (order.status, order.sms_codes) == (Stage.RETURNED, {})
    assert order.reason_code == "SMS_CODE_NOT_ENTERED"


def test_an_order_waiting_for_the_bureau_is_not_touched(api, user, waiting, advance_clock):
    post(api, waiting, "verify-sms", {"code": flows.latest_secret(user.owner_account)})

    advance_clock(2)

    assert FilingOrder.objects.get(pk=waiting).status == Stage.BUREAU_REVIEW
    assert not AuditEvent.objects.filter(action=LAPSE).exists()


def test_the_console_s_code_box_says_the_order_was_returned(console, user, waiting):
    with a_day_later():
        response = console.post(
            f"/console/filings/{waiting}/verify-sms/",
            {"code": flows.latest_secret(user.owner_account)},
            follow=True,
        )

    assert "not entered within 24 hours: the order was returned to you" in response.content.decode()
    assert FilingOrder.objects.get(pk=waiting).status == Stage.RETURNED
