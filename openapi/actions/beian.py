"""Beian accessor queries, API version 2016-08-10 (SPEC 4.5), answered from the simulated MIIT
registry and the filings made here.

The status values are the simulator's own (SPEC 4.5 leaves them to it), one per situation a
domain can be in, with a stable ``ReasonCode``:

======  ==================  =========================================================================
code    ``Status``          when
======  ==================  =========================================================================
0       ``ACCESSED``        filed (a valid registry record) with access through this provider
1       ``FILING``          not filed yet; a filing order for the domain is open here
2       ``ACCESS_REMOVED``  filed, but no provider hosts it any more (access was cancelled)
3       ``OTHER_PROVIDER``  filed with access through another provider
4       ``NOT_FILED``       no valid filing (never filed, or the filing was cancelled)
5       ``WHITELISTED``     not filed, but white-listed now by the caller's account
                            (``ManageAccessorDomainWhiteList``), until the entry's end time
6       ``FLAGGED``         not filed (or still being filed), and it points at an IP the caller's
                            account checks for unfiled domains (``InsertUnbeianIpCheckType``)
======  ==================  =========================================================================

A filing always wins: a filed domain answers 0, 2 or 3 whatever its white-list entries or checks;
a white-listed domain is exempt from the checks. The white-list and the checks are the caller's
account's own (another account's reports change nothing for it); ``accessors`` keeps them.

``QueryAccessorDomain`` is true exactly for ``ACCESSED``. ``QueryAccessorIp`` is true for a public
IP currently assigned to one of the simulator's instances or reported by the caller's account
(``ManageAccessorIp``). ``GetMainDomain`` cuts a host name
down to the domain registered under its public suffix (``www.example.com.cn`` ->
``example.com.cn``), from the public-suffix list that ships in the ``tldextract`` package: it is
never downloaded. Websites are filed under their main domain
(SPEC 3.9), so the accessor queries answer for any host by its main domain: ``blog.example.cn``
is accessed when ``example.cn`` is (``filings.domains.main_domain``). The ``Caller`` parameter is
required wherever the official SDK models (``alibabacloud_beian20160810``) mark it required, on
every action but ``GetMainDomain`` (missing: ``MissingParameter``, SPEC 4.8); its value is not
checked (``InsertUnbeianIpCheckType`` stores it, for ``ListUnbeianIpCheckType`` to return).

The reporting actions (``ManageAccessor*``, ``*UnbeianIpCheckType``, ``QueryAccessorDomainWhiteList``,
``SubmitAccessorFullDomainsOssList``) parse their parameters here and call ``accessors.services``
and ``accessors.selectors``, which hold the state and its rules. Times are read as ISO 8601 with an
offset, or as ``YYYY-MM-DD HH:MM:SS`` in Beijing time, and written as ISO 8601 in Beijing time
(``2026-12-01T08:00:00+08:00``).
"""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
import zoneinfo

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from accessors import selectors as accessor_selectors
from accessors import services as accessor_services
from filings.domains import main_domain, normalize_main_domain
from filings.rules import DomainFacts, Standing
from filings.selectors import domain_facts
from icpconsole.core import clock

from ..errors import invalid_parameter, missing_parameter
from . import Call, Product, action, register_product

BEIAN = register_product(Product(name="Beian", version="2016-08-10"))

# The actions whose SDK model leaves ``Caller`` optional (or has none); every other one requires it.
CALLER_OPTIONAL = frozenset({"GetMainDomain"})
CALLER_MAX_LENGTH = 64


def beian_action(name: str, *, write: bool):
    """Register a Beian action; ``Caller`` is checked first where the SDK models require it."""

    def decorator(func):
        @functools.wraps(func)
        def checked(call: Call) -> dict:
            if name not in CALLER_OPTIONAL:
                call.params.text("Caller", required=True, max_length=CALLER_MAX_LENGTH)
            return func(call)

        return action(BEIAN, name, write=write)(checked)

    return decorator

OK_CODE = 200
OK_MESSAGE = "success"
MAX_DOMAINS = 100
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

ACCESSED = "ACCESSED"
FILING = "FILING"
ACCESS_REMOVED = "ACCESS_REMOVED"
OTHER_PROVIDER = "OTHER_PROVIDER"
NOT_FILED = "NOT_FILED"
WHITELISTED = "WHITELISTED"
FLAGGED = "FLAGGED"
REASON_CODES = {
    ACCESSED: 0,
    FILING: 1,
    ACCESS_REMOVED: 2,
    OTHER_PROVIDER: 3,
    NOT_FILED: 4,
    WHITELISTED: 5,
    FLAGGED: 6,
}
BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")


# Where a domain stands (``filings.rules``) as the Beian status; orders aside, so a domain being
# transferred in still answers as filed with its provider until the transfer is approved.
_STATUS_BY_STANDING = {
    Standing.FILED_HERE: ACCESSED,
    Standing.OTHER_PROVIDER: OTHER_PROVIDER,
    Standing.HICHINA_LEGACY: OTHER_PROVIDER,
    Standing.ACCESS_REMOVED: ACCESS_REMOVED,
}


def _reason(status: str, facts: DomainFacts, *, white=None, flag=None) -> str:
    if status == WHITELISTED:
        return _("Not filed; white-listed by your account until %(end)s.") % {"end": beijing(white.end_time)}
    if status == FLAGGED:
        if flag.blocked:
            return _(
                "Not filed, and it points at %(ip)s, which your account checks for unfiled domains: "
                "its web access is blocked."
            ) % {"ip": flag.ip}
        return _("Not filed, and it points at %(ip)s, which your account checks for unfiled domains.") % {
            "ip": flag.ip
        }
    if status == ACCESSED:
        return _("Filed as %(number)s, with access through this provider.") % {
            "number": facts.record_icp_number
        }
    if status == FILING:
        return _("A filing order for this domain is in progress with this provider.")
    if status == ACCESS_REMOVED:
        return _("Filed as %(number)s, but no provider hosts it (access was cancelled).") % {
            "number": facts.record_icp_number
        }
    if status == OTHER_PROVIDER:
        return _("Filed as %(number)s, with access through another provider (%(provider)s).") % {
            "number": facts.record_icp_number,
            "provider": facts.record_access_provider,
        }
    return _("The domain has no valid ICP filing.")


