"""Beian 2016-08-10's reporting actions (issue 15): the effect of each on the queries, and every
refusal (Alibaba's codes, nothing written)."""

from __future__ import annotations

import datetime as dt

import pytest

from accessors.models import FullDomainsSubmission, IpCheck, ReportedDomain, ReportedIp, WhiteListEntry
from filings import services as filing_services
from filings.models import MessageKind, OrderType
from icpconsole.core import clock
from icpconsole.core.models import AuditEvent
from tests.factories import InstanceFactory
from tests.filings import flows

from .filing_flow import SUBJECT, file_first, latest_secret


def _ok(response) -> dict:
    assert response.status_code == 200, response.content
    body = response.json()
    assert body.get("RequestId") or body.get("requestId")
    return body


def _done(response) -> None:
    body = _ok(response)
    assert (body["Code"], body["Message"]) == (200, "success")


def _err(response, code: str, status: int = 400) -> str:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["Code"] == code, body
    return body["Message"]


def _status(rpc, domain: str) -> dict:
    return _ok(rpc.beian("QueryAccessorDomainStatus", Domain=domain))["Data"]


def _domains(rpc, **params) -> list[str]:
    return _ok(rpc.beian("QueryAccessorDomainList", **params))["Data"]["Domains"]


def _beijing(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone(dt.timedelta(hours=8))).strftime("%Y-%m-%d %H:%M:%S")


def _nothing_written():
    return (
        ReportedDomain.objects.count()
        + ReportedIp.objects.count()
        + WhiteListEntry.objects.count()
        + IpCheck.objects.count()
        + FullDomainsSubmission.objects.count()
        + AuditEvent.objects.filter(action__startswith="accessor.").count()
    ) == 0


@pytest.fixture
def filed(user, staff, instance):
    return file_first(user, staff=staff, domain="www.example.cn", instance_id=instance.instance_id)


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


# --- ManageAccessorDomainWhiteList -> QueryAccessorDomainWhiteList, domain status ----------------
def test_a_white_listed_domain_answers_as_such_until_its_end_time(rpc, db, advance_clock):
    now = clock.now()
    assert _status(rpc, "promo-example.cn")["Status"] == "NOT_FILED"
    _done(
        rpc.beian(
            "ManageAccessorDomainWhiteList",
            **{"Domains.1": "promo-example.cn", "Domains.2": "Sale-Example.cn"},
            Operation="add",
            EndTime=_beijing(now + dt.timedelta(days=10)),
            Remark="campaign",
        )
    )
    status = _status(rpc, "promo-example.cn")
    assert (status["Status"], status["ReasonCode"]) == ("WHITELISTED", 5)
    data = _ok(rpc.beian("QueryAccessorDomainWhiteList", Domain="sale-example.cn"))["Data"]
    assert data["White"] is True
    (item,) = data["Items"]
    assert (item["Type"], item["Valid"]) == ("ACTIVE", True)
    assert item["StartTime"].endswith("+08:00") and item["EndTime"] > item["StartTime"]
    assert _ok(rpc.beian("QueryAccessorDomain", Domain="promo-example.cn"))["Data"] is False

    advance_clock(days=11)
    assert _status(rpc, "promo-example.cn")["Status"] == "NOT_FILED"
    data = _ok(rpc.beian("QueryAccessorDomainWhiteList", Domain="sale-example.cn"))["Data"]
    assert data["White"] is False and data["Items"][0]["Type"] == "EXPIRED"


