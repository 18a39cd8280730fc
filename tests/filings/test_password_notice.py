"""The order page says the filing password was sent to the phone only when the order issued one
(a first filing, or a claim that created its subject); the order records it."""

import importlib

import pytest
from django.apps import apps

from filings import services
from filings.models import FilingOrder, PhoneMessage

from . import flows
from .factories import (
    TRANSFER_PASSWORD,
    FilingOrderFactory,
    LegacyRecordFactory,
    RegistryRecordFactory,
    hold_domain,
)

NOTICE = "password was sent to the phone"


def claim(user, staff, record) -> FilingOrder:
    hold_domain(record, user)
    order = services.filing_create_claim(
        actor=user, domain=record.domain, certificate_number=record.certificate_number
    )
    return flows.approve(order, staff=staff)


def page(console, order) -> str:
    response = console.get(f"/console/filings/{order.pk}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
class TestPasswordIssued:
    def test_a_first_filing_issues_one_and_says_so(self, console, user, staff, instance):
        order = flows.file_first(user, staff=staff, instance=instance)["order"]

        order.refresh_from_db()
        assert order.password_issued is True
        assert NOTICE in page(console, order)

    def test_a_claim_that_creates_its_subject_issues_one(self, console, user, staff):
        order = claim(user, staff, LegacyRecordFactory())

        order.refresh_from_db()
        assert order.password_issued is True
        assert PhoneMessage.objects.filter(order=order, kind="filing_password").exists()
        assert NOTICE in page(console, order)

    def test_a_claim_that_joins_the_existing_subject_issues_none_and_says_nothing(self, console, user, staff):
        first = LegacyRecordFactory()
        second = LegacyRecordFactory(
            subject_icp_number=first.subject_icp_number,
            icp_number=f"{first.subject_icp_number}-2",
            subject_name=first.subject_name,
            certificate_number=first.certificate_number,
        )
        claim(user, staff, first)

        order = claim(user, staff, second)

        order.refresh_from_db()
        assert order.status == "approved" and not order.creates_subject
        assert order.password_issued is False
        assert not PhoneMessage.objects.filter(order=order, kind="filing_password").exists()
        assert NOTICE not in page(console, order)

    def test_the_order_json_says_whether_it_issued_one(self, api, user, staff, filed, second_instance):
        added = flows.add_website(user, staff=staff, domain="example-blog.cn", instance=second_instance)

        assert api.get(f"/api/v1/filings/{filed['order'].pk}/").json()["password_issued"] is True
        assert api.get(f"/api/v1/filings/{added.pk}/").json()["password_issued"] is False

    def test_a_transfer_in_issues_none(self, console, user, staff, instance):
        record = RegistryRecordFactory()
        order = services.filing_create_transfer_in(
            actor=user,
            icp_number=record.subject_icp_number,
            icp_password=TRANSFER_PASSWORD,
            website={"domain": record.domain, "instance_id": instance.instance_id},
        )
        order = flows.approve(order, staff=staff)

        order.refresh_from_db()
        assert order.status == "approved"
        assert order.password_issued is False
        assert NOTICE not in page(console, order)

    def test_adding_a_website_issues_none(self, console, user, staff, filed, second_instance):
        order = flows.add_website(user, staff=staff, domain="example-blog.cn", instance=second_instance)

        order.refresh_from_db()
        assert order.password_issued is False
        assert NOTICE not in page(console, order)


@pytest.mark.django_db
def test_the_migration_marks_the_orders_that_issued_one():
    migration = importlib.import_module("filings.migrations.0003_filingorder_password_issued")
    first = FilingOrderFactory(type="first_filing", status="approved", creates_subject=True)
    open_first = FilingOrderFactory(type="first_filing", status="bureau_review", creates_subject=True)
    new_claim = FilingOrderFactory(type="claim", status="approved", creates_subject=True)
    joining_claim = FilingOrderFactory(type="claim", status="approved", creates_subject=False)
    transfer = FilingOrderFactory(type="transfer_in", status="approved", creates_subject=True)

    migration.mark_orders_that_issued_a_password(apps, None)

    issued = set(FilingOrder.objects.filter(password_issued=True).values_list("pk", flat=True))
    assert issued == {first.pk, new_claim.pk}
    assert {open_first.pk, joining_claim.pk, transfer.pk}.isdisjoint(issued)
