"""The stages of an order (SPEC 3.7, seed 004): the transition table, the SMS step, reviews,
abandonment, and who may act."""

import datetime as dt
import re

import pytest
import time_machine

from filings import services
from filings.models import OPEN_STAGES, TRANSITIONS, FilingOrder, OrderEvent, Subject
from icpconsole.core.errors import Conflict, PermissionDenied
from icpconsole.core.models import AuditEvent
from servicecodes.models import ServiceCode

from . import flows
from .materials import GUANGDONG_CREDIT_CODE, WEBSITE_NAME

ICP_SUBJECT = re.compile(r"^浙ICP备\d{8,10}号$")


def post(client, order_id, action, data=None):
    return client.post(f"/api/v1/filings/{order_id}/{action}/", data or {}, format="json")


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
class TestWrongStageAndWrongCaller:
    def test_submitting_twice_is_INVALID_STAGE_naming_both_stages(self, api, instance):
        order_id = flows.api_first_filing(api, instance=instance).json()["id"]
        post(api, order_id, "submit")

        response = post(api, order_id, "submit")

        assert response.status_code == 409
        body = response.json()
        assert body["code"] == "INVALID_STAGE"
        assert body["status"] == "submitted"
        assert body["requested_status"] == "submitted"
        assert "submitted" in body["message"]
        assert FilingOrder.objects.get(pk=order_id).events.count() == 2

    def test_verifying_a_draft_is_INVALID_STAGE(self, api, instance):
        order_id = flows.api_first_filing(api, instance=instance).json()["id"]

        response = post(api, order_id, "verify-sms", {"code": "123456"})

        assert response.status_code == 409
        assert response.json()["code"] == "INVALID_STAGE"

    def test_reviewing_a_draft_is_INVALID_STAGE(self, api, staff_api, instance):
        order_id = flows.api_first_filing(api, instance=instance).json()["id"]

        response = post(staff_api, order_id, "review", {"decision": "approve"})

        assert response.status_code == 409
        assert response.json()["code"] == "INVALID_STAGE"
        assert FilingOrder.objects.get(pk=order_id).status == "draft"

    def test_review_is_staff_only(self, api, instance):
        order_id = flows.api_first_filing(api, instance=instance).json()["id"]
        post(api, order_id, "submit")

        response = post(api, order_id, "review", {"decision": "approve"})

        assert response.status_code == 403
        assert FilingOrder.objects.get(pk=order_id).status == "submitted"

    def test_the_review_service_also_refuses_non_staff(self, user, instance):
        order = flows.create_first(
            actor=user,
            subject=flows.subject_data(),
            website={"domain": "a.cn", "instance_id": instance.instance_id},
        )
        with pytest.raises(PermissionDenied) as exc:
            services.filing_review(actor=user, order_id=order.pk, decision="approve")
        assert exc.value.code == "STAFF_ONLY"

    def test_a_bad_decision_is_400(self, staff_api, api, instance):
        order_id = flows.api_first_filing(api, instance=instance).json()["id"]

        response = post(staff_api, order_id, "review", {"decision": "maybe"})

        assert response.status_code == 400
        assert response.json()["code"] == "DECISION_INVALID"

    @pytest.mark.parametrize(
        ("method", "action", "data"),
        [
            ("get", "", None),
            ("post", "submit/", {}),
            ("post", "abandon/", {}),
            ("post", "verify-sms/", {"code": "123456"}),
            ("post", "resend-sms/", {}),
        ],
    )
    def test_another_accounts_order_is_404(
        self, api, instance, other_user, api_client_for, method, action, data
    ):
        order_id = flows.api_first_filing(api, instance=instance).json()["id"]
        mallory = api_client_for(other_user)

        response = getattr(mallory, method)(f"/api/v1/filings/{order_id}/{action}", data, format="json")

        assert response.status_code == 404
        assert response.json()["code"] in ("ORDER_NOT_FOUND", "NOT_FOUND")
        assert FilingOrder.objects.get(pk=order_id).status == "draft"

    def test_others_orders_are_not_listed_but_staff_see_every_order(
        self, api, staff_api, instance, other_user, api_client_for
    ):
        flows.api_first_filing(api, instance=instance)

        assert api_client_for(other_user).get("/api/v1/filings/").json()["count"] == 0
        assert api.get("/api/v1/filings/").json()["count"] == 1
        assert staff_api.get("/api/v1/filings/").json()["count"] == 1

    def test_the_list_filters_by_status_and_type(self, api, instance):
        flows.api_first_filing(api, instance=instance)

        assert api.get("/api/v1/filings/", {"status": "draft"}).json()["count"] == 1
        assert api.get("/api/v1/filings/", {"status": "approved"}).json()["count"] == 0
        assert api.get("/api/v1/filings/", {"type": "first_filing"}).json()["count"] == 1

    def test_a_ram_user_cannot_submit(self, api, instance, ram_user, api_client_for):
        order_id = flows.api_first_filing(api, instance=instance).json()["id"]

        response = post(api_client_for(ram_user), order_id, "submit")

        assert response.status_code == 403
        assert response.json()["code"] == "RAM_USER_READ_ONLY"
        assert api_client_for(ram_user).get(f"/api/v1/filings/{order_id}/").status_code == 200


