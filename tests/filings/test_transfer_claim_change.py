"""Transfer-in, claims of HiChina filings, changes and the commercial license (SPEC 3.7, seed 004)."""

import datetime as dt

import pytest

from filings import services
from filings.models import FilingOrder, RegistryRecord, Subject
from icpconsole.core.errors import Conflict, InvalidInput, PermissionDenied
from tests.factories import InstanceFactory

from . import flows
from .factories import (
    TRANSFER_PASSWORD,
    LegacyRecordFactory,
    RegistryRecordFactory,
    WebsiteFactory,
    hold_domain,
)


def create(client, payload):
    return client.post("/api/v1/filings/", payload, format="json")


def transfer_payload(record, instance, password=TRANSFER_PASSWORD, number=None):
    return {
        "type": "transfer_in",
        "icp_number": number or record.subject_icp_number,
        "icp_password": password,
        "website": {"domain": record.domain, "instance_id": instance.instance_id},
    }


@pytest.mark.django_db
class TestTransferIn:
    def test_a_filing_made_elsewhere_moves_here_with_its_number(self, api, staff, user, instance):
        record = RegistryRecordFactory(
            domain="moving.cn",
            subject_icp_number="粤ICP备12345678号",
            icp_number="粤ICP备12345678号-3",
        )

        response = create(api, transfer_payload(record, instance))
        assert response.status_code == 201, response.json()
        order = flows.approve(FilingOrder.objects.get(pk=response.json()["id"]), staff=staff)

        subject = order.subject
        assert subject.status == "active"
        assert subject.icp_number == "粤ICP备12345678号"
        assert subject.name == record.subject_name
        assert order.website.icp_number == "粤ICP备12345678号-3"
        assert order.website.service_code.status == "used"
        assert order.website.service_code.icp_number == "粤ICP备12345678号-3"
        record.refresh_from_db()
        assert record.access_provider == "Alibaba Cloud"
        assert record.subject == subject
        # The filing password stays the one MIIT issued: it cancels the filing here too.
        cancel = services.filing_create_cancel(
            actor=user, type="cancel_access", website_id=order.website.pk, icp_password=TRANSFER_PASSWORD
        )
        assert cancel.status == "draft"

    def test_the_next_website_continues_after_the_transferred_number(self, api, staff, user, instance):
        record = RegistryRecordFactory(
            subject_icp_number="粤ICP备12345678号", icp_number="粤ICP备12345678号-3"
        )
        response = create(api, transfer_payload(record, instance))
        flows.approve(FilingOrder.objects.get(pk=response.json()["id"]), staff=staff)

        added = flows.add_website(user, staff=staff, domain="next.cn", instance=InstanceFactory(owner=user))

        assert added.website.icp_number == "粤ICP备12345678号-4"

    def test_the_website_number_may_be_given_instead_of_the_subjects(self, api, instance):
        record = RegistryRecordFactory()

        response = create(api, transfer_payload(record, instance, number=record.icp_number))

        assert response.status_code == 201

    def test_a_wrong_filing_password_creates_nothing(self, api, instance):
        record = RegistryRecordFactory()

        response = create(api, transfer_payload(record, instance, password="wrong-password"))

        assert response.status_code == 400
        assert response.json()["code"] == "FILING_PASSWORD_INVALID"
        assert FilingOrder.objects.count() == 0
        assert Subject.objects.count() == 0

    def test_an_unknown_number_is_404(self, api, instance):
        record = RegistryRecordFactory()

        response = create(api, transfer_payload(record, instance, number="粤ICP备99999999号"))

        assert response.status_code == 404
        assert response.json()["code"] == "ICP_RECORD_NOT_FOUND"

    def test_a_filing_already_served_here_cannot_be_transferred_in(self, filed, other_user, api_client_for):
        record = RegistryRecord.objects.get(domain="example.cn")

        response = create(
            api_client_for(other_user),
            transfer_payload(record, InstanceFactory(owner=other_user), password=filed["password"]),
        )

        assert response.status_code == 409
        assert response.json()["code"] == "ALREADY_WITH_THIS_PROVIDER"

    def test_the_precheck_refuses_what_create_refuses(self, filed, other_user, api_client_for):
        """Issue 27: the pre-check said ok for a transfer-in create then refused; one rule now."""
        record = RegistryRecord.objects.get(domain="example.cn")
        payload = transfer_payload(record, InstanceFactory(owner=other_user), password=filed["password"])

        response = api_client_for(other_user).post("/api/v1/filings/precheck/", payload, format="json")

        assert response.status_code == 409
        assert response.json()["code"] == "ALREADY_WITH_THIS_PROVIDER"

    def test_the_precheck_of_a_transfer_in_that_create_takes_is_ok(self, api, instance):
        record = RegistryRecordFactory()

        response = api.post("/api/v1/filings/precheck/", transfer_payload(record, instance), format="json")

        assert response.status_code == 200, response.json()
        assert response.json()["ok"] is True

    def test_an_account_with_another_subject_cannot_transfer_one_in(self, api, filed, second_instance):
        record = RegistryRecordFactory()

        response = create(api, transfer_payload(record, second_instance))

        assert response.status_code == 409
        assert response.json()["code"] == "SUBJECT_EXISTS"

    def test_after_cancel_access_the_website_can_be_transferred_back(
        self, api, user, staff, filed, second_instance
    ):
        cancel = services.filing_create_cancel(
            actor=user, type="cancel_access", website_id=filed["website"].pk, icp_password=filed["password"]
        )
        flows.approve(cancel, staff=staff)
        record = RegistryRecord.objects.get(domain="example.cn")

        response = create(api, transfer_payload(record, second_instance, password=filed["password"]))
        assert response.status_code == 201, response.json()
        order = flows.approve(FilingOrder.objects.get(pk=response.json()["id"]), staff=staff)

        website = filed["website"]
        website.refresh_from_db()
        assert order.website == website
        assert website.status == "active"
        assert website.icp_number == f"{filed['subject'].icp_number}-1"
        assert website.service_code.status == "used"
        assert website.instance == second_instance
        record.refresh_from_db()
        assert record.access_provider == "Alibaba Cloud"