def test_a_white_list_entry_can_start_later_and_be_deleted(rpc, db):
    now = clock.now()
    _done(
        rpc.beian(
            "ManageAccessorDomainWhiteList",
            **{"Domains.1": "later-example.cn"},
            Operation="add",
            StartTime=(now + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            EndTime=(now + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
    )
    data = _ok(rpc.beian("QueryAccessorDomainWhiteList", Domain="later-example.cn"))["Data"]
    assert (data["White"], data["Items"][0]["Type"]) == (False, "SCHEDULED")
    _done(rpc.beian("ManageAccessorDomainWhiteList", **{"Domains.1": "later-example.cn"}, Operation="delete"))
    data = _ok(rpc.beian("QueryAccessorDomainWhiteList", Domain="later-example.cn"))["Data"]
    assert (data["White"], data["Items"][0]["Type"]) == (False, "REMOVED")


def test_the_white_list_is_the_callers_own(rpc, rpc_for, other_user, db):
    _done(
        rpc_for(other_user).beian(
            "ManageAccessorDomainWhiteList",
            **{"Domains.1": "theirs-example.cn"},
            Operation="add",
            EndTime=_beijing(clock.now() + dt.timedelta(days=1)),
        )
    )
    assert _status(rpc, "theirs-example.cn")["Status"] == "NOT_FILED"
    assert _ok(rpc.beian("QueryAccessorDomainWhiteList", Domain="theirs-example.cn"))["Data"] == {
        "White": False,
        "Items": [],
    }


def test_a_filing_wins_over_the_white_list(rpc, user, staff, instance):
    _done(
        rpc.beian(
            "ManageAccessorDomainWhiteList",
            **{"Domains.1": "www.example.cn"},
            Operation="add",
            EndTime=_beijing(clock.now() + dt.timedelta(days=30)),
        )
    )
    file_first(user, staff=staff, domain="www.example.cn", instance_id=instance.instance_id)
    assert _status(rpc, "www.example.cn")["Status"] == "ACCESSED"


def _white_list(rpc, domains, **params):
    return rpc.beian(
        "ManageAccessorDomainWhiteList",
        **{f"Domains.{n}": d for n, d in enumerate(domains, 1)},
        **params,
    )


def test_white_list_refusals(rpc, filed):
    now = clock.now()
    later = _beijing(now + dt.timedelta(days=1))
    # A filed domain, alone or among unfiled ones: the whole call is refused.
    message = _err(
        _white_list(rpc, ["ok-example.cn", "www.example.cn"], Operation="add", EndTime=later),
        "InvalidParameter",
    )
    assert "example.cn" in message
    cases = [
        (
            dict(Operation="add", EndTime=later, StartTime=_beijing(now + dt.timedelta(days=2))),
            "InvalidParameter",
        ),
        (
            dict(
                Operation="add",
                EndTime=_beijing(now - dt.timedelta(days=1)),
                StartTime=_beijing(now - dt.timedelta(days=2)),
            ),
            "InvalidParameter",
        ),
        (dict(Operation="add"), "InvalidParameter"),
        (dict(Operation="add", EndTime="next tuesday"), "InvalidParameter"),
        (dict(Operation="add", EndTime="2026-13-45 25:00:00"), "InvalidParameter"),
        (dict(Operation="extend", EndTime=later), "InvalidParameter"),
        (dict(EndTime=later), "MissingParameter"),
    ]
    for params, code in cases:
        _err(_white_list(rpc, ["ok-example.cn"], **params), code)
    _err(rpc.beian("ManageAccessorDomainWhiteList", Operation="add", EndTime=later), "MissingParameter")
    huge = [f"d{n}.example.cn" for n in range(101)]
    assert "101" in _err(_white_list(rpc, huge, Operation="add", EndTime=later), "InvalidParameter")
    _err(_white_list(rpc, ["bad_domain!.cn"], Operation="add", EndTime=later), "InvalidParameter")
    assert _nothing_written()


# --- Insert/Delete/ListUnbeianIpCheckType -> flags in the domain status ----------------------------
@pytest.fixture
def filing_in_progress(user, instance):
    """An unfiled domain that points at ``instance``'s IP: its first filing is still a draft."""
    return flows.create_first(
        actor=user, subject=SUBJECT, website={"domain": "new-example.cn", "instance_id": instance.instance_id}
    )


def test_a_checked_ip_flags_the_unfiled_domains_pointing_at_it(
    rpc, user, staff, instance, filing_in_progress
):
    assert _status(rpc, "new-example.cn")["Status"] == "FILING"
    ip = instance.public_ip_address
    body = _ok(rpc.beian("InsertUnbeianIpCheckType", Ip=ip, CheckType=1, Remark="weekly scan", Caller="ops"))
    assert body["Success"] is True and body["HuntressIpCheckTypeResultDO"]["Success"] is True
    status = _status(rpc, "new-example.cn")
    assert (status["Status"], status["ReasonCode"]) == ("FLAGGED", 6)
    assert ip in status["Reason"] and "blocked" not in status["Reason"]

    _ok(rpc.beian("InsertUnbeianIpCheckType", Ip=ip, CheckType=2))
    assert "blocked" in _status(rpc, "new-example.cn")["Reason"]
    listed = _ok(rpc.beian("ListUnbeianIpCheckType"))["HuntressIpCheckTypeResultDO"]["List"]
    assert [(c["Ip"], c["CheckType"], c["Remark"], c["Caller"]) for c in listed] == [
        (ip, 1, "weekly scan", "ops"),
        (ip, 2, "", "tests"),  # the Caller rpc.beian sends by default
    ]
    assert {c["Aliuid"] for c in listed} == {int(user.uid)}
    only_block = _ok(rpc.beian("ListUnbeianIpCheckType", CheckType=2))["HuntressIpCheckTypeResultDO"]["List"]
    assert [c["CheckType"] for c in only_block] == [2]
    assert (
        len(_ok(rpc.beian("ListUnbeianIpCheckType", Remark="WEEKLY"))["HuntressIpCheckTypeResultDO"]["List"])
        == 1
    )
    assert (
        _ok(rpc.beian("ListUnbeianIpCheckType", Page=2, Limit=1))["HuntressIpCheckTypeResultDO"]["List"][0][
            "CheckType"
        ]
        == 2
    )

    # A white-listed domain is exempt; a filed one is never flagged.
    _done(
        _white_list(
            rpc, ["new-example.cn"], Operation="add", EndTime=_beijing(clock.now() + dt.timedelta(days=3))
        )
    )
    assert _status(rpc, "new-example.cn")["Status"] == "WHITELISTED"
    _done(_white_list(rpc, ["new-example.cn"], Operation="delete"))
    assert _status(rpc, "new-example.cn")["Status"] == "FLAGGED"

    for check_type in (1, 2):
        _ok(rpc.beian("DeleteUnbeianIpCheckType", Ip=ip, CheckType=check_type))
    assert _status(rpc, "new-example.cn")["Status"] == "FILING"
    assert _ok(rpc.beian("ListUnbeianIpCheckType"))["HuntressIpCheckTypeResultDO"]["List"] == []


def test_a_filed_domain_on_a_checked_ip_is_not_flagged_but_a_cancelled_one_is(rpc, user, staff, instance):
    filed = file_first(user, staff=staff, domain="www.example.cn", instance_id=instance.instance_id)
    _ok(rpc.beian("InsertUnbeianIpCheckType", Ip=instance.public_ip_address, CheckType=1))
    assert _status(rpc, "www.example.cn")["Status"] == "ACCESSED"
    order = filing_services.filing_create_cancel(
        actor=user,
        type=OrderType.CANCEL_WEBSITE,
        icp_password=latest_secret(user, MessageKind.FILING_PASSWORD),
        website_id=filed.website.pk,
    )
    from .filing_flow import approve

    approve(order, actor=user, staff=staff)
    assert _status(rpc, "www.example.cn")["Status"] == "FLAGGED"


def test_another_accounts_check_flags_nothing_for_the_caller(
    rpc, rpc_for, user, other_user, filing_in_progress, instance
):
    # other_user cannot check alice's IP at all; with an IP of its own it flags nothing of hers.
    _err(
        rpc_for(other_user).beian("InsertUnbeianIpCheckType", Ip=instance.public_ip_address, CheckType=1),
        "InvalidParameter",
    )
    theirs = InstanceFactory(owner=other_user)
    _ok(rpc_for(other_user).beian("InsertUnbeianIpCheckType", Ip=theirs.public_ip_address, CheckType=1))
    assert _status(rpc, "new-example.cn")["Status"] == "FILING"
    assert _ok(rpc.beian("ListUnbeianIpCheckType"))["HuntressIpCheckTypeResultDO"]["List"] == []


def test_a_reported_ip_may_be_checked_until_it_is_withdrawn(rpc, db):
    _err(rpc.beian("InsertUnbeianIpCheckType", Ip="198.51.100.4", CheckType=1), "InvalidParameter")
    _done(rpc.beian("ManageAccessorIp", Ip="198.51.100.4", IpVersion=4, Operation="add"))
    _ok(rpc.beian("InsertUnbeianIpCheckType", Ip="198.51.100.4", CheckType=1))
    _done(rpc.beian("ManageAccessorIp", Ip="198.51.100.4", IpVersion=4, Operation="delete"))
    assert _ok(rpc.beian("ListUnbeianIpCheckType"))["HuntressIpCheckTypeResultDO"]["List"] == []


@pytest.mark.parametrize(
    "action,params,code",
    [
        ("InsertUnbeianIpCheckType", {"Ip": "10.0.0.256", "CheckType": 1}, "InvalidParameter"),
        ("InsertUnbeianIpCheckType", {"Ip": "fe80::zz", "CheckType": 1}, "InvalidParameter"),
        ("InsertUnbeianIpCheckType", {"Ip": "{ip}", "CheckType": 9}, "InvalidParameter"),
        ("InsertUnbeianIpCheckType", {"Ip": "{ip}", "CheckType": "x"}, "InvalidParameter"),
        ("InsertUnbeianIpCheckType", {"Ip": "{ip}"}, "MissingParameter"),
        ("InsertUnbeianIpCheckType", {"CheckType": 1}, "MissingParameter"),
        ("InsertUnbeianIpCheckType", {"Ip": "{ip}", "CheckType": 1, "Remark": "r" * 501}, "InvalidParameter"),
        ("DeleteUnbeianIpCheckType", {"Ip": "{ip}", "CheckType": 1}, "InvalidParameter"),
        ("DeleteUnbeianIpCheckType", {"Ip": "not-an-ip", "CheckType": 1}, "InvalidParameter"),
        ("ListUnbeianIpCheckType", {"Ip": "1.2.3"}, "InvalidParameter"),
        ("ListUnbeianIpCheckType", {"Limit": 101}, "InvalidParameter"),
        ("ListUnbeianIpCheckType", {"CheckType": 3}, "InvalidParameter"),
    ],
)
def test_ip_check_refusals(rpc, instance, action, params, code):
    params = {
        k: (v.format(ip=instance.public_ip_address) if isinstance(v, str) else v) for k, v in params.items()
    }
    _err(rpc.beian(action, **params), code)
    assert _nothing_written()


def test_the_same_check_twice_is_refused(rpc, instance):
    _ok(rpc.beian("InsertUnbeianIpCheckType", Ip=instance.public_ip_address, CheckType=1))
    assert "already" in _err(
        rpc.beian("InsertUnbeianIpCheckType", Ip=instance.public_ip_address, CheckType=1), "InvalidParameter"
    )
    assert IpCheck.objects.count() == 1


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