@pytest.mark.django_db
class TestSms:
    @pytest.fixture
    def waiting(self, user, staff, instance):
        order = flows.create_first(
            actor=user,
            subject=flows.subject_data(),
            website={"domain": "example.cn", "instance_id": instance.instance_id},
        )
        return flows.to_pending_sms(order, staff=staff)

    def test_a_wrong_code_counts_and_the_fifth_rejects_the_order(self, api, waiting):
        right = flows.latest_secret(waiting.account)
        wrong = "000000" if right != "000000" else "111111"

        for attempt in range(1, 5):
            response = post(api, waiting.pk, "verify-sms", {"code": wrong})
            assert response.status_code == 400
            body = response.json()
            assert body["code"] == "SMS_CODE_INVALID"
            assert body["attempts_left"] == 5 - attempt
            assert body["order_status"] == "pending_sms"
        fifth = post(api, waiting.pk, "verify-sms", {"code": wrong})

        assert fifth.status_code == 400
        assert fifth.json()["code"] == "SMS_CODE_INVALID"
        assert fifth.json()["attempts_left"] == 0
        assert fifth.json()["order_status"] == "returned"
        waiting.refresh_from_db()
        # SPEC 3.12: returned for correction, still holding its code and its subject.
        assert waiting.status == "returned"
        assert waiting.sms_failures == 5
        assert waiting.service_code.status == "filing"
        assert waiting.subject.status == "pending"
        late = post(api, waiting.pk, "verify-sms", {"code": right})
        assert late.status_code == 409
        assert late.json()["code"] == "INVALID_STAGE"

    def test_a_malformed_code_is_a_validation_error_and_does_not_count(self, api, waiting):
        response = post(api, waiting.pk, "verify-sms", {"code": "12ab"})

        assert response.status_code == 400
        assert response.json()["code"] == "VALIDATION_ERROR"
        waiting.refresh_from_db()
        assert waiting.sms_failures == 0

    def test_a_code_not_entered_within_24_hours_returns_the_order_without_a_clock_move(self, api, waiting):
        # The clock is real time plus an offset: a code lapses while nobody moves it.
        code = flows.latest_secret(waiting.account)
        with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=24, seconds=1), tick=False):
            response = post(api, waiting.pk, "verify-sms", {"code": code})

        assert response.status_code == 409
        assert response.json()["code"] == "SMS_CODE_EXPIRED"
        assert response.json()["order_status"] == "returned"
        waiting.refresh_from_db()
        assert waiting.status == "returned"
        assert waiting.reason_code == "SMS_CODE_NOT_ENTERED"
        assert waiting.sms_failures == 0

    def test_a_resent_code_restarts_the_24_hours_and_replaces_the_old_one(self, api, waiting):
        old = flows.latest_secret(waiting.account)
        with time_machine.travel(dt.datetime.now(dt.UTC), tick=False) as traveller:
            traveller.shift(dt.timedelta(hours=23))
            resent = post(api, waiting.pk, "resend-sms")
            traveller.shift(dt.timedelta(hours=23))  # 46 hours after the first code, 23 after this one

            assert resent.status_code == 200
            new = flows.latest_secret(waiting.account)
            if new != old:
                wrong = post(api, waiting.pk, "verify-sms", {"code": old})
                assert wrong.json()["code"] == "SMS_CODE_INVALID"
            assert post(api, waiting.pk, "verify-sms", {"code": new}).json()["status"] == "bureau_review"

    def test_resending_keeps_the_failure_count(self, api, waiting):
        right = flows.latest_secret(waiting.account)
        post(api, waiting.pk, "verify-sms", {"code": "000000" if right != "000000" else "111111"})
        # SPEC 3.12: not within 60 seconds of the last code
        with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=61), tick=False):
            body = post(api, waiting.pk, "resend-sms").json()

        assert body["sms_failures"] == 1

    def test_resending_outside_pending_sms_is_INVALID_STAGE(self, api, instance):
        order_id = flows.api_first_filing(api, instance=instance).json()["id"]

        response = post(api, order_id, "resend-sms")

        assert response.status_code == 409
        assert response.json()["code"] == "INVALID_STAGE"