@pytest.mark.django_db
class TestClaim:
    def test_a_hichina_filing_from_before_june_2010_is_claimed_without_a_code(self, api, user, staff):
        record = LegacyRecordFactory(domain="old-example.com.cn", certificate_number="110101196001011234")
        hold_domain(record, user)

        response = create(
            api, {"type": "claim", "domain": "old-example.com.cn", "certificate_number": "110101196001011234"}
        )
        assert response.status_code == 201, response.json()
        assert response.json()["service_code"] is None
        order = flows.approve(FilingOrder.objects.get(pk=response.json()["id"]), staff=staff)

        assert order.subject.status == "active"
        assert order.subject.icp_number == record.subject_icp_number
        assert order.website.icp_number == record.icp_number
        assert order.website.service_code is None
        assert flows.latest_secret(user, "filing_password")
        record.refresh_from_db()
        assert record.access_provider == "Alibaba Cloud"

    def test_the_website_number_identifies_the_filing_too(self, api, user):
        record = LegacyRecordFactory()
        hold_domain(record, user)

        response = create(
            api,
            {
                "type": "claim",
                "icp_number": record.icp_number,
                "certificate_number": record.certificate_number,
            },
        )

        assert response.status_code == 201

    def test_the_certificate_number_alone_claims_nothing(self, api, user):
        """Issue 27: a claim proves control; the certificate number is printed in many places."""
        record = LegacyRecordFactory()

        response = create(
            api, {"type": "claim", "domain": record.domain, "certificate_number": record.certificate_number}
        )

        assert response.status_code == 409
        assert response.json()["code"] == "CLAIM_DOMAIN_NOT_HELD"
        assert FilingOrder.objects.count() == 0

    def test_a_domain_held_under_another_certificate_claims_nothing(self, api, user):
        record = LegacyRecordFactory()
        held = hold_domain(record, user)
        held.holder_certificate_number = "91330106MA2ACME01X"
        held.save()

        response = create(
            api, {"type": "claim", "domain": record.domain, "certificate_number": record.certificate_number}
        )

        assert (response.status_code, response.json()["code"]) == (409, "CLAIM_DOMAIN_NOT_HELD")

    def test_a_wrong_certificate_number_is_refused(self, api):
        record = LegacyRecordFactory()

        response = create(api, {"type": "claim", "domain": record.domain, "certificate_number": "000"})

        assert response.status_code == 400
        assert response.json()["code"] == "CERTIFICATE_NUMBER_MISMATCH"
        assert FilingOrder.objects.count() == 0

    def test_a_hichina_filing_from_june_2010_on_is_not_claimable(self, api):
        record = LegacyRecordFactory(
            filed_time=dt.datetime(2010, 6, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))
        )

        response = create(
            api, {"type": "claim", "domain": record.domain, "certificate_number": record.certificate_number}
        )

        assert response.status_code == 409
        assert response.json()["code"] == "CLAIM_NOT_ELIGIBLE"

    def test_a_filing_with_another_provider_is_not_claimable(self, api):
        record = RegistryRecordFactory()

        response = create(
            api, {"type": "claim", "domain": record.domain, "certificate_number": record.certificate_number}
        )

        assert response.status_code == 404
        assert response.json()["code"] == "ICP_RECORD_NOT_FOUND"


