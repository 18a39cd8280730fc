"""The stages of an order (SPEC 3.7, seed 004): the transition table, the first filing from draft
to an ICP number, and website numbers.
"""

import re

import pytest

from filings import services
from filings.models import OPEN_STAGES, TRANSITIONS, OrderEvent, Subject
from icpconsole.core.models import AuditEvent
from servicecodes.models import ServiceCode
from tests.filings.workflow_helpers import post

from . import flows
from .materials import GUANGDONG_CREDIT_CODE, WEBSITE_NAME

ICP_SUBJECT = re.compile(r"^浙ICP备\d{8,10}号$")


def inbox(client):
    return client.get("/api/v1/messages/").json()["results"]


class TestTransitionTable:
    def test_the_table_is_the_seeds_workflow(self):
        assert TRANSITIONS == {
            "draft": {"submitted", "abandoned", "expired"},
            "submitted": {"pending_sms", "returned", "abandoned"},
            "pending_sms": {"bureau_review", "returned", "abandoned"},
            "bureau_review": {"approved", "returned"},
            "returned": {"submitted", "abandoned", "expired"},
            "approved": set(),
            "rejected": set(),
            "abandoned": set(),
            "expired": set(),
        }
        assert set(OPEN_STAGES) == {"draft", "submitted", "pending_sms", "bureau_review", "returned"}


def _submit_and_pass_the_initial_review(api, staff_api, order_id):
    """Submits the order and approves it at the initial review; returns the SMS code message."""
    submitted = post(api, order_id, "submit")
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "submitted"

    reviewed = post(staff_api, order_id, "review", {"decision": "approve"})
    assert reviewed.status_code == 200
    assert reviewed.json()["status"] == "pending_sms"
    sms = inbox(api)[0]
    assert sms["kind"] == "sms_code"
    assert re.fullmatch(r"\d{6}", sms["secret"])
    assert sms["secret"] in sms["text"]
    return sms


def _verify_the_sms_and_approve_at_the_bureau(api, staff_api, order_id, sms):
    """Enters the SMS code and approves at the bureau review; returns the approved order's body."""
    verified = post(api, order_id, "verify-sms", {"code": sms["secret"]})
    assert verified.status_code == 200, verified.json()
    assert verified.json()["status"] == "bureau_review"

    approved = post(staff_api, order_id, "review", {"decision": "approve", "reason": "All in order."})
    assert approved.status_code == 200
    body = approved.json()
    assert body["status"] == "approved"
    subject_number = body["subject"]["icp_number"]
    assert ICP_SUBJECT.match(subject_number)
    assert body["subject"]["status"] == "active"
    assert body["website"]["icp_number"] == f"{subject_number}-1"
    assert body["website"]["status"] == "active"
    assert [(step["from"], step["to"], step["actor"]) for step in body["history"]] == [
        (None, "draft", "alice"),
        ("draft", "submitted", "alice"),
        ("submitted", "pending_sms", "root"),
        ("pending_sms", "bureau_review", "alice"),
        ("bureau_review", "approved", "root"),
    ]
    assert body["history"][-1]["note"] == "All in order."
    return body


def _assert_the_approval_and_password_messages(api, body):
    subject_number = body["subject"]["icp_number"]
    messages = inbox(api)
    # SPEC 3.12: the approval SMS naming the number comes with the filing password.
    assert [m["kind"] for m in messages] == ["filing_approved", "filing_password", "sms_code"]
    assert subject_number in messages[0]["text"] and subject_number in messages[1]["text"]
    password = messages[1]["secret"]
    subject = Subject.objects.get(pk=body["subject"]["id"])
    assert password not in subject.password_hash
    # A generated secret: a fast keyed hash (icpconsole/core/hashers.py), not PBKDF2.
    assert subject.password_hash.startswith("hmac_sha256$")


def _assert_the_code_is_used_and_the_record_is_public(api, code, subject_number):
    used = ServiceCode.objects.get(code=code)
    assert used.status == "used"
    assert used.icp_number == f"{subject_number}-1"
    record = flows_registry(api, "example.cn")
    assert record == [
        {
            "domain": "example.cn",
            "icp_number": f"{subject_number}-1",
            "subject_name": "Hangzhou Example Co., Ltd.",
            "subject_kind": "enterprise",
            "status": "valid",
            "access_provider": "Alibaba Cloud",
            # SPEC 3.13: the public record names the website and its approval date.
            "website_name": WEBSITE_NAME,
            "approval_date": record[0]["approval_date"],
            "access_restricted": False,
        }
    ]


@pytest.mark.django_db
class TestFirstFilingHappyPath:
    def test_through_the_api_to_an_icp_number_and_a_filing_password(self, api, staff_api, user, instance):
        created = flows.api_first_filing(api, instance=instance).json()
        order_id, code = created["id"], created["service_code"]

        sms = _submit_and_pass_the_initial_review(api, staff_api, order_id)
        body = _verify_the_sms_and_approve_at_the_bureau(api, staff_api, order_id, sms)
        _assert_the_approval_and_password_messages(api, body)
        _assert_the_code_is_used_and_the_record_is_public(api, code, body["subject"]["icp_number"])

    def test_every_transition_is_audited_with_its_actor(self, filed, user, staff):
        events = AuditEvent.objects.filter(
            target_type="filings.filingorder", target_id=str(filed["order"].pk)
        )
        actions = {(e.action, e.actor.username) for e in events}
        assert actions == {
            ("filing.create", "alice"),
            ("filing.document.upload", "alice"),
            ("filing.verification.pass", "alice"),
            ("filing.submit", "alice"),
            ("filing.initial_review.approve", "root"),
            ("filing.sms.verify", "alice"),
            ("filing.bureau_review.approve", "root"),
        }
        assert OrderEvent.objects.filter(order=filed["order"]).count() == 5

    def test_province_gives_the_number_its_prefix(self, user, staff, instance):
        result = flows.file_first(
            user,
            staff=staff,
            instance=instance,
            province="guangdong",
            certificate_number=GUANGDONG_CREDIT_CODE,
        )

        assert re.fullmatch(r"粤ICP备\d{8}号", result["subject"].icp_number)


def flows_registry(client, domain):
    return client.get("/api/v1/icp-records/", {"domain": domain}).json()["results"]


@pytest.mark.django_db
class TestWebsiteNumbers:
    def test_add_website_numbers_the_next_website_and_numbers_are_never_reused(
        self, user, staff, filed, second_instance
    ):
        second = flows.add_website(user, staff=staff, domain="shop.cn", instance=second_instance)
        number = filed["subject"].icp_number
        assert second.website.icp_number == f"{number}-2"
        cancel = services.filing_create_cancel(
            actor=user, type="cancel_website", website_id=second.website.pk, icp_password=filed["password"]
        )
        flows.approve(cancel, staff=staff)

        third = flows.add_website(user, staff=staff, domain="blog.cn", instance=second_instance)

        assert third.website.icp_number == f"{number}-3"
