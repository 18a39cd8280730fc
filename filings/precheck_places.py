"""Where the subject files (SPEC 3.13), as the pre-check judges it: the province its certificate
number names against the filing province, the residence permit an individual from elsewhere
needs, and a complete address. Pure; re-exported by ``filings.precheck``."""

from __future__ import annotations

from django.utils.translation import get_language

from registrar.certificates import (
    ENTERPRISE,
    INDIVIDUAL,
    certificate_problem,
    credit_code_region,
    id_number_region,
)

from . import addresses, check_reasons
from .precheck_facts import FilingFacts
from .precheck_findings import Reason, reason
from .provinces import ADMIN_CODES, PROVINCES

_PROVINCE_OF_CODE: dict[str, str] = {code: pinyin for pinyin, code in ADMIN_CODES.items()}


def certificate_province(number: str, *, kind: str) -> str:
    """The province (pinyin) whose division code a subject's certificate number carries: a credit
    code's characters 3 and 4, an ID number's first two digits; "" when none of the table's."""
    region = credit_code_region(number) if kind == ENTERPRISE else id_number_region(number)
    return _PROVINCE_OF_CODE.get(region, "")


def province_name(pinyin: str) -> str:
    """The province's name in the active language (the reason's text is rendered in it)."""
    province = PROVINCES.get(pinyin)
    if province is None:
        return pinyin
    return province.name_zh if (get_language() or "").startswith("zh") else province.name


def province_reasons(facts: FilingFacts) -> list[Reason]:
    """SPEC 3.13: an organisation files only in the province of its credit code
    (``PROVINCE_MISMATCH``). An individual from another province needs a residence permit: that is
    a document submit asks for (``missing``), not a reason to refuse the filing."""
    number, province = facts.subject_certificate_number, facts.subject_province
    if number is None or not province or facts.subject_kind == INDIVIDUAL:
        return []
    if certificate_problem(number, kind=facts.subject_kind, today=facts.today) is not None:
        return []  # CERTIFICATE_NUMBER_INVALID says it
    home = certificate_province(number, kind=facts.subject_kind)
    if not home or home == province:
        return []
    return [
        reason(
            check_reasons.PROVINCE_MISMATCH,
            target="subject",
            number=number,
            region=province_name(home),
            province=province_name(province),
        )
    ]


def needs_residence_permit(facts: FilingFacts) -> bool:
    """An individual filing in another province than that of the ID number (SPEC 3.13)."""
    number, province = facts.subject_certificate_number, facts.subject_province
    if number is None or not province or facts.subject_kind != INDIVIDUAL:
        return False
    home = certificate_province(number, kind=INDIVIDUAL)
    return bool(home) and home != province


def address_reasons(address: str) -> list[Reason]:
    """SPEC 3.13: a given address names the province, the city and the street."""
    if not address or addresses.is_complete(address):
        return []
    return [reason(check_reasons.SUBJECT_ADDRESS_INCOMPLETE, target="subject", address=address)]
