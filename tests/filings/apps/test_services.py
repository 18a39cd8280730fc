"""An app filed through the services (SPEC 3.11): numbers, codes, registry, cancellation."""

import pytest

from filings import services
from filings.models import FilingOrder, OrderType, RegistryRecord, ServiceType, Website
from servicecodes.models import CodeStatus, ServiceCode
from tests.filings import flows

from . import apps

pytestmark = pytest.mark.django_db


def test_first_filing_with_an_app(user, staff, instance):
    order = services.filing_create_first_app(
        actor=user, subject=flows.subject_data(), app={**apps.app_data(), "instance_id": instance.instance_id}
    )
    assert (
        order.type == OrderType.FIRST_FILING
        and order.domain == ""
        and order.app["platforms"] == ["android", "ios"]
    )
    code = ServiceCode.objects.get(pk=order.service_code_id)
    assert code.status == CodeStatus.FILING
    order = apps.approve(order, staff=staff)
    app = order.website
    assert app.service_type == ServiceType.APP and app.domain == ""
    assert app.icp_number == f"{order.subject.icp_number}-1A"
    assert app.package_name == "cn.example.shop" and app.signature_sha1 == apps.SHA1
    code.refresh_from_db()
    assert code.status == CodeStatus.USED and code.icp_number == app.icp_number
    record = RegistryRecord.objects.get(icp_number=app.icp_number)
    assert record.app_name == "示例应用" and record.domain == ""


def test_numbers_shared_with_websites_and_cancel(user, staff, filed, second_instance, third_instance):
    order = apps.add_app(user, staff=staff, instance=second_instance)
    subject = filed["subject"]
    assert order.type == OrderType.ADD_APP
    assert order.website.icp_number == f"{subject.icp_number}-2A"
    website = flows.add_website(user, staff=staff, domain="second.cn", instance=third_instance)
    assert website.website.icp_number == f"{subject.icp_number}-3"
    cancel = services.filing_create_cancel_app(
        actor=user, icp_password=filed["password"], app_id=order.website.pk
    )
    assert cancel.type == OrderType.CANCEL_APP
    flows.approve(cancel, staff=staff)
    app = Website.objects.get(pk=order.website.pk)
    assert app.status == "cancelled"
    assert ServiceCode.objects.get(pk=app.service_code_id).status == CodeStatus.DELETED
    assert not RegistryRecord.objects.filter(icp_number=app.icp_number, status="valid").exists()
    assert FilingOrder.objects.filter(type=OrderType.CANCEL_APP, status="approved").count() == 1
