"""List pages keep a constant number of queries as rows grow (measured at 3 rows, held at 30)."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from icpconsole.core.audit import audit_record
from tests.factories import InstanceFactory, ServiceCodeFactory

pytestmark = pytest.mark.django_db

# Varied rows, so that every branch a row can take (reasons, remedies, account-wide quota, codes)
# is on the page; the first three already take every branch that costs a query.
INSTANCE_KINDS = [
    {"product_id": "elastic_web_hosting", "months": 12},
    {"charge_type": "PostPaid"},
    {"status": "Stopped"},
    {},
    {"region_id": "cn-hongkong"},
    {"internet_max_bandwidth_out": 0, "public_ip_address": None},
]


def add_instances(user, n):
    kinds = itertools.cycle(INSTANCE_KINDS)
    for _ in range(n):
        instance = InstanceFactory(owner=user, **next(kinds))
        if instance.product.quota_scope == "instance" and instance.charge_type == "PrePaid":
            ServiceCodeFactory(instance=instance)


def add_codes(user, n):
    statuses = itertools.cycle(["unused", "filing", "used", "deleted"])
    for _ in range(n):
        ServiceCodeFactory(instance=InstanceFactory(owner=user), status=next(statuses))


def add_events(user, n):
    instance = InstanceFactory(owner=user)
    for i in range(n):
        audit_record(actor=user, account=user, action="instance.renew", target=instance, details={"i": i})


PAGES = [
    ("/console/icp/application/", add_instances),
    ("/console/instances/", add_instances),
    ("/console/icp/codes/", add_codes),
    ("/console/operation-log/", add_events),
    ("/console/", add_instances),
]


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize(("url", "add_rows"), PAGES)
def test_page_queries_do_not_grow_with_rows(console, user, django_assert_max_num_queries, url, add_rows):
    add_rows(user, 3)
    at_three = count_queries(console, url)
    assert at_three <= 10  # session, user, clock, count, rows, a few aggregates

    add_rows(user, 27)

    with django_assert_max_num_queries(at_three):
        assert console.get(url).status_code == 200


def test_ram_user_application_page_queries_do_not_grow(client, user, ram_user, django_assert_max_num_queries):
    client.force_login(ram_user)
    add_instances(user, 3)
    at_three = count_queries(client, "/console/icp/application/")

    add_instances(user, 27)

    with django_assert_max_num_queries(at_three):
        client.get("/console/icp/application/")