@pytest.mark.django_db
class TestRefusals:
    @pytest.mark.parametrize("stage", ["draft", "submitted", "pending_sms"])
    def test_abandoning_before_bureau_review_returns_the_code_and_frees_the_account(
        self, api, user, staff, instance, stage
    ):
        order = flows.create_first(
            actor=user,
            subject=flows.subject_data(),
            website={"domain": "example.cn", "instance_id": instance.instance_id},
        )
        if stage != "draft":
            flows.submit(actor=user, order_id=order.pk)
        if stage == "pending_sms":
            services.filing_review(actor=staff, order_id=order.pk, decision="approve")

        response = post(api, order.pk, "abandon")

        assert response.status_code == 200
        assert response.json()["status"] == "abandoned"
        order.refresh_from_db()
        assert order.service_code.status == "unused"
        assert order.subject.status == "withdrawn"
        again = flows.api_first_filing(api, code=order.service_code.code)
        assert again.status_code == 201, again.json()

    def test_abandoning_in_bureau_review_is_INVALID_STAGE(self, api, user, staff, instance):
        order = flows.create_first(
            actor=user,
            subject=flows.subject_data(),
            website={"domain": "example.cn", "instance_id": instance.instance_id},
        )
        flows.to_bureau_review(order, staff=staff)

        response = post(api, order.pk, "abandon")

        assert response.status_code == 409
        assert response.json()["code"] == "INVALID_STAGE"
        order.refresh_from_db()
        assert order.status == "bureau_review"
        assert order.service_code.status == "filing"

    @pytest.mark.parametrize("stage", ["submitted", "bureau_review"])
    def test_rejection_in_either_review_returns_the_code_to_unused(
        self, staff_api, user, staff, instance, stage
    ):
        order = flows.create_first(
            actor=user,
            subject=flows.subject_data(),
            website={"domain": "example.cn", "instance_id": instance.instance_id},
        )
        if stage == "submitted":
            flows.submit(actor=user, order_id=order.pk)
        else:
            flows.to_bureau_review(order, staff=staff)

        response = post(staff_api, order.pk, "review", {"decision": "reject", "reason": "Blurred ID photo."})

        assert response.status_code == 200
        body = response.json()
        assert body["status"] == "returned"
        assert body["reason"] == "Blurred ID photo."
        assert body["history"][-1]["note"] == "Blurred ID photo."
        order.refresh_from_db()
        assert order.service_code.status == "filing"
        assert order.subject.status == "pending"
        assert order.subject.icp_number == ""
        # Abandoning the returned order is what frees the code and withdraws the subject.
        services.filing_abandon(actor=user, order_id=order.pk)
        order.refresh_from_db()
        assert order.service_code.status == "unused"
        assert order.subject.status == "withdrawn"

    def test_a_rejected_add_website_leaves_the_filed_subject_alone(self, user, staff, filed, second_instance):
        order = flows.create_add_website(
            actor=user, website={"domain": "shop.cn", "instance_id": second_instance.instance_id}
        )
        flows.submit(actor=user, order_id=order.pk)

        services.filing_review(actor=staff, order_id=order.pk, decision="reject", reason="Blurry scan.")

        filed["subject"].refresh_from_db()
        assert filed["subject"].status == "active"

    def test_a_refused_move_changes_nothing(self, user, staff, filed):
        with pytest.raises(Conflict):
            flows.submit(actor=user, order_id=filed["order"].pk)
        assert filed["order"].events.count() == 5


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
