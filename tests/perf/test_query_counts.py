"""Every list page and list endpoint costs the same number of queries at 5 rows as at 50 (issue 7).

The rows are varied so that each branch a row can take is on the page: every eligibility reason,
codes on some instances, the account-wide quota of elastic web hosting. A query per row (N+1)
shows up as a difference; ``bench/`` measures what these queries cost at 10,000 instances.
"""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from icpconsole.core.audit import audit_record
from servicecodes.models import ServiceCode
from servicecodes.selectors import quota_key_for
from tests.factories import InstanceFactory, ServiceCodeFactory

pytestmark = pytest.mark.django_db

FEW, MANY = 5, 50

# One of each kind of row the application page and the instance list can show.
INSTANCE_KINDS = [
    {},
    {"product_id": "elastic_web_hosting"},
    {"charge_type": "PostPaid"},
    {"status": "Stopped"},
    {"region_id": "cn-hongkong"},
    {"internet_max_bandwidth_out": 0, "public_ip_address": None},
    {"months": 1},
    {"product_id": "slb"},
    {"product_id": "marketplace_site"},
    {"status": "Released"},
]
CODE_STATUSES = ["unused", "filing", "used", "deleted"]


def add_instances(user, n: int, kinds=INSTANCE_KINDS) -> None:
    """``n`` instances of ``kinds`` in turn, a code issued on every other one that can have one."""
    cycle = itertools.cycle(kinds)
    for k in range(n):
        instance = InstanceFactory(owner=user, **next(cycle))
        if k % 2 == 0:
            add_code_if_quota_left(instance)


def add_code_if_quota_left(instance) -> None:
    key = quota_key_for(instance)
    if ServiceCode.objects.filter(quota_key=key).count() < instance.product.quota:
        ServiceCodeFactory(instance=instance)


def add_codes(user, n: int) -> None:
    statuses = itertools.cycle(CODE_STATUSES)
    for _ in range(n):
        ServiceCodeFactory(instance=InstanceFactory(owner=user), status=next(statuses))


def add_events(user, n: int) -> None:
    instance = InstanceFactory(owner=user)
    for k in range(n):
        audit_record(actor=user, account=user, action="instance.renew", target=instance, details={"k": k})


def queries(client, url: str, params=None) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx), [q["sql"] for q in ctx.captured_queries]


def assert_same_queries(client, user, url: str, add_rows, params=None) -> int:
    add_rows(user, FEW)
    few, few_sql = queries(client, url, params)
    add_rows(user, MANY - FEW)
    many, many_sql = queries(client, url, params)
    assert many == few, f"{url}: {few} queries at {FEW} rows, {many} at {MANY}:\n" + "\n".join(many_sql)
    return many


# The API lists are read 100 to a page, so all 50 rows are on it; console pages show 20.
@pytest.mark.parametrize(
    ("url", "add_rows", "params"),
    [
        ("/console/icp/application/", add_instances, None),
        ("/console/icp/codes/", add_codes, None),
        ("/console/instances/", add_instances, None),
        ("/console/operation-log/", add_events, None),
    ],
)
def test_console_list_page_queries_do_not_grow_with_rows(console, user, url, add_rows, params):
    assert_same_queries(console, user, url, add_rows, params)


@pytest.mark.parametrize(
    ("url", "add_rows"),
    [
        ("/api/v1/instances/", add_instances),
        ("/api/v1/service-codes/", add_codes),
        ("/api/v1/audit-events/", add_events),
    ],
)
def test_api_list_queries_do_not_grow_with_rows(api, user, url, add_rows):
    assert_same_queries(api, user, url, add_rows, {"page_size": 100})


def test_ram_user_sees_the_application_page_in_as_many_queries(client, user, ram_user):
    client.force_login(ram_user)
    assert_same_queries(client, user, "/console/icp/application/", add_instances)


def test_application_page_queries_do_not_change_with_account_scoped_products(console, user, other_user):
    """Elastic web hosting counts its codes per account: the page's count of codes issued must
    come from the same query as the per-instance ones, not one more."""
    add_instances(user, 10, kinds=[{}])
    per_instance_only, _ = queries(console, "/console/icp/application/")

    add_instances(user, 10, kinds=[{"product_id": "elastic_web_hosting"}])
    mixed, mixed_sql = queries(console, "/console/icp/application/")

    assert mixed == per_instance_only, "\n".join(mixed_sql)


def test_instances_api_queries_do_not_change_with_account_scoped_products(api, user):
    add_instances(user, 10, kinds=[{}])
    per_instance_only, _ = queries(api, "/api/v1/instances/", {"page_size": 100})

    add_instances(user, 10, kinds=[{"product_id": "elastic_web_hosting"}])
    mixed, mixed_sql = queries(api, "/api/v1/instances/", {"page_size": 100})

    assert mixed == per_instance_only, "\n".join(mixed_sql)



def test_long_lists_are_read_in_batches_with_the_same_decisions(user, monkeypatch, django_assert_num_queries):
    """The filing wizard decides for every instance of the account at once: the grouped reads are
    split so that no query outgrows SQLite's limit on parameters, and decide the same."""
    from icpconsole.core import clock
    from instances.selectors import instances_visible_to
    from servicecodes import selectors

    add_instances(user, 7)
    now = clock.now()

    def decide():
        rows = selectors.with_eligibility(list(instances_visible_to(user)), viewer=user, now=now)
        return [(row.instance_id, row.codes_issued, row.eligibility.codes) for row in rows]

    in_one = decide()
    monkeypatch.setattr(selectors, "BATCH_SIZE", 3)
    rows = list(instances_visible_to(user))
    with django_assert_num_queries(3 + 3):  # the orders and the codes, each in 3 batches
        selectors.with_eligibility(rows, viewer=user, now=now)
    assert decide() == in_one
