"""Beian 2016-08-10 accessor queries, answered from the simulated registry and the filings here."""

from __future__ import annotations

import pytest

from filings import services as filing_services
from filings.models import MessageKind, OrderType
from tests.factories import InstanceFactory
from tests.filings import flows
from tests.filings.materials import ID_NUMBER

from .filing_flow import approve, file_first, latest_secret


def _ok(response) -> dict:
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["Message"] == "success" and body["RequestId"]
    return body


def _err(response, code: str, status: int) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["Code"] == code, body
    return body


@pytest.fixture
def filed(user, staff, instance):
    return file_first(user, staff=staff, domain="example.cn", instance_id=instance.instance_id)


def _status(rpc, domain: str) -> dict:
    return _ok(rpc.beian("QueryAccessorDomainStatus", Domain=domain))["Data"]


def test_query_accessor_domain_is_true_for_a_domain_filed_here(rpc, filed):
    body = _ok(rpc.beian("QueryAccessorDomain", Domain="WWW.Example.cn"))
    assert body["Code"] == 200 and body["Data"] is True
    assert _ok(rpc.beian("QueryAccessorDomain", Domain="unfiled.cn"))["Data"] is False


def test_domain_status_accessed_and_not_filed(rpc, filed):
    status = _status(rpc, "example.cn")
    assert status["Status"] == "ACCESSED" and status["ReasonCode"] == 0
    assert filed.website.icp_number in status["Reason"]
    assert _status(rpc, "nothing.cn")["Status"] == "NOT_FILED"


def test_domain_status_filing_while_an_order_is_open(rpc, user, instance):
    flows.create_first(
        actor=user,
        subject={
            "kind": "individual",
            "name": "Zhang San",
            "certificate_number": ID_NUMBER,
            "province": "zhejiang",
        },
        website={"domain": "blog.cn", "instance_id": instance.instance_id},
    )
    status = _status(rpc, "blog.cn")
    assert (status["Status"], status["ReasonCode"]) == ("FILING", 1)


def test_domain_status_with_another_provider(rpc, staff):
    filing_services.registry_record_add(
        actor=staff,
        origin="other_provider",
        domain="elsewhere.cn",
        subject_name="Other Co.",
        subject_kind="enterprise",
        certificate_number="91110000XXXXXXXX1A",
        province="beijing",
        password="secret-pw",
        access_provider="Tencent Cloud",
    )
    status = _status(rpc, "elsewhere.cn")
    assert (status["Status"], status["ReasonCode"]) == ("OTHER_PROVIDER", 3)
    assert "Tencent Cloud" in status["Reason"]
    assert _ok(rpc.beian("QueryAccessorDomain", Domain="elsewhere.cn"))["Data"] is False


def test_domain_status_after_access_is_cancelled(rpc, user, staff, filed):
    order = filing_services.filing_create_cancel(
        actor=user,
        type=OrderType.CANCEL_ACCESS,
        icp_password=latest_secret(user, MessageKind.FILING_PASSWORD),
        website_id=filed.website.pk,
    )
    approve(order, actor=user, staff=staff)
    status = _status(rpc, "example.cn")
    assert (status["Status"], status["ReasonCode"]) == ("ACCESS_REMOVED", 2)


def test_domains_status_answers_each_domain(rpc, filed):
    body = _ok(rpc.beian("QueryAccessorDomainsStatus", **{"Domains.1": "example.cn", "Domains.2": "x.cn"}))
    assert [(d["Domain"], d["Status"]) for d in body["Data"]] == [
        ("example.cn", "ACCESSED"),
        ("x.cn", "NOT_FILED"),
    ]
    _err(rpc.beian("QueryAccessorDomainsStatus"), "MissingParameter", 400)


def test_a_malformed_domain_is_invalid_parameter(rpc, db):
    _err(rpc.beian("QueryAccessorDomain", Domain="http://example.cn/path"), "InvalidParameter", 400)
    _err(rpc.beian("QueryAccessorDomain"), "MissingParameter", 400)


def test_domain_list_is_the_callers_filed_domains(rpc, rpc_for, filed, other_user):
    assert _ok(rpc.beian("QueryAccessorDomainList"))["Data"] == {"Domains": ["example.cn"]}
    assert _ok(rpc.beian("QueryAccessorDomainList", Domain="nomatch"))["Data"] == {"Domains": []}
    assert _ok(rpc_for(other_user).beian("QueryAccessorDomainList"))["Data"] == {"Domains": []}


def test_query_accessor_ip(rpc, user):
    instance = InstanceFactory(owner=user)
    body = _ok(rpc.beian("QueryAccessorIp", Ip=instance.public_ip_address))
    assert body["Code"] == "200" and body["Data"] is True
    assert _ok(rpc.beian("QueryAccessorIp", Ip="8.8.8.8"))["Data"] is False
    _err(rpc.beian("QueryAccessorIp", Ip="not-an-ip"), "InvalidParameter", 400)


@pytest.mark.parametrize(
    "host,main",
    [
        ("www.example.com.cn", "example.com.cn"),
        ("a.b.example.co.uk", "example.co.uk"),
        ("Shop.Example.CN", "example.cn"),
        ("example.cn", "example.cn"),
    ],
)
def test_get_main_domain_uses_the_public_suffix_list(rpc, db, host, main):
    assert _ok(rpc.beian("GetMainDomain", Domain=host))["Data"] == main


def test_get_main_domain_refuses_a_bare_suffix(rpc, db):
    _err(rpc.beian("GetMainDomain", Domain="com.cn"), "InvalidParameter", 400)


def test_accessor_queries_answer_a_host_by_its_filed_main_domain(rpc, filed):
    assert _ok(rpc.beian("QueryAccessorDomain", Domain="blog.example.cn"))["Data"] is True
    status = _status(rpc, "www.shop.example.cn")
    assert (status["Domain"], status["Status"]) == ("example.cn", "ACCESSED")
    listed = _ok(
        rpc.beian("QueryAccessorDomainsStatus", **{"Domains.1": "a.example.cn", "Domains.2": "b.cn"})
    )
    assert [(item["Domain"], item["Status"]) for item in listed["Data"]] == [
        ("example.cn", "ACCESSED"),
        ("b.cn", "NOT_FILED"),
    ]


def test_get_main_domain_keeps_an_unknown_suffixs_last_two_labels(rpc, db):
    assert _ok(rpc.beian("GetMainDomain", Domain="a.b.example.internal"))["Data"] == "example.internal"
