"""What filings do to service codes (SPEC 3.6, 3.7; seed 002) and the three cancellations
(seed 004): cancel the subject, a website, or only the access."""

import pytest

from filings import services
from filings.models import FilingOrder, RegistryRecord, Website
from icpconsole.core.errors import NotEligible
from servicecodes.models import ServiceCode
from servicecodes.services import service_code_apply
from tests.factories import InstanceFactory

from . import flows


def registry(client, domain):
    return client.get("/api/v1/icp-records/", {"domain": domain}).json()["results"]


def cancel(user, staff, *, type, password, **target):
    order = services.filing_create_cancel(actor=user, type=type, icp_password=password, **target)
    return flows.approve(order, staff=staff)


@pytest.mark.django_db
class TestCodeStatuses:
    def test_unused_filing_used_deleted_along_a_filing_and_its_cancellation(self, user, staff, instance):
        code = service_code_apply(actor=user, instance_id=instance.instance_id)
        assert code.status == "unused"

        order = flows.create_first(
            actor=user,
            subject=flows.subject_data(),
            website={"domain": "example.cn", "service_code": code.code},
        )
        code.refresh_from_db()
        assert code.status == "filing"

        flows.to_bureau_review(order, staff=staff)
        code.refresh_from_db()
        assert code.status == "filing"

        order = services.filing_review(actor=staff, order_id=order.pk, decision="approve")
        code.refresh_from_db()
        assert code.status == "used"
        assert code.icp_number == order.website.icp_number

        password = flows.latest_secret(user, "filing_password")
        cancel(user, staff, type="cancel_website", password=password, website_id=order.website.pk)
        code.refresh_from_db()
        assert code.status == "deleted"

    def test_a_rejected_orders_code_can_be_named_again(self, api, user, staff, instance):
        order = flows.create_first(
            actor=user,
            subject=flows.subject_data(),
            website={"domain": "example.cn", "instance_id": instance.instance_id},
        )
        flows.submit(actor=user, order_id=order.pk)
        services.filing_review(actor=staff, order_id=order.pk, decision="reject", reason="Blurry scan.")
        services.filing_abandon(actor=user, order_id=order.pk)  # SPEC 3.12: a returned order holds it

        response = flows.api_first_filing(api, code=order.service_code.code, domain="example.cn")

        assert response.status_code == 201
        assert ServiceCode.objects.get(pk=order.service_code_id).status == "filing"

    def test_the_quota_slot_of_a_cancelled_filing_is_never_returned(self, api, user, staff, instance):
        codes = [service_code_apply(actor=user, instance_id=instance.instance_id) for _ in range(5)]
        result = flows.file_first(user, staff=staff, code=codes[0].code)
        cancel(
            user, staff, type="cancel_subject", password=result["password"], subject_id=result["subject"].pk
        )
        codes[0].refresh_from_db()
        assert codes[0].status == "deleted"

        with pytest.raises(NotEligible) as sixth:
            service_code_apply(actor=user, instance_id=instance.instance_id)
        through_wizard = flows.api_first_filing(api, instance=instance, domain="again.cn")

        assert [r.code for r in sixth.value.reasons] == ["QUOTA_EXHAUSTED"]
        assert through_wizard.status_code == 409
        assert through_wizard.json()["code"] == "NOT_ELIGIBLE"
        assert [r["code"] for r in through_wizard.json()["reasons"]] == ["QUOTA_EXHAUSTED"]
        assert ServiceCode.objects.filter(instance=instance).count() == 5

    def test_a_deleted_code_is_refused_by_any_new_order(self, api, user, staff, filed):
        code = filed["website"].service_code.code
        cancel(user, staff, type="cancel_subject", password=filed["password"], subject_id=filed["subject"].pk)

        response = flows.api_first_filing(api, code=code, domain="new.cn")

        assert response.status_code == 409
        assert response.json()["code"] == "SERVICE_CODE_DELETED"


