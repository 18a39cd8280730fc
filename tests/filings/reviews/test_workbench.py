"""The staff review workbench (SPEC 3.10): the queue per stage, overdue first; one order with its
materials, documents and the pre-check's answer; approve, or reject with a reason."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from filings.models import FilingOrder, MessageKind, PhoneMessage, Stage
from icpconsole.core import clock
from tests.factories import UserFactory
from tests.filings.factories import FilingOrderFactory

from .conftest import submitted_first_filing

pytestmark = pytest.mark.django_db

QUEUE = "/console/icp/review/"


def _waiting(stage: str, due_in_hours: float | None):
    now = clock.now()
    due = None if due_in_hours is None else now + dt.timedelta(hours=due_in_hours)
    return FilingOrderFactory(status=stage, due_time=due)


def _row_ids(html: str) -> list[int]:
    import re

    return [int(n) for n in re.findall(r'<tr data-order-id="(\d+)"', html)]


@pytest.fixture
def staff_console(client, staff):
    client.force_login(staff)
    return client


def test_the_queue_lists_waiting_orders_overdue_first_then_by_due_time(staff_console):
    later = _waiting(Stage.SUBMITTED, 30)
    overdue_bureau = _waiting(Stage.BUREAU_REVIEW, -2)
    soon = _waiting(Stage.SUBMITTED, 1)
    most_overdue = _waiting(Stage.SUBMITTED, -48)
    _waiting(Stage.DRAFT, None)
    _waiting(Stage.PENDING_SMS, None)

    response = staff_console.get(QUEUE)

    assert response.status_code == 200
    html = response.content.decode()
    assert _row_ids(html) == [most_overdue.pk, overdue_bureau.pk, soon.pk, later.pk]
    assert html.count('data-overdue="yes"') == 2
    assert 'data-stage-count="submitted" data-total="3" data-overdue="1"' in html
    assert 'data-stage-count="bureau_review" data-total="1" data-overdue="1"' in html

    bureau = staff_console.get(QUEUE + "?status=bureau_review").content.decode()
    assert _row_ids(bureau) == [overdue_bureau.pk]


def test_the_queue_costs_the_same_queries_for_2_or_20_orders(staff_console):
    for hours in (1, 2):
        _waiting(Stage.SUBMITTED, hours)
    staff_console.get(QUEUE)
    with CaptureQueriesContext(connection) as few:
        staff_console.get(QUEUE)
    for hours in range(18):
        _waiting(Stage.BUREAU_REVIEW, hours - 9)
    with CaptureQueriesContext(connection) as many:
        response = staff_console.get(QUEUE)

    assert len(_row_ids(response.content.decode())) == 20
    assert len(many) == len(few)


def test_only_staff_reach_the_workbench(client, user):
    order = _waiting(Stage.SUBMITTED, 1)
    assert client.get(QUEUE).status_code == 302  # anonymous: to the log-in page
    client.force_login(user)
    assert client.get(QUEUE).status_code == 403
    assert client.get(f"{QUEUE}{order.pk}/").status_code == 403
    response = client.post(f"{QUEUE}{order.pk}/", {"decision": "approve"})
    assert response.status_code == 403
    assert FilingOrder.objects.get(pk=order.pk).status == Stage.SUBMITTED
    assert 'data-nav="review-workbench"' not in client.get("/console/").content.decode()


def test_staff_see_the_link_in_the_navigation(staff_console):
    assert 'data-nav="review-workbench"' in staff_console.get("/console/").content.decode()


def test_the_order_page_shows_materials_documents_and_the_precheck(staff_console, user):
    order = submitted_first_filing(user)

    response = staff_console.get(f"{QUEUE}{order.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "example.cn" in html
    assert order.subject.certificate_number in html
    assert order.subject_leader["name"] in html
    assert "data-check-passed" in html
    for kind in order.documents.values_list("kind", flat=True):
        url = f"/console/filings/{order.pk}/documents/{kind}/"
        assert url in html
        assert staff_console.get(url).status_code == 200  # staff see the image
    assert 'name="reason_code"' in html


def test_the_order_page_shows_what_fails_the_precheck_now(staff_console, user):
    order = submitted_first_filing(user)
    order.documents.filter(kind="leader_id_front").delete()

    html = staff_console.get(f"{QUEUE}{order.pk}/").content.decode()

    assert 'data-reason-code="DOCUMENT_MISSING"' in html
    assert "data-check-passed" not in html


def test_approving_the_initial_review_sends_the_sms_code(staff_console, user):
    order = submitted_first_filing(user)

    response = staff_console.post(f"{QUEUE}{order.pk}/", {"decision": "approve"})

    assert response.status_code == 302 and response["Location"] == QUEUE
    order.refresh_from_db()
    assert order.status == Stage.PENDING_SMS
    assert PhoneMessage.objects.filter(order=order, kind=MessageKind.SMS_CODE).exists()


def test_rejecting_with_a_catalogued_reason(staff_console, user):
    order = submitted_first_filing(user)

    staff_console.post(f"{QUEUE}{order.pk}/", {"decision": "reject", "reason_code": "DOMAIN_HOLDER_MISMATCH"})

    order.refresh_from_db()
    assert order.status == Stage.RETURNED and order.reason_code == "DOMAIN_HOLDER_MISMATCH"


def test_rejecting_with_free_text_only(staff_console, user):
    order = submitted_first_filing(user)

    staff_console.post(f"{QUEUE}{order.pk}/", {"decision": "reject", "reason": "Logo is blurry"})

    order.refresh_from_db()
    assert order.status == Stage.RETURNED and order.reason == "Logo is blurry" and order.reason_code == ""


def test_rejecting_without_any_reason_is_a_form_error(staff_console, user):
    order = submitted_first_filing(user)

    response = staff_console.post(f"{QUEUE}{order.pk}/", {"decision": "reject", "reason": "  "})

    assert response.status_code == 400
    assert "Choose a rejection reason from the catalogue or write one." in response.content.decode()
    assert FilingOrder.objects.get(pk=order.pk).status == Stage.SUBMITTED


def test_deciding_an_order_already_decided_says_so(staff_console, user, staff):
    from filings import services

    order = submitted_first_filing(user)
    services.filing_review(actor=staff, order_id=order.pk, decision="approve")

    response = staff_console.post(f"{QUEUE}{order.pk}/", {"decision": "approve"})

    assert response.status_code == 409
    assert "data-not-in-review" in response.content.decode()


def test_a_staff_member_from_another_account_sees_every_order(client):
    reviewer = UserFactory(is_staff=True)
    order = _waiting(Stage.SUBMITTED, 1)
    client.force_login(reviewer)
    assert client.get(f"{QUEUE}{order.pk}/").status_code == 200
    assert client.get(f"{QUEUE}999999/").status_code == 404