@pytest.mark.django_db
class TestChange:
    def test_the_subject_name_changes_on_approval(self, api, user, staff, filed):
        response = create(
            api,
            {
                "type": "change",
                "subject_id": filed["subject"].pk,
                "icp_password": filed["password"],
                "changes": {"name": "Hangzhou Renamed Co., Ltd."},
            },
        )
        assert response.status_code == 201, response.json()
        assert response.json()["changes"] == {"name": "Hangzhou Renamed Co., Ltd."}
        filed["subject"].refresh_from_db()
        assert filed["subject"].name == "Hangzhou Example Co., Ltd."

        flows.approve(FilingOrder.objects.get(pk=response.json()["id"]), staff=staff)

        filed["subject"].refresh_from_db()
        assert filed["subject"].name == "Hangzhou Renamed Co., Ltd."
        assert (
            api.get("/api/v1/icp-records/", {"domain": "example.cn"}).json()["results"][0]["subject_name"]
            == "Hangzhou Renamed Co., Ltd."
        )

    def test_ecommerce_needs_a_commercial_license(self, api, filed):
        response = create(
            api,
            {
                "type": "change",
                "website_id": filed["website"].pk,
                "icp_password": filed["password"],
                "changes": {"ecommerce": True},
            },
        )

        assert response.status_code == 409
        assert response.json()["code"] == "COMMERCIAL_LICENSE_REQUIRED"
        assert FilingOrder.objects.count() == 1

    def test_with_a_license_a_website_may_take_payments(self, api, user, staff, filed):
        services.website_grant_license(actor=staff, website_id=filed["website"].pk)

        order = services.filing_create_change(
            actor=user,
            website_id=filed["website"].pk,
            icp_password=filed["password"],
            changes={"ecommerce": True},
        )
        flows.approve(order, staff=staff)

        body = api.get(f"/api/v1/websites/{filed['website'].pk}/").json()
        assert body["ecommerce"] is True
        assert body["commercial_license"].startswith("浙B2-")

    def test_a_subject_field_that_is_the_filing_itself_cannot_be_changed(self, user, filed):
        with pytest.raises(InvalidInput) as exc:
            services.filing_create_change(
                actor=user,
                subject_id=filed["subject"].pk,
                icp_password=filed["password"],
                changes={"province": "beijing"},
            )
        assert exc.value.code == "CHANGE_FIELD_INVALID"


@pytest.mark.django_db
class TestCommercialLicense:
    def test_only_staff_grant_it(self, user, filed):
        with pytest.raises(PermissionDenied):
            services.website_grant_license(actor=user, website_id=filed["website"].pk)

    def test_only_a_filed_website_can_hold_one(self, staff):
        website = WebsiteFactory(status="cancelled")

        with pytest.raises(Conflict) as exc:
            services.website_grant_license(actor=staff, website_id=website.pk)
        assert exc.value.code == "WEBSITE_NOT_ACTIVE"

    def test_cancelling_the_filing_ends_the_license(self, user, staff, filed):
        services.website_grant_license(
            actor=staff, website_id=filed["website"].pk, license_number="浙B2-20261234"
        )
        order = services.filing_create_change(
            actor=user,
            website_id=filed["website"].pk,
            icp_password=filed["password"],
            changes={"ecommerce": True},
        )
        flows.approve(order, staff=staff)

        cancel = services.filing_create_cancel(
            actor=user, type="cancel_website", website_id=filed["website"].pk, icp_password=filed["password"]
        )
        flows.approve(cancel, staff=staff)

        filed["website"].refresh_from_db()
        assert filed["website"].commercial_license == ""
        assert filed["website"].ecommerce is False
