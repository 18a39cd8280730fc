"""ECS 2014-05-26 actions: ECS's shapes, the instance services' rules, Alibaba's error codes."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from icpconsole.core.models import AuditEvent
from instances.models import Instance, InstanceOrder
from tests.factories import InstanceFactory

ECS_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$")


def _ok(response) -> dict:
    assert response.status_code == 200, response.content
    return response.json()


def _err(response, code: str, status: int) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["Code"] == code, body
    return body


def _run(rpc, **params) -> list[str]:
    params = {
        "RegionId": "cn-hangzhou",
        "InstanceChargeType": "PrePaid",
        "Period": 12,
        "InternetMaxBandwidthOut": 5,
        **params,
    }
    return _ok(rpc.ecs("RunInstances", **params))["InstanceIdSets"]["InstanceIdSet"]


def test_run_instances_buys_through_the_purchase_service(rpc, user):
    body = _ok(
        rpc.ecs(
            "RunInstances",
            RegionId="cn-hangzhou",
            InstanceChargeType="PrePaid",
            Period=3,
            PeriodUnit="Month",
            InternetMaxBandwidthOut=5,
            InstanceName="web",
            Amount=2,
        )
    )
    ids = body["InstanceIdSets"]["InstanceIdSet"]
    assert len(ids) == 2 and all(i.startswith("i-bp1") for i in ids)
    assert body["TradePrice"] == pytest.approx(2 * 3 * 99.0)
    assert body["OrderId"]
    instances = Instance.objects.filter(instance_id__in=ids)
    assert {i.owner for i in instances} == {user}
    assert {i.name for i in instances} == {"web"}
    assert {i.product_id for i in instances} == {"ecs"}
    assert AuditEvent.objects.filter(action="instance.purchase").count() == 2


def test_run_instances_pay_as_you_go_is_the_default(rpc):
    (instance_id,) = _ok(rpc.ecs("RunInstances", RegionId="cn-beijing"))["InstanceIdSets"]["InstanceIdSet"]
    instance = Instance.objects.get(instance_id=instance_id)
    assert instance.charge_type == "PostPaid" and instance.expired_time is None
    assert instance.internet_max_bandwidth_out == 0


@pytest.mark.parametrize(
    "params,code",
    [
        ({"PeriodUnit": "Week"}, "InvalidParameter"),
        ({"Period": 37}, "InvalidParameter"),
        ({"Period": "twelve"}, "InvalidParameter"),
        ({"Amount": 11}, "InvalidParameter"),
        ({"InternetMaxBandwidthOut": 101}, "InvalidParameter"),
        ({"InstanceChargeType": "Spot"}, "InvalidParameter"),
    ],
)
def test_run_instances_refuses_bad_parameters(rpc, params, code):
    base = {"RegionId": "cn-hangzhou", "InstanceChargeType": "PrePaid", "Period": 3}
    _err(rpc.ecs("RunInstances", **{**base, **params}), code, 400)
    assert not Instance.objects.exists()


def test_run_instances_needs_a_region_and_a_period_for_a_subscription(rpc):
    body = _err(rpc.ecs("RunInstances", InstanceChargeType="PrePaid", Period=3), "MissingParameter", 400)
    assert "RegionId" in body["Message"]
    body = _err(
        rpc.ecs("RunInstances", RegionId="cn-hangzhou", InstanceChargeType="PrePaid"), "MissingParameter", 400
    )
    assert "Period" in body["Message"]
    _err(rpc.ecs("RunInstances", RegionId="mars-north-1"), "InvalidRegionId.NotFound", 404)


def test_dry_run_validates_and_buys_nothing(rpc):
    _err(rpc.ecs("RunInstances", RegionId="cn-hangzhou", DryRun="true"), "DryRunOperation", 400)
    assert not Instance.objects.exists()


def test_describe_instances_has_ecs_shapes(rpc, user):
    (instance_id,) = _run(rpc)
    body = _ok(rpc.ecs("DescribeInstances", RegionId="cn-hangzhou"))
    assert (body["TotalCount"], body["PageNumber"], body["PageSize"]) == (1, 1, 10)
    (item,) = body["Instances"]["Instance"]
    instance = Instance.objects.get(instance_id=instance_id)
    assert item["InstanceId"] == instance_id
    assert item["RegionId"] == "cn-hangzhou" and item["ZoneId"] == "cn-hangzhou-b"
    assert item["Status"] == "Running"
    assert item["InstanceChargeType"] == "PrePaid"
    assert item["InternetMaxBandwidthOut"] == 5
    assert item["PublicIpAddress"] == {"IpAddress": [instance.public_ip_address]}
    assert ECS_TIME.match(item["CreationTime"]) and ECS_TIME.match(item["ExpiredTime"])
    expired = dt.datetime.strptime(item["ExpiredTime"], "%Y-%m-%dT%H:%MZ").replace(tzinfo=dt.UTC)
    assert expired == instance.expired_time
    assert item["OperationLocks"] == {"LockReason": []}


def test_describe_instances_filters_and_pages(rpc):
    ids = _run(rpc, Amount=3, InstanceName="site-a")
    _run(rpc, RegionId="cn-shanghai")
    _ok(rpc.ecs("RunInstances", RegionId="cn-hangzhou", InstanceName="other"))
    assert _ok(rpc.ecs("DescribeInstances", RegionId="cn-hangzhou"))["TotalCount"] == 4
    page = _ok(rpc.ecs("DescribeInstances", RegionId="cn-hangzhou", PageSize=2, PageNumber=2))
    assert (page["TotalCount"], len(page["Instances"]["Instance"])) == (4, 2)
    chosen = _ok(rpc.ecs("DescribeInstances", RegionId="cn-hangzhou", InstanceIds=json.dumps(ids[:2])))
    assert {i["InstanceId"] for i in chosen["Instances"]["Instance"]} == set(ids[:2])
    assert _ok(rpc.ecs("DescribeInstances", RegionId="cn-hangzhou", InstanceName="site-*"))["TotalCount"] == 3
    assert (
        _ok(rpc.ecs("DescribeInstances", RegionId="cn-hangzhou", InstanceChargeType="PostPaid"))["TotalCount"]
        == 1
    )
    _err(rpc.ecs("DescribeInstances", RegionId="cn-hangzhou", InstanceIds="i-1,i-2"), "InvalidParameter", 400)
    _err(rpc.ecs("DescribeInstances", RegionId="cn-hangzhou", PageSize=101), "InvalidParameter", 400)
    _err(rpc.ecs("DescribeInstances"), "MissingParameter", 400)


def test_describe_instances_shows_only_the_callers_ecs_instances(rpc, user, other_user):
    InstanceFactory(owner=other_user)
    InstanceFactory(owner=user, product_id="sas")
    mine = InstanceFactory(owner=user)
    body = _ok(rpc.ecs("DescribeInstances", RegionId="cn-hangzhou"))
    assert [i["InstanceId"] for i in body["Instances"]["Instance"]] == [mine.instance_id]


def test_an_expired_subscription_reads_stopped_with_a_financial_lock(rpc, user, advance_clock):
    instance = InstanceFactory(owner=user, months=1)
    advance_clock(40)
    (item,) = _ok(rpc.ecs("DescribeInstances", RegionId="cn-hangzhou", Status="Stopped"))["Instances"][
        "Instance"
    ]
    assert item["InstanceId"] == instance.instance_id
    assert item["Status"] == "Stopped"
    assert item["OperationLocks"]["LockReason"][0]["LockReason"] == "financial"
    assert _ok(rpc.ecs("DescribeInstances", RegionId="cn-hangzhou", Status="Running"))["TotalCount"] == 0
    _err(rpc.ecs("StartInstance", InstanceId=instance.instance_id), "InstanceExpiredOrInArrears", 403)


def test_pay_as_you_go_expires_in_2099_as_on_ecs(rpc, user):
    InstanceFactory(owner=user, charge_type="PostPaid")
    (item,) = _ok(rpc.ecs("DescribeInstances", RegionId="cn-hangzhou"))["Instances"]["Instance"]
    assert item["ExpiredTime"] == "2099-12-31T15:59Z"


def test_stop_and_start(rpc, user):
    instance = InstanceFactory(owner=user)
    _ok(rpc.ecs("StopInstance", InstanceId=instance.instance_id))
    instance.refresh_from_db()
    assert instance.status == "Stopped"
    _err(rpc.ecs("StopInstance", InstanceId=instance.instance_id), "IncorrectInstanceStatus", 403)
    _ok(rpc.ecs("StartInstance", InstanceId=instance.instance_id))
    instance.refresh_from_db()
    assert instance.status == "Running"


def test_renew_extends_the_subscription(rpc, user):
    instance = InstanceFactory(owner=user, months=3)
    before = instance.expired_time
    body = _ok(rpc.ecs("RenewInstance", InstanceId=instance.instance_id, Period=6, PeriodUnit="Month"))
    assert body["OrderId"] == str(InstanceOrder.objects.get(instance=instance, kind="renewal").pk)
    instance.refresh_from_db()
    assert instance.expired_time > before
    _err(
        rpc.ecs("RenewInstance", InstanceId=instance.instance_id, Period=1, PeriodUnit="Week"),
        "InvalidParameter",
        400,
    )


def test_renewing_pay_as_you_go_is_a_charge_type_violation(rpc, user):
    instance = InstanceFactory(owner=user, charge_type="PostPaid")
    _err(rpc.ecs("RenewInstance", InstanceId=instance.instance_id, Period=1), "ChargeTypeViolation", 403)


def test_modify_charge_type_converts_to_subscription(rpc, user):
    instance = InstanceFactory(owner=user, charge_type="PostPaid")
    body = _ok(
        rpc.ecs(
            "ModifyInstanceChargeType",
            InstanceIds=json.dumps([instance.instance_id]),
            Period=3,
            InstanceChargeType="PrePaid",
        )
    )
    (fee,) = body["FeeOfInstances"]["FeeOfInstance"]
    assert fee == {"InstanceId": instance.instance_id, "Currency": "CNY", "Fee": "297.00"}
    instance.refresh_from_db()
    assert instance.charge_type == "PrePaid" and instance.expired_time is not None
    _err(
        rpc.ecs("ModifyInstanceChargeType", InstanceIds=json.dumps([instance.instance_id]), Period=3),
        "ChargeTypeViolation",
        403,
    )


def test_modify_network_spec_changes_the_bandwidth_and_public_ip(rpc, user):
    instance = InstanceFactory(owner=user)
    _ok(rpc.ecs("ModifyInstanceNetworkSpec", InstanceId=instance.instance_id, InternetMaxBandwidthOut=0))
    instance.refresh_from_db()
    assert instance.internet_max_bandwidth_out == 0 and instance.public_ip_address is None
    _err(rpc.ecs("ModifyInstanceNetworkSpec", InstanceId=instance.instance_id), "MissingParameter", 400)


@pytest.mark.parametrize(
    "action,params",
    [
        ("StartInstance", {}),
        ("StopInstance", {}),
        ("RenewInstance", {"Period": 1}),
        ("ModifyInstanceNetworkSpec", {"InternetMaxBandwidthOut": 1}),
    ],
)
def test_another_accounts_or_another_products_instance_is_not_found(rpc, user, other_user, action, params):
    for instance in (InstanceFactory(owner=other_user), InstanceFactory(owner=user, product_id="sas")):
        _err(rpc.ecs(action, InstanceId=instance.instance_id, **params), "InvalidInstanceId.NotFound", 404)


def test_a_released_instance_is_not_found(rpc, user):
    from instances.services import instance_release

    instance = InstanceFactory(owner=user)
    instance_release(actor=user, instance_id=instance.instance_id)
    _err(rpc.ecs("StopInstance", InstanceId=instance.instance_id), "InvalidInstanceId.NotFound", 404)
    assert _ok(rpc.ecs("DescribeInstances", RegionId="cn-hangzhou"))["TotalCount"] == 0


def test_describe_regions_names_follow_accept_language(rpc):
    zh = {r["RegionId"]: r["LocalName"] for r in _ok(rpc.ecs("DescribeRegions"))["Regions"]["Region"]}
    en = {
        r["RegionId"]: r["LocalName"]
        for r in _ok(rpc.ecs("DescribeRegions", AcceptLanguage="en-US"))["Regions"]["Region"]
    }
    assert zh["cn-hangzhou"] == "华东1（杭州）" and en["cn-hangzhou"] == "China (Hangzhou)"


def test_describe_instances_query_count_does_not_grow_with_rows(rpc, user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(n: int) -> int:
        while Instance.objects.filter(owner=user).count() < n:
            InstanceFactory(owner=user)
        with CaptureQueriesContext(connection) as ctx:
            _ok(rpc.ecs("DescribeInstances", RegionId="cn-hangzhou", PageSize=100))
        return len(ctx.captured_queries)

    assert count(3) == count(30)
