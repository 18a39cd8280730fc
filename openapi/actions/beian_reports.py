"""Beian's reporting actions, API version 2016-08-10 (SPEC 4.5): what an access provider tells
the MIIT (the domains and IPs it serves, its white-list, the IPs it checks for unfiled domains, the
OSS lists of every domain). They parse their parameters here and call ``accessors.services`` and
``accessors.selectors``, which hold the state and its rules; ``beian.py`` has the queries, the
envelope and the time format.
"""

from __future__ import annotations

from accessors import selectors as accessor_selectors
from accessors import services as accessor_services
from filings.domains import normalize_main_domain
from icpconsole.core import clock

from . import Call
from .beian import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    OK_CODE,
    OK_MESSAGE,
    beian_action,
    beijing,
    list_param,
    ok,
    time_param,
)


# --- the access provider's reports -----------------------------------------------------------
def _done(call: Call) -> dict:
    """The ``Code``/``Message`` envelope of a report that returns no data."""
    return {"RequestId": call.request_id, "Code": OK_CODE, "Message": OK_MESSAGE}


def _huntress(call: Call, **result) -> dict:
    """The ``ErrorCode``/``ErrorMessage``/``Success`` envelope of the unfiled-IP check actions."""
    return {
        "RequestId": call.request_id,
        "Success": True,
        "ErrorCode": 0,
        "ErrorMessage": "",
        "HuntressIpCheckTypeResultDO": {"Success": True, "Msg": OK_MESSAGE, **result},
    }


@beian_action("ManageAccessorDomain", write=True)
def manage_accessor_domain(call: Call) -> dict:
    """Report (``Operation=add``) or withdraw (``delete``) a domain the caller serves."""
    params = call.params
    accessor_services.accessor_domain_manage(
        actor=call.caller,
        domain=params.text("Domain", required=True, max_length=300),
        operation=params.text("Operation", required=True, max_length=16),
    )
    return _done(call)


@beian_action("ManageAccessorIp", write=True)
def manage_accessor_ip(call: Call) -> dict:
    """Report (``add``) or withdraw (``delete``) an IP the caller controls (``IpVersion`` 4 or 6)."""
    params = call.params
    accessor_services.accessor_ip_manage(
        actor=call.caller,
        ip=params.text("Ip", required=True, max_length=64),
        ip_version=params.integer("IpVersion", required=True),
        operation=params.text("Operation", required=True, max_length=16),
        remark=params.text("Remark", default="", max_length=500),
    )
    return _done(call)


@beian_action("ManageAccessorDomainWhiteList", write=True)
def manage_accessor_domain_white_list(call: Call) -> dict:
    """White-list unfiled ``Domains`` from ``StartTime`` (default now) until ``EndTime`` (``add``),
    or end their entries (``delete``)."""
    params = call.params
    operation = params.text("Operation", required=True, max_length=16)
    domains = list_param(call, "Domains")
    accessor_services.white_list_manage(
        actor=call.caller,
        domains=domains,
        operation=operation,
        start_time=time_param(call, "StartTime"),
        end_time=time_param(call, "EndTime"),
        remark=params.text("Remark", default="", max_length=500),
    )
    return _done(call)


@beian_action("QueryAccessorDomainWhiteList", write=False)
def query_accessor_domain_white_list(call: Call) -> dict:
    """The caller's account's white-list entries for ``Domain``, oldest first; ``White`` while one is
    in effect."""
    raw = call.params.text("Domain", required=True, max_length=300)
    domain = normalize_main_domain(raw, field="Domain")[0]
    now = clock.now()
    items = []
    for entry in accessor_selectors.white_list_entries(call.caller, domain):
        state = accessor_selectors.white_list_state(entry, now=now)
        items.append(
            {
                "CreateTime": beijing(entry.created_time),
                "StartTime": beijing(entry.start_time),
                "EndTime": beijing(entry.end_time),
                "Type": state,
                "Valid": state == accessor_selectors.ACTIVE,
            }
        )
    return ok(call, {"White": any(item["Valid"] for item in items), "Items": items})


def _check_type(call: Call, *, required: bool) -> int | None:
    value = call.params.integer("CheckType", required=required)
    return None if value is None else accessor_services.clean_check_type(value)


@beian_action("InsertUnbeianIpCheckType", write=True)
def insert_unbeian_ip_check_type(call: Call) -> dict:
    """Put one of the caller's IPs under an unfiled-domain check (``CheckType`` 1 notify, 2 block)."""
    params = call.params
    accessor_services.ip_check_insert(
        actor=call.caller,
        ip=params.text("Ip", required=True, max_length=64),
        check_type=_check_type(call, required=True),
        remark=params.text("Remark", default="", max_length=500),
        caller=params.text("Caller", default="", max_length=64),
    )
    return _huntress(call)


@beian_action("DeleteUnbeianIpCheckType", write=True)
def delete_unbeian_ip_check_type(call: Call) -> dict:
    params = call.params
    accessor_services.ip_check_delete(
        actor=call.caller,
        ip=params.text("Ip", required=True, max_length=64),
        check_type=_check_type(call, required=True),
    )
    return _huntress(call)


@beian_action("ListUnbeianIpCheckType", write=False)
def list_unbeian_ip_check_type(call: Call) -> dict:
    """The caller's account's checks, oldest first, filtered by ``Ip``, ``CheckType`` and ``Remark``
    (a part of it), ``Page`` (from 1) of ``Limit`` (20, at most 100)."""
    params = call.params
    ip = params.text("Ip", max_length=64)
    if ip is not None:
        ip, _version = accessor_services.clean_ip(ip)
    page = params.integer("Page", default=1, minimum=1, maximum=10**6)
    limit = params.integer("Limit", default=DEFAULT_PAGE_SIZE, minimum=1, maximum=MAX_PAGE_SIZE)
    checks = accessor_selectors.ip_checks(
        call.caller,
        ip=ip,
        check_type=_check_type(call, required=False),
        remark=accessor_services.clean_text(params.text("Remark"), field="Remark", max_length=500),
    )
    start = (page - 1) * limit
    return _huntress(
        call,
        List=[
            {
                "Aliuid": int(check.account.uid),
                "Caller": check.caller,
                "CheckType": check.check_type,
                "Ip": check.ip,
                "Remark": check.remark,
            }
            for check in checks[start : start + limit]
        ],
    )


@beian_action("SubmitAccessorFullDomainsOssList", write=True)
def submit_accessor_full_domains_oss_list(call: Call) -> dict:
    """Record the OSS objects listing every domain the caller serves (``OssList.1``, ...)."""
    accessor_services.full_domains_submit(actor=call.caller, oss_list=list_param(call, "OssList"))
    return _done(call)
