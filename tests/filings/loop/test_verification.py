"""The authenticity verification as its own step (SPEC 3.12): the link, the camera, the limits."""

from __future__ import annotations

import pytest
from django.test import Client

from filings.models import FilingDocument, FilingOrder, MessageKind, PhoneMessage
from tests.filings import flows
from tests.filings.materials import LEADER, WEBSITE_LEADER, upload

pytestmark = pytest.mark.django_db


def draft(api, instance) -> int:
    flows.api_register(api, "example.cn")
    body = {"domain": "example.cn", "instance_id": instance.instance_id, **flows.website_materials()}
    response = api.post(
        "/api/v1/filings/",
        {"type": "first_filing", "subject": flows.subject_data(), "website": body},
        format="json",
    )
    assert response.status_code == 201, response.content
    order_id = response.json()["id"]
    for kind in flows.needed_documents(FilingOrder.objects.get(pk=order_id)):
        api.post(
            f"/api/v1/filings/{order_id}/documents/", {"kind": kind, "file": upload()}, format="multipart"
        )
    return order_id


def attempt(api, order_id, outcome):
    return api.post(f"/api/v1/filings/{order_id}/verification/attempt/", {"outcome": outcome}, format="json")


def test_submit_without_verification_glasses_fails_then_a_pass_submits(api, instance):
    order_id = draft(api, instance)
    refused = api.post(f"/api/v1/filings/{order_id}/submit/")
    assert (refused.status_code, refused.json()["code"]) == (409, "FILING_INCOMPLETE")
    assert [r["code"] for r in refused.json()["reasons"]] == ["VERIFICATION_MISSING"]

    glasses = attempt(api, order_id, "glasses")
    assert glasses.status_code == 200
    assert glasses.json()["passed"] is False and glasses.json()["reason"]["code"] == "VERIFICATION_GLASSES"
    assert glasses.json()["reason"]["remedy"] and glasses.json()["attempts_left"] == 4
    assert glasses.json()["order"]["verification_status"] == "failed"

    passed = attempt(api, order_id, "pass")
    assert passed.json()["passed"] is True and passed.json()["order"]["verification_status"] == "passed"
    photo = FilingDocument.objects.get(order_id=order_id, kind="verification_photo")
    assert (photo.content_type, photo.width, photo.height) == ("image/png", 480, 640)
    assert api.post(f"/api/v1/filings/{order_id}/submit/").json()["status"] == "submitted"


def test_five_failures_a_day_then_refused_until_the_next_day(api, instance, advance_clock):
    order_id = draft(api, instance)
    for outcome in ("glasses", "poor_light", "no_face", "not_same_person", "glasses"):
        assert attempt(api, order_id, outcome).json()["passed"] is False
    refused = attempt(api, order_id, "pass")
    assert (refused.status_code, refused.json()["code"]) == (409, "VERIFICATION_ATTEMPTS_EXHAUSTED")
    assert refused.json()["retry_after"] > 0
    advance_clock(1)
    assert attempt(api, order_id, "pass").json()["passed"] is True


def test_an_unknown_outcome_and_an_uploaded_photo_are_refused(api, instance):
    order_id = draft(api, instance)
    assert attempt(api, order_id, "smile").json()["code"] == "VERIFICATION_OUTCOME_INVALID"
    uploaded = api.post(
        f"/api/v1/filings/{order_id}/documents/",
        {"kind": "verification_photo", "file": upload()},
        format="multipart",
    )
    assert (uploaded.status_code, uploaded.json()["code"]) == (400, "VERIFICATION_PHOTO_NOT_UPLOADED")


def test_the_link_on_the_phone_opens_the_camera_without_log_in(api, instance):
    order_id = draft(api, instance)
    sent = api.post(f"/api/v1/filings/{order_id}/verification/")
    assert sent.status_code == 200 and sent.json()["verification_status"] == "link_sent"
    link = PhoneMessage.objects.get(order_id=order_id, kind=MessageKind.VERIFICATION_LINK)
    phone = Client()
    page = phone.get(link.params["url"])
    assert page.status_code == 200 and b"data-camera" in page.content
    failed = phone.post(link.params["url"], {"outcome": "poor_light"})
    assert b'data-reason="VERIFICATION_POOR_LIGHT"' in failed.content
    passed = phone.post(link.params["url"], {"outcome": "pass"})
    assert b'data-verification="passed"' in passed.content
    # Single use: the pass used the link up.
    assert phone.get(link.params["url"]).status_code == 404
    assert phone.get("/verify/" + "x" * 32 + "/").status_code == 404


def test_a_new_leader_identity_asks_for_it_again(api, instance):
    order_id = draft(api, instance)
    attempt(api, order_id, "pass")
    same = api.patch(f"/api/v1/filings/{order_id}/", {"website": {"name": "示例网站二"}}, format="json")
    assert same.json()["verification_status"] == "passed"
    other = api.patch(
        f"/api/v1/filings/{order_id}/",
        {
            "website": {"leader_is_subject_leader": False, "leader": WEBSITE_LEADER},
            "subject": {"leader": LEADER},
        },
        format="json",
    )
    assert other.status_code == 200, other.content
    assert other.json()["verification_status"] == "not_started"
    assert not FilingDocument.objects.filter(order_id=order_id, kind="verification_photo").exists()
