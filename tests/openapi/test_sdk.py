"""Alibaba Cloud's official SDKs from PyPI against the live server (SPEC 4.5, issue 6): the Tea SDKs
with signature V3 (their default) and V2 (``signature_algorithm='v2'``), and the classic
``aliyun-python-sdk-core`` (V2). Errors are asserted through each SDK's own exception."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from alibabacloud_beian20160810 import models as beian_models
from alibabacloud_bsn20150512 import models as bsn_models
from alibabacloud_ecs20140526 import models as ecs_models
from alibabacloud_tea_openapi import utils_models as open_api_util_models
from alibabacloud_tea_openapi.exceptions import AlibabaCloudException
from aliyunsdkcore.acs_exception.exceptions import ServerException
from darabonba.runtime import RuntimeOptions

from openapi.services import access_key_disable
from servicecodes.models import ServiceCode
from tests.factories import InstanceFactory

from .filing_flow import file_first

pytestmark = pytest.mark.django_db(transaction=True)

ECS, BSN, BEIAN = "2014-05-26", "2015-05-12", "2016-08-10"
MODES = ["v3", "v2", "classic"]
DOMAIN = "www.granted-example.cn"


class Sdk:
    """One signing mode behind one small interface: ``call(product, action, **params) -> dict`` and
    ``error(product, action, **params) -> (code, status)`` from the SDK's exception."""

    def __init__(self, mode: str, tea, classic, ak: str, secret: str) -> None:
        self.mode = mode
        if mode == "classic":
            self.classic = classic(ak, secret)
        else:
            v2 = mode == "v2"
            self.ecs = tea("ecs", ak, secret, v2=v2)
            self.bsn = tea("bsn", ak, secret, v2=v2)
            self.beian = tea("beian", ak, secret, v2=v2)

    def call(self, product: str, action: str, **params) -> dict:
        if self.mode == "classic":
            version = {"ecs": ECS, "bsn": BSN, "beian": BEIAN}[product]
            return self.classic.call(version, action, **params)
        return TEA_CALLS[(product, action)](self, **params)

    def error(self, product: str, action: str, **params) -> tuple[str, int]:
        try:
            self.call(product, action, **params)
        except ServerException as exc:  # classic core SDK
            return exc.get_error_code(), exc.get_http_status()
        except AlibabaCloudException as exc:  # Tea SDKs
            return exc.code, exc.status_code
        raise AssertionError(f"{action} did not fail")


def _body(response) -> dict:
    return response.body.to_map()


TEA_CALLS = {
    ("ecs", "RunInstances"): lambda s, **p: _body(
        s.ecs.run_instances(
            ecs_models.RunInstancesRequest(
                region_id=p["RegionId"],
                instance_charge_type=p.get("InstanceChargeType"),
                period=p.get("Period"),
                period_unit=p.get("PeriodUnit"),
                internet_max_bandwidth_out=p.get("InternetMaxBandwidthOut"),
                instance_name=p.get("InstanceName"),
                amount=p.get("Amount"),
            )
        )
    ),
    ("ecs", "DescribeInstances"): lambda s, **p: _body(
        s.ecs.describe_instances(
            ecs_models.DescribeInstancesRequest(
                region_id=p.get("RegionId"), instance_ids=p.get("InstanceIds"), page_size=p.get("PageSize")
            )
        )
    ),
    ("ecs", "StartInstance"): lambda s, **p: _body(
        s.ecs.start_instance(ecs_models.StartInstanceRequest(instance_id=p.get("InstanceId")))
    ),
    ("ecs", "DescribeRegions"): lambda s, **p: _body(
        s.ecs.describe_regions(ecs_models.DescribeRegionsRequest())
    ),
    ("bsn", "ProductBindBsn"): lambda s, **p: _body(
        s.bsn.product_bind_bsn(
            bsn_models.ProductBindBsnRequest(
                resource_type=p["resourceType"],
                resource_id=p["resourceId"],
                aliuid=p.get("aliuid"),
                num=p.get("num"),
            )
        )
    ),
    ("bsn", "GetBsnByResource"): lambda s, **p: _body(
        s.bsn.get_bsn_by_resource(
            bsn_models.GetBsnByResourceRequest(
                resource_type=p["resourceType"], resource_id=p["resourceId"], aliuid=p.get("aliuid")
            )
        )
    ),
    ("bsn", "GrantBsnCode"): lambda s, **p: _body(
        s.bsn.grant_bsn_code(
            bsn_models.GrantBsnCodeRequest(
                sn=p["Sn"], ali_uid=p.get("AliUid"), grant_to_aliuid=p["GrantToAliuid"], notes=p.get("Notes")
            )
        )
    ),
    ("beian", "QueryAccessorDomain"): lambda s, **p: _body(
        s.beian.query_accessor_domain(
            beian_models.QueryAccessorDomainRequest(domain=p["Domain"], caller=p.get("Caller"))
        )
    ),
}


