"""The filing wizard: end to end, type detection and where things are found (SPEC 3.7, seeds 003
and 004). Nothing is created until the last step is confirmed.
"""

import pytest

from filings.models import FilingOrder, Subject
from servicecodes.models import ServiceCode
from tests.console.html import parse, reason_codes
from tests.factories import InstanceFactory, ServiceCodeFactory, UserFactory
from tests.filings import flows
from tests.filings.factories import LegacyRecordFactory, RegistryRecordFactory
from tests.filings.materials import CREDIT_CODE

from . import wizard

pytestmark = pytest.mark.django_db

SUBJECT = {
    "kind": "enterprise",
    "name": "Hangzhou Example Co., Ltd.",
    "certificate_number": CREDIT_CODE,
    "province": "zhejiang",
    "address": "浙江省杭州市西湖区文三路90号",
}


def detection(response) -> str | None:
    node = parse(response.content).find(class_="detection")
    return node.get("data-filing-type") if node is not None else None


class TestEndToEnd:
    def test_first_filing_through_the_wizard_creates_one_submitted_order_with_its_code_in_filing(
        self, console, user, instance
    ):
        wizard.run_to_confirm(
            console, domain="WWW.Example.CN", instance=instance, subject=SUBJECT, website_name="Example 示例"
        )
        assert not FilingOrder.objects.exists()
        assert not ServiceCode.objects.exists()

        response = wizard.confirm(console)

        order = FilingOrder.objects.get()
        assert response.status_code == 302
        assert response.url == f"/console/filings/{order.pk}/"
        assert (order.type, order.status, order.domain, order.website_name) == (
            "first_filing",
            "submitted",
            "example.cn",
            "Example 示例",
        )
        assert order.subject.name == SUBJECT["name"] and order.subject.province == "zhejiang"
        code = ServiceCode.objects.get()
        assert order.service_code == code and code.instance == instance
        assert code.status == "filing"
        assert console.session.get("filings.wizard") is None

    def test_confirming_twice_creates_no_second_order(self, console, instance):
        wizard.run_to_confirm(console, domain="example.cn", instance=instance, subject=SUBJECT)
        wizard.confirm(console)

        response = wizard.confirm(console)

        assert response.status_code == 302 and response.url == "/console/filings/new/"
        assert FilingOrder.objects.count() == 1

    def test_add_website_with_a_code_obtained_beforehand(self, console, user, filed, second_instance):
        code = ServiceCodeFactory(instance=InstanceFactory(owner=UserFactory(username="bob")))
        wizard.run_to_confirm(console, domain="shop.cn", code=code.code.upper())

        page = parse(console.get("/console/filings/new/confirm/").content)
        assert page.find(data_filing_type="add_website") is not None

        wizard.confirm(console)

        order = FilingOrder.objects.get(type="add_website")
        assert order.status == "submitted" and order.subject == filed["subject"]
        assert order.service_code == code
        code.refresh_from_db()
        assert code.status == "filing"

    def test_abandoned_wizard_creates_nothing(self, console, user, instance):
        wizard.run_to_confirm(console, domain="example.cn", instance=instance, subject=SUBJECT)

        response = console.post("/console/filings/new/cancel/")

        assert response.status_code == 302
        assert not FilingOrder.objects.exists()
        assert not Subject.objects.exists()
        assert not ServiceCode.objects.exists()
        assert console.get("/console/filings/new/confirm/").url == "/console/filings/new/"

    def test_a_refusal_at_confirmation_is_a_message_and_creates_nothing(self, console, user, instance):
        code = ServiceCodeFactory(instance=InstanceFactory(owner=user))
        wizard.run_to_confirm(console, domain="example.cn", code=code.code, subject=SUBJECT)
        code.status = "used"  # used by another filing meanwhile
        code.save()

        response = console.post("/console/filings/new/confirm/", follow=True)

        assert response.status_code == 200
        assert "has been used by a completed filing" in response.content.decode()
        assert not FilingOrder.objects.exists()
        assert not Subject.objects.exists()

    def test_an_instance_that_stopped_qualifying_is_refused_with_its_reasons(self, console, user, instance):
        wizard.run_to_confirm(console, domain="example.cn", instance=instance, subject=SUBJECT)
        instance.status = "Stopped"
        instance.save()

        response = console.post("/console/filings/new/confirm/", follow=True)

        assert reason_codes(parse(response.content)) == ["NOT_RUNNING"]
        assert not FilingOrder.objects.exists()
        assert not ServiceCode.objects.exists()


