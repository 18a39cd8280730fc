"""Beian 2016-08-10's reporting actions (issue 15): the effect of each on the queries, and every
refusal (Alibaba's codes, nothing written). Reported domains and IPs, full domain lists, BSN.
"""

from __future__ import annotations

import datetime as dt

import pytest

from accessors.models import FullDomainsSubmission, ReportedDomain, ReportedIp
from icpconsole.core import clock
from icpconsole.core.models import AuditEvent
from tests.openapi.accessors_helpers import (
    _beijing,
    _domains,
    _done,
    _err,
    _nothing_written,
    _ok,
    _white_list,
)


# --- ManageAccessorDomain -> QueryAccessorDomainList ------------------------------------------
def test_reported_domains_are_listed_with_the_filed_websites(rpc, filed):
    _done(rpc.beian("ManageAccessorDomain", Domain="Shop.Example.NET", Operation="add"))
    _done(rpc.beian("ManageAccessorDomain", Domain="api.example.org", Operation="ADD"))
    # Reported, like filed, by main domain (SPEC 3.9): Shop.Example.NET is example.net.
    assert _domains(rpc) == ["example.cn", "example.net", "example.org"]
    assert _domains(rpc, Domain="example.n") == ["example.net"]
    assert _domains(rpc, PageNo=2, PageSize=2) == ["example.org"]

    _done(rpc.beian("ManageAccessorDomain", Domain="shop.example.net", Operation="delete"))
    assert _domains(rpc) == ["example.cn", "example.org"]
    assert ReportedDomain.objects.filter(domain="example.net").get().removed_time is not None
    assert AuditEvent.objects.filter(action="accessor.domain.delete").count() == 1


def test_reporting_a_domain_twice_lists_it_once_and_deleting_an_unreported_one_changes_nothing(rpc, filed):
    for _ in range(2):
        _done(rpc.beian("ManageAccessorDomain", Domain="www.example.cn", Operation="add"))
    assert _domains(rpc) == ["example.cn"]  # the filed website's main domain, reported: listed once
    assert ReportedDomain.objects.count() == 1
    _done(rpc.beian("ManageAccessorDomain", Domain="never-example.cn", Operation="delete"))
    assert AuditEvent.objects.filter(action="accessor.domain.delete").count() == 0


def test_another_accounts_reports_are_not_listed(rpc, rpc_for, other_user, db):
    _done(rpc_for(other_user).beian("ManageAccessorDomain", Domain="theirs.cn", Operation="add"))
    assert _domains(rpc) == []


@pytest.mark.parametrize(
    "params,code",
    [
        ({"Domain": "a.cn", "Operation": "upsert"}, "InvalidParameter"),
        ({"Domain": "a.cn", "Operation": ""}, "MissingParameter"),
        ({"Domain": "http://a.cn/x", "Operation": "add"}, "InvalidParameter"),
        ({"Operation": "add"}, "MissingParameter"),
    ],
)
def test_manage_accessor_domain_refusals(rpc, db, params, code):
    message = _err(rpc.beian("ManageAccessorDomain", **params), code)
    assert "Operation" in message or "Domain" in message or "domain" in message
    assert _nothing_written()


def test_a_ram_user_cannot_report(rpc_for, ram_user):
    _err(
        rpc_for(ram_user).beian("ManageAccessorDomain", Domain="a.cn", Operation="add"), "Forbidden.RAM", 403
    )
    assert _nothing_written()


# --- ManageAccessorIp -> QueryAccessorIp ------------------------------------------------------
@pytest.mark.parametrize("ip,version", [("203.0.113.7", 4), ("2001:DB8::0:1", 6)])
def test_a_reported_ip_is_served(rpc, db, ip, version):
    assert _ok(rpc.beian("QueryAccessorIp", Ip=ip))["Data"] is False
    _done(rpc.beian("ManageAccessorIp", Ip=ip, IpVersion=version, Operation="add", Remark="edge node"))
    assert _ok(rpc.beian("QueryAccessorIp", Ip=ip))["Data"] is True
    assert ReportedIp.objects.get().ip == ip.lower().replace(":0:", ":")
    _done(rpc.beian("ManageAccessorIp", Ip=ip, IpVersion=version, Operation="delete"))
    assert _ok(rpc.beian("QueryAccessorIp", Ip=ip))["Data"] is False


def test_an_ip_reported_by_another_account_is_not_served_for_the_caller(rpc, rpc_for, other_user, db):
    _done(rpc_for(other_user).beian("ManageAccessorIp", Ip="203.0.113.9", IpVersion=4, Operation="add"))
    assert _ok(rpc.beian("QueryAccessorIp", Ip="203.0.113.9"))["Data"] is False


