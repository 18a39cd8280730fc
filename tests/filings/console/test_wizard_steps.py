"""The filing wizard's steps: validation, product verification, transfer-in and claim, and one
transaction at confirmation (SPEC 3.7, seeds 003 and 004).
"""

import pytest

from filings.models import FilingOrder
from filings.refusals import CERTIFICATE_NOT_RECOGNISED
from servicecodes.models import ServiceCode
from tests.console.html import parse, reason_codes, row_for
from tests.factories import InstanceFactory, UserFactory
from tests.filings import flows
from tests.filings.factories import LegacyRecordFactory, RegistryRecordFactory, hold_domain

from . import wizard

pytestmark = pytest.mark.django_db


class TestStepsValidate:
    def test_later_steps_send_back_to_the_first_missing_one(self, console, instance):
        assert console.get("/console/filings/new/product/").url == "/console/filings/new/"
        wizard.step_domain(console, "example.cn")
        assert console.get("/console/filings/new/details/").url == "/console/filings/new/product/"
        wizard.step_product(console, instance=instance)
        assert console.get("/console/filings/new/confirm/").url == "/console/filings/new/details/"

    def test_a_bad_domain_is_a_readable_error(self, console):
        response = wizard.step_domain(console, "http://example.cn/path")

        assert response.status_code == 200
        assert "is not a valid domain name" in response.content.decode()
        assert console.session.get("filings.wizard") is None

    def test_a_certificate_the_detection_refuses_is_said_on_its_field(self, console):
        # It was a 500 (the view read a ``field`` attribute refusals do not have).
        response = wizard.step_domain(console, "www.example.cn", certificate_number="123")

        assert response.status_code == 200
        assert response.context["form"].errors["certificate_number"] == [
            CERTIFICATE_NOT_RECOGNISED.text(number="123")
        ]
        assert console.session.get("filings.wizard") is None

    def test_the_app_wizard_says_a_refused_certificate_on_its_field(self, console):
        response = console.post(
            "/console/filings/new/app/", {"certificate_number": "123", "app_name": "茶馆应用"}
        )

        assert response.status_code == 200
        assert response.context["form"].errors["certificate_number"] == [
            CERTIFICATE_NOT_RECOGNISED.text(number="123")
        ]

    def test_product_verification_needs_an_instance_or_a_well_formed_code(self, console, instance):
        wizard.step_domain(console, "example.cn")

        assert console.post("/console/filings/new/product/", {"method": "instance"}).status_code == 200
        response = wizard.step_product(console, code="not-a-code")
        assert response.status_code == 200
        assert "36 characters" in response.content.decode()

    def test_first_filing_details_need_the_subject(self, console, instance):
        wizard.step_domain(console, "example.cn")
        wizard.step_product(console, instance=instance)

        response = wizard.step_details(
            console, subject={"kind": "enterprise", "name": "", "province": "hongkong"}
        )

        assert response.status_code == 200
        page = parse(response.content)
        assert page.find("select", name="subject-province") is not None
        assert len(page.find_all(class_="errorlist")) >= 3
        assert "subject" not in console.session["filings.wizard"]


class TestProductVerification:
    def test_ineligible_instances_are_disabled_with_their_reasons(self, console, user, instance):
        postpaid = InstanceFactory(owner=user, charge_type="PostPaid")
        no_ip = InstanceFactory(owner=user, internet_max_bandwidth_out=0, public_ip_address=None)
        wizard.step_domain(console, "example.cn")

        page = parse(console.get("/console/filings/new/product/").content)

        assert row_for(page, instance.instance_id).get("data-can-apply") == "true"
        assert not row_for(page, instance.instance_id).find("input", type="radio").has("disabled")
        assert reason_codes(row_for(page, postpaid.instance_id)) == ["PAY_AS_YOU_GO"]
        assert row_for(page, postpaid.instance_id).find("input", type="radio").has("disabled")
        assert reason_codes(row_for(page, no_ip.instance_id)) == ["NO_PUBLIC_IP"]
        assert "No available IPs for this ECS instance" in row_for(page, no_ip.instance_id).text

    def test_choosing_an_ineligible_instance_is_refused_with_its_reasons(self, console, user):
        hongkong = InstanceFactory(owner=user, region_id="cn-hongkong")
        wizard.step_domain(console, "example.cn")

        response = wizard.step_product(console, instance=hongkong)

        assert response.status_code == 200
        errors = parse(response.content).find(id="instance-errors")
        assert errors is not None and hongkong.instance_id in errors.text
        assert "proof" not in console.session["filings.wizard"]

    def test_another_accounts_instance_cannot_be_chosen(self, console):
        stranger = InstanceFactory(owner=UserFactory(username="bob"))
        wizard.step_domain(console, "example.cn")

        response = wizard.step_product(console, instance=stranger)

        assert response.status_code == 200
        assert "is not one of yours" in response.content.decode()


