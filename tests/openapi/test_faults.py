"""Fault injection (SPEC 4.6) through Alibaba Cloud's official SDKs against the live server: each
fault kind reaches the SDK in Alibaba's envelope, and the SDK's own retry gets through it."""

from __future__ import annotations

import time

import pytest
from alibabacloud_ecs20140526 import models as ecs_models
from alibabacloud_tea_openapi.exceptions import AlibabaCloudException
from darabonba.policy.retry import RetryOptions
from darabonba.runtime import RuntimeOptions

from simulator import faults
from simulator.models import InjectedFault

from .conftest import ClassicClient, tea_config

pytestmark = pytest.mark.django_db(transaction=True)

KINDS = [("Throttling.User", 400), ("ServiceUnavailable", 503), ("InternalError", 500)]


def _ecs(endpoint, key, *, retry_on: str | None = None):
    from alibabacloud_ecs20140526.client import Client

    config = tea_config(endpoint, *key)
    if retry_on:
        config.retry_options = RetryOptions(
            {
                "retryable": True,
                "retryCondition": [
                    {"maxAttempts": 3, "errorCode": [retry_on], "backoff": {"policy": "Fixed", "period": 10}}
                ],
            }
        )
    return Client(config)


def _describe_regions(client):
    return client.describe_regions_with_options(ecs_models.DescribeRegionsRequest(), RuntimeOptions())


@pytest.mark.parametrize(("code", "status"), KINDS)
def test_each_fault_kind_reaches_the_tea_sdk_in_alibabas_envelope(endpoint, alice_key, code, status):
    faults.fault_rule_add(target="DescribeRegions", error=code, times=1)

    with pytest.raises(AlibabaCloudException) as raised:
        _describe_regions(_ecs(endpoint, alice_key))

    assert raised.value.code == code
    assert raised.value.status_code == status
    assert raised.value.request_id  # the envelope's RequestId
    logged = InjectedFault.objects.get()
    assert (logged.target, logged.interface, logged.error, logged.status) == (
        "DescribeRegions",
        "rpc",
        code,
        status,
    )
    # The rule was for one call: the next one is answered.
    assert _describe_regions(_ecs(endpoint, alice_key)).body.regions.region


@pytest.mark.parametrize(("code", "status"), KINDS)
def test_the_tea_sdks_retry_gets_through_a_fault_twice(endpoint, alice_key, code, status):
    faults.fault_rule_add(target="DescribeRegions", error=code, times=2)

    response = _describe_regions(_ecs(endpoint, alice_key, retry_on=code))

    assert response.body.regions.region
    assert InjectedFault.objects.filter(target="DescribeRegions", error=code).count() == 2


@pytest.mark.parametrize(
    ("code", "status"), [("Throttling", 400), ("ServiceUnavailable", 503), ("InternalError", 500)]
)
def test_the_classic_sdks_default_retry_gets_through(endpoint, alice_key, code, status):
    """``aliyun-python-sdk-core`` retries ECS reads on ``Throttling`` and on 5xx by itself."""
    from aliyunsdkcore.client import AcsClient
    from aliyunsdkcore.request import RpcRequest

    faults.fault_rule_add(target="DescribeRegions", error=code, times=1)
    client = AcsClient(*alice_key, "cn-hangzhou", auto_retry=True, max_retry_time=3, timeout=30)
    request = RpcRequest("Ecs", "2014-05-26", "DescribeRegions")
    request.set_endpoint(endpoint)
    request.set_protocol_type("http")
    request.set_accept_format("json")
    try:
        body = client.do_action_with_exception(request)
    finally:
        client.session.close() if hasattr(client, "session") else None
    assert b"Regions" in body
    assert InjectedFault.objects.filter(error=code, status=status).count() == 1


def test_without_retry_the_classic_sdk_sees_the_code(endpoint, alice_key):
    from aliyunsdkcore.acs_exception.exceptions import ServerException

    faults.fault_rule_add(target="DescribeInstances", error="503", times=1)
    classic = ClassicClient(endpoint, *alice_key)
    with pytest.raises(ServerException) as raised:
        classic.call("2014-05-26", "DescribeInstances", RegionId="cn-hangzhou")
    classic.client.session.close()
    assert (raised.value.get_error_code(), raised.value.get_http_status()) == ("ServiceUnavailable", 503)


def test_latency_alone_slows_the_call_and_is_logged(endpoint, alice_key):
    faults.fault_rule_add(target="DescribeRegions", latency_ms=400, times=1)
    started = time.perf_counter()
    assert _describe_regions(_ecs(endpoint, alice_key)).body.regions.region
    assert time.perf_counter() - started >= 0.4
    assert InjectedFault.objects.get().latency_ms == 400


def test_a_probability_of_zero_never_fires(endpoint, alice_key):
    faults.fault_rule_add(target="DescribeRegions", error="InternalError", probability=0)
    for _ in range(3):
        assert _describe_regions(_ecs(endpoint, alice_key)).body.regions.region
    assert not InjectedFault.objects.exists()
