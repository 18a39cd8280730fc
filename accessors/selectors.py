"""Reads of what access providers report, shared by the Beian facade and the admin; every read is
scoped to one account (a RAM user reads its parent's reports).

Where a domain "points at" an IP (decision; the simulator has no DNS): a website or filing order for
the domain is bound to an instance whose public IP it is now. A domain filed here and then
cancelled, or still being filed, is unfiled and still served by that instance's IP, which is what
an unfiled-domain check on the IP is there to catch.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from filings.models import FilingOrder, Website, WebsiteStatus
from filings.selectors import websites_visible_to
from instances.models import Instance, InstanceStatus

from .models import CheckType, IpCheck, ReportedDomain, ReportedIp, WhiteListEntry

# The states of a white-list entry (QueryAccessorDomainWhiteList's ``Type``); ``Valid`` is ACTIVE.
ACTIVE = "ACTIVE"
SCHEDULED = "SCHEDULED"
EXPIRED = "EXPIRED"
REMOVED = "REMOVED"


def _account(user):
    return user.owner_account


# --- domains -----------------------------------------------------------------------------------
def reported_domains_of(user) -> QuerySet[ReportedDomain]:
    return ReportedDomain.objects.filter(account=_account(user), removed_time__isnull=True)


def accessor_domains(user, *, contains: str | None = None) -> QuerySet:
    """``QueryAccessorDomainList``: the domains the provider serves, sorted: its account's filed
    websites hosted here and the domains it reported, each once (a ``values_list`` of names)."""
    websites = websites_visible_to(user).filter(status=WebsiteStatus.ACTIVE)
    reported = reported_domains_of(user)
    if contains:
        websites = websites.filter(domain__icontains=contains)
        reported = reported.filter(domain__icontains=contains)
    return (
        websites.order_by()
        .values_list("domain", flat=True)
        .union(reported.order_by().values_list("domain", flat=True))
        .order_by("domain")
    )


# --- white list --------------------------------------------------------------------------------
def white_list_state(entry: WhiteListEntry, *, now: dt.datetime) -> str:
    if entry.removed_time is not None:
        return REMOVED
    if now < entry.start_time:
        return SCHEDULED
    if now >= entry.end_time:
        return EXPIRED
    return ACTIVE


def white_list_entries(user, domain: str) -> QuerySet[WhiteListEntry]:
    return WhiteListEntry.objects.filter(account=_account(user), domain=domain).order_by("created_time", "id")


def white_list_active(user, domain: str, *, now: dt.datetime) -> WhiteListEntry | None:
    """The entry that white-lists ``domain`` for the account right now, the one ending last."""
    return (
        WhiteListEntry.objects.filter(
            account=_account(user),
            domain=domain,
            removed_time__isnull=True,
            start_time__lte=now,
            end_time__gt=now,
        )
        .order_by("-end_time", "-id")
        .first()
    )


# --- IPs -------------------------------------------------------------------------------------
def _live_instances() -> QuerySet[Instance]:
    return Instance.objects.exclude(status=InstanceStatus.RELEASED).filter(public_ip_address__isnull=False)


def ip_is_instance_of(user, ip: str) -> bool:
    return _live_instances().filter(owner=_account(user), public_ip_address=ip).exists()


def ip_is_reported(user, ip: str) -> bool:
    return ReportedIp.objects.filter(account=_account(user), ip=ip, removed_time__isnull=True).exists()


def ip_is_providers(user, ip: str) -> bool:
    """May the account put ``ip`` under a check: its instance's public IP, or an IP it reported."""
    return ip_is_instance_of(user, ip) or ip_is_reported(user, ip)


def ip_is_served(user, ip: str) -> bool:
    """``QueryAccessorIp``: a public IP of any of the simulator's instances, or one the caller's
    account reported as its own."""
    return _live_instances().filter(public_ip_address=ip).exists() or ip_is_reported(user, ip)


def ip_checks(
    user, *, ip: str | None = None, check_type: int | None = None, remark: str | None = None
) -> QuerySet[IpCheck]:
    """``ListUnbeianIpCheckType``: the account's live checks, oldest first, filtered."""
    qs = IpCheck.objects.filter(account=_account(user), removed_time__isnull=True).select_related("account")
    if ip is not None:
        qs = qs.filter(ip=ip)
    if check_type is not None:
        qs = qs.filter(check_type=check_type)
    if remark:
        qs = qs.filter(remark__icontains=remark)
    return qs.order_by("created_time", "id")


def ips_of_domain(domain: str) -> list[str]:
    """The public IPs ``domain`` points at: those of the instances its websites and filing orders are
    bound to (sorted)."""
    instance_ids = set(
        Website.objects.filter(domain=domain, instance__isnull=False).values_list("instance_id", flat=True)
    )
    instance_ids |= set(
        FilingOrder.objects.filter(domain=domain, instance__isnull=False).values_list(
            "instance_id", flat=True
        )
    )
    if not instance_ids:
        return []
    return sorted(_live_instances().filter(pk__in=instance_ids).values_list("public_ip_address", flat=True))


def domains_pointing_at(ip: str) -> list[str]:
    """The domains of the websites and filing orders bound to the instance that has ``ip`` now."""
    instance = _live_instances().filter(public_ip_address=ip).first()
    if instance is None:
        return []
    # An app (SPEC 3.11) on the instance has no domain.
    names = set(Website.objects.filter(instance=instance).exclude(domain="").values_list("domain", flat=True))
    names |= set(
        FilingOrder.objects.filter(instance=instance).exclude(domain="").values_list("domain", flat=True)
    )
    return sorted(names)


@dataclass(frozen=True)
class Flag:
    """An unfiled domain caught by a check: which IP it points at, under which check type."""

    ip: str
    check_type: int

    @property
    def blocked(self) -> bool:
        return self.check_type == CheckType.BLOCK


def unfiled_domain_flag(user, domain: str) -> Flag | None:
    """The check of the account's that catches ``domain`` (the caller decides it is unfiled): a
    blocking check wins over a notifying one."""
    ips = ips_of_domain(domain)
    if not ips:
        return None
    check = (
        IpCheck.objects.filter(account=_account(user), ip__in=ips, removed_time__isnull=True)
        .order_by("-check_type", "ip")
        .first()
    )
    return Flag(ip=check.ip, check_type=check.check_type) if check is not None else None
