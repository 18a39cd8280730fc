"""The simulated clock and the operation log over the API (SPEC 3.8, 4.2)."""

import datetime as dt

import pytest
import time_machine

from icpconsole.core import clock
from icpconsole.core.models import AuditEvent

NOON_SHANGHAI = dt.datetime(2025, 3, 1, 4, 0, tzinfo=dt.UTC)


# --- clock -------------------------------------------------------------------------------------
def test_clock_reads_now_and_offset(api):
    with time_machine.travel(NOON_SHANGHAI, tick=False):
        response = api.get("/api/v1/clock/")
    assert response.status_code == 200
    assert response.json() == {"now": "2025-03-01T12:00:00+08:00", "offset_seconds": 0}


def test_staff_advances_the_clock(staff_api, api):
    with time_machine.travel(NOON_SHANGHAI, tick=False):
        response = staff_api.post("/api/v1/clock/", {"advance_days": 90}, format="json")
        assert response.status_code == 200
        assert response.json() == {"now": "2025-05-30T12:00:00+08:00", "offset_seconds": 90 * 86400}
        assert api.get("/api/v1/clock/").json()["offset_seconds"] == 90 * 86400
    assert AuditEvent.objects.filter(action="clock.advance").count() == 1


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (0, "INVALID_ADVANCE_DAYS"),
        (-1, "INVALID_ADVANCE_DAYS"),
        (3651, "INVALID_ADVANCE_DAYS"),
        ("abc", "VALIDATION_ERROR"),
        (1.5, "VALIDATION_ERROR"),
        (True, "VALIDATION_ERROR"),
        (None, "VALIDATION_ERROR"),
        ("", "VALIDATION_ERROR"),
    ],
)
def test_bad_advance_days_is_400_and_the_clock_stays(staff_api, db_unchanged, value, code):
    with db_unchanged():
        response = staff_api.post("/api/v1/clock/", {"advance_days": value}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert "advance_days" in response.json()["fields"]
    assert clock.offset_seconds() == 0


def test_advance_days_accepts_the_limits(staff_api):
    assert staff_api.post("/api/v1/clock/", {"advance_days": 1}, format="json").status_code == 200
    assert staff_api.post("/api/v1/clock/", {"advance_days": "3650"}, format="json").status_code == 200
    assert clock.offset_seconds() == 3651 * 86400


# --- audit events ------------------------------------------------------------------------------
@pytest.fixture
def alices_history(api, instance):
    api.post(f"/api/v1/instances/{instance.instance_id}/renew/", {"period_months": 1}, format="json")
    api.post(f"/api/v1/instances/{instance.instance_id}/service-codes/")
    bought = api.post(
        "/api/v1/instances/",
        {
            "product": "ecs",
            "region_id": "cn-beijing",
            "charge_type": "PrePaid",
            "period_months": 3,
            "internet_max_bandwidth_out": 1,
        },
        format="json",
    )
    return bought.json()["instance_id"]


def test_owner_sees_purchase_renew_and_apply_newest_first(api, user, instance, alices_history):
    data = api.get("/api/v1/audit-events/").json()
    assert [e["action"] for e in data["results"]] == [
        "instance.purchase",
        "service_code.apply",
        "instance.renew",
    ]
    purchase = data["results"][0]
    assert set(purchase) == {
        "id",
        "actor",
        "action",
        "target_type",
        "target_id",
        "target_repr",
        "details",
        "sim_time",
    }
    assert purchase["actor"] == "alice"
    assert purchase["target_type"] == "instances.instance" and purchase["target_id"] == alices_history
    assert purchase["details"]["period_months"] == 3
    assert data["results"][1]["details"]["via"] == "api"
    assert data["results"][2]["target_id"] == instance.instance_id


def test_ram_user_sees_its_accounts_log(ram_api, alices_history):
    assert ram_api.get("/api/v1/audit-events/").json()["count"] == 3


def test_another_account_does_not_see_the_log(other_api, alices_history):
    assert other_api.get("/api/v1/audit-events/").json()["count"] == 0


def test_staff_see_every_accounts_events(staff_api, alices_history):
    staff_api.post("/api/v1/clock/", {"advance_days": 1}, format="json")
    actions = [e["action"] for e in staff_api.get("/api/v1/audit-events/").json()["results"]]
    assert actions == ["clock.advance", "instance.purchase", "service_code.apply", "instance.renew"]


def test_audit_events_filter_by_action(api, alices_history):
    data = api.get("/api/v1/audit-events/", {"action": "instance.renew"}).json()
    assert [e["action"] for e in data["results"]] == ["instance.renew"]


def test_page_size_is_capped_at_100(api, user):
    AuditEvent.objects.bulk_create(
        AuditEvent(account=user, action="test.event", sim_time=NOON_SHANGHAI) for _ in range(130)
    )
    data = api.get("/api/v1/audit-events/", {"page_size": 500}).json()
    assert data["count"] == 130 and len(data["results"]) == 100
    assert len(api.get("/api/v1/audit-events/").json()["results"]) == 20
    assert len(api.get("/api/v1/audit-events/", {"page_size": 7}).json()["results"]) == 7
