"""Every change to what an access provider reports (SPEC 4.5, Beian 2016-08-10's reporting actions).

Each service takes keyword-only arguments, checks everything before it writes (a refusal leaves
nothing behind: a list is accepted whole or not at all), runs in one transaction holding the
reporting account's row lock (so two concurrent reports of one domain queue instead of racing the
unique constraints) and writes an audit event.

Decisions where the SDK models and Alibaba's pages are silent (docs/alibaba-sdk.md lists them):

* ``Operation`` is ``add`` or ``delete`` (any letter case). Adding what is already reported, or
  deleting what is not, changes nothing and succeeds: a provider's tooling re-sends its state.
* A white-list entry needs an ``EndTime`` after its start (default: now) and after now, both within
  ten years of now, and is refused for a domain that is filed anyway (``filings.rules``: filed here,
  with another provider, with HiChina, or filed with its access removed).
* An IP is put under a check only if it is the provider's: the public IP of one of the account's
  instances, or an IP it reported with ``ManageAccessorIp``.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
from collections.abc import Sequence

from django.db import transaction

from filings.domains import normalize_main_domain
from filings.rules import Standing
from filings.selectors import domain_facts
from icpconsole.accounts.models import User
from icpconsole.core import clock
from icpconsole.core import refusals as core_refusals
from icpconsole.core.audit import audit_record

from . import refusals, selectors
from .models import (
    AccessorAction,
    CheckType,
    FullDomainsSubmission,
    IpCheck,
    IpVersion,
    ReportedDomain,
    ReportedIp,
    WhiteListEntry,
)

ADD = "add"
DELETE = "delete"
OPERATIONS = (ADD, DELETE)
_ACTIONS = {
    ("domain", ADD): AccessorAction.DOMAIN_ADD,
    ("domain", DELETE): AccessorAction.DOMAIN_DELETE,
    ("ip", ADD): AccessorAction.IP_ADD,
    ("ip", DELETE): AccessorAction.IP_DELETE,
    ("white_list", ADD): AccessorAction.WHITE_LIST_ADD,
    ("white_list", DELETE): AccessorAction.WHITE_LIST_DELETE,
}
MAX_LIST_ITEMS = 100
MAX_REMARK_LENGTH = 500
MAX_CALLER_LENGTH = 64
MAX_OSS_URL_LENGTH = 1024
# A white-list period lies within ten years of now, either way (as far as the clock may move).
MAX_TIME_DISTANCE = dt.timedelta(days=3650)
# oss://<bucket>/<object>, or https://<bucket>.oss-<region>.aliyuncs.com/<object> (bucket names:
# 3 to 63 lowercase letters, digits and hyphens, not starting or ending with a hyphen).
_BUCKET = r"[a-z0-9][a-z0-9-]{1,61}[a-z0-9]"
OSS_URL = re.compile(
    rf"^(?:oss://{_BUCKET}/|https?://{_BUCKET}\.oss-[a-z0-9-]+(?:-internal)?\.aliyuncs\.com/)[^\s\x00]+$"
)


# --- checks (pure) ---------------------------------------------------------------------------
def clean_operation(value) -> str:
    operation = value.strip().lower() if isinstance(value, str) else ""
    if operation not in OPERATIONS:
        raise refusals.OPERATION_INVALID(field="Operation", value=value)
    return operation


def clean_ip(value, *, version: int | None = None, field: str = "Ip") -> tuple[str, int]:
    """(the address in canonical form, 4 or 6); with ``version``, the address must be of it."""
    try:
        address = ipaddress.ip_address(value.strip() if isinstance(value, str) else value)
    except ValueError:
        raise refusals.IP_INVALID(field=field, name=field, value=value) from None
    if version is not None:
        if version not in IpVersion.values:
            raise refusals.IP_VERSION_INVALID(field="IpVersion", value=version)
        if address.version != version:
            raise refusals.IP_VERSION_MISMATCH(
                field="IpVersion", ip=address, actual=address.version, version=version
            )
    return str(address), address.version


def clean_check_type(value) -> int:
    if isinstance(value, bool) or value not in CheckType.values:
        raise refusals.CHECK_TYPE_INVALID(
            field="CheckType", values=", ".join(map(str, CheckType.values)), value=value
        )
    return value


def clean_text(value, *, field: str, max_length: int) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else None
    if text is None or len(text) > max_length or "\x00" in text:
        raise refusals.TEXT_INVALID(field=field, name=field, max=max_length)
    return text


def clean_list(items: Sequence, *, field: str) -> list:
    if not items:
        raise refusals.LIST_EMPTY(field=field, name=field)
    if len(items) > MAX_LIST_ITEMS:
        raise refusals.LIST_TOO_LONG(field=field, name=field, max=MAX_LIST_ITEMS, count=len(items))
    return list(items)


def clean_domains(items: Sequence, *, field: str = "Domains") -> list[str]:
    """Every domain as its main domain (SPEC 3.9: a filing, and so an exemption from one, covers
    every host under it), duplicates dropped, in the order given."""
    domains: list[str] = []
    for item in clean_list(items, field=field):
        domain = normalize_main_domain(item, field=field)[0]
        if domain not in domains:
            domains.append(domain)
    return domains


def clean_period(*, start: dt.datetime | None, end: dt.datetime | None, now: dt.datetime):
    start = start or now
    for name, moment in (("StartTime", start), ("EndTime", end)):
        if moment is not None and abs(moment - now) > MAX_TIME_DISTANCE:
            raise refusals.TIME_TOO_FAR(field=name, name=name)
    if end is None:
        raise refusals.END_TIME_REQUIRED(field="EndTime")
    if end <= start:
        raise refusals.END_BEFORE_START(field="EndTime", end=end.isoformat(), start=start.isoformat())
    if end <= now:
        raise refusals.END_TIME_PAST(field="EndTime", end=end.isoformat())
    return start, end


def clean_oss_list(items: Sequence) -> list[str]:
    urls: list[str] = []
    for item in clean_list(items, field="OssList"):
        url = item.strip() if isinstance(item, str) else ""
        if len(url) > MAX_OSS_URL_LENGTH or not OSS_URL.match(url):
            raise refusals.OSS_URL_INVALID(
                field="OssList", value=item if not isinstance(item, str) else item[:100]
            )
        if url not in urls:
            urls.append(url)
    return urls


# --- services --------------------------------------------------------------------------------
def _writer(actor) -> User:
    """The account a report belongs to, its row locked for the transaction."""
    if actor.parent_id is not None:
        raise core_refusals.RAM_USER_READ_ONLY()
    return User.objects.select_for_update(no_key=True).get(pk=actor.pk)


def accessor_domain_manage(*, actor, domain: str, operation: str) -> ReportedDomain | None:
    """Report (``add``) or withdraw (``delete``) a domain the provider serves. Returns the live
    report after an add, the withdrawn one after a delete (``None`` when there was none)."""
    domain = normalize_main_domain(domain, field="Domain")[0]  # reported, like filed, by main domain
    operation = clean_operation(operation)
    now = clock.now()
    with transaction.atomic():
        account = _writer(actor)
        live = ReportedDomain.objects.filter(
            account=account, domain=domain, removed_time__isnull=True
        ).first()
        if operation == ADD:
            if live is not None:
                return live
            report = ReportedDomain.objects.create(
                account=account, reported_by=actor, domain=domain, created_time=now
            )
        else:
            if live is None:
                return None
            report = live
            report.removed_time = now
            report.save(update_fields=["removed_time"])
        audit_record(
            actor=actor,
            account=account,
            action=_ACTIONS["domain", operation],
            target=report,
            at=now,
            details={"domain": domain},
        )
    return report


def accessor_ip_manage(
    *, actor, ip: str, ip_version: int, operation: str, remark: str = ""
) -> ReportedIp | None:
    """Report (``add``) or withdraw (``delete``) an IP the provider controls. Withdrawing an IP also
    ends the unfiled-domain checks on it that rest on the report alone."""
    ip, version = clean_ip(ip, version=ip_version)
    operation = clean_operation(operation)
    remark = clean_text(remark, field="Remark", max_length=MAX_REMARK_LENGTH)
    now = clock.now()
    with transaction.atomic():
        account = _writer(actor)
        live = ReportedIp.objects.filter(account=account, ip=ip, removed_time__isnull=True).first()
        details = {"ip": ip, "ip_version": version}
        if operation == ADD:
            if live is not None:
                return live
            report = ReportedIp.objects.create(
                account=account, reported_by=actor, ip=ip, ip_version=version, remark=remark, created_time=now
            )
        else:
            if live is None:
                return None
            report = live
            report.removed_time = now
            report.save(update_fields=["removed_time"])
            if not selectors.ip_is_instance_of(account, ip):
                ended = IpCheck.objects.filter(account=account, ip=ip, removed_time__isnull=True).update(
                    removed_time=now
                )
                details["checks_ended"] = ended
        audit_record(
            actor=actor,
            account=account,
            action=_ACTIONS["ip", operation],
            target=report,
            at=now,
            details=details,
        )
    return report


def white_list_manage(
    *,
    actor,
    domains: Sequence[str],
    operation: str,
    start_time: dt.datetime | None = None,
    end_time: dt.datetime | None = None,
    remark: str = "",
) -> list[WhiteListEntry]:
    """``add``: white-list each domain from ``start_time`` (default now) until ``end_time``; none of
    them may be filed. ``delete``: end every entry of the domains that has not expired yet. Returns the
    entries created or ended."""
    domains = clean_domains(domains)
    operation = clean_operation(operation)
    remark = clean_text(remark, field="Remark", max_length=MAX_REMARK_LENGTH)
    now = clock.now()
    if operation == ADD:
        start_time, end_time = clean_period(start=start_time, end=end_time, now=now)
        # "Filed" as the Beian status queries read it (filings.rules), so a refusal here and a
        # status there never disagree.
        filed = [domain for domain in domains if domain_facts(domain).standing is not Standing.NOT_FILED]
        if filed:
            raise refusals.DOMAIN_FILED(field="Domains", domains=", ".join(filed))
    with transaction.atomic():
        account = _writer(actor)
        if operation == ADD:
            changed = WhiteListEntry.objects.bulk_create(
                WhiteListEntry(
                    account=account,
                    reported_by=actor,
                    domain=domain,
                    start_time=start_time,
                    end_time=end_time,
                    remark=remark,
                    created_time=now,
                )
                for domain in domains
            )
            details = {"domains": domains, "start": start_time.isoformat(), "end": end_time.isoformat()}
        else:
            pending = WhiteListEntry.objects.filter(
                account=account, domain__in=domains, removed_time__isnull=True, end_time__gt=now
            )
            changed = list(pending)
            pending.update(removed_time=now)
            details = {"domains": domains, "entries_ended": len(changed)}
        audit_record(
            actor=actor,
            account=account,
            action=_ACTIONS["white_list", operation],
            target=account,
            at=now,
            details=details,
        )
    return changed


def ip_check_insert(*, actor, ip: str, check_type: int, remark: str = "", caller: str = "") -> IpCheck:
    """Put one of the provider's IPs under an unfiled-domain check (``InsertUnbeianIpCheckType``)."""
    ip, _version = clean_ip(ip)
    check_type = clean_check_type(check_type)
    remark = clean_text(remark, field="Remark", max_length=MAX_REMARK_LENGTH)
    caller = clean_text(caller, field="Caller", max_length=MAX_CALLER_LENGTH)
    now = clock.now()
    with transaction.atomic():
        account = _writer(actor)
        if not selectors.ip_is_providers(account, ip):
            raise refusals.IP_NOT_SERVED(field="Ip", ip=ip)
        if IpCheck.objects.filter(
            account=account, ip=ip, check_type=check_type, removed_time__isnull=True
        ).exists():
            raise refusals.IP_CHECK_EXISTS(field="CheckType", ip=ip, type=check_type)
        check = IpCheck.objects.create(
            account=account,
            reported_by=actor,
            ip=ip,
            check_type=check_type,
            remark=remark,
            caller=caller,
            created_time=now,
        )
        audit_record(
            actor=actor,
            account=account,
            action=AccessorAction.IP_CHECK_INSERT,
            target=check,
            at=now,
            details={"ip": ip, "check_type": check_type},
        )
    return check


