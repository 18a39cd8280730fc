"""The Beian reporting actions through the official Tea SDK (``alibabacloud_beian20160810``, signature
V3 and V2) and BSN's ``GetBsnBySn`` through the classic core SDK's ``CommonRequest`` (issue 15): the
SDK's own request models send the parameters, and its response models read every field back."""

from __future__ import annotations

import datetime as dt

import pytest
from alibabacloud_beian20160810 import models as m
from alibabacloud_tea_openapi.exceptions import AlibabaCloudException
from aliyunsdkcore.acs_exception.exceptions import ServerException

from icpconsole.core import clock
from servicecodes.services import service_code_apply
from tests.factories import InstanceFactory
from tests.filings import flows

from .filing_flow import SUBJECT

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=["v3", "v2"])
def beian(request, tea, alice_key):
    return tea("beian", *alice_key, v2=request.param == "v2")


def _refused(call) -> tuple[str, int]:
    with pytest.raises(AlibabaCloudException) as exc:
        call()
    return exc.value.code, exc.value.status_code


def _report_a_domain(beian) -> None:
    # ManageAccessorDomain -> QueryAccessorDomainList
    body = beian.manage_accessor_domain(
        m.ManageAccessorDomainRequest(caller="ops", domain="served-example.cn", operation="add")
    ).body
    assert (body.code, body.message, bool(body.request_id)) == (200, "success", True)
    listed = beian.query_accessor_domain_list(
        m.QueryAccessorDomainListRequest(caller="ops", domain="example", page_no=1, page_size=10)
    ).body
    assert listed.data.domains == ["served-example.cn"]


def _report_an_ip(beian) -> None:
    # ManageAccessorIp -> QueryAccessorIp
    body = beian.manage_accessor_ip(
        m.ManageAccessorIpRequest(
            caller="ops", ip="2001:db8::10", ip_version=6, operation="add", remark="v6 edge"
        )
    ).body
    assert body.code == 200
    assert (
        beian.query_accessor_ip(m.QueryAccessorIpRequest(caller="ops", ip="2001:db8::10")).body.data is True
    )


