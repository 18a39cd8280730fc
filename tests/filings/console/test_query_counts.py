"""The filing list pages keep a constant number of queries as rows grow (3 rows vs 30)."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from filings.models import OrderType, Stage
from tests.filings.factories import (
    FilingOrderFactory,
    OrderEventFactory,
    PhoneMessageFactory,
    SubjectFactory,
    WebsiteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def subject(user):
    return SubjectFactory(account=user)


def add_orders(user, subject, n):
    statuses = itertools.cycle([Stage.APPROVED, Stage.REJECTED, Stage.ABANDONED])
    for _ in range(n):
        website = WebsiteFactory(subject=subject)
        order = FilingOrderFactory(
            account=user,
            subject=subject,
            creates_subject=False,
            type=OrderType.ADD_WEBSITE,
            status=next(statuses),
            website=website,
            domain=website.domain,
            instance=website.instance,
            service_code=website.service_code,
        )
        OrderEventFactory(order=order, from_status=Stage.DRAFT, to_status=Stage.SUBMITTED)


def add_websites(user, subject, n):
    for i in range(n):
        WebsiteFactory(subject=subject, status="active" if i % 3 else "cancelled")
        SubjectFactory(account=user, status="withdrawn", icp_number="")


def add_messages(user, subject, n):
    kinds = itertools.cycle(["sms_code", "filing_password"])
    for _ in range(n):
        PhoneMessageFactory(account=user, kind=next(kinds))


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize(
    ("url", "add_rows"),
    [
        ("/console/filings/", add_orders),
        ("/console/filings/?status=approved", add_orders),
        ("/console/subjects/", add_websites),
        ("/console/inbox/", add_messages),
    ],
)
def test_page_queries_do_not_grow_with_rows(
    console, user, subject, django_assert_max_num_queries, url, add_rows
):
    add_rows(user, subject, 3)
    at_three = count_queries(console, url)
    assert at_three <= 10

    add_rows(user, subject, 27)

    with django_assert_max_num_queries(at_three):
        assert console.get(url).status_code == 200


def test_order_detail_queries_do_not_grow_with_history(console, user, subject, django_assert_max_num_queries):
    add_orders(user, subject, 1)
    order = user.filing_orders.get()
    at_two = count_queries(console, f"/console/filings/{order.pk}/")
    for _ in range(20):
        OrderEventFactory(order=order, from_status=Stage.DRAFT, to_status=Stage.SUBMITTED)

    with django_assert_max_num_queries(at_two):
        assert console.get(f"/console/filings/{order.pk}/").status_code == 200
