"""Instances over the API: purchase, actions, refusals, scoping, lists (SPEC 3.4, 4.2)."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from instances.models import Instance, InstanceOrder
from tests.factories import InstanceFactory, ServiceCodeFactory

UTC = dt.UTC
# 10:00 on 15 January 2025 in Asia/Shanghai.
JAN_15_10AM_SHANGHAI = dt.datetime(2025, 1, 15, 2, 0, tzinfo=UTC)

INSTANCE_FIELDS = {
    "instance_id",
    "name",
    "product",
    "region_id",
    "region_name",
    "charge_type",
    "status",
    "created_time",
    "expired_time",
    "internet_max_bandwidth_out",
    "public_ip_address",
    "owner_uid",
    "orders",
    "service_code_quota",
    "service_codes_issued",
    "eligibility",
}


def purchase_body(**changes):
    body = {
        "product": "ecs",
        "region_id": "cn-hangzhou",
        "charge_type": "PrePaid",
        "period_months": 3,
        "internet_max_bandwidth_out": 5,
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not ...}


def buy(client, **changes):
    return client.post("/api/v1/instances/", purchase_body(**changes), format="json")


def url(instance_id, action=""):
    return f"/api/v1/instances/{instance_id}/" + (f"{action}/" if action else "")


# --- purchase ----------------------------------------------------------------------------------
def test_purchase_of_a_subscription_returns_the_instance(api, user):
    response = buy(api, name="web-1")
    assert response.status_code == 201
    data = response.json()
    assert set(data) == INSTANCE_FIELDS
    assert data["instance_id"].startswith("i-bp1") and len(data["instance_id"]) == 22
    assert response["Location"] == url(data["instance_id"])
    assert data["name"] == "web-1"
    assert data["product"] == "ecs" and data["region_id"] == "cn-hangzhou"
    assert data["region_name"] == "China (Hangzhou)"
    assert data["charge_type"] == "PrePaid" and data["status"] == "Running"
    assert data["owner_uid"] == user.uid
    assert data["service_code_quota"] == 5 and data["service_codes_issued"] == 0
    assert data["eligibility"] == {"can_apply": True, "reasons": []}
    assert [(o["kind"], o["months"], o["amount_rmb"]) for o in data["orders"]] == [("purchase", 3, "297.00")]
    assert Instance.objects.get(instance_id=data["instance_id"]).owner == user


@pytest.mark.parametrize(
    ("bought_at_utc", "months", "created", "expires"),
    [
        # Bought on 15 Jan (Shanghai): expires 00:00 on the day after 15 Apr.
        (JAN_15_10AM_SHANGHAI, 3, "2025-01-15T10:00:00+08:00", "2025-04-16T00:00:00+08:00"),
        # 00:30 on 1 Feb in Shanghai is still 31 Jan in UTC: Shanghai's date counts.
        (
            dt.datetime(2025, 1, 31, 16, 30, tzinfo=UTC),
            3,
            "2025-02-01T00:30:00+08:00",
            "2025-05-02T00:00:00+08:00",
        ),
        # 31 Jan + 1 month is 28 Feb (calendar months), so it expires at 00:00 on 1 March.
        (
            dt.datetime(2025, 1, 31, 2, 0, tzinfo=UTC),
            1,
            "2025-01-31T10:00:00+08:00",
            "2025-03-01T00:00:00+08:00",
        ),
        (JAN_15_10AM_SHANGHAI, 36, "2025-01-15T10:00:00+08:00", "2028-01-16T00:00:00+08:00"),
    ],
)
def test_subscription_expires_at_midnight_shanghai_the_day_after_d_plus_n_months(
    api, bought_at_utc, months, created, expires
):
    with time_machine.travel(bought_at_utc, tick=False):
        data = buy(api, period_months=months).json()
    assert data["created_time"] == created
    assert data["expired_time"] == expires


def test_pay_as_you_go_has_no_expiry_and_no_months(api):
    data = buy(api, charge_type="PostPaid", period_months=...).json()
    assert data["charge_type"] == "PostPaid"
    assert data["expired_time"] is None
    assert [(o["kind"], o["months"], o["amount_rmb"]) for o in data["orders"]] == [("purchase", 0, "0.00")]
    assert [r["code"] for r in data["eligibility"]["reasons"]] == ["PAY_AS_YOU_GO"]


def test_pay_as_you_go_accepts_a_null_period(api):
    assert buy(api, charge_type="PostPaid", period_months=None).status_code == 201


def test_public_ip_is_assigned_iff_there_is_bandwidth(api):
    with_ip = buy(api, internet_max_bandwidth_out=5).json()
    without = buy(api, internet_max_bandwidth_out=0).json()
    assert with_ip["public_ip_address"].count(".") == 3
    assert without["public_ip_address"] is None
    assert [r["code"] for r in without["eligibility"]["reasons"]] == ["NO_PUBLIC_IP"]


def test_integral_numbers_and_digit_strings_are_accepted(api):
    data = buy(api, period_months="6", internet_max_bandwidth_out=2.0).json()
    assert data["orders"][0]["months"] == 6 and data["internet_max_bandwidth_out"] == 2


def test_name_defaults_to_product_and_id_suffix(api):
    data = buy(api).json()
    assert data["name"] == f"ecs-{data['instance_id'][-6:]}"


def test_slb_can_be_bought_but_never_qualifies(api):
    data = buy(api, product="slb").json()
    assert data["service_code_quota"] == 0
    assert [r["code"] for r in data["eligibility"]["reasons"]] == ["PRODUCT_NOT_SUPPORTED"]


def test_eligibility_reasons_carry_message_remedy_and_action(api):
    data = buy(
        api, region_id="cn-hongkong", charge_type="PostPaid", period_months=..., internet_max_bandwidth_out=0
    ).json()
    reasons = data["eligibility"]["reasons"]
    assert [r["code"] for r in reasons] == ["REGION_NOT_MAINLAND", "PAY_AS_YOU_GO", "NO_PUBLIC_IP"]
    assert all(set(r) == {"code", "message", "remedy", "remedy_action"} for r in reasons)
    assert "Hong Kong" in reasons[0]["message"]
    assert reasons[1]["remedy_action"] == "convert_to_prepaid"
    assert reasons[2]["message"] == "No available IPs for this ECS instance"
    assert data["eligibility"]["can_apply"] is False


def test_region_name_follows_the_request_language(api, instance):
    response = api.get(url(instance.instance_id), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.json()["region_name"] == "华东1（杭州）"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"region_id": "cn-atlantis"}, "INVALID_REGION"),
        ({"product": "mainframe"}, "INVALID_PRODUCT"),
        ({"charge_type": "Prepaid"}, "INVALID_CHARGE_TYPE"),
        ({"charge_type": "Monthly"}, "INVALID_CHARGE_TYPE"),
        ({"period_months": 0}, "INVALID_PERIOD"),
        ({"period_months": 37}, "INVALID_PERIOD"),
        ({"period_months": -1}, "INVALID_PERIOD"),
        ({"period_months": ...}, "INVALID_PERIOD"),
        ({"period_months": None}, "INVALID_PERIOD"),
        ({"charge_type": "PostPaid", "period_months": 3}, "INVALID_PERIOD"),
        ({"internet_max_bandwidth_out": -1}, "INVALID_BANDWIDTH"),
        ({"internet_max_bandwidth_out": 101}, "INVALID_BANDWIDTH"),
        ({"name": "x" * 129}, "INVALID_NAME"),
        ({"period_months": "abc"}, "VALIDATION_ERROR"),
        ({"period_months": 1.5}, "VALIDATION_ERROR"),
        ({"period_months": True}, "VALIDATION_ERROR"),
        ({"period_months": "3.0"}, "VALIDATION_ERROR"),
        ({"period_months": [3]}, "VALIDATION_ERROR"),
        ({"internet_max_bandwidth_out": "fast"}, "VALIDATION_ERROR"),
        ({"internet_max_bandwidth_out": False}, "VALIDATION_ERROR"),
        ({"internet_max_bandwidth_out": ...}, "VALIDATION_ERROR"),
        ({"product": ...}, "VALIDATION_ERROR"),
        ({"region_id": {"id": "cn-hangzhou"}}, "VALIDATION_ERROR"),
    ],
)
def test_bad_purchase_is_400_with_a_code_and_changes_nothing(api, db_unchanged, changes, code):
    with db_unchanged():
        response = buy(api, **changes)
    assert response.status_code == 400
    data = response.json()
    assert data["code"] == code
    assert data["message"]
    assert data["fields"]


def test_type_errors_name_the_field(api):
    data = buy(api, period_months="abc").json()
    assert list(data["fields"]) == ["period_months"]
    assert data["fields"]["period_months"] == ["A whole number is required."]


def test_malformed_json_is_400_and_changes_nothing(api, db_unchanged):
    with db_unchanged():
        response = api.post("/api/v1/instances/", '{"product": "ecs",', content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "MALFORMED_REQUEST"


def test_a_json_array_body_is_a_validation_error(api, db_unchanged):
    with db_unchanged():
        response = api.post("/api/v1/instances/", [purchase_body()], format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "VALIDATION_ERROR"


def test_form_encoded_bodies_are_refused(api, db_unchanged):
    with db_unchanged():
        response = api.post("/api/v1/instances/", purchase_body(), format="multipart")
    assert response.status_code == 415


def test_ram_user_cannot_buy(ram_api, db_unchanged):
    with db_unchanged():
        response = buy(ram_api)
    assert response.status_code == 403
    assert response.json()["code"] == "RAM_USER_READ_ONLY"


# --- actions -----------------------------------------------------------------------------------
def test_renew_extends_from_the_current_expiry_and_adds_an_order(api):
    with time_machine.travel(JAN_15_10AM_SHANGHAI, tick=False):
        instance_id = buy(api, period_months=3).json()["instance_id"]
        response = api.post(url(instance_id, "renew"), {"period_months": 2}, format="json")
    assert response.status_code == 200
    data = response.json()
    assert data["expired_time"] == "2025-06-16T00:00:00+08:00"
    assert [(o["kind"], o["months"], o["amount_rmb"]) for o in data["orders"]] == [
        ("purchase", 3, "297.00"),
        ("renewal", 2, "198.00"),
    ]


def test_renewing_an_expired_instance_counts_from_today_and_runs_again(api, advance_clock):
    with time_machine.travel(JAN_15_10AM_SHANGHAI, tick=False):
        instance_id = buy(api, period_months=3).json()["instance_id"]
        advance_clock(100)  # 25 April 2025
        assert api.get(url(instance_id)).json()["status"] == "Expired"
        data = api.post(url(instance_id, "renew"), {"period_months": 1}, format="json").json()
    assert data["status"] == "Running"
    assert data["expired_time"] == "2025-05-26T00:00:00+08:00"


def test_convert_to_prepaid_counts_as_buying_today(api):
    with time_machine.travel(JAN_15_10AM_SHANGHAI, tick=False):
        instance_id = buy(api, charge_type="PostPaid", period_months=...).json()["instance_id"]
        response = api.post(url(instance_id, "convert-to-prepaid"), {"period_months": 3}, format="json")
    assert response.status_code == 200
    data = response.json()
    assert data["charge_type"] == "PrePaid"
    assert data["expired_time"] == "2025-04-16T00:00:00+08:00"
    assert [o["kind"] for o in data["orders"]] == ["purchase", "conversion"]
    assert data["orders"][1]["charge_type"] == "PrePaid"
    assert data["eligibility"]["can_apply"] is True


def test_modify_bandwidth_assigns_and_releases_the_public_ip(api, instance):
    data = api.post(
        url(instance.instance_id, "modify-bandwidth"), {"internet_max_bandwidth_out": 0}, format="json"
    ).json()
    assert data["internet_max_bandwidth_out"] == 0 and data["public_ip_address"] is None
    assert [r["code"] for r in data["eligibility"]["reasons"]] == ["NO_PUBLIC_IP"]
    data = api.post(
        url(instance.instance_id, "modify-bandwidth"), {"internet_max_bandwidth_out": 10}, format="json"
    ).json()
    assert data["internet_max_bandwidth_out"] == 10 and data["public_ip_address"]
    assert data["eligibility"]["can_apply"] is True


def test_stop_and_start(api, instance):
    data = api.post(url(instance.instance_id, "stop")).json()
    assert data["status"] == "Stopped"
    assert [r["code"] for r in data["eligibility"]["reasons"]] == ["NOT_RUNNING"]
    data = api.post(url(instance.instance_id, "start")).json()
    assert data["status"] == "Running" and data["eligibility"]["can_apply"] is True


def test_release_keeps_the_instance_visible_as_released(api, instance):
    data = api.post(url(instance.instance_id, "release")).json()
    assert data["status"] == "Released"
    assert data["public_ip_address"] is None and data["internet_max_bandwidth_out"] == 0
    assert api.get(url(instance.instance_id)).json()["status"] == "Released"


def _refusal(client, instance_id, action, body=None):
    return client.post(url(instance_id, action), body or {}, format="json")


@pytest.mark.parametrize(
    ("arrange", "action", "body", "status", "code"),
    [
        ("postpaid", "renew", {"period_months": 1}, 409, "NOT_SUBSCRIPTION"),
        ("prepaid", "convert-to-prepaid", {"period_months": 1}, 409, "ALREADY_SUBSCRIPTION"),
        ("prepaid", "renew", {"period_months": 0}, 400, "INVALID_PERIOD"),
        ("prepaid", "renew", {"period_months": 37}, 400, "INVALID_PERIOD"),
        ("prepaid", "renew", {"period_months": "abc"}, 400, "VALIDATION_ERROR"),
        ("prepaid", "renew", {"period_months": 1.5}, 400, "VALIDATION_ERROR"),
        ("prepaid", "renew", {"period_months": True}, 400, "VALIDATION_ERROR"),
        ("prepaid", "renew", {}, 400, "VALIDATION_ERROR"),
        ("postpaid", "convert-to-prepaid", {"period_months": 99}, 400, "INVALID_PERIOD"),
        ("prepaid", "modify-bandwidth", {"internet_max_bandwidth_out": -5}, 400, "INVALID_BANDWIDTH"),
        ("prepaid", "modify-bandwidth", {"internet_max_bandwidth_out": 2.5}, 400, "VALIDATION_ERROR"),
        ("prepaid", "start", None, 409, "INCORRECT_INSTANCE_STATUS"),
        ("stopped", "stop", None, 409, "INCORRECT_INSTANCE_STATUS"),
        ("expired", "start", None, 409, "INSTANCE_EXPIRED"),
        ("expired", "modify-bandwidth", {"internet_max_bandwidth_out": 1}, 409, "INSTANCE_EXPIRED"),
        ("released", "renew", {"period_months": 1}, 409, "INSTANCE_RELEASED"),
        ("released", "convert-to-prepaid", {"period_months": 1}, 409, "INSTANCE_RELEASED"),
        ("released", "modify-bandwidth", {"internet_max_bandwidth_out": 1}, 409, "INSTANCE_RELEASED"),
        ("released", "stop", None, 409, "INSTANCE_RELEASED"),
        ("released", "start", None, 409, "INSTANCE_RELEASED"),
        ("released", "release", None, 409, "INSTANCE_RELEASED"),
        ("released", "service-codes", None, 409, "INSTANCE_RELEASED"),
    ],
)
def test_refused_action_has_a_code_and_changes_nothing(
    api, user, advance_clock, db_unchanged, arrange, action, body, status, code
):
    instance = InstanceFactory(
        owner=user,
        charge_type="PostPaid" if arrange == "postpaid" else "PrePaid",
        status={"stopped": "Stopped", "released": "Released"}.get(arrange, "Running"),
    )
    if arrange == "released":
        Instance.objects.filter(pk=instance.pk).update(public_ip_address=None, internet_max_bandwidth_out=0)
    if arrange == "expired":
        advance_clock(400)
    with db_unchanged():
        response = _refusal(api, instance.instance_id, action, body)
    assert response.status_code == status, response.json()
    assert response.json()["code"] == code
    assert response.json()["message"]


def test_malformed_json_on_an_action_is_400_and_changes_nothing(api, instance, db_unchanged):
    with db_unchanged():
        response = api.post(url(instance.instance_id, "renew"), "{", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "MALFORMED_REQUEST"


@pytest.mark.parametrize(
    ("action", "body"),
    [
        ("renew", {"period_months": 1}),
        ("convert-to-prepaid", {"period_months": 1}),
        ("modify-bandwidth", {"internet_max_bandwidth_out": 1}),
        ("stop", None),
        ("start", None),
        ("release", None),
    ],
)
def test_ram_user_cannot_act_on_its_accounts_instance(ram_api, instance, db_unchanged, action, body):
    with db_unchanged():
        response = _refusal(ram_api, instance.instance_id, action, body)
    assert response.status_code == 403
    assert response.json()["code"] == "RAM_USER_READ_ONLY"


def test_instance_actions_are_post_only(api, instance):
    assert api.get(url(instance.instance_id, "renew")).status_code == 405
    assert api.delete(url(instance.instance_id)).status_code == 405
    assert api.put(url(instance.instance_id), {}, format="json").status_code == 405


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