@pytest.fixture(params=MODES)
def mode(request):
    return request.param


@pytest.fixture
def sdk_for(tea, classic, key_of, mode):
    def make(user, *, secret: str | None = None, ak: str | None = None) -> Sdk:
        key_id, key_secret = key_of(user) if ak is None else (ak, "unused")
        return Sdk(mode, tea, classic, key_id, secret or key_secret)

    return make


def _buy_and_list(sdk) -> str:
    """RunInstances, then DescribeInstances; returns the new instance's id."""
    bought = sdk.call(
        "ecs",
        "RunInstances",
        RegionId="cn-hangzhou",
        InstanceChargeType="PrePaid",
        Period=12,
        PeriodUnit="Month",
        InternetMaxBandwidthOut=5,
        InstanceName="sdk-web",
        Amount=1,
    )
    (instance_id,) = bought["InstanceIdSets"]["InstanceIdSet"]
    assert bought["TradePrice"] == pytest.approx(12 * 99.0)

    listed = sdk.call(
        "ecs", "DescribeInstances", RegionId="cn-hangzhou", InstanceIds=json.dumps([instance_id])
    )
    assert listed["TotalCount"] == 1
    (item,) = listed["Instances"]["Instance"]
    assert (item["InstanceId"], item["InstanceName"], item["Status"]) == (instance_id, "sdk-web", "Running")
    assert len(item["PublicIpAddress"]["IpAddress"]) == 1
    return instance_id


def _take_every_code(sdk, instance_id: str, user) -> list[str]:
    """ProductBindBsn up to the quota and its refusals, then GetBsnByResource; returns the codes."""
    codes = []
    while True:
        try:
            body = sdk.call(
                "bsn", "ProductBindBsn", resourceType=1, resourceId=instance_id, aliuid=int(user.uid), num=1
            )
        except (ServerException, AlibabaCloudException):
            break
        codes += [c["sn"] for c in body["datas"]["bsnDO"]]
        assert len(codes) <= 5
    assert len(codes) == 5
    # BSN's documented code for the quota (SPEC 4.8), and 603 for num outside 1-20: nothing issued.
    assert sdk.error(
        "bsn", "ProductBindBsn", resourceType=1, resourceId=instance_id, aliuid=int(user.uid), num=1
    ) == ("609", 400)
    assert sdk.error(
        "bsn", "ProductBindBsn", resourceType=1, resourceId=instance_id, aliuid=int(user.uid), num=21
    ) == ("603", 400)

    read = sdk.call(
        "bsn", "GetBsnByResource", resourceType=1, resourceId=instance_id, aliuid=int(user.uid)
    )["datas"]["bsnDO"]
    assert [c["sn"] for c in read] == codes
    assert {c["status"] for c in read} == {1}
    assert {c["aliUid"] for c in read} == {int(user.uid)}
    return codes


def _grant_and_file_as_the_grantee(sdk, instance_id: str, codes: list[str], user, other_user, staff) -> None:
    """GrantBsnCode to another account, which files with it; the code is then used."""
    granted = sdk.call(
        "bsn",
        "GrantBsnCode",
        Sn=codes[0],
        AliUid=int(user.uid),
        GrantToAliuid=int(other_user.uid),
        Notes="for our agency",
    )
    assert granted["Success"] is True and granted["GrantToAliuid"] == int(other_user.uid)

    order = file_first(other_user, staff=staff, domain=DOMAIN, service_code=codes[0], name="Agency Co., Ltd.")
    assert order.status == "approved"

    assert sdk.call("beian", "QueryAccessorDomain", Domain=DOMAIN, Caller="tests")["Data"] is True
    assert sdk.call("beian", "QueryAccessorDomain", Domain="never-filed.cn", Caller="tests")["Data"] is False
    after = sdk.call(
        "bsn", "GetBsnByResource", resourceType=1, resourceId=instance_id, aliuid=int(user.uid)
    )["datas"]["bsnDO"]
    used = next(c for c in after if c["sn"] == codes[0])
    assert used["status"] == 2 and used["beianNum"] == ServiceCode.objects.get(code=codes[0]).icp_number != ""


