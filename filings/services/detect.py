"""The filing type's facts and the answer (SPEC 3.13): ``filings.filing_type`` decides, this module
gathers what it decides on and raises its refusal. Reads only: nothing is written, so the API,
the wizard and tests may ask as often as they like."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from icpconsole.core import clock
from registrar.certificates import (
    ENTERPRISE,
    INDIVIDUAL,
    Problem,
    compact,
    credit_code_problem,
    id_number_problem,
)

from .. import refusals
from ..domains import normalize_main_domain
from ..filing_type import DetectFacts, Detection, KnownSubject, detect
from ..models import (
    ALIBABA_CLOUD,
    LIVE_SUBJECT_STATUSES,
    RegistryOrigin,
    RegistryRecord,
    RegistryStatus,
    Subject,
)
from ..selectors import domain_facts, subject_of_account
from .stages import subject_has_open_order

DOCUMENTS = {ENTERPRISE: _("unified social credit code"), INDIVIDUAL: _("resident ID number")}


def certificate_kind(number: str, *, expected: str = "") -> str:
    """``enterprise`` for a valid credit code, ``individual`` for a resident ID number (an
    under-18 holder's too: the pre-check says so later), else 400 ``CERTIFICATE_NOT_RECOGNISED``;
    ``expected`` (the certificate type the applicant chose) must match (``CERTIFICATE_TYPE_MISMATCH``)."""
    if expected and expected not in DOCUMENTS:
        raise refusals.SUBJECT_KIND_INVALID(field="certificate_type")
    if credit_code_problem(number) is None:
        kind = ENTERPRISE
    elif id_number_problem(number, today=clock.now().date()) != Problem.INVALID:
        kind = INDIVIDUAL
    else:
        raise refusals.CERTIFICATE_NOT_RECOGNISED(field="certificate_number", number=number or "-")
    if expected and expected != kind:
        raise refusals.CERTIFICATE_TYPE_MISMATCH(
            field="certificate_number", number=number, document=str(DOCUMENTS.get(expected, expected))
        )
    return kind


def registry_subject(certificate_number: str) -> tuple[KnownSubject, RegistryRecord] | None:
    """The subject of ``certificate_number`` as the MIIT registry holds it from another provider
    (its valid records, not issued here), with one of its records, or ``None``."""
    record = (
        RegistryRecord.objects.filter(
            status=RegistryStatus.VALID, certificate_number__iexact=certificate_number
        )
        .exclude(origin=RegistryOrigin.HICHINA_LEGACY)
        .exclude(access_provider=ALIBABA_CLOUD)
        .order_by("filed_time", "id")
        .first()
    )
    if record is None:
        return None
    subject = KnownSubject(
        name=record.subject_name,
        kind=record.subject_kind,
        certificate_number=record.certificate_number,
        icp_number=record.subject_icp_number,
        province=record.province,
        provider=record.access_provider,
    )
    return subject, record


def detect_facts(
    *, actor, certificate_number: str, domain: str = "", app_name: str = "", certificate_type: str = ""
) -> DetectFacts:
    number = compact(certificate_number)
    if bool(domain) == bool(app_name):
        raise refusals.DETECT_TARGET_REQUIRED(field="domain")
    kind = certificate_kind(number, expected=certificate_type)
    site = record = None
    if domain:
        main, _host = normalize_main_domain(domain, field="domain")
        site = domain_facts(main)
        record = (
            RegistryRecord.objects.filter(domain=main, status=RegistryStatus.VALID)
            .values("access_provider", "icp_number")
            .first()
        )
    account = actor.owner_account
    own = subject_of_account(account)
    known = registry_subject(number)
    held = (
        own is None
        and Subject.objects.filter(certificate_number__iexact=number, status__in=LIVE_SUBJECT_STATUSES)
        .exclude(account=account)
        .exists()
    )
    return DetectFacts(
        certificate_number=number,
        kind=kind,
        domain=site,
        app_name=app_name,
        own_subject=_own(own),
        held_by_another_account=held,
        registry_subject=known[0] if known else None,
        record_provider=record["access_provider"] if record else "",
        record_icp_number=record["icp_number"] if record else "",
    )


def filing_type_detect(
    *, actor, certificate_number: str, domain: str = "", app_name: str = "", certificate_type: str = ""
) -> Detection:
    """The filing type the certificate and the domain (or app name) call for (SPEC 3.13), or its
    refusal raised (409 ``DOMAIN_ALREADY_FILED``, ``SUBJECT_EXISTS``, ...). Writes nothing."""
    name = app_name.strip() if isinstance(app_name, str) else ""
    facts = detect_facts(
        actor=actor,
        certificate_number=certificate_number or "",
        domain=(domain or "").strip(),
        app_name=name,
        certificate_type=certificate_type or "",
    )
    found = detect(facts)
    if found.refusal is not None:
        raise found.refusal(**found.params)
    return found


def _own(subject: Subject | None) -> KnownSubject | None:
    if subject is None:
        return None
    return KnownSubject(
        name=subject.name,
        kind=subject.kind,
        certificate_number=subject.certificate_number,
        icp_number=subject.icp_number or "",
        province=subject.province,
        status=subject.status,
        has_open_order=subject_has_open_order(subject),
    )
