"""Service codes over the API: apply, quota, reading, and the quota under parallel requests
(SPEC 3.5, 3.6, 4.2)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from servicecodes.models import ServiceCode
from tests.factories import InstanceFactory, ServiceCodeFactory, UserFactory
from tests.races import api_client, errors, repeated

CODE_FORMAT = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def apply(client, instance_id):
    return client.post(f"/api/v1/instances/{instance_id}/service-codes/")


# --- apply -------------------------------------------------------------------------------------
def test_apply_issues_an_unused_code_in_uuid_format(api, instance):
    response = apply(api, instance.instance_id)
    assert response.status_code == 201
    data = response.json()
    assert set(data) == {"code", "instance_id", "status", "created_time"}
    assert CODE_FORMAT.match(data["code"])
    assert data["instance_id"] == instance.instance_id and data["status"] == "unused"
    assert ServiceCode.objects.get(code=data["code"]).instance == instance


def test_ecs_quota_is_five_then_409_quota_exhausted(api, instance):
    codes = [apply(api, instance.instance_id) for _ in range(5)]
    assert [r.status_code for r in codes] == [201] * 5
    assert len({r.json()["code"] for r in codes}) == 5
    refused = apply(api, instance.instance_id)
    assert refused.status_code == 409
    data = refused.json()
    assert data["code"] == "NOT_ELIGIBLE" and data["message"]
    assert [r["code"] for r in data["reasons"]] == ["QUOTA_EXHAUSTED"]
    assert data["reasons"][0]["message"]
    assert ServiceCode.objects.filter(instance=instance).count() == 5
    detail = api.get(f"/api/v1/instances/{instance.instance_id}/").json()
    assert detail["service_codes_issued"] == 5 and detail["eligibility"]["can_apply"] is False


def test_nat_gateway_quota_is_two(api):
    instance_id = api.post(
        "/api/v1/instances/",
        {
            "product": "nat_gateway",
            "region_id": "cn-shanghai",
            "charge_type": "PrePaid",
            "period_months": 1,
            "internet_max_bandwidth_out": 1,
        },
        format="json",
    ).json()["instance_id"]
    assert [apply(api, instance_id).status_code for _ in range(3)] == [201, 201, 409]


def test_used_and_deleted_codes_keep_their_quota_slots(api, instance):
    for status in ("used", "deleted", "filing", "unused", "used"):
        ServiceCodeFactory(instance=instance, status=status)
    response = apply(api, instance.instance_id)
    assert response.status_code == 409
    assert [r["code"] for r in response.json()["reasons"]] == ["QUOTA_EXHAUSTED"]


def test_ineligible_instance_is_409_with_every_reason_and_nothing_issued(api, user, db_unchanged):
    instance = InstanceFactory(
        owner=user,
        region_id="cn-hongkong",
        charge_type="PostPaid",
        internet_max_bandwidth_out=0,
        public_ip_address=None,
    )
    with db_unchanged():
        response = apply(api, instance.instance_id)
    assert response.status_code == 409
    assert response.json()["code"] == "NOT_ELIGIBLE"
    assert [r["code"] for r in response.json()["reasons"]] == [
        "REGION_NOT_MAINLAND",
        "PAY_AS_YOU_GO",
        "NO_PUBLIC_IP",
    ]


def test_expired_instance_is_refused_with_expired(api, instance, advance_clock):
    advance_clock(400)
    response = apply(api, instance.instance_id)
    assert response.status_code == 409
    assert [r["code"] for r in response.json()["reasons"]] == ["EXPIRED"]


def test_ram_user_apply_is_409_not_purchaser(ram_api, instance, db_unchanged):
    with db_unchanged():
        response = apply(ram_api, instance.instance_id)
    assert response.status_code == 409
    assert response.json()["code"] == "NOT_ELIGIBLE"
    assert "NOT_PURCHASER_ACCOUNT" in [r["code"] for r in response.json()["reasons"]]


def test_apply_ignores_a_body_and_has_no_get(api, instance):
    assert api.get(f"/api/v1/instances/{instance.instance_id}/service-codes/").status_code == 405


# --- reading -----------------------------------------------------------------------------------
def test_list_shows_the_accounts_codes_newest_first(api, ram_api, other_api, instance):
    first = apply(api, instance.instance_id).json()["code"]
    second = apply(api, instance.instance_id).json()["code"]
    data = api.get("/api/v1/service-codes/").json()
    assert data["count"] == 2
    assert [row["code"] for row in data["results"]] == [second, first]
    assert set(data["results"][0]) == {
        "code",
        "instance_id",
        "status",
        "icp_number",
        "created_time",
        "status_time",
    }
    assert data["results"][0]["icp_number"] is None
    assert ram_api.get("/api/v1/service-codes/").json()["count"] == 2
    assert other_api.get("/api/v1/service-codes/").json()["count"] == 0


def test_list_filters_by_status(api, instance):
    used = ServiceCodeFactory(instance=instance, status="used", icp_number="浙ICP备20261234号-1")
    ServiceCodeFactory(instance=instance, status="unused")
    ServiceCodeFactory(instance=instance, status="deleted")
    data = api.get("/api/v1/service-codes/", {"status": "used"}).json()
    assert [(row["code"], row["icp_number"]) for row in data["results"]] == [
        (used.code, "浙ICP备20261234号-1")
    ]
    assert api.get("/api/v1/service-codes/", {"status": "filing"}).json()["count"] == 0
    assert api.get("/api/v1/service-codes/").json()["count"] == 3


@pytest.mark.parametrize("status", ["bogus", "Unused", "USED"])
def test_list_refuses_an_unknown_status(api, status):
    response = api.get("/api/v1/service-codes/", {"status": status})
    assert response.status_code == 400
    assert response.json()["code"] == "INVALID_STATUS"


def test_detail_of_own_code(api, instance):
    code = ServiceCodeFactory(instance=instance)
    response = api.get(f"/api/v1/service-codes/{code.code}/")
    assert response.status_code == 200
    assert response.json()["code"] == code.code and response.json()["instance_id"] == instance.instance_id
    assert api.get(f"/api/v1/service-codes/{code.code.upper()}/").status_code == 200


def test_detail_of_another_accounts_code_is_404(other_api, instance):
    code = ServiceCodeFactory(instance=instance)
    response = other_api.get(f"/api/v1/service-codes/{code.code}/")
    assert response.status_code == 404
    assert response.json()["code"] == "SERVICE_CODE_NOT_FOUND"


@pytest.mark.parametrize("method", ["delete", "put", "patch"])
def test_codes_cannot_be_changed_or_deleted(api, instance, db_unchanged, method):
    code = ServiceCodeFactory(instance=instance)
    with db_unchanged():
        response = getattr(api, method)(
            f"/api/v1/service-codes/{code.code}/", {"status": "unused"}, format="json"
        )
        assert response.status_code == 405
        assert response.json()["code"] == "METHOD_NOT_ALLOWED"
        assert (
            api.post(
                "/api/v1/service-codes/", {"instance_id": instance.instance_id}, format="json"
            ).status_code
            == 405
        )
        assert api.delete("/api/v1/service-codes/").status_code == 405


def _queries_for_list(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/api/v1/service-codes/", {"page_size": 100})
    assert response.status_code == 200
    return len(ctx), response.json()["count"]


def test_list_query_count_is_constant_as_rows_grow(api, user):
    def arrange(instances):
        for _ in range(instances):
            instance = InstanceFactory(owner=user)
            for _ in range(3):
                ServiceCodeFactory(instance=instance)

    arrange(1)
    few, count = _queries_for_list(api)
    assert count == 3
    arrange(9)
    many, count = _queries_for_list(api)
    assert count == 30
    assert many == few
    assert many <= 3


# --- concurrency -------------------------------------------------------------------------------
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_api_applies_issue_exactly_the_quota():
    owner = UserFactory(username="racer")
    instance = InstanceFactory(owner=owner)
    client = api_client(owner)
    results = repeated(lambda _n: apply(client, instance.instance_id), 8)
    assert errors(results) == []
    statuses = [response.status_code for response in results]
    assert 500 not in statuses
    assert sorted(statuses) == [201] * 5 + [409] * 3
    assert ServiceCode.objects.filter(instance=instance).count() == 5
    assert sorted(ServiceCode.objects.filter(instance=instance).values_list("slot", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
    ]
