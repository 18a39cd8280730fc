"""After the filing (SPEC 3.10): the public security filing (公安联网备案) the owner records
within 30 days of a website's approval, and the access health checks (空壳 checks) that cancel the
access of a website whose hosting instance was released or left expired.

``public_security_file`` is the owner's action. The two sweeps run on every clock move
(``filings.services.timeline``): ``public_security_sweep`` (registered by the filings app) sends
each reminder once; ``access_health_sweep`` takes its deadlines from the caller (the simulator
app registers it with ``SimulatorSettings``, which filings does not read). Each sweep locks the
subject, then the website, and decides again under the lock, so two settlements at once settle
each website once. The decisions are ``filings.rules`` (``public_security_notice_due``,
``access_health``).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from icpconsole.core import clock, generators
from icpconsole.core.audit import audit_record
from instances.models import InstanceStatus
from instances.rules import PREPAID

from .. import refusals, rules
from ..models import (
    FilingAction,
    MessageKind,
    PublicSecurityNotice,
    ServiceType,
    Subject,
    Website,
    WebsiteStatus,
)
from ..provinces import ADMIN_CODES, PROVINCES
from ..selectors import website_hosting
from .effects import end_website
from .phone import send_message
from .stages import check_writer

NUMBER_ATTEMPTS = 5


def _day(moment: dt.datetime) -> str:
    """A date as the messages print it (the console's time zone, ISO: the same in every language)."""
    return timezone.localtime(moment).date().isoformat()


def _leader_mobile(website: Website) -> str:
    for leader in (website.leader, website.subject.leader):
        if isinstance(leader, dict) and leader.get("mobile"):
            return str(leader["mobile"])
    return ""


def _lock_website(website_id, *, account=None) -> Website | None:
    """Lock the website's subject, then the website (the lock order of ``stages``). Apps are not
    websites here: SPEC 3.10's public security filing and access health are the websites'."""
    qs = Website.objects.filter(service_type=ServiceType.WEBSITE)
    if account is not None:
        qs = qs.filter(subject__account=account)
    subject_id = qs.filter(pk=website_id).values_list("subject_id", flat=True).first()
    if subject_id is None:
        return None
    Subject.objects.select_for_update().filter(pk=subject_id).first()
    return (
        qs.select_for_update(of=("self",))
        .select_related("subject", "subject__account", "instance", "service_code")
        .get(pk=website_id)
    )


# --- the public security filing ----------------------------------------------------------------


def public_security_number(province: str) -> str:
    """``<abbreviation>公网安备<14 digits>号``: the province's two-digit division code, then 12
    generated digits (``generators``: seeded runs repeat)."""
    prefix = f"{PROVINCES[province].abbreviation}公网安备{ADMIN_CODES[province]}"
    number = ""
    for _attempt in range(NUMBER_ATTEMPTS):
        number = f"{prefix}{generators.digits('public_security_number', 12)}号"
        if not Website.objects.filter(public_security_number=number).exists():
            break
    return number


def public_security_file(*, actor, website_id) -> Website:
    """The owner records the website with the public security authority: it gets its number.
    Refused for a RAM user (403), another account's website (404), a website that is not filed
    (``WEBSITE_NOT_ACTIVE``) or already recorded (``PUBLIC_SECURITY_ALREADY_FILED``)."""
    check_writer(actor)
    with transaction.atomic():
        website = _lock_website(website_id, account=actor.owner_account)
        if website is None:
            raise refusals.WEBSITE_NOT_FOUND(id=website_id)
        if website.status != WebsiteStatus.ACTIVE:
            raise refusals.WEBSITE_NOT_ACTIVE(domain=website.domain, status=website.get_status_display())
        if website.public_security_number:
            raise refusals.PUBLIC_SECURITY_ALREADY_FILED(
                domain=website.domain, number=website.public_security_number
            )
        now = clock.now()
        website.public_security_number = public_security_number(website.subject.province)
        website.public_security_filed_time = now
        website.save(update_fields=["public_security_number", "public_security_filed_time"])
        audit_record(
            actor=actor,
            account=website.subject.account,
            action=FilingAction.PUBLIC_SECURITY_FILE,
            target=website,
            at=now,
            details={
                "public_security_number": website.public_security_number,
                "due": website.public_security_due_time.isoformat()
                if website.public_security_due_time
                else None,
                "late": rules.public_security_status(
                    number="", due_time=website.public_security_due_time, now=now
                )
                == rules.PublicSecurityStatus.OVERDUE,
            },
        )
    return website


_NOTICES = {
    PublicSecurityNotice.REMINDED: (MessageKind.SECURITY_DUE, FilingAction.PUBLIC_SECURITY_REMIND),
    PublicSecurityNotice.OVERDUE: (MessageKind.SECURITY_OVERDUE, FilingAction.PUBLIC_SECURITY_OVERDUE),
}


def public_security_sweep(*, now: dt.datetime, actor=None) -> int:
    """Send each public security notice that fell due (a week before, then overdue), once. The
    simulator acts (the audit's operator is the system), not whoever moved the clock."""
    actor = None
    reminder_horizon = now + dt.timedelta(days=rules.PUBLIC_SECURITY_REMINDER_DAYS)
    due = (
        Website.objects.filter(
            status=WebsiteStatus.ACTIVE,
            public_security_number="",
            public_security_due_time__lte=reminder_horizon,
        )
        .filter(Q(public_security_notice="") | Q(public_security_due_time__lte=now))
        .exclude(public_security_notice=PublicSecurityNotice.OVERDUE)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    settled = 0
    for website_id in list(due):
        with transaction.atomic():
            website = _lock_website(website_id)
            notice = rules.public_security_notice_due(
                website_status=website.status,
                number=website.public_security_number,
                due_time=website.public_security_due_time,
                notice=website.public_security_notice,
                now=now,
            )
            if notice is None:
                continue
            kind, action = _NOTICES[notice]
            website.public_security_notice = notice
            website.save(update_fields=["public_security_notice"])
            send_message(
                account=website.subject.account,
                kind=kind,
                secret="",
                now=now,
                params={
                    "domain": website.domain,
                    "number": website.icp_number,
                    "due": _day(website.public_security_due_time),
                },
                to_number=_leader_mobile(website),
            )
            audit_record(
                actor=actor,
                account=website.subject.account,
                action=action,
                target=website,
                at=now,
                details={"due": website.public_security_due_time.isoformat()},
            )
            settled += 1
    return settled


# --- access health -----------------------------------------------------------------------------


def access_health_sweep(*, now: dt.datetime, actor=None, at_risk_days: int, cancel_after_days: int) -> int:
    """Mark the filed websites whose instance was released or expired ``at_risk_days`` ago as at
    risk (a notice, an audit record), cancel the access of those still at risk
    ``cancel_after_days`` later (as an approved ``cancel_access`` order would: the code
    ``deleted``, the registry record without a provider), and clear the mark of those whose
    instance is healthy again. Answers how many websites changed. The simulator acts (the
    audit's operator is the system), not whoever moved the clock."""
    actor = None
    expired_before = now - dt.timedelta(days=at_risk_days)
    candidates = (
        Website.objects.filter(
            status=WebsiteStatus.ACTIVE, instance__isnull=False, service_type=ServiceType.WEBSITE
        )
        .filter(
            Q(instance__status=InstanceStatus.RELEASED)
            | Q(instance__charge_type=PREPAID, instance__expired_time__lte=expired_before)
            | Q(access_at_risk_time__isnull=False)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    settled = 0
    for website_id in list(candidates):
        with transaction.atomic():
            website = _lock_website(website_id)
            if website.status != WebsiteStatus.ACTIVE:
                continue
            health = rules.access_health(
                website_hosting(website),
                now=now,
                at_risk_days=at_risk_days,
                cancel_after_days=cancel_after_days,
            )
            settled += _settle_access(website, health, now=now, actor=actor)
    return settled


def _settle_access(website: Website, health: rules.AccessHealth, *, now, actor) -> int:
    """One website's access health as the sweep finds it: recovered, newly at risk (message and
    audit), its deadline moved, or cancelled when the deadline passed. Answers 1 if it changed."""
    if not health.at_risk:
        return _access_recovered(website, now=now, actor=actor)
    changed = 0
    if website.access_at_risk_time != health.at_risk_since:
        _access_at_risk(website, health, now=now, actor=actor)
        changed = 1
    elif website.access_cancel_time != health.cancel_time:
        # The deadline setting changed since: the console shows the date that holds now.
        website.access_cancel_time = health.cancel_time
        website.save(update_fields=["access_cancel_time"])
    if health.cancel_due(now):
        _access_cancelled(website, health, now=now, actor=actor)
        changed = 1
    return changed


def _access_recovered(website: Website, *, now, actor) -> int:
    if website.access_at_risk_time is None:
        return 0
    audit_record(
        actor=actor,
        account=website.subject.account,
        action=FilingAction.ACCESS_RECOVERED,
        target=website,
        at=now,
        details={"at_risk_since": website.access_at_risk_time.isoformat()},
    )
    website.access_at_risk_time = website.access_cancel_time = None
    website.save(update_fields=["access_at_risk_time", "access_cancel_time"])
    return 1


def _access_at_risk(website: Website, health: rules.AccessHealth, *, now, actor) -> None:
    account = website.subject.account
    website.access_at_risk_time = health.at_risk_since
    website.access_cancel_time = health.cancel_time
    website.save(update_fields=["access_at_risk_time", "access_cancel_time"])
    instance_id = website.instance.instance_id
    send_message(
        account=account,
        kind=MessageKind.ACCESS_AT_RISK,
        secret="",
        now=now,
        params={
            "domain": website.domain,
            "number": website.icp_number,
            "instance": instance_id,
            "cancel": _day(health.cancel_time),
        },
        to_number=_leader_mobile(website),
    )
    audit_record(
        actor=actor,
        account=account,
        action=FilingAction.ACCESS_AT_RISK,
        target=website,
        at=now,
        details={
            "instance_id": instance_id,
            "at_risk_since": health.at_risk_since.isoformat(),
            "cancel_time": health.cancel_time.isoformat(),
        },
    )


def _access_cancelled(website: Website, health: rules.AccessHealth, *, now, actor) -> None:
    end_website(
        website,
        to=WebsiteStatus.ACCESS_CANCELLED,
        actor=actor,
        order=None,
        now=now,
        reason="access_health",
        at_risk_since=health.at_risk_since.isoformat(),
    )
    send_message(
        account=website.subject.account,
        kind=MessageKind.ACCESS_CANCELLED,
        secret="",
        now=now,
        params={"domain": website.domain, "number": website.icp_number, "date": _day(now)},
        to_number=_leader_mobile(website),
    )