class TestTransferInAndClaim:
    def test_transfer_in_form_creates_a_submitted_transfer(self, console, user, instance):
        record = RegistryRecordFactory(domain="moved.cn")

        response = console.post(
            "/console/filings/transfer-in/",
            {
                "domain": "moved.cn",
                "icp_number": record.icp_number,
                "icp_password": "Other-Provider-9",
                "method": "instance",
                "instance_id": instance.instance_id,
            },
        )

        order = FilingOrder.objects.get()
        assert response.url == f"/console/filings/{order.pk}/"
        assert (order.type, order.status, order.registry_record) == ("transfer_in", "submitted", record)
        assert order.service_code.status == "filing"

    def test_transfer_in_with_a_wrong_password_creates_nothing(self, console, instance):
        record = RegistryRecordFactory(domain="moved.cn")

        response = console.post(
            "/console/filings/transfer-in/",
            {
                "domain": "moved.cn",
                "icp_number": record.icp_number,
                "icp_password": "wrong-password",
                "method": "instance",
                "instance_id": instance.instance_id,
            },
        )

        assert response.status_code == 200
        assert "The ICP filing password is wrong." in response.content.decode()
        assert not FilingOrder.objects.exists()
        assert not ServiceCode.objects.exists()

    def test_claim_form_creates_a_submitted_claim(self, console, user):
        record = LegacyRecordFactory(domain="old.cn")
        hold_domain(record, user)

        response = console.post(
            "/console/filings/claim/",
            {"domain": "old.cn", "certificate_number": record.certificate_number},
        )

        order = FilingOrder.objects.get()
        assert response.url == f"/console/filings/{order.pk}/"
        assert (order.type, order.status, order.service_code) == ("claim", "submitted", None)

    def test_claim_needs_a_domain_or_a_number(self, console):
        response = console.post("/console/filings/claim/", {"certificate_number": "X"})

        assert response.status_code == 200
        assert "Give the domain or the ICP number" in response.content.decode()
        assert not FilingOrder.objects.exists()

    def test_claim_with_the_wrong_certificate_creates_nothing(self, console):
        LegacyRecordFactory(domain="old.cn")

        response = console.post(
            "/console/filings/claim/", {"domain": "old.cn", "certificate_number": "WRONG"}
        )

        assert response.status_code == 200
        assert "does not match" in response.content.decode()
        assert not FilingOrder.objects.exists()


class TestOneTransaction:
    """The wizard's last step may call several services (create the order, then complete it):
    a refusal on the way leaves nothing behind, as its message says (issue 22)."""

    def test_a_refused_second_service_leaves_no_draft_and_no_code(self, rf, user, staff, instance):
        from django.contrib.messages.storage.fallback import FallbackStorage

        from filings import refusals, services
        from filings.views._common import create_and_submit

        flows.file_first(user, staff=staff, instance=instance)
        flows.register_for(user, "second-example.cn")
        before = (FilingOrder.objects.count(), ServiceCode.objects.count())
        request = rf.post("/console/icp/filings/new/confirm/")
        request.user, request.session = user, {}
        request._messages = FallbackStorage(request)

        def create():
            services.filing_create_add_website(
                actor=user,
                website={
                    "domain": "second-example.cn",
                    "instance_id": InstanceFactory(owner=user).instance_id,
                    **flows.website_materials(),
                },
            )
            raise refusals.NO_CHANGES()  # the completing service refuses

        assert create_and_submit(request, create) is None
        assert (FilingOrder.objects.count(), ServiceCode.objects.count()) == before
        assert [m.level_tag for m in request._messages] == ["error"]
