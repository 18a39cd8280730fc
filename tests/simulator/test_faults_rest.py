"""Fault rules on REST routes, and the rules' own validation (SPEC 4.6)."""

from __future__ import annotations

import pytest

from simulator import faults
from simulator.models import FaultRule, InjectedFault

pytestmark = pytest.mark.django_db


def test_a_rest_route_fails_as_told_then_recovers(api, staff_api):
    created = staff_api.post(
        "/api/v1/simulator/faults/",
        {"target": "api-instance-list", "error": "503", "times": 1},
        format="json",
    )
    assert created.status_code == 201
    assert created.json()["remaining"] == 1

    failed = api.get("/api/v1/instances/")
    assert failed.status_code == 503
    assert failed.json()["code"] == "SERVICE_UNAVAILABLE"
    assert api.get("/api/v1/instances/").status_code == 200
    log = staff_api.get("/api/v1/simulator/faults/log/").json()
    assert log["count"] == 1
    assert log["results"][0]["target"] == "api-instance-list"
    assert log["results"][0]["interface"] == "rest"


def test_an_alibaba_code_on_a_rest_route_keeps_its_status(api):
    faults.fault_rule_add(target="api-clock", error="Throttling.User")
    response = api.get("/api/v1/clock/")
    assert (response.status_code, response.json()["code"]) == (400, "Throttling.User")
    assert api.get("/api/v1/clock/").status_code == 400  # no `times`: every call


def test_the_controls_themselves_are_never_faulted(staff_api):
    assert (
        staff_api.post(
            "/api/v1/simulator/faults/", {"target": "api-simulator-info", "error": "500"}
        ).status_code
        == 400
    )


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        ({"target": "NoSuchAction", "error": "InternalError"}, "target"),
        ({"target": "DescribeRegions", "error": "Throttling.User", "probability": 1.5}, "probability"),
        ({"target": "DescribeRegions", "error": "Throttling.User", "probability": -0.1}, "probability"),
        ({"target": "DescribeRegions", "error": "Teapot"}, "error"),
        ({"target": "DescribeRegions", "error": "200"}, "error"),
        ({"target": "DescribeRegions"}, "error"),
        ({"target": "DescribeRegions", "error": "500", "times": 0}, "times"),
        ({"target": "DescribeRegions", "latency_ms": -5}, "latency_ms"),
    ],
)
def test_an_impossible_rule_is_a_400_naming_the_field(staff_api, rule, field):
    response = staff_api.post("/api/v1/simulator/faults/", rule, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "INVALID_FAULT_RULE"
    assert field in body["fields"]
    assert not FaultRule.objects.exists()


def test_a_spent_rule_is_no_longer_read_and_clearing_removes_every_rule(api, staff_api):
    faults.fault_rule_add(target="api-me", error="500", times=1)
    assert api.get("/api/v1/me/").status_code == 500
    assert faults.active_rules() == []
    faults.fault_rule_add(target="api-me", error="500")
    assert staff_api.delete("/api/v1/simulator/faults/").status_code == 204
    assert api.get("/api/v1/me/").status_code == 200
    assert InjectedFault.objects.count() == 1


def test_rules_are_read_from_the_shared_store_not_the_process(api):
    """Another process's new rule: it is in the database and the shared cache entry is dropped
    (what ``fault_rule_add`` does on commit), so this process applies it on its next request."""
    assert api.get("/api/v1/me/").status_code == 200  # caches "no rules"
    FaultRule.objects.create(target="api-me", error="503")
    from django.core.cache import cache

    cache.delete(faults.CACHE_KEY)
    assert api.get("/api/v1/me/").status_code == 503
