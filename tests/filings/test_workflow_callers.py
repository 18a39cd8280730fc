"""The stages of an order (SPEC 3.7, seed 004): acting at the wrong stage, and who may act."""

import pytest

from filings import services
from filings.models import FilingOrder
from icpconsole.core.errors import PermissionDenied
from tests.filings.workflow_helpers import post

from . import flows


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
