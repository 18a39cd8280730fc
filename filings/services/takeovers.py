"""What approving a takeover does (SPEC 3.7): a transfer-in or a claim brings a filing made
elsewhere to this provider, its subject (with the record's number) when the order brings it, the
website active here on the order's instance and code, the registry record served here. Part of
``effects.APPROVALS``."""

from __future__ import annotations

from icpconsole.core.audit import audit_record

from .. import refusals, rules
from ..models import (
    ALIBABA_CLOUD,
    LIVE_SUBJECT_STATUSES,
    TAKEOVER_ACTIONS,
    FilingOrder,
    RegistryRecord,
    RegistryStatus,
    Subject,
    SubjectStatus,
    Website,
    WebsiteStatus,
)
from .approval_steps import consume_code, issue_password, set_subject_status
from .registry import website_seq


def approve_takeover(order: FilingOrder, *, actor, now) -> None:
    """transfer_in and claim: a filing made elsewhere comes to this provider."""
    record = RegistryRecord.objects.select_for_update(of=("self",)).get(pk=order.registry_record_id)
    if record.status != RegistryStatus.VALID or record.access_provider == ALIBABA_CLOUD:
        raise refusals.REGISTRY_RECORD_CHANGED(domain=record.domain)
    subject = order.subject
    if order.creates_subject:
        _take_over_subject(order, subject, record, actor=actor, now=now)
    numbers = RegistryRecord.objects.filter(subject_icp_number=record.subject_icp_number).values_list(
        "icp_number", flat=True
    )
    subject.website_seq = max([subject.website_seq, *(website_seq(n) for n in numbers)])
    subject.save(update_fields=["website_seq"])

    website = _taken_over_website(order, subject, record, now=now)
    consume_code(order, website, actor=actor)
    record.access_provider = ALIBABA_CLOUD
    record.subject = subject
    record.website = website
    record.status_time = now
    record.save()
    order.website = website
    audit_record(
        actor=actor,
        account=order.account,
        action=TAKEOVER_ACTIONS[order.type],
        target=website,
        at=now,
        details={"order_id": order.pk, "icp_number": website.icp_number, "domain": website.domain},
    )


def _take_over_subject(order: FilingOrder, subject: Subject, record: RegistryRecord, *, actor, now) -> None:
    """A transfer-in or claim that creates the subject: it takes the record's subject number."""
    held = Subject.objects.filter(icp_number=record.subject_icp_number, status__in=LIVE_SUBJECT_STATUSES)
    if held.exclude(pk=subject.pk).exists():
        raise refusals.ICP_NUMBER_HELD_ELSEWHERE(number=record.subject_icp_number)
    subject.icp_number = record.subject_icp_number
    if rules.issues_filing_password(order_type=order.type, creates_subject=order.creates_subject):
        issue_password(subject, order=order, now=now)
        RegistryRecord.objects.filter(subject_icp_number=subject.icp_number).update(
            password_hash=subject.password_hash
        )
    else:
        subject.password_hash = record.password_hash
    set_subject_status(
        subject, SubjectStatus.ACTIVE, actor=actor, now=now, order=order, icp_number=subject.icp_number
    )


def _taken_over_website(order: FilingOrder, subject: Subject, record: RegistryRecord, *, now) -> Website:
    """The website the record names, active here on the order's instance and code."""
    website = (
        Website.objects.select_for_update().filter(subject=subject, icp_number=record.icp_number).first()
    )
    if website is None:
        website = Website(
            subject=subject,
            icp_number=record.icp_number,
            seq=website_seq(record.icp_number),
            domain=record.domain,
            created_time=now,
        )
    website.status = WebsiteStatus.ACTIVE
    website.status_time = now
    website.instance = order.instance
    website.service_code = order.service_code
    website.name = order.website_name or website.name
    website.access_at_risk_time = website.access_cancel_time = None
    if not website.public_security_number and website.public_security_due_time is None:
        # SPEC 3.10: 30 days from its approval here to record the public security filing.
        website.public_security_due_time = rules.public_security_due_time(now)
    website.save()
    return website
