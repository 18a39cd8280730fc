"""Instances over the API: purchase and its refusals (SPEC 3.4, 4.2)."""

import datetime as dt

import pytest
import time_machine

from instances.models import Instance
from tests.api.instances_helpers import JAN_15_10AM_SHANGHAI, UTC, buy, purchase_body, url

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