@pytest.mark.django_db
class TestCancellations:
    @pytest.fixture
    def two_sites(self, user, staff, filed, second_instance):
        second = flows.add_website(user, staff=staff, domain="shop.cn", instance=second_instance)
        return {**filed, "second": second.website}

    @pytest.mark.parametrize(
        ("type", "target"),
        [
            ("cancel_website", "website_id"),
            ("cancel_access", "website_id"),
            ("cancel_subject", "subject_id"),
            ("change", "website_id"),
        ],
    )
    def test_a_wrong_filing_password_is_refused_and_no_order_is_created(self, api, filed, type, target):
        before = FilingOrder.objects.count()
        target_id = filed["subject"].pk if target == "subject_id" else filed["website"].pk
        payload = {"type": type, target: target_id, "icp_password": "not-the-password"}
        if type == "change":
            payload["changes"] = {"name": "New name"}

        response = api.post("/api/v1/filings/", payload, format="json")

        assert response.status_code == 400
        assert response.json()["code"] == "FILING_PASSWORD_INVALID"
        assert FilingOrder.objects.count() == before

    def test_cancel_website_leaves_the_other_websites_and_the_subject(self, api, user, staff, two_sites):
        order = cancel(
            user,
            staff,
            type="cancel_website",
            password=two_sites["password"],
            website_id=two_sites["second"].pk,
        )

        assert order.status == "approved"
        second, first = two_sites["second"], two_sites["website"]
        second.refresh_from_db()
        first.refresh_from_db()
        assert second.status == "cancelled"
        assert first.status == "active"
        assert second.service_code.status == "deleted"
        assert first.service_code.status == "used"
        two_sites["subject"].refresh_from_db()
        assert two_sites["subject"].status == "active"
        assert registry(api, "shop.cn") == []
        assert registry(api, "example.cn")[0]["status"] == "valid"

    def test_cancel_subject_cancels_every_website_and_deletes_their_codes(self, api, user, staff, two_sites):
        cancel(
            user,
            staff,
            type="cancel_subject",
            password=two_sites["password"],
            subject_id=two_sites["subject"].pk,
        )

        subject = two_sites["subject"]
        subject.refresh_from_db()
        assert subject.status == "cancelled"
        assert set(Website.objects.filter(subject=subject).values_list("status", flat=True)) == {"cancelled"}
        assert set(ServiceCode.objects.filter(website__subject=subject).values_list("status", flat=True)) == {
            "deleted"
        }
        assert registry(api, "example.cn") == []
        assert registry(api, "shop.cn") == []

    def test_after_cancelling_its_subject_the_account_may_file_a_new_one(
        self, api, user, staff, filed, second_instance
    ):
        cancel(user, staff, type="cancel_subject", password=filed["password"], subject_id=filed["subject"].pk)

        response = flows.api_first_filing(api, instance=second_instance, domain="example.cn")

        assert response.status_code == 201, response.json()

    def test_cancel_access_keeps_the_miit_number_valid(self, api, user, staff, two_sites):
        website = two_sites["second"]

        cancel(user, staff, type="cancel_access", password=two_sites["password"], website_id=website.pk)

        website.refresh_from_db()
        assert website.status == "access_cancelled"
        assert website.service_code.status == "deleted"
        assert registry(api, "shop.cn") == [
            {
                "domain": "shop.cn",
                "icp_number": website.icp_number,
                "subject_name": two_sites["subject"].name,
                "subject_kind": "enterprise",
                "status": "valid",
                "access_provider": "",
                # SPEC 3.13: no provider serves it any more, so access is restricted.
                "website_name": website.name,
                "approval_date": registry(api, "shop.cn")[0]["approval_date"],
                "access_restricted": True,
            }
        ]
        two_sites["website"].refresh_from_db()
        assert two_sites["website"].status == "active"

    def test_a_domain_whose_access_was_cancelled_is_still_filed(
        self, user, staff, two_sites, other_user, api_client_for
    ):
        cancel(
            user,
            staff,
            type="cancel_access",
            password=two_sites["password"],
            website_id=two_sites["second"].pk,
        )

        response = flows.api_first_filing(
            api_client_for(other_user), instance=InstanceFactory(owner=other_user), domain="shop.cn"
        )

        assert response.status_code == 409
        assert response.json()["code"] == "FILING_CHECK_FAILED"
        assert [r["code"] for r in response.json()["reasons"]] == ["DOMAIN_ALREADY_FILED"]

    def test_another_accounts_website_or_subject_is_404(self, filed, other_user, api_client_for):
        mallory = api_client_for(other_user)

        site = mallory.post(
            "/api/v1/filings/",
            {"type": "cancel_website", "website_id": filed["website"].pk, "icp_password": filed["password"]},
            format="json",
        )
        subject = mallory.post(
            "/api/v1/filings/",
            {"type": "cancel_subject", "subject_id": filed["subject"].pk, "icp_password": filed["password"]},
            format="json",
        )

        assert (site.status_code, site.json()["code"]) == (404, "WEBSITE_NOT_FOUND")
        assert (subject.status_code, subject.json()["code"]) == (404, "SUBJECT_NOT_FOUND")

    def test_a_cancelled_website_cannot_be_cancelled_again(self, api, user, staff, filed):
        cancel(user, staff, type="cancel_website", password=filed["password"], website_id=filed["website"].pk)

        response = api.post(
            "/api/v1/filings/",
            {"type": "cancel_access", "website_id": filed["website"].pk, "icp_password": filed["password"]},
            format="json",
        )

        assert response.status_code == 409
        assert response.json()["code"] == "WEBSITE_NOT_ACTIVE"

    def test_a_cancellation_while_another_order_is_open_is_refused(self, api, user, filed, second_instance):
        flows.create_add_website(
            actor=user, website={"domain": "shop.cn", "instance_id": second_instance.instance_id}
        )

        response = api.post(
            "/api/v1/filings/",
            {"type": "cancel_website", "website_id": filed["website"].pk, "icp_password": filed["password"]},
            format="json",
        )

        assert response.status_code == 409
        assert response.json()["code"] == "ORDER_ALREADY_OPEN"

    def test_a_cancel_order_via_the_api_names_its_website(self, api, filed):
        response = api.post(
            "/api/v1/filings/",
            {"type": "cancel_website", "website_id": filed["website"].pk, "icp_password": filed["password"]},
            format="json",
        )

        assert response.status_code == 201
        body = response.json()
        assert body["website"]["id"] == filed["website"].pk
        assert body["website"]["icp_number"] == filed["website"].icp_number
        assert body["service_code"] is None

    def test_a_cancelled_subject_takes_every_registry_record_with_it(self, user, staff, filed):
        cancel(user, staff, type="cancel_subject", password=filed["password"], subject_id=filed["subject"].pk)

        assert set(
            RegistryRecord.objects.filter(subject_icp_number=filed["subject"].icp_number).values_list(
                "status", flat=True
            )
        ) == {"cancelled"}
