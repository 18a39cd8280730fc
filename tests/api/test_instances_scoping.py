"""Instances over the API: scoping, and lists with pagination, filters and query counts (SPEC 3.4, 4.2)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from instances.models import InstanceOrder
from tests.api.instances_helpers import JAN_15_10AM_SHANGHAI, url
from tests.factories import InstanceFactory, ServiceCodeFactory


# --- scoping -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("method", "action", "body"),
    [
        ("get", "", None),
        ("post", "renew", {"period_months": 1}),
        ("post", "renew", {"period_months": "abc"}),  # 404 wins over a bad body
        ("post", "convert-to-prepaid", {"period_months": 1}),
        ("post", "modify-bandwidth", {"internet_max_bandwidth_out": 1}),
        ("post", "stop", None),
        ("post", "start", None),
        ("post", "release", None),
        ("post", "service-codes", None),
    ],
)
def test_another_accounts_instance_is_404_everywhere(other_api, instance, db_unchanged, method, action, body):
    with db_unchanged():
        response = getattr(other_api, method)(url(instance.instance_id, action), body or {}, format="json")
    assert response.status_code == 404
    assert response.json()["code"] == "INSTANCE_NOT_FOUND"


def test_unknown_instance_is_404(api):
    assert api.get(url("i-bp1doesnotexist00000")).status_code == 404


def test_list_shows_only_the_callers_instances(api, other_api, instance, other_user):
    InstanceFactory(owner=other_user)
    assert [row["instance_id"] for row in api.get("/api/v1/instances/").json()["results"]] == [
        instance.instance_id
    ]
    assert other_api.get("/api/v1/instances/").json()["count"] == 1


def test_ram_user_sees_its_accounts_instances_but_cannot_apply(ram_api, instance):
    listed = ram_api.get("/api/v1/instances/").json()["results"]
    assert [row["instance_id"] for row in listed] == [instance.instance_id]
    detail = ram_api.get(url(instance.instance_id)).json()
    assert detail["eligibility"]["can_apply"] is False
    assert [r["code"] for r in detail["eligibility"]["reasons"]] == ["NOT_PURCHASER_ACCOUNT"]


# --- list: pagination, filters, queries --------------------------------------------------------
def test_list_is_paginated_newest_first(api, user):
    old = InstanceFactory(owner=user, created_time=JAN_15_10AM_SHANGHAI)
    new = InstanceFactory(owner=user)
    data = api.get("/api/v1/instances/", {"page_size": 1}).json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["count"] == 2 and len(data["results"]) == 1
    assert data["results"][0]["instance_id"] == new.instance_id
    assert api.get(data["next"]).json()["results"][0]["instance_id"] == old.instance_id


def test_list_page_size_is_capped_at_100(api, user):
    InstanceFactory.create_batch(101, owner=user)
    data = api.get("/api/v1/instances/", {"page_size": 1000}).json()
    assert data["count"] == 101 and len(data["results"]) == 100 and data["next"]


def test_list_filters(api, user, advance_clock):
    running = InstanceFactory(owner=user, months=12)
    stopped = InstanceFactory(owner=user, months=12, status="Stopped")
    released = InstanceFactory(
        owner=user, status="Released", internet_max_bandwidth_out=0, public_ip_address=None
    )
    short = InstanceFactory(owner=user, months=1, region_id="cn-hongkong", product_id="sas")
    postpaid = InstanceFactory(owner=user, charge_type="PostPaid", product_id="nat_gateway")
    advance_clock(40)  # ``short`` expires

    def ids(**params):
        return {row["instance_id"] for row in api.get("/api/v1/instances/", params).json()["results"]}

    assert ids(status="Running") == {running.instance_id, postpaid.instance_id}
    assert ids(status="Stopped") == {stopped.instance_id}
    assert ids(status="Expired") == {short.instance_id}
    assert ids(status="Released") == {released.instance_id}
    assert ids(region_id="cn-hongkong") == {short.instance_id}
    assert ids(product="nat_gateway") == {postpaid.instance_id}
    assert ids(charge_type="PostPaid") == {postpaid.instance_id}
    assert ids(charge_type="PrePaid", status="Running") == {running.instance_id}
    assert ids(region_id="nowhere") == set()


@pytest.mark.parametrize(
    ("param", "code"), [("status", "INVALID_STATUS"), ("charge_type", "INVALID_CHARGE_TYPE")]
)
def test_list_refuses_an_unknown_filter_value(api, param, code):
    response = api.get("/api/v1/instances/", {param: "bogus"})
    assert response.status_code == 400
    assert response.json()["code"] == code


def test_expired_status_after_the_clock_moves_400_days(api, instance, advance_clock):
    advance_clock(400)
    data = api.get(url(instance.instance_id)).json()
    assert data["status"] == "Expired"
    assert [r["code"] for r in data["eligibility"]["reasons"]] == ["EXPIRED"]


def _arrange_instances(owner, count):
    products = ["ecs", "elastic_web_hosting", "nat_gateway", "slb", "iot_package"]
    for n in range(count):
        instance = InstanceFactory(
            owner=owner,
            product_id=products[n % len(products)],
            charge_type="PostPaid" if n % 7 == 3 else "PrePaid",
        )
        InstanceOrder.objects.create(
            instance=instance,
            kind="renewal",
            charge_type=instance.charge_type,
            months=1,
            amount_rmb=10,
            created_time=instance.created_time,
        )
        if n % 2 == 0 and instance.product.quota:
            ServiceCodeFactory(instance=instance)


def _queries_for_list(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/api/v1/instances/", {"page_size": 100})
    assert response.status_code == 200
    return len(ctx), response.json()


@pytest.mark.parametrize("as_ram_user", [False, True])
def test_list_query_count_is_constant_as_rows_grow(api, ram_api, user, as_ram_user):
    client = ram_api if as_ram_user else api
    _arrange_instances(user, 3)
    few, data = _queries_for_list(client)
    assert data["count"] == 3
    _arrange_instances(user, 27)
    many, data = _queries_for_list(client)
    assert data["count"] == 30
    assert all(len(row["orders"]) == 2 for row in data["results"])
    assert many == few
    assert many <= 8