def domain_status(domain: str, *, caller) -> dict:
    """``{Domain, Status, ReasonCode, Reason}`` for one domain, by its main domain, as ``caller``'s
    account sees it (its white-list and its checks); a malformed domain, or a bare public suffix,
    is InvalidParameter."""
    facts = domain_facts(normalize_main_domain(domain, field="Domain")[0])
    status = _STATUS_BY_STANDING.get(facts.standing) or (FILING if facts.in_open_order else NOT_FILED)
    white = flag = None
    if status in (FILING, NOT_FILED):
        if (white := accessor_selectors.white_list_active(caller, facts.domain, now=clock.now())) is not None:
            status = WHITELISTED
        elif (flag := accessor_selectors.unfiled_domain_flag(caller, facts.domain)) is not None:
            status = FLAGGED
    return {
        "Domain": facts.domain,
        "Status": status,
        "ReasonCode": REASON_CODES[status],
        "Reason": _reason(status, facts, white=white, flag=flag),
    }


def beijing(moment: dt.datetime) -> str:
    return moment.astimezone(BEIJING).isoformat(timespec="seconds")


def _time(call: Call, name: str) -> dt.datetime | None:
    raw = call.params.text(name, max_length=40)
    if raw is None:
        return None
    try:
        moment = parse_datetime(raw.strip())
    except ValueError:
        moment = None
    if moment is None:
        raise invalid_parameter(
            name, "It must be a time like 2026-12-01 08:00:00 (Beijing time) or 2026-12-01T00:00:00Z."
        )
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=BEIJING)


def _list(call: Call, name: str) -> list[str]:
    """A list sent as ``Name.1``, ``Name.2``, ...; missing, or more than ``MAX_DOMAINS``, refused
    before any item is read."""
    items = call.params.repeat_list(name)
    if not items:
        raise missing_parameter(name)
    if len(items) > MAX_DOMAINS:
        raise invalid_parameter(name, f"At most {MAX_DOMAINS} items a call; {len(items)} were sent.")
    return items


def _ok(call: Call, data, *, code=OK_CODE) -> dict:
    return {"RequestId": call.request_id, "Code": code, "Message": OK_MESSAGE, "Data": data}


@beian_action("QueryAccessorDomain", write=False)
def query_accessor_domain(call: Call) -> dict:
    """Is the domain filed with access through this provider?"""
    status = domain_status(call.params.text("Domain", required=True), caller=call.caller)
    return _ok(call, status["Status"] == ACCESSED)


@beian_action("QueryAccessorDomainStatus", write=False)
def query_accessor_domain_status(call: Call) -> dict:
    return _ok(call, domain_status(call.params.text("Domain", required=True), caller=call.caller))


@beian_action("QueryAccessorDomainsStatus", write=False)
def query_accessor_domains_status(call: Call) -> dict:
    """Several domains at once: ``Domains.1``, ``Domains.2``, ... (as the SDK sends a list)."""
    domains = _list(call, "Domains")
    return _ok(call, [domain_status(domain, caller=call.caller) for domain in domains])


@beian_action("QueryAccessorDomainList", write=False)
def query_accessor_domain_list(call: Call) -> dict:
    """The domains the caller's account serves: its filed websites hosted here and the domains it
    reported (``ManageAccessorDomain``), optionally those containing ``Domain``."""
    params = call.params
    page_no = params.integer("PageNo", default=1, minimum=1, maximum=10**6)
    page_size = params.integer("PageSize", default=DEFAULT_PAGE_SIZE, minimum=1, maximum=MAX_PAGE_SIZE)
    fragment = params.text("Domain", max_length=253)
    qs = accessor_selectors.accessor_domains(
        call.caller, contains=fragment.strip().lower() if fragment else None
    )
    start = (page_no - 1) * page_size
    return _ok(call, {"Domains": list(qs[start : start + page_size])})


@beian_action("QueryAccessorIp", write=False)
def query_accessor_ip(call: Call) -> dict:
    """Is the IP a public IP of one of this provider's (the simulator's) instances, or one the
    caller's account reported?"""
    raw = call.params.text("Ip", required=True, max_length=64).strip()
    try:
        ip = ipaddress.ip_address(raw)
    except ValueError:
        raise invalid_parameter("Ip", "It must be an IPv4 or IPv6 address.") from None
    return _ok(call, accessor_selectors.ip_is_served(call.caller, str(ip)), code=str(OK_CODE))


@beian_action("GetMainDomain", write=False)
def get_main_domain(call: Call) -> dict:
    raw = call.params.text("Domain", required=True, max_length=253)
    found = main_domain(raw)
    if not found:
        raise invalid_parameter("Domain", "It has no registrable domain under a public suffix.")
    return _ok(call, found, code=str(OK_CODE))


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
    domains = _list(call, "Domains")
    accessor_services.white_list_manage(
        actor=call.caller,
        domains=domains,
        operation=operation,
        start_time=_time(call, "StartTime"),
        end_time=_time(call, "EndTime"),
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
    return _ok(call, {"White": any(item["Valid"] for item in items), "Items": items})


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
    accessor_services.full_domains_submit(actor=call.caller, oss_list=_list(call, "OssList"))
    return _done(call)