class TestTypeDetection:
    def test_no_subject_means_a_first_filing(self, console):
        wizard.step_domain(console, "example.cn")

        page = parse(console.get("/console/filings/new/product/").content)

        assert page.find(data_filing_type="first_filing") is not None
        assert console.session["filings.wizard"]["type"] == "first_filing"

    def test_a_filed_subject_means_adding_a_website(self, console, filed):
        wizard.step_domain(console, "shop.cn")

        assert console.session["filings.wizard"]["type"] == "add_website"
        assert (
            parse(console.get("/console/filings/new/product/").content).find(data_filing_type="add_website")
            is not None
        )

    def test_add_website_details_ask_no_subject(self, console, filed, second_instance):
        wizard.step_domain(console, "shop.cn")
        wizard.step_product(console, instance=second_instance)

        page = parse(console.get("/console/filings/new/details/").content)

        assert page.find("input", name="subject-name") is None
        assert page.find("input", name="website-name") is not None

    def test_a_domain_filed_with_another_provider_suggests_a_transfer_in(self, console):
        record = RegistryRecordFactory(domain="moved.cn")

        response = wizard.step_domain(console, "moved.cn")

        assert response.status_code == 200
        assert detection(response) == "transfer_in"
        page = parse(response.content)
        assert "/console/filings/transfer-in/?domain=moved.cn" in page.links()
        assert record.icp_number in page.find(class_="detection").text
        assert console.session.get("filings.wizard") is None

    def test_a_legacy_hichina_filing_suggests_a_claim(self, console):
        LegacyRecordFactory(domain="old.cn")

        response = wizard.step_domain(console, "old.cn")

        assert detection(response) == "claim"
        assert "/console/filings/claim/?domain=old.cn" in parse(response.content).links()

    def test_a_domain_already_filed_here_says_so(self, console, filed):
        response = wizard.step_domain(console, "example.cn")

        assert detection(response) == "filed_here"
        assert filed["website"].icp_number in parse(response.content).find(class_="detection").text

    def test_a_domain_filed_here_by_another_account_says_so(self, client, filed):
        client.force_login(UserFactory(username="bob"))

        response = wizard.step_domain(client, "example.cn")

        assert detection(response) == "filed_here"

    def test_a_domain_in_an_open_order_links_to_it(self, console, draft_order):
        response = wizard.step_domain(console, "example.cn")

        assert detection(response) == "in_open_order"
        assert f"/console/filings/{draft_order.pk}/" in parse(response.content).links()

    def test_a_subject_with_an_open_order_must_finish_it_first(self, console, user, filed, second_instance):
        open_order = flows.create_add_website(
            actor=user, website={"domain": "shop.cn", "instance_id": second_instance.instance_id}
        )

        response = wizard.step_domain(console, "blog.cn")

        assert detection(response) == "subject_busy"
        assert f"/console/filings/{open_order.pk}/" in parse(response.content).links()


def test_ram_user_wizard_is_refused_at_confirmation(client, user, ram_user, instance):
    client.force_login(ram_user)
    wizard.run_to_confirm(
        client, domain="example.cn", code=ServiceCodeFactory(instance=instance).code, subject=SUBJECT
    )

    response = client.post("/console/filings/new/confirm/", follow=True)

    assert "cannot buy, create or change them" in response.content.decode()
    assert not FilingOrder.objects.exists()


def test_the_first_eligible_instance_is_preselected(console, user, instance):
    InstanceFactory(owner=user, charge_type="PostPaid")
    wizard.step_domain(console, "example.cn")

    page = parse(console.get("/console/filings/new/product/").content)

    checked = [node.get("value") for node in page.find_all("input", name="instance_id", checked=True)]
    assert checked == [instance.instance_id]


class TestFoundWhereEntered:
    """Issue 18, items 1 to 3: what cannot succeed is said where it is entered."""

    def test_a_used_service_code_is_refused_at_the_product_step(self, console, user):
        used = ServiceCodeFactory(instance=InstanceFactory(owner=user), status="used")
        wizard.step_domain(console, "www.example.cn")

        response = wizard.step_product(console, code=used.code)

        assert response.status_code == 200  # the step is shown again, not passed
        assert "has been used by a completed filing" in response.content.decode()
        assert "proof" not in console.session["filings.wizard"]

    def test_an_unknown_service_code_is_refused_at_the_product_step(self, console):
        wizard.step_domain(console, "www.example.cn")

        response = wizard.step_product(console, code="32a43232-a888-88e8-b9ec-00888be8888f")

        assert response.status_code == 200
        assert "does not exist" in response.content.decode()

    def test_the_summary_follows_the_domain_entered_last(self, console, user, instance):
        wizard.run_to_confirm(console, domain="trailing.cn", instance=instance, subject=SUBJECT)
        RegistryRecordFactory(domain="transfer-demo.cn")

        wizard.step_domain(console, "transfer-demo.cn")  # leads to a transfer-in, not the wizard
        response = console.get("/console/filings/new/confirm/")

        assert response.status_code == 302 and response.url == "/console/filings/new/"
        assert "trailing.cn" not in console.get("/console/filings/new/").content.decode()

    def test_a_transfer_in_the_account_cannot_make_is_refused_at_step_1(self, console, filed):
        RegistryRecordFactory(domain="moved-example.cn")  # another subject's filing

        response = wizard.step_domain(console, "moved-example.cn")

        page = parse(response.content)
        assert detection(response) == "transfer_in"
        assert page.find(data_detection_refusal="SUBJECT_EXISTS") is not None
        assert "/console/filings/transfer-in/?domain=moved-example.cn" not in page.links()

    def test_a_transfer_in_of_the_accounts_own_subject_is_offered(self, console, filed):
        subject = filed["subject"]
        RegistryRecordFactory(
            domain="moved-example.cn",
            subject_icp_number=subject.icp_number,
            icp_number=f"{subject.icp_number}-7",
        )

        page = parse(wizard.step_domain(console, "moved-example.cn").content)

        assert page.find(data_detection_refusal=True) is None
        assert "/console/filings/transfer-in/?domain=moved-example.cn" in page.links()
