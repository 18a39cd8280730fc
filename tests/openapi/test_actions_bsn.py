"""BSN 2015-05-12: service codes through the same eligibility, quota and audit as the console."""

from __future__ import annotations

import pytest

from icpconsole.core.models import AuditEvent
from openapi.models import ServiceCodeGrant
from servicecodes.models import ServiceCode
from tests.factories import InstanceFactory, ServiceCodeFactory


def _ok(response) -> dict:
    assert response.status_code == 200, response.content
    return response.json()


def _err(response, code: str, status: int) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["Code"] == code, body
    return body


def test_product_bind_bsn_issues_codes_in_bsn_shape(rpc, user, instance):
    body = _ok(
        rpc.bsn("ProductBindBsn", resourceType=1, resourceId=instance.instance_id, aliuid=user.uid, num=2)
    )
    assert body["requestId"]
    codes = body["datas"]["bsnDO"]
    assert len(codes) == 2
    assert codes[0] == {
        "aliUid": int(user.uid),
        "resourceType": 1,
        "resourceId": instance.instance_id,
        "sn": codes[0]["sn"],
        "status": 1,
        "beianNum": "",
        "opSource": 2,
    }
    assert set(ServiceCode.objects.values_list("code", flat=True)) == {c["sn"] for c in codes}
    event = AuditEvent.objects.filter(action="service_code.apply").first()
    assert event.details["via"] == "openapi"


def _bind(rpc, instance, num=1, **params):
    return rpc.bsn(
        "ProductBindBsn",
        **{
            "resourceType": 1,
            "resourceId": instance.instance_id,
            "aliuid": instance.owner.uid,
            "num": num,
            **params,
        },
    )


def test_the_quota_refusal_names_the_reasons(rpc, instance):
    _ok(_bind(rpc, instance, num=5))
    body = _err(_bind(rpc, instance), "609", 400)
    assert "QUOTA_EXHAUSTED" in body["Message"]
    assert ServiceCode.objects.count() == 5


def test_asking_for_more_codes_than_are_left_issues_none(rpc, instance):
    _ok(_bind(rpc, instance, num=3))
    _err(_bind(rpc, instance, num=3), "609", 400)
    assert ServiceCode.objects.count() == 3


def test_an_ineligible_instance_is_refused_with_every_reason(rpc, user):
    instance = InstanceFactory(
        owner=user,
        charge_type="PostPaid",
        internet_max_bandwidth_out=0,
        public_ip_address=None,
        region_id="cn-hongkong",
    )
    body = _err(_bind(rpc, instance), "413", 400)  # the first reason's code: the region
    for reason in ("REGION_NOT_MAINLAND", "PAY_AS_YOU_GO", "NO_PUBLIC_IP"):
        assert reason in body["Message"]


def test_resource_type_must_match_the_instance(rpc, user, instance):
    # Documented types only (1-9): 10 and 11 were the simulator's own; 3 (ACE) has no product here.
    _err(_bind(rpc, instance, resourceType=10), "411", 400)
    _err(_bind(rpc, instance, resourceType=3), "411", 400)
    _err(_bind(rpc, instance, resourceType=2), "402", 400)
    sas = InstanceFactory(owner=user, product_id="sas")
    _err(_bind(rpc, sas, resourceType=10), "411", 400)


def test_another_accounts_instance_is_not_found(rpc, user, other_user):
    theirs = InstanceFactory(owner=other_user)
    _err(_bind(rpc, theirs, aliuid=user.uid), "402", 400)
    read = rpc.bsn("GetBsnByResource", resourceType=1, resourceId=theirs.instance_id, aliuid=user.uid)
    _err(read, "402", 400)


def test_aliuid_must_be_the_callers_account(rpc, instance, other_user):
    _err(_bind(rpc, instance, aliuid=other_user.uid), "604", 400)
    _err(_bind(rpc, instance, aliuid="not-a-uid"), "401", 400)


def test_missing_resource_id_is_602(rpc, user):
    body = _err(rpc.bsn("ProductBindBsn", resourceType=1, aliuid=user.uid, num=1), "602", 400)
    assert "resourceId" in body["Message"]


@pytest.mark.parametrize("status,number", [("unused", 1), ("filing", 4), ("used", 2), ("deleted", 3)])
def test_get_bsn_by_resource_maps_statuses(rpc, instance, status, number):
    code = ServiceCodeFactory(
        instance=instance, status=status, icp_number="浙ICP备20261234号-1" if status == "used" else ""
    )
    (item,) = _ok(
        rpc.bsn(
            "GetBsnByResource", resourceType=1, resourceId=instance.instance_id, aliuid=instance.owner.uid
        )
    )["datas"]["bsnDO"]
    assert item["sn"] == code.code and item["status"] == number
    assert item["beianNum"] == code.icp_number


def test_a_ram_user_reads_its_accounts_codes(rpc_for, ram_user, instance):
    ServiceCodeFactory(instance=instance)
    body = _ok(
        rpc_for(ram_user).bsn(
            "GetBsnByResource", resourceType=1, resourceId=instance.instance_id, aliuid=instance.owner.uid
        )
    )
    assert len(body["datas"]["bsnDO"]) == 1


def test_grant_bsn_code(rpc, user, other_user, instance):
    code = ServiceCodeFactory(instance=instance)
    body = _ok(
        rpc.bsn("GrantBsnCode", Sn=code.code, AliUid=user.uid, GrantToAliuid=other_user.uid, Notes="partner")
    )
    assert body == {
        "RequestId": body["RequestId"],
        "Success": True,
        "Sn": code.code,
        "AliUid": int(user.uid),
        "GrantToAliuid": int(other_user.uid),
        "Notes": "partner",
    }
    grant = ServiceCodeGrant.objects.get()
    assert (grant.grantee, grant.granted_by, grant.service_code) == (other_user, user, code)
    assert AuditEvent.objects.filter(action="service_code.grant", account=user).exists()


def test_grant_refusals(rpc, user, other_user, ram_user, instance):
    used = ServiceCodeFactory(instance=instance, status="used")
    unused = ServiceCodeFactory(instance=instance)
    theirs = ServiceCodeFactory(instance=InstanceFactory(owner=other_user))
    def grant(**params):
        return rpc.bsn("GrantBsnCode", **{"AliUid": user.uid, **params})

    _err(grant(Sn=used.code, GrantToAliuid=other_user.uid), "504", 400)
    _err(grant(Sn=theirs.code, GrantToAliuid=other_user.uid), "616", 400)
    _err(grant(Sn="0000-nope", GrantToAliuid=other_user.uid), "406", 400)
    _err(grant(Sn=unused.code, GrantToAliuid="1234567890123456"), "401", 400)
    _err(grant(Sn=unused.code, GrantToAliuid=user.uid), "401", 400)
    _err(grant(Sn=unused.code, GrantToAliuid=ram_user.uid), "401", 400)
    _err(grant(Sn=unused.code), "602", 400)
    _err(rpc.bsn("GrantBsnCode", Sn=unused.code, GrantToAliuid=other_user.uid), "602", 400)
    assert not ServiceCodeGrant.objects.exists()


def test_get_bsn_by_resource_query_count_does_not_grow_with_codes(rpc, instance):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            _ok(
                rpc.bsn(
                    "GetBsnByResource",
                    resourceType=1,
                    resourceId=instance.instance_id,
                    aliuid=instance.owner.uid,
                )
            )
        return len(ctx.captured_queries)

    ServiceCodeFactory(instance=instance)
    one = count()
    for _ in range(4):
        ServiceCodeFactory(instance=instance)
    assert count() == one
