"""Two languages (SPEC 4.1) on the pages: the reasons, the console, the API and the texts sent to
the phone, in English by default and in Simplified Chinese by cookie or ``Accept-Language``.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.utils import translation

from filings.models import MessageKind, PhoneMessage
from filings.services import filing_review
from servicecodes.reasons import REASON_ORDER, REASONS, Reason
from tests.console.html import parse, row_for
from tests.factories import InstanceFactory
from tests.filings import flows

HAN = re.compile(r"[\u4e00-\u9fff]")


# --- reasons: one source for both languages --------------------------------------------------------

REASON_PARAMS = {
    "REGION_NOT_MAINLAND": {"region_id": "ap-southeast-1"},
    "SUBSCRIPTION_TOO_SHORT": {"months": 3, "rule": "remaining"},
    "ORDER_AMOUNT_TOO_LOW": {"amount": 90},
    "QUOTA_EXHAUSTED": {"quota": 5},
}


@pytest.mark.parametrize("code", REASON_ORDER)
def test_reason_chinese_text_is_the_catalogue_translation(code):
    reason = Reason(code, REASON_PARAMS.get(code, {}))
    with translation.override("zh-hans"):
        assert reason.message == reason.message_zh
        assert reason.remedy == reason.remedy_zh
    with translation.override("en"):
        assert not HAN.search(reason.message) and HAN.search(reason.message_zh)
        assert not HAN.search(reason.remedy) and HAN.search(reason.remedy_zh)


def test_reason_table_keeps_no_second_copy_of_the_chinese():
    assert all(not hasattr(spec, "zh") and not hasattr(spec, "remedy_zh") for spec in REASONS.values())


# --- the console -----------------------------------------------------------------------------------


@pytest.fixture
def pay_as_you_go(user):
    return InstanceFactory(owner=user, charge_type="PostPaid")


def test_console_is_english_by_default(console, pay_as_you_go):
    page = parse(console.get("/console/icp/application/").content)

    assert page.find("h1").text == "ICP No. Application"
    assert page.find("html").get("lang") == "en"
    row = row_for(page, pay_as_you_go.instance_id)
    assert "Pay-as-you-go instances do not support ICP filing." in row.text


def test_console_in_chinese_with_the_language_cookie(console, pay_as_you_go):
    console.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = parse(console.get("/console/icp/application/").content)

    assert page.find("html").get("lang") == "zh-hans"
    assert page.find("h1").text == "服务号申请"
    row = row_for(page, pay_as_you_go.instance_id)
    reason = row.find(data_reason_code="PAY_AS_YOU_GO")
    assert "按量付费的实例不支持ICP备案。" in reason.text
    assert "请将实例的付费方式由按量付费转换为包年包月。" in reason.text
    assert "包年包月" in row.text  # the billing method column, from the model's choices


def test_console_follows_accept_language_without_a_cookie(console):
    response = console.get("/console/instances/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9,en;q=0.5")
    assert parse(response.content).find("h1").text == "实例"


def test_language_switch_sets_the_cookie_and_the_next_page_is_chinese(console):
    assert settings.LANGUAGE_COOKIE_NAME == "django_language"
    page = parse(console.get("/console/").content)
    switch = page.find("form", class_="lang-switch")
    assert switch is not None and switch.get("action") == "/i18n/setlang/"
    assert {button.get("value") for button in switch.find_all("button")} == {"en", "zh-hans"}

    response = console.post(switch.get("action"), {"language": "zh-hans", "next": "/console/icp/codes/"})

    assert response.status_code == 302 and response["Location"] == "/console/icp/codes/"
    assert response.cookies["django_language"].value == "zh-hans"
    assert parse(console.get("/console/icp/codes/").content).find("h1").text == "服务号管理"

    console.post("/i18n/setlang/", {"language": "en", "next": "/console/icp/codes/"})
    assert parse(console.get("/console/icp/codes/").content).find("h1").text == "ICP No. Management"


def test_login_page_is_translated(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert "登录ICP备案管理控制台" in client.get("/accounts/login/").content.decode()


def test_console_action_messages_are_chinese(console, instance):
    console.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = console.post(f"/console/instances/{instance.instance_id}/stop/", follow=True)
    assert f"实例 {instance.instance_id} 已停止。" in response.content.decode()
    response = console.post(f"/console/instances/{instance.instance_id}/stop/", follow=True)
    assert "该实例当前已处于“已停止”状态。" in response.content.decode()


# --- the API ---------------------------------------------------------------------------------------


def test_api_messages_are_english_by_default(api, instance):
    response = api.get("/api/v1/instances/i-bp1doesnotexist0000/")
    assert response.status_code == 404
    assert response.json() == {
        "code": "INSTANCE_NOT_FOUND",
        "message": "Instance i-bp1doesnotexist0000 does not exist.",
    }


def test_api_404_message_follows_accept_language(api):
    response = api.get("/api/v1/instances/i-bp1doesnotexist0000/", HTTP_ACCEPT_LANGUAGE="zh-Hans")
    assert response.status_code == 404
    assert response.json() == {"code": "INSTANCE_NOT_FOUND", "message": "实例 i-bp1doesnotexist0000 不存在。"}
    assert "Accept-Language" in response["Vary"]


def test_api_not_eligible_409_is_chinese_with_accept_language(api, pay_as_you_go):
    response = api.post(
        f"/api/v1/instances/{pay_as_you_go.instance_id}/service-codes/", HTTP_ACCEPT_LANGUAGE="zh-Hans"
    )

    assert response.status_code == 409
    data = response.json()
    assert data["code"] == "NOT_ELIGIBLE"
    assert data["message"] == "该实例不满足申请备案服务号的条件。"
    assert data["reasons"] == [
        {
            "code": "PAY_AS_YOU_GO",
            "message": "按量付费的实例不支持ICP备案。",
            "remedy": "请将实例的付费方式由按量付费转换为包年包月。",
            "remedy_action": "convert_to_prepaid",
        }
    ]


def test_api_follows_the_language_cookie_too(api, pay_as_you_go):
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    reasons = api.get(f"/api/v1/instances/{pay_as_you_go.instance_id}/").json()["eligibility"]["reasons"]
    assert reasons[0]["message"] == "按量付费的实例不支持ICP备案。"


def test_api_validation_errors_are_chinese(api):
    response = api.post(
        "/api/v1/instances/",
        {
            "product": "ecs",
            "region_id": "cn-hangzhou",
            "charge_type": "PrePaid",
            "period_months": 37,
            "internet_max_bandwidth_out": 1,
        },
        format="json",
        HTTP_ACCEPT_LANGUAGE="zh-Hans",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "INVALID_PERIOD"
    assert response.json()["message"] == (
        "period_months 必须是 1 到 36 之间的整数，且仅适用于包年包月（PrePaid）实例。"
    )


def test_api_unauthenticated_message_is_chinese(anon_api):
    response = anon_api.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="zh-Hans")
    assert response.status_code == 401
    assert HAN.search(response.json()["message"])


# --- texts sent to the phone -----------------------------------------------------------------------


def test_a_phone_message_reads_in_the_readers_language_whoever_sent_it(user, staff, instance, client):
    """Messages are stored with their kind and parameters and rendered when read (issue 18, item 9):
    a code sent while a Chinese-speaking reviewer approved reads in English for an English reader,
    and in Chinese for a Chinese one."""
    order = flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={"domain": "example.cn", "instance_id": instance.instance_id},
    )
    with translation.override("zh-hans"):
        flows.to_pending_sms(order, staff=staff)
    message = PhoneMessage.objects.get(account=user, kind=MessageKind.SMS_CODE)

    assert message.text.startswith("[ICP Filing] Your verification code")  # kept as sent, in English
    with translation.override("en"):
        assert message.rendered_text.startswith("[ICP Filing] Your verification code")
    with translation.override("zh-hans"):
        assert message.rendered_text.startswith("【ICP备案】您的备案订单")
        assert message.secret in message.rendered_text

    client.force_login(user)
    chinese_inbox = client.get("/api/v1/messages/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()["results"]
    english_inbox = client.get("/api/v1/messages/", HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    assert chinese_inbox[0]["text"].startswith("【ICP备案】您的备案订单")
    assert english_inbox[0]["text"].startswith("[ICP Filing] Your verification code")


def test_a_system_rejection_reason_reads_in_the_readers_language(user, staff, instance):
    order = flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={"domain": "example.cn", "instance_id": instance.instance_id},
    )
    flows.submit(actor=user, order_id=order.pk)
    with translation.override("zh-hans"):
        filing_review(actor=staff, order_id=order.pk, decision="reject", reason_code="MATERIALS_UNCLEAR")
    order.refresh_from_db()

    # A rejection always says why (REJECTION_REASON_REQUIRED otherwise); the catalogued reason is
    # kept by its code and its English msgid, and read in the reader's language.
    english = "The uploaded documents are unclear or incomplete"
    assert order.reason_code == "MATERIALS_UNCLEAR"
    assert order.events.last().note.startswith(english)
    with translation.override("zh-hans"):
        assert not order.reason_text.startswith(english)
        assert order.events.last().note_text == order.reason_text
    with translation.override("en"):
        assert order.reason_text.startswith(english)