def test_buy_list_get_codes_grant_and_file_as_the_grantee(sdk_for, user, other_user, staff, mode):
    sdk = sdk_for(user)

    instance_id = _buy_and_list(sdk)
    codes = _take_every_code(sdk, instance_id, user)
    _grant_and_file_as_the_grantee(sdk, instance_id, codes, user, other_user, staff)


def test_wrong_secret(sdk_for, user, mode):
    code, status = sdk_for(user, secret="x" * 30).error("ecs", "DescribeRegions")
    # The classic SDK compares our string to sign with its own and, when they agree, reports the
    # secret as the culprit: proof that both sides built the same string.
    assert (code, status) == ("InvalidAccessKeySecret" if mode == "classic" else "SignatureDoesNotMatch", 400)


def test_unknown_access_key(sdk_for, user):
    assert sdk_for(user, ak="LTAI" + "Z" * 20).error("ecs", "DescribeRegions") == (
        "InvalidAccessKeyId.NotFound",
        404,
    )


def test_disabled_access_key(sdk_for, user):
    sdk = sdk_for(user)
    key_id = user.access_keys.get().access_key_id
    access_key_disable(actor=user, access_key_id=key_id)
    assert sdk.error("ecs", "DescribeRegions") == ("InvalidAccessKeyId.Inactive", 400)


def _stale() -> str:
    return (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_stale_timestamp(sdk_for, user, mode, monkeypatch):
    sdk = sdk_for(user)
    if mode == "classic":
        from aliyunsdkcore.utils import parameter_helper

        monkeypatch.setattr(parameter_helper, "get_iso_8061_date", _stale)
    else:
        from alibabacloud_tea_openapi.utils import Utils

        monkeypatch.setattr(Utils, "get_timestamp", staticmethod(_stale))
    assert sdk.error("ecs", "DescribeRegions") == ("InvalidTimeStamp.Expired", 400)


def test_replayed_nonce(sdk_for, user, mode, monkeypatch):
    sdk = sdk_for(user)
    if mode == "classic":
        from aliyunsdkcore.utils import parameter_helper

        monkeypatch.setattr(parameter_helper, "get_uuid", lambda: "the-same-nonce")
    else:
        from alibabacloud_tea_openapi.utils import Utils

        monkeypatch.setattr(Utils, "get_nonce", staticmethod(lambda: "the-same-nonce"))
    sdk.call("ecs", "DescribeRegions")
    assert sdk.error("ecs", "DescribeRegions") == ("SignatureNonceUsed", 400)


def test_missing_parameter(sdk_for, user):
    # (The classic SDK fills RegionId in from the client, so InstanceId is the one left out.)
    assert sdk_for(user).error("ecs", "StartInstance") == ("MissingParameter", 400)


def test_unknown_action(sdk_for, user, mode):
    sdk = sdk_for(user)
    if mode == "classic":
        assert sdk.error("ecs", "DescribeUnicorns") == ("InvalidAction.NotFound", 404)
        return
    params = open_api_util_models.Params(
        action="DescribeUnicorns",
        version=ECS,
        protocol="HTTPS",
        pathname="/",
        method="POST",
        auth_type="AK",
        style="RPC",
        req_body_type="formData",
        body_type="json",
    )
    with pytest.raises(AlibabaCloudException) as exc:
        sdk.ecs.call_api(params, open_api_util_models.OpenApiRequest(query={}), RuntimeOptions())
    assert (exc.value.code, exc.value.status_code) == ("InvalidAction.NotFound", 404)


def test_a_ram_users_key_reads_but_cannot_buy(sdk_for, ram_user, user):
    instance = InstanceFactory(owner=user)
    sdk = sdk_for(ram_user)
    listed = sdk.call("ecs", "DescribeInstances", RegionId="cn-hangzhou")
    assert [i["InstanceId"] for i in listed["Instances"]["Instance"]] == [instance.instance_id]
    assert sdk.error("ecs", "RunInstances", RegionId="cn-hangzhou") == ("Forbidden.RAM", 403)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_classic_common_request_as_in_the_readme(classic, alice_key, method):
    body = classic(*alice_key).call(ECS, "DescribeRegions", method, common=True, AcceptLanguage="en-US")
    assert {"RegionId": "cn-hangzhou", "LocalName": "China (Hangzhou)"}.items() <= next(
        r for r in body["Regions"]["Region"] if r["RegionId"] == "cn-hangzhou"
    ).items()