def ip_check_delete(*, actor, ip: str, check_type: int) -> IpCheck:
    """End an unfiled-domain check (``DeleteUnbeianIpCheckType``); one that does not exist is refused,
    so a typo in the IP or the type does not pass for success."""
    ip, _version = clean_ip(ip)
    check_type = clean_check_type(check_type)
    now = clock.now()
    with transaction.atomic():
        account = _writer(actor)
        check = IpCheck.objects.filter(
            account=account, ip=ip, check_type=check_type, removed_time__isnull=True
        ).first()
        if check is None:
            raise refusals.IP_CHECK_NOT_FOUND(field="CheckType", ip=ip, type=check_type)
        check.removed_time = now
        check.save(update_fields=["removed_time"])
        audit_record(
            actor=actor,
            account=account,
            action=AccessorAction.IP_CHECK_DELETE,
            target=check,
            at=now,
            details={"ip": ip, "check_type": check_type},
        )
    return check


def full_domains_submit(*, actor, oss_list: Sequence[str]) -> FullDomainsSubmission:
    """Record a submission of the OSS objects that list every domain the provider serves."""
    urls = clean_oss_list(oss_list)
    now = clock.now()
    with transaction.atomic():
        account = _writer(actor)
        submission = FullDomainsSubmission.objects.create(
            account=account, reported_by=actor, oss_list=urls, created_time=now
        )
        audit_record(
            actor=actor,
            account=account,
            action=AccessorAction.FULL_DOMAINS_SUBMIT,
            target=submission,
            at=now,
            details={"objects": len(urls)},
        )
    return submission
