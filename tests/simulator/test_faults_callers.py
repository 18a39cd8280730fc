"""Issue 27 point 4: fault rules apply after authentication, may name an account or an AccessKey,
and their latency is bounded."""

from __future__ import annotations

import pytest

from simulator import faults
from simulator.models import FaultRule, InjectedFault
from tests.factories import RamUserFactory, UserFactory
from tests.openapi.conftest import make_key
from tests.openapi.signed import Rpc

pytestmark = pytest.mark.django_db


def test_an_anonymous_request_never_uses_up_a_rule(anon_api, api):
    faults.fault_rule_add(target="api-me", error="503", times=1)
    assert anon_api.get("/api/v1/me/").status_code == 401
    assert FaultRule.objects.get().remaining == 1
    assert not InjectedFault.objects.exists()
    assert api.get("/api/v1/me/").status_code == 503  # the rule is still there for a real caller


def test_a_refused_caller_never_sleeps_on_a_rule(api, monkeypatch):
    slept = []
    monkeypatch.setattr(faults.time, "sleep", slept.append)
    faults.fault_rule_add(target="api-filing-review-reasons", latency_ms=5000)
    assert api.get("/api/v1/filings/review-reasons/").status_code == 403  # alice is no reviewer
    assert slept == []


def test_a_rule_naming_an_account_fires_only_for_it_and_its_ram_users(api_client_for, user):
    mallory = UserFactory(username="mallory")
    ram = RamUserFactory(username="alice-ram", parent=user)
    faults.fault_rule_add(target="api-instance-list", error="Throttling.User", account="alice")
    assert api_client_for(mallory).get("/api/v1/instances/").status_code == 200
    assert api_client_for(user).get("/api/v1/instances/").status_code == 400
    assert api_client_for(ram).get("/api/v1/instances/").status_code == 400


def test_a_rule_naming_an_account_never_fires_for_anonymous_callers(anon_api):
    faults.fault_rule_add(target="api-icp-records", error="503", account="alice")
    assert anon_api.get("/api/v1/icp-records/?domain=x.cn").status_code != 503


def test_an_rpc_rule_naming_an_access_key_fires_only_for_calls_signed_with_it(client, user):
    first, second = make_key(user), make_key(UserFactory(username="bob"))
    faults.fault_rule_add(target="DescribeRegions", error="Throttling.User", access_key_id=first[0])
    assert Rpc(client, *second).ecs("DescribeRegions").status_code == 200
    response = Rpc(client, *first).ecs("DescribeRegions")
    assert (response.status_code, response.json()["Code"]) == (400, "Throttling.User")


def test_an_rpc_rule_naming_an_account_fires_only_for_its_keys(client, user):
    bob = UserFactory(username="bob")
    faults.fault_rule_add(target="DescribeRegions", error="ServiceUnavailable", account="bob")
    assert Rpc(client, *make_key(user)).ecs("DescribeRegions").status_code == 200
    assert Rpc(client, *make_key(bob)).ecs("DescribeRegions").status_code == 503


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        ({"target": "DescribeRegions", "latency_ms": 10_001}, "latency_ms"),
        ({"target": "DescribeRegions", "latency_ms": 60_000}, "latency_ms"),
        ({"target": "DescribeRegions", "error": "500", "account": ["alice"]}, "account"),
        ({"target": "DescribeRegions", "error": "500", "account": "x" * 151}, "account"),
        ({"target": "api-instance-list", "error": "500", "access_key_id": "LTAIabc"}, "access_key_id"),
    ],
)
def test_an_unbounded_latency_or_a_bad_caller_is_refused(staff_api, rule, field):
    response = staff_api.post("/api/v1/simulator/faults/", rule, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "INVALID_FAULT_RULE"
    assert field in response.json().get("fields", {}) or field in response.json()["message"]
    assert not FaultRule.objects.exists()


def test_a_rule_names_its_account_in_the_listing(staff_api):
    rule = {"target": "api-instance-list", "error": "503", "account": "alice", "latency_ms": 10_000}
    assert staff_api.post("/api/v1/simulator/faults/", rule, format="json").status_code == 201
    listed = staff_api.get("/api/v1/simulator/faults/").json()[0]
    assert (listed["account"], listed["access_key_id"], listed["latency_ms"]) == ("alice", "", 10_000)
