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
======  ==================  =========================================================================

``QueryAccessorDomain`` is true exactly for ``ACCESSED``. ``QueryAccessorIp`` is true for a public
IP currently assigned to one of the simulator's instances. ``GetMainDomain`` cuts a host name
down to the domain registered under its public suffix (``www.example.com.cn`` ->
``example.com.cn``), from the public-suffix list that ships in the ``tldextract`` package: it is
never downloaded (``filings.domains.main_domain``). Websites are filed under their main domain
(SPEC 3.9), so the accessor queries answer for any host by its main domain: ``blog.example.cn``
is accessed when ``example.cn`` is. The ``Caller`` parameter is accepted and ignored.
"""

from __future__ import annotations

import ipaddress

from django.utils.translation import gettext as _

from filings.domains import main_domain, normalize_main_domain
from filings.models import WebsiteStatus
from filings.rules import DomainFacts, Standing
from filings.selectors import domain_facts, websites_visible_to
from instances.models import Instance, InstanceStatus

from ..errors import invalid_parameter, missing_parameter
from . import Call, Product, action, register_product

BEIAN = register_product(Product(name="Beian", version="2016-08-10"))

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
REASON_CODES = {ACCESSED: 0, FILING: 1, ACCESS_REMOVED: 2, OTHER_PROVIDER: 3, NOT_FILED: 4}


# Where a domain stands (``filings.rules``) as the Beian status; orders aside, so a domain being
# transferred in still answers as filed with its provider until the transfer is approved.
_STATUS_BY_STANDING = {
    Standing.FILED_HERE: ACCESSED,
    Standing.OTHER_PROVIDER: OTHER_PROVIDER,
    Standing.HICHINA_LEGACY: OTHER_PROVIDER,
    Standing.ACCESS_REMOVED: ACCESS_REMOVED,
}


def _reason(status: str, facts: DomainFacts) -> str:
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


def domain_status(domain: str) -> dict:
    """``{Domain, Status, ReasonCode, Reason}`` for one domain, by its main domain (a malformed
    one, or a bare public suffix, is InvalidParameter)."""
    facts = domain_facts(normalize_main_domain(domain, field="Domain")[0])
    status = _STATUS_BY_STANDING.get(facts.standing) or (FILING if facts.in_open_order else NOT_FILED)
    return {
        "Domain": facts.domain,
        "Status": status,
        "ReasonCode": REASON_CODES[status],
        "Reason": _reason(status, facts),
    }


def _ok(call: Call, data, *, code=OK_CODE) -> dict:
    return {"RequestId": call.request_id, "Code": code, "Message": OK_MESSAGE, "Data": data}


@action(BEIAN, "QueryAccessorDomain", write=False)
def query_accessor_domain(call: Call) -> dict:
    """Is the domain filed with access through this provider?"""
    status = domain_status(call.params.text("Domain", required=True))
    return _ok(call, status["Status"] == ACCESSED)


@action(BEIAN, "QueryAccessorDomainStatus", write=False)
def query_accessor_domain_status(call: Call) -> dict:
    return _ok(call, domain_status(call.params.text("Domain", required=True)))


@action(BEIAN, "QueryAccessorDomainsStatus", write=False)
def query_accessor_domains_status(call: Call) -> dict:
    """Several domains at once: ``Domains.1``, ``Domains.2``, ... (as the SDK sends a list)."""
    domains = call.params.repeat_list("Domains")
    if not domains:
        raise missing_parameter("Domains")
    if len(domains) > MAX_DOMAINS:
        raise invalid_parameter("Domains", f"At most {MAX_DOMAINS} domains a call.")
    return _ok(call, [domain_status(domain) for domain in domains])


@action(BEIAN, "QueryAccessorDomainList", write=False)
def query_accessor_domain_list(call: Call) -> dict:
    """The caller's account's filed domains hosted here, optionally those containing ``Domain``."""
    params = call.params
    page_no = params.integer("PageNo", default=1, minimum=1)
    page_size = params.integer("PageSize", default=DEFAULT_PAGE_SIZE, minimum=1, maximum=MAX_PAGE_SIZE)
    qs = websites_visible_to(call.caller).filter(status=WebsiteStatus.ACTIVE)
    if (fragment := params.text("Domain", max_length=253)) is not None:
        qs = qs.filter(domain__icontains=fragment.strip().lower())
    start = (page_no - 1) * page_size
    domains = list(qs.order_by("domain").values_list("domain", flat=True)[start : start + page_size])
    return _ok(call, {"Domains": domains})


@action(BEIAN, "QueryAccessorIp", write=False)
def query_accessor_ip(call: Call) -> dict:
    """Is the IP a public IP of one of this provider's (the simulator's) instances?"""
    raw = call.params.text("Ip", required=True, max_length=64).strip()
    try:
        ip = ipaddress.ip_address(raw)
    except ValueError:
        raise invalid_parameter("Ip", "It must be an IPv4 or IPv6 address.") from None
    hosted = (
        Instance.objects.filter(public_ip_address=str(ip)).exclude(status=InstanceStatus.RELEASED).exists()
    )
    return _ok(call, hosted, code=str(OK_CODE))


@action(BEIAN, "GetMainDomain", write=False)
def get_main_domain(call: Call) -> dict:
    raw = call.params.text("Domain", required=True, max_length=253)
    found = main_domain(raw)
    if not found:
        raise invalid_parameter("Domain", "It has no registrable domain under a public suffix.")
    return _ok(call, found, code=str(OK_CODE))
