"""A filing made elsewhere comes here: transfer-in (another provider's, proved by its filing
password) and claim (a HiChina filing from before June 2010, proved by the certificate number)."""

from __future__ import annotations

from icpconsole.core import clock
from icpconsole.core.audit import audit_record

from ... import refusals
from ...domains import normalize_main_domain
from ...models import (
    ALIBABA_CLOUD,
    LIVE_SUBJECT_STATUSES,
    FilingAction,
    FilingOrder,
    OrderType,
    RegistryOrigin,
    RegistryRecord,
    RegistryStatus,
    Subject,
    SubjectStatus,
)
from ...selectors import takeover_refusal_for
from ..cleaning import clean_certificate_number
from ..passwords import filing_password_matches
from ..registry import CLAIM_CUTOFF
from ..stages import lock_subject
from ._orders import NewWebsite, check_no_open_order, new_order
from .new_websites import check_domain_free, clean_new_website, obtain_code


def transfer_in_record(*, domain: str, icp_number) -> RegistryRecord:
    """The registry record a transfer-in takes, or the refusal why none (create and the pre-check
    both ask this, issue 27: the pre-check said ok for what create then refused): the number must
    name the domain's valid record, filed with another provider, and not a HiChina filing (those
    are claimed)."""
    number = icp_number.strip() if isinstance(icp_number, str) else ""
    record = RegistryRecord.objects.filter(domain=domain, status=RegistryStatus.VALID).first()
    if record is None or not number or number not in (record.icp_number, record.subject_icp_number):
        raise refusals.ICP_RECORD_NOT_FOUND(domain=domain, number=number or "-")
    if record.access_provider == ALIBABA_CLOUD:
        raise refusals.ALREADY_WITH_THIS_PROVIDER(domain=domain)
    if record.origin == RegistryOrigin.HICHINA_LEGACY:
        raise refusals.TRANSFER_NOT_ALLOWED()
    return record


def transfer_in(*, actor, icp_number: str, icp_password: str, website: dict) -> FilingOrder:
    site = clean_new_website(website)
    record = transfer_in_record(domain=site.domain, icp_number=icp_number)
    if not filing_password_matches(icp_password, record.password_hash):
        raise refusals.FILING_PASSWORD_INVALID(field="icp_password")
    subject, creates = subject_for_takeover(actor, record)
    check_domain_free(site.domain, registry_record=record, subject=None if creates else subject)
    code = obtain_code(actor, site)
    return new_order(
        actor,
        OrderType.TRANSFER_IN,
        subject=subject,
        creates_subject=creates,
        site=site,
        code=code,
        record=record,
        now=clock.now(),
    )


def claim(*, actor, certificate_number: str, domain: str = "", icp_number: str = "") -> FilingOrder:
    certificate = clean_certificate_number(certificate_number, field="certificate_number")
    records = RegistryRecord.objects.filter(status=RegistryStatus.VALID, origin=RegistryOrigin.HICHINA_LEGACY)
    if domain:
        records = records.filter(domain=normalize_main_domain(domain)[0])
    if icp_number:
        records = records.filter(icp_number=str(icp_number).strip())
    if not (domain or icp_number):
        raise refusals.CLAIM_TARGET_REQUIRED(field="domain")
    record = records.first()
    if record is None:
        raise refusals.ICP_RECORD_NOT_FOUND(domain=domain or "-", number=icp_number or "-")
    if record.filed_time >= CLAIM_CUTOFF:
        raise refusals.CLAIM_NOT_ELIGIBLE(date=record.filed_time.date())
    if record.access_provider == ALIBABA_CLOUD:
        raise refusals.ALREADY_CLAIMED(domain=record.domain)
    if certificate.casefold() != record.certificate_number.strip().casefold():
        raise refusals.CERTIFICATE_NUMBER_MISMATCH(field="certificate_number")
    check_claim_control(actor, record)
    subject, creates = subject_for_takeover(actor, record)
    check_domain_free(record.domain, registry_record=record, subject=None if creates else subject)
    site = NewWebsite(domain=record.domain, name="", instance_id="", service_code="")
    return new_order(
        actor,
        OrderType.CLAIM,
        subject=subject,
        creates_subject=creates,
        site=site,
        code=None,
        record=record,
        now=clock.now(),
    )


def check_claim_control(actor, record: RegistryRecord) -> None:
    """A claim proves control, as a transfer-in does with the filing password (issue 27: the
    certificate number alone, which ``seed_demo`` prints and a subject shows on many papers,
    claimed the filing). A HiChina filing has no filing password to give; what its owner holds is
    the domain, registered at HiChina, now Alibaba Cloud. So the claiming account must hold the
    domain at the simulated registrar, with the filing subject's certificate number as the holder's.
    Alibaba Cloud documents no exact mechanism for this (its help page says only that the owner
    claims the record with an Alibaba Cloud account); this is the simulator's decision."""
    from registrar.models import Domain

    held = Domain.objects.filter(domain=record.domain, account=actor.owner_account).first()
    expected = record.certificate_number.strip().casefold()
    if held is None or held.holder_certificate_number.strip().casefold() != expected:
        raise refusals.CLAIM_DOMAIN_NOT_HELD(domain=record.domain, field="domain")


def subject_for_takeover(actor, record: RegistryRecord) -> tuple[Subject, bool]:
    """The subject a transfer-in or claim moves here: the caller's, if it already holds that
    number, else a new pending one (the caller may have no other live subject)."""
    account = actor.owner_account
    refusal = takeover_refusal_for(account, record)
    if refusal is not None:
        raise refusal(number=record.subject_icp_number)
    own = Subject.objects.filter(account=account, status__in=LIVE_SUBJECT_STATUSES).first()
    if own is not None:
        own = lock_subject(own.pk)
        check_no_open_order(own)
        return own, False
    now = clock.now()
    subject = Subject.objects.create(
        account=account,
        kind=record.subject_kind,
        name=record.subject_name,
        certificate_number=record.certificate_number,
        province=record.province,
        status=SubjectStatus.PENDING,
        created_time=now,
        status_time=now,
    )
    audit_record(
        actor=actor,
        account=account,
        action=FilingAction.SUBJECT_CREATE,
        target=subject,
        at=now,
        details={"from_registry": record.icp_number},
    )
    return subject, True
