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
``SubmitAccessorFullDomainsOssList``) are in ``beian_reports.py``. Times are read as ISO 8601 with an
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


def time_param(call: Call, name: str) -> dt.datetime | None:
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


def list_param(call: Call, name: str) -> list[str]:
    """A list sent as ``Name.1``, ``Name.2``, ...; missing, or more than ``MAX_DOMAINS``, refused
    before any item is read."""
    items = call.params.repeat_list(name)
    if not items:
        raise missing_parameter(name)
    if len(items) > MAX_DOMAINS:
        raise invalid_parameter(name, f"At most {MAX_DOMAINS} items a call; {len(items)} were sent.")
    return items


def ok(call: Call, data, *, code=OK_CODE) -> dict:
    return {"RequestId": call.request_id, "Code": code, "Message": OK_MESSAGE, "Data": data}


@beian_action("QueryAccessorDomain", write=False)
def query_accessor_domain(call: Call) -> dict:
    """Is the domain filed with access through this provider?"""
    status = domain_status(call.params.text("Domain", required=True), caller=call.caller)
    return ok(call, status["Status"] == ACCESSED)


@beian_action("QueryAccessorDomainStatus", write=False)
def query_accessor_domain_status(call: Call) -> dict:
    return ok(call, domain_status(call.params.text("Domain", required=True), caller=call.caller))


@beian_action("QueryAccessorDomainsStatus", write=False)
def query_accessor_domains_status(call: Call) -> dict:
    """Several domains at once: ``Domains.1``, ``Domains.2``, ... (as the SDK sends a list)."""
    domains = list_param(call, "Domains")
    return ok(call, [domain_status(domain, caller=call.caller) for domain in domains])


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
    return ok(call, {"Domains": list(qs[start : start + page_size])})


@beian_action("QueryAccessorIp", write=False)
def query_accessor_ip(call: Call) -> dict:
    """Is the IP a public IP of one of this provider's (the simulator's) instances, or one the
    caller's account reported?"""
    raw = call.params.text("Ip", required=True, max_length=64).strip()
    try:
        ip = ipaddress.ip_address(raw)
    except ValueError:
        raise invalid_parameter("Ip", "It must be an IPv4 or IPv6 address.") from None
    return ok(call, accessor_selectors.ip_is_served(call.caller, str(ip)), code=str(OK_CODE))


@beian_action("GetMainDomain", write=False)
def get_main_domain(call: Call) -> dict:
    raw = call.params.text("Domain", required=True, max_length=253)
    found = main_domain(raw)
    if not found:
        raise invalid_parameter("Domain", "It has no registrable domain under a public suffix.")
    return ok(call, found, code=str(OK_CODE))