def _white_list_two_domains(beian) -> None:
    # ManageAccessorDomainWhiteList -> QueryAccessorDomainWhiteList
    end = (clock.now() + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = beian.manage_accessor_domain_white_list(
        m.ManageAccessorDomainWhiteListRequest(
            caller="ops",
            domains=["white-example.cn", "also-example.cn"],
            operation="add",
            end_time=end,
            remark="x",
        )
    ).body
    assert body.code == 200
    white = beian.query_accessor_domain_white_list(
        m.QueryAccessorDomainWhiteListRequest(caller="ops", domain="also-example.cn")
    ).body
    assert white.code == 200 and white.data.white is True
    (item,) = white.data.items
    assert (
        (item.type, item.valid) == ("ACTIVE", True) and item.create_time and item.start_time < item.end_time
    )
    status = beian.query_accessor_domain_status(
        m.QueryAccessorDomainStatusRequest(caller="ops", domain="white-example.cn")
    ).body.data
    assert (status.status, status.reason_code) == ("WHITELISTED", 5)


def _flag_and_unflag_the_draft_by_its_ip(beian, instance, user) -> None:
    # Insert / List / DeleteUnbeianIpCheckType -> the draft's domain is flagged, then not
    inserted = beian.insert_unbeian_ip_check_type(
        m.InsertUnbeianIpCheckTypeRequest(
            caller="ops", ip=instance.public_ip_address, check_type=2, remark="scan"
        )
    ).body
    assert inserted.success is True and inserted.huntress_ip_check_type_result_do.success is True
    many = beian.query_accessor_domains_status(
        m.QueryAccessorDomainsStatusRequest(caller="ops", domains=["draft-example.cn", "white-example.cn"])
    ).body.data
    assert [(d.domain, d.status) for d in many] == [
        ("draft-example.cn", "FLAGGED"),
        ("white-example.cn", "WHITELISTED"),
    ]
    listed = beian.list_unbeian_ip_check_type(
        m.ListUnbeianIpCheckTypeRequest(caller="ops", check_type=2, page=1, limit=10)
    ).body
    assert listed.success is True
    (entry,) = listed.huntress_ip_check_type_result_do.list
    assert (entry.ip, entry.check_type, entry.remark, entry.caller, entry.aliuid) == (
        instance.public_ip_address,
        2,
        "scan",
        "ops",
        int(user.uid),
    )
    deleted = beian.delete_unbeian_ip_check_type(
        m.DeleteUnbeianIpCheckTypeRequest(caller="ops", ip=instance.public_ip_address, check_type=2)
    ).body
    assert deleted.success is True
    status = beian.query_accessor_domain_status(
        m.QueryAccessorDomainStatusRequest(caller="ops", domain="draft-example.cn")
    ).body.data
    assert status.status == "FILING"


def _submit_a_full_domain_list(beian) -> None:
    # SubmitAccessorFullDomainsOssList
    body = beian.submit_accessor_full_domains_oss_list(
        m.SubmitAccessorFullDomainsOssListRequest(caller="ops", oss_list=["oss://reports-bucket/full/1.txt"])
    ).body
    assert (body.code, body.message) == (200, "success")


def test_every_reporting_action_through_the_sdk(beian, user):

    instance = InstanceFactory(owner=user)
    flows.create_first(
        actor=user,
        subject=SUBJECT,
        website={"domain": "draft-example.cn", "instance_id": instance.instance_id},
    )

    _report_a_domain(beian)
    _report_an_ip(beian)
    _white_list_two_domains(beian)
    _flag_and_unflag_the_draft_by_its_ip(beian, instance, user)
    _submit_a_full_domain_list(beian)


def test_refusals_through_the_sdk(beian, db):
    assert _refused(
        lambda: beian.manage_accessor_domain(
            m.ManageAccessorDomainRequest(caller="ops", domain="a.cn", operation="rename")
        )
    ) == ("InvalidParameter", 400)
    assert _refused(
        lambda: beian.manage_accessor_ip(
            m.ManageAccessorIpRequest(caller="ops", ip="1.2.3.4", ip_version=6, operation="add")
        )
    ) == ("InvalidParameter", 400)
    now = clock.now()
    assert _refused(
        lambda: beian.manage_accessor_domain_white_list(
            m.ManageAccessorDomainWhiteListRequest(
                caller="ops",
                domains=["a-example.cn"],
                operation="add",
                start_time=(now + dt.timedelta(days=2)).strftime("%Y-%m-%d %H:%M:%S"),
                end_time=(now + dt.timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S"),
            )
        )
    ) == ("InvalidParameter", 400)
    assert _refused(
        lambda: beian.manage_accessor_domain_white_list(
            m.ManageAccessorDomainWhiteListRequest(caller="ops", operation="add")
        )
    ) == ("MissingParameter", 400)
    assert _refused(
        lambda: beian.insert_unbeian_ip_check_type(
            m.InsertUnbeianIpCheckTypeRequest(caller="ops", ip="::1", check_type=1)
        )
    ) == ("InvalidParameter", 400)
    assert _refused(
        lambda: beian.submit_accessor_full_domains_oss_list(
            m.SubmitAccessorFullDomainsOssListRequest(
                caller="ops", oss_list=[f"oss://bucket/{n}" for n in range(101)]
            )
        )
    ) == ("InvalidParameter", 400)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_get_bsn_by_sn_through_the_classic_common_request(classic, alice_key, user, method):
    instance = InstanceFactory(owner=user)
    code = service_code_apply(actor=user, instance_id=instance.instance_id)
    client = classic(*alice_key)
    body = client.call("2015-05-12", "GetBsnBySn", method, common=True, sn=code.code)
    (found,) = body["datas"]["bsnDO"]
    assert (found["sn"], found["status"], found["aliUid"], found["resourceType"], found["resourceId"]) == (
        code.code,
        1,
        int(user.uid),
        1,
        instance.instance_id,
    )
    assert found["beianNum"] == "" and body["requestId"]
    with pytest.raises(ServerException) as exc:
        client.call("2015-05-12", "GetBsnBySn", method, common=True, sn="0" * 16)
    # BSN's documented code for a code that does not exist (SPEC 4.8).
    assert (exc.value.get_error_code(), exc.value.get_http_status()) == ("406", 400)
