"""Beian 2016-08-10's domain white list (issue 15): its effect on the domain status, and its refusals."""

from __future__ import annotations

import datetime as dt

from icpconsole.core import clock
from tests.openapi.accessors_helpers import _beijing, _done, _err, _nothing_written, _ok, _status, _white_list

from .filing_flow import file_first


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
