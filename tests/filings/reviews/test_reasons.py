"""The rejection-reason catalogue (SPEC 3.10): staff reject with a catalogued reason or their own
words; the applicant reads it in their own language on the order page, in the API and the inbox."""

import pytest

from filings import review_reasons, services
from filings.models import FilingOrder, MessageKind, PhoneMessage, Stage
from tests.filings import flows

from .conftest import submitted_first_filing

pytestmark = pytest.mark.django_db

PHOTO = "VERIFICATION_PHOTO_NONCOMPLIANT"
PHOTO_ZH = "真实性核验照片不符合要求"
PHOTO_EN = "The authenticity verification photo does not meet the requirements"


def test_the_catalogue_has_the_usual_reasons_each_in_english_and_chinese():
    from django.utils import translation

    assert 8 <= len(review_reasons.REJECTION_REASONS) <= 12
    with translation.override("zh-hans"):
        chinese = {reason.code: reason.text for reason in review_reasons.REJECTION_REASONS}
    for reason in review_reasons.REJECTION_REASONS:
        assert chinese[reason.code] != reason.msgid, reason.code


def test_staff_list_the_catalogue_in_their_language(staff_api, api):
    response = staff_api.get("/api/v1/filings/review-reasons/", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(review_reasons.REJECTION_REASONS)
    row = next(r for r in body["results"] if r["code"] == PHOTO)
    assert PHOTO_ZH in row["text"]
    assert api.get("/api/v1/filings/review-reasons/").status_code == 403


def test_a_catalogued_rejection_reaches_the_applicant_in_chinese(user, staff_api, api, client):
    order = submitted_first_filing(user)

    response = staff_api.post(
        f"/api/v1/filings/{order.pk}/review/", {"decision": "reject", "reason_code": PHOTO}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["reason_code"] == PHOTO
    assert PHOTO_EN in response.json()["reason"]
    order.refresh_from_db()
    assert order.status == Stage.RETURNED and order.reason_code == PHOTO and order.reason == ""

    # The API, in the reader's language.
    body = api.get(f"/api/v1/filings/{order.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert PHOTO_ZH in body["reason"]
    assert body["reason_code"] == PHOTO
    assert body["reasons"] == []
    # The inbox: a review_rejected message, rendered when read.
    messages = api.get("/api/v1/messages/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()["results"]
    rejected = [m for m in messages if m["kind"] == "review_returned"]
    assert len(rejected) == 1 and PHOTO_ZH in rejected[0]["text"] and "初审" in rejected[0]["text"]
    english = api.get("/api/v1/messages/").json()["results"]
    assert PHOTO_EN in next(m for m in english if m["kind"] == "review_returned")["text"]
    # The console: the order page and the inbox with the language cookie.
    client.force_login(user)
    client.cookies["django_language"] = "zh-hans"
    page = client.get(f"/console/filings/{order.pk}/").content.decode()
    assert PHOTO_ZH in page and PHOTO_EN not in page
    inbox = client.get("/console/inbox/").content.decode()
    assert PHOTO_ZH in inbox


def test_free_text_is_kept_as_typed_next_to_the_catalogued_reason(user, staff_api, api):
    order = submitted_first_filing(user)
    staff_api.post(f"/api/v1/filings/{order.pk}/review/", {"decision": "approve"}, format="json")
    services.filing_verify_sms(actor=user, order_id=order.pk, code=flows.latest_secret(user))

    response = staff_api.post(
        f"/api/v1/filings/{order.pk}/review/",
        {"decision": "reject", "reason_code": "WEBSITE_NAME_MISMATCH", "reason": "名称含“官方”字样"},
        format="json",
    )

    assert response.status_code == 200, response.content
    body = api.get(f"/api/v1/filings/{order.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert body["reason"].startswith("网站名称与网站内容或备案主体不符")
    assert body["reason"].endswith("名称含“官方”字样")
    message = PhoneMessage.objects.get(order=order, kind=MessageKind.REVIEW_RETURNED)
    assert "administration bureau" in message.text.lower()


def test_an_unknown_reason_code_is_refused_and_changes_nothing(user, staff_api):
    order = submitted_first_filing(user)

    response = staff_api.post(
        f"/api/v1/filings/{order.pk}/review/",
        {"decision": "reject", "reason_code": "UGLY_LOGO"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "REASON_CODE_INVALID"
    assert PHOTO in response.json()["message"]
    assert FilingOrder.objects.get(pk=order.pk).status == Stage.SUBMITTED


def test_a_reason_code_on_an_approval_is_refused(user, staff_api):
    order = submitted_first_filing(user)

    response = staff_api.post(
        f"/api/v1/filings/{order.pk}/review/", {"decision": "approve", "reason_code": PHOTO}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "REASON_CODE_ON_APPROVE"


def test_an_automatic_rejection_lists_its_checks_in_the_readers_language(user, api, advance_clock, auto_mode):
    order = submitted_first_filing(user)
    # The authenticity verification is asked for again after submission (SPEC 3.12).
    FilingOrder.objects.filter(pk=order.pk).update(verification_status="not_started")
    advance_clock(3)

    body = api.get(f"/api/v1/filings/{order.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert body["status"] == "returned"
    assert body["reason_code"] == "AUTOMATIC_CHECKS_FAILED"
    assert body["reason"].startswith("自动审核发现该申请未通过备案检查")
    assert [r["code"] for r in body["reasons"]] == ["VERIFICATION_MISSING"]
    assert "真实性核验" in body["reasons"][0]["message"]
    assert body["reasons"][0]["target"] == "verification"