@pytest.mark.parametrize(
    "params,code",
    [
        ({"Ip": "203.0.113.300", "IpVersion": 4, "Operation": "add"}, "InvalidParameter"),
        ({"Ip": "2001:db8::g", "IpVersion": 6, "Operation": "add"}, "InvalidParameter"),
        ({"Ip": "203.0.113.1", "IpVersion": 6, "Operation": "add"}, "InvalidParameter"),
        ({"Ip": "2001:db8::1", "IpVersion": 4, "Operation": "add"}, "InvalidParameter"),
        ({"Ip": "203.0.113.1", "IpVersion": 5, "Operation": "add"}, "InvalidParameter"),
        ({"Ip": "203.0.113.1", "IpVersion": "four", "Operation": "add"}, "InvalidParameter"),
        ({"Ip": "203.0.113.1", "IpVersion": 4, "Operation": "remove"}, "InvalidParameter"),
        ({"Ip": "203.0.113.1", "Operation": "add"}, "MissingParameter"),
        ({"IpVersion": 4, "Operation": "add"}, "MissingParameter"),
        ({"Ip": "203.0.113.1", "IpVersion": 4, "Operation": "add", "Remark": "x" * 501}, "InvalidParameter"),
    ],
)
def test_manage_accessor_ip_refusals(rpc, db, params, code):
    _err(rpc.beian("ManageAccessorIp", **params), code)
    assert _nothing_written()


# --- SubmitAccessorFullDomainsOssList ----------------------------------------------------------
def test_full_domain_lists_are_recorded(rpc, user):
    _done(
        rpc.beian(
            "SubmitAccessorFullDomainsOssList",
            **{
                "OssList.1": "oss://provider-reports/domains/2026-12-01.txt",
                "OssList.2": "https://provider-reports.oss-cn-hangzhou.aliyuncs.com/domains/part2.txt",
            },
        )
    )
    submission = FullDomainsSubmission.objects.get()
    assert submission.account == user and len(submission.oss_list) == 2
    assert AuditEvent.objects.filter(action="accessor.full_domains.submit", account=user).count() == 1


@pytest.mark.parametrize(
    "items,code",
    [
        ([], "MissingParameter"),
        (["ftp://bucket/x.txt"], "InvalidParameter"),
        (["oss://B/x.txt"], "InvalidParameter"),
        (["oss://bucket-only"], "InvalidParameter"),
        ([f"oss://bucket/{n}.txt" for n in range(101)], "InvalidParameter"),
    ],
)
def test_full_domain_list_refusals(rpc, db, items, code):
    _err(
        rpc.beian("SubmitAccessorFullDomainsOssList", **{f"OssList.{n}": v for n, v in enumerate(items, 1)}),
        code,
    )
    assert _nothing_written()


# --- BSN GetBsnBySn ----------------------------------------------------------------------------
def test_get_bsn_by_sn(rpc, rpc_for, user, other_user, instance):
    from servicecodes.services import service_code_apply

    code = service_code_apply(actor=user, instance_id=instance.instance_id)
    body = _ok(rpc.bsn("GetBsnBySn", sn=code.code.upper()))
    assert body["requestId"]
    assert body["datas"]["bsnDO"] == [
        {
            "aliUid": int(user.uid),
            "resourceType": 1,
            "resourceId": instance.instance_id,
            "sn": code.code,
            "status": 1,
            "beianNum": "",
        }
    ]
    assert (body["status"], body["aliUid"], body["resourceId"]) == (1, int(user.uid), instance.instance_id)
    # BSN's documented codes (SPEC 4.8): another account's code 616, none 406, no sn 602.
    _err(rpc_for(other_user).bsn("GetBsnBySn", sn=code.code), "616", 400)
    _err(rpc.bsn("GetBsnBySn", sn="nope"), "406", 400)
    _err(rpc.bsn("GetBsnBySn"), "602")


@pytest.mark.parametrize(
    "action,params",
    [
        ("ManageAccessorDomain", {"Domain": "a\x00.cn", "Operation": "add"}),
        ("ManageAccessorIp", {"Ip": "1.2.3.4", "IpVersion": 4, "Operation": "add", "Remark": "a\x00b"}),
        ("ManageAccessorDomainWhiteList", {"Domains.1": "a.cn", "Operation": "add", "EndTime": "2030\x00"}),
        ("QueryAccessorDomainWhiteList", {"Domain": "\x00"}),
        ("InsertUnbeianIpCheckType", {"Ip": "1.2.3.4\x00", "CheckType": 1}),
        ("ListUnbeianIpCheckType", {"Remark": "\x00"}),
        ("SubmitAccessorFullDomainsOssList", {"OssList.1": "oss://bucket/a\x00b"}),
    ],
)
def test_a_nul_byte_is_invalid_parameter_never_a_500(rpc, db, action, params):
    _err(rpc.beian(action, **params), "InvalidParameter")
    assert _nothing_written()


def test_a_nul_byte_in_an_sn_is_an_invalid_parameter(rpc, db):
    # The gateway refuses a NUL in any parameter before the action runs (issue 17).
    _err(rpc.bsn("GetBsnBySn", sn="abc\x00"), "InvalidParameter", 400)


def test_white_list_times_lie_within_ten_years(rpc, db):
    far = _beijing(clock.now() + dt.timedelta(days=3700))
    message = _err(_white_list(rpc, ["a-example.cn"], Operation="add", EndTime=far), "InvalidParameter")
    assert "EndTime" in message
    _err(
        _white_list(rpc, ["a-example.cn"], Operation="add", StartTime="0001-01-01 00:00:00", EndTime=far),
        "InvalidParameter",
    )
    assert _nothing_written()
