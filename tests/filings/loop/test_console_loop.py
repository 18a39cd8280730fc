"""SPEC 3.12 in the console: the returned order's page (reasons, Modify, document replacement,
Resubmit) and the staff workbench's changes since the last round."""

import pytest
from django.test import Client

from filings import services
from filings.models import FilingOrder, Stage
from tests.filings import flows
from tests.filings.materials import upload
from tests.filings.reviews.conftest import submitted_first_filing

pytestmark = pytest.mark.django_db


@pytest.fixture
def returned(staff):
    order = submitted_first_filing()
    services.filing_review(actor=staff, order_id=order.pk, decision="reject", reason_code="MATERIALS_UNCLEAR")
    return FilingOrder.objects.get(pk=order.pk)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_returned_order_page_lists_the_reasons_with_modify_and_resubmit(returned):
    page = logged_in(returned.created_by).get(f"/console/filings/{returned.pk}/").content.decode()

    assert 'data-section="returned"' in page
    assert "data-return-reasons" in page
    assert 'data-action="modify"' in page
    assert 'data-action="resubmit"' in page
    assert 'data-upload="leader_id_front"' in page  # documents can be replaced
    assert 'data-action="submit"' not in page


def test_the_returned_order_page_in_chinese(returned):
    client = logged_in(returned.created_by)
    page = client.get(f"/console/filings/{returned.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert "退回" in page
    assert "重新提交" in page


def test_modify_is_prefilled_and_saves_through_the_pre_check(returned):
    client = logged_in(returned.created_by)
    form = client.get(f"/console/filings/{returned.pk}/modify/").content.decode()
    assert 'value="示例网站"' in form

    refused = client.post(
        f"/console/filings/{returned.pk}/modify/",
        {
            "website-name": "12345",
            "website-content_category": "company",
            "website-leader_is_subject_leader": "on",
            **{f"leader-{k}": v for k, v in returned.subject_leader.items()},
        },
    )
    assert refused.status_code == 200
    assert "WEBSITE_NAME_INVALID" in refused.content.decode() or "data-reason" in refused.content.decode()
    assert FilingOrder.objects.get(pk=returned.pk).website_name == "示例网站"

    saved = client.post(
        f"/console/filings/{returned.pk}/modify/",
        {
            "website-name": "新的示例网站",
            "website-content_category": "company",
            "website-leader_is_subject_leader": "on",
            **{f"leader-{k}": v for k, v in returned.subject_leader.items()},
        },
    )
    assert saved.status_code == 302
    assert FilingOrder.objects.get(pk=returned.pk).website_name == "新的示例网站"


def test_modify_is_refused_in_review_and_for_another_account(returned, other_user):
    assert logged_in(other_user).get(f"/console/filings/{returned.pk}/modify/").status_code == 404
    services.filing_submit(actor=returned.created_by, order_id=returned.pk)
    response = logged_in(returned.created_by).get(f"/console/filings/{returned.pk}/modify/")
    assert response.status_code == 302


def test_resubmit_then_the_workbench_shows_what_changed(returned, staff):
    client = logged_in(returned.created_by)
    services.filing_update(actor=returned.created_by, order_id=returned.pk, website={"name": "新的示例网站"})
    photo = {"kind": "leader_id_front", "file": upload()}
    client.post(f"/console/filings/{returned.pk}/documents/", photo)

    response = client.post(f"/console/filings/{returned.pk}/submit/")

    assert response.status_code == 302
    order = FilingOrder.objects.get(pk=returned.pk)
    assert (order.status, order.round) == (Stage.SUBMITTED, 2)
    page = logged_in(staff).get(f"/console/icp/review/{order.pk}/").content.decode()
    assert 'data-section="round-changes"' in page
    assert 'data-changed-field="website_name"' in page
    assert "新的示例网站" in page and "示例网站" in page
    assert 'data-changed-document="leader_id_front"' in page
    assert 'data-changed-field="content_category"' not in page


def test_a_first_round_shows_no_changes(staff):
    order = submitted_first_filing()
    page = logged_in(staff).get(f"/console/icp/review/{order.pk}/").content.decode()
    assert 'data-section="round-changes"' not in page


def test_the_sms_code_five_times_wrong_in_the_console_returns_the_order(staff):
    order = submitted_first_filing()
    services.filing_review(actor=staff, order_id=order.pk, decision="approve")
    client = logged_in(order.created_by)
    for _ in range(5):
        client.post(f"/console/filings/{order.pk}/verify-sms/", {"code": "000000"})
    assert FilingOrder.objects.get(pk=order.pk).status == Stage.RETURNED
    assert flows  # the helpers drive the other flows
