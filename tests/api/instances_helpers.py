"""Shared purchase bodies, addresses and times for the API instance tests (SPEC 3.4, 4.2)."""

import datetime as dt

UTC = dt.UTC
# 10:00 on 15 January 2025 in Asia/Shanghai.
JAN_15_10AM_SHANGHAI = dt.datetime(2025, 1, 15, 2, 0, tzinfo=UTC)


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
