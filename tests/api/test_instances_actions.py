"""Instances over the API: actions and their refusals (SPEC 3.4, 4.2)."""

import pytest
import time_machine

from instances.models import Instance
from tests.api.instances_helpers import JAN_15_10AM_SHANGHAI, buy, url
from tests.factories import InstanceFactory


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
