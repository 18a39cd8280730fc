"""Beian 2016-08-10's unfiled-IP checks (issue 15): the flags in the domain status, and the refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from accessors.models import IpCheck
from filings import services as filing_services
from filings.models import MessageKind, OrderType
from icpconsole.core import clock
from tests.factories import InstanceFactory
from tests.filings import flows
from tests.openapi.accessors_helpers import _beijing, _done, _err, _nothing_written, _ok, _status, _white_list

from .filing_flow import SUBJECT, file_first, latest_secret


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
