"""The simulated MIIT registry (SPEC 3.7): the numbers it issues, the records it keeps, and the
records staff add for filings made elsewhere.

Numbers (decision, after the real format ``浙ICP备20261234号``): a subject's number is the
province's abbreviation, ``ICP备``, the year of filing and four random digits (six once a year's
numbers get crowded, so 8 to 10 digits in all), then ``号``; unique among every subject here and
every record in the registry. A website's number is the subject's plus ``-N``.

Records added by staff are either ``other_provider`` filings (a transfer-in proves ownership with
their filing password, which the record stores hashed) or ``hichina_legacy`` filings made through
HiChina (a claim proves ownership with the certificate number; SPEC: claims are for filings made
before June 2010, so an older legacy record may be claimed and a later one is refused).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.utils import timezone

from icpconsole.core import clock, generators
from icpconsole.core.audit import audit_record

from .. import refusals, rules
from ..domains import normalize_main_domain
from ..models import (
    ALIBABA_CLOUD,
    HICHINA,
    FilingAction,
    RegistryOrigin,
    RegistryRecord,
    RegistryStatus,
    Subject,
    Website,
)
from ..provinces import PROVINCES
from ..selectors import domain_facts
from .cleaning import clean_subject_fields
from .stages import check_staff

SUBJECT_NUMBER_RE = re.compile(r"^(?P<abbr>[\u4e00-\u9fff])ICP备(?P<digits>\d{8,10})号$")
WEBSITE_NUMBER_RE = re.compile(r"^(?P<subject>[\u4e00-\u9fff]ICP备\d{8,10}号)-(?P<seq>[1-9]\d{0,3})$")
# Claims are for HiChina filings made before June 2010 (seed 004), Beijing time.
CLAIM_CUTOFF = dt.datetime(2010, 6, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))
MIN_FILING_PASSWORD_LENGTH = 6
# A fresh number is checked, then inserted; if another writer took it in between, the insert is
# refused by a unique constraint and the number is drawn again, up to this many times in all.
NUMBER_ATTEMPTS = 3


APP_NUMBER_RE = re.compile(r"^(?P<subject>[\u4e00-\u9fff]ICP备\d{8,10}号)-(?P<seq>[1-9]\d{0,3})A$")


def website_seq(icp_number: str) -> int:
    """N of a website number ``<subject>-N`` or an app number ``<subject>-NA`` (0 if it has none)."""
    match = WEBSITE_NUMBER_RE.match(icp_number or "") or APP_NUMBER_RE.match(icp_number or "")
    return int(match["seq"]) if match else 0


def subject_number_taken(number: str) -> bool:
    return (
        Subject.objects.filter(icp_number=number).exists()
        or RegistryRecord.objects.filter(subject_icp_number=number).exists()
    )


def issue_subject_number(*, province: str, now) -> str:
    """A fresh subject ICP number for ``province`` (a pinyin name)."""
    abbreviation = PROVINCES[province].abbreviation
    year = timezone.localtime(now).year
    for width in (4,) * 8 + (6,) * 8:
        number = f"{abbreviation}ICP备{year}{generators.digits('icp_number', width)}号"
        if not subject_number_taken(number):
            return number
    raise refusals.ICP_NUMBER_UNAVAILABLE()


def registry_record_issue(*, website: Website, now) -> RegistryRecord:
    """Record a website filed through this provider (called on approval, inside its transaction)."""
    subject = website.subject
    return RegistryRecord.objects.create(
        domain=website.domain,
        app_name=website.name if website.is_app else "",
        icp_number=website.icp_number,
        subject_icp_number=subject.icp_number,
        subject_name=subject.name,
        subject_kind=subject.kind,
        certificate_number=subject.certificate_number,
        province=subject.province,
        status=RegistryStatus.VALID,
        access_provider=ALIBABA_CLOUD,
        origin=RegistryOrigin.ISSUED,
        filed_time=now,
        password_hash=subject.password_hash,
        subject=subject,
        website=website,
        created_time=now,
        status_time=now,
    )


@dataclass(frozen=True)
class _RecordInput:
    origin: str
    domain: str
    subject: dict
    provider: str
    password: str
    filed_time: dt.datetime


def _clean_record_input(
    *,
    origin,
    domain,
    subject_kind,
    subject_name,
    certificate_number,
    province,
    password,
    access_provider,
    filed_time,
    now,
) -> _RecordInput:
    if origin not in (RegistryOrigin.OTHER_PROVIDER, RegistryOrigin.HICHINA_LEGACY):
        raise refusals.REGISTRY_ORIGIN_INVALID(field="origin")
    domain, _host = normalize_main_domain(domain)
    subject = clean_subject_fields(
        kind=subject_kind,
        name=subject_name,
        certificate_number=certificate_number,
        province=province,
        prefix="subject_",
    )
    if origin == RegistryOrigin.OTHER_PROVIDER:
        provider = access_provider.strip() if isinstance(access_provider, str) else ""
        if not provider or len(provider) > 64 or provider.casefold() == ALIBABA_CLOUD.casefold():
            raise refusals.ACCESS_PROVIDER_INVALID(field="access_provider")
        if not isinstance(password, str) or len(password) < MIN_FILING_PASSWORD_LENGTH:
            raise refusals.FILING_PASSWORD_REQUIRED(field="password")
    else:
        provider = HICHINA
    filed_time = filed_time or now
    if filed_time > now:
        raise refusals.FILED_TIME_INVALID(field="filed_time")
    return _RecordInput(
        origin=origin,
        domain=domain,
        subject=subject,
        provider=provider,
        password=password if isinstance(password, str) else "",
        filed_time=filed_time,
    )


def _insert_record(given: _RecordInput, *, icp_number: str, now) -> RegistryRecord:
    """Check the domain and the numbers, then insert in a savepoint: another writer may have taken
    the number or the domain since the checks; the unique constraints refuse the insert, and only
    it is undone. A generated number is drawn again; a given one is refused."""
    for attempt in range(1, NUMBER_ATTEMPTS + 1):
        if domain_facts(given.domain).standing != rules.Standing.NOT_FILED:
            raise refusals.DOMAIN_ALREADY_FILED(domain=given.domain)
        subject_number, number = _numbers_for(icp_number, province=given.subject["province"], now=now)
        siblings = RegistryRecord.objects.filter(subject_icp_number=subject_number)
        if (
            siblings.filter(subject__isnull=False).exists()
            or Subject.objects.filter(icp_number=subject_number).exists()
            or siblings.exclude(origin=given.origin).exists()
        ):
            raise refusals.ICP_NUMBER_TAKEN(number=subject_number)
        try:
            with transaction.atomic():
                password_hash = make_password(given.password) if given.password else ""
                if password_hash:
                    siblings.update(password_hash=password_hash)
                elif siblings.exists():
                    password_hash = siblings.values_list("password_hash", flat=True).first()
                return RegistryRecord.objects.create(
                    domain=given.domain,
                    icp_number=number,
                    subject_icp_number=subject_number,
                    subject_name=given.subject["name"],
                    subject_kind=given.subject["kind"],
                    certificate_number=given.subject["certificate_number"],
                    province=given.subject["province"],
                    status=RegistryStatus.VALID,
                    access_provider=given.provider,
                    origin=given.origin,
                    filed_time=given.filed_time,
                    password_hash=password_hash,
                    created_time=now,
                    status_time=now,
                )
        except IntegrityError:
            if domain_facts(given.domain).standing != rules.Standing.NOT_FILED:
                raise refusals.DOMAIN_ALREADY_FILED(domain=given.domain) from None
            if (icp_number or "").strip():
                raise refusals.ICP_NUMBER_TAKEN(number=number) from None
            if attempt == NUMBER_ATTEMPTS:
                raise refusals.ICP_NUMBER_UNAVAILABLE() from None
    raise AssertionError("unreachable")


def registry_record_add(
    *,
    actor,
    origin: str,
    domain: str,
    subject_name: str,
    subject_kind: str,
    certificate_number: str,
    province: str,
    icp_number: str = "",
    password: str = "",
    access_provider: str = "",
    filed_time: dt.datetime | None = None,
) -> RegistryRecord:
    """Staff add a filing made outside this provider, so that it can be transferred in
    (``other_provider``, with its filing password) or claimed (``hichina_legacy``).

    ``icp_number`` may be a website number (``粤ICP备12345678号-2``), a subject number (the record
    gets its next ``-N``), or empty (a new subject number is issued for it). Records of one subject
    number share one filing password: giving one sets it for them all."""
    check_staff(actor)
    now = clock.now()
    given = _clean_record_input(
        origin=origin,
        domain=domain,
        subject_kind=subject_kind,
        subject_name=subject_name,
        certificate_number=certificate_number,
        province=province,
        password=password,
        access_provider=access_provider,
        filed_time=filed_time,
        now=now,
    )
    with transaction.atomic():
        record = _insert_record(given, icp_number=icp_number, now=now)
        audit_record(
            actor=actor,
            action=FilingAction.REGISTRY_RECORD_ADD,
            target=record,
            at=now,
            details={
                "domain": record.domain,
                "icp_number": record.icp_number,
                "origin": given.origin,
                "access_provider": given.provider,
            },
        )
    return record


def _numbers_for(icp_number: str, *, province: str, now) -> tuple[str, str]:
    """(subject number, website number) for a record staff add."""
    text = (icp_number or "").strip()
    if not text:
        subject_number = issue_subject_number(province=province, now=now)
        return subject_number, f"{subject_number}-1"
    website = WEBSITE_NUMBER_RE.match(text)
    if website:
        if (
            RegistryRecord.objects.filter(icp_number=text).exists()
            or Website.objects.filter(icp_number=text).exists()
        ):
            raise refusals.ICP_NUMBER_TAKEN(number=text)
        return website["subject"], text
    if SUBJECT_NUMBER_RE.match(text):
        used = RegistryRecord.objects.filter(subject_icp_number=text).values_list("icp_number", flat=True)
        seq = max((website_seq(n) for n in used), default=0) + 1
        return text, f"{text}-{seq}"
    raise refusals.ICP_NUMBER_INVALID(field="icp_number")
