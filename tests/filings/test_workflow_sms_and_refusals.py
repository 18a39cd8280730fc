"""The stages of an order (SPEC 3.7, seed 004): the SMS step, reviews' refusals and abandonment."""

import datetime as dt

import pytest
import time_machine

from filings import services
from icpconsole.core.errors import Conflict
from tests.filings.workflow_helpers import post

from . import flows


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
