"""The filing pre-check (SPEC 3.9): what the real console and the MIIT check before a filing can
go on, from plain facts, every failing reason out, with its remedy.

Pure, like ``servicecodes/eligibility.py``: frozen facts in, a list of :class:`Reason` out, the
(simulated) date passed in, no ORM. ``filings.selectors.precheck_facts`` gathers the facts (the
registrar's through ``registrar.selectors``); the creation and submit services enforce the
answer (409 ``FILING_CHECK_FAILED`` / ``FILING_INCOMPLETE`` with ``reasons``), and the wizard,
the API's ``precheck`` and the admin show it.

Order of the checks (SPEC 3.9): the domain of every new website (``DOMAIN_TLD_NOT_APPROVED``,
``DOMAIN_NOT_REGISTERED``, ``DOMAIN_EXPIRED``, ``DOMAIN_NOT_VERIFIED``, ``DOMAIN_HOLDER_MISMATCH``,
``DOMAIN_ALREADY_FILED``, ``DOMAIN_IN_OPEN_ORDER``; "not registered" hides the three that compare
with the registration), then certificates, leaders, the website name and the content category.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from registrar.certificates import (
    ENTERPRISE,
    INDIVIDUAL,
    Problem,
    certificate_problem,
    id_number_problem,
)

from . import check_reasons
from .check_reasons import (  # noqa: F401
    ACTION_AT_REGISTRAR,
    ACTION_CHOOSE_CATEGORY,
    ACTION_CHOOSE_DOMAIN,
    ACTION_FIX_HOLDER,
    ACTION_FIX_LEADER,
    ACTION_FIX_SUBJECT,
    ACTION_FIX_WEBSITE,
    ACTION_REGISTER_DOMAIN,
    ACTION_RENEW_DOMAIN,
    ACTION_UPLOAD_DOCUMENT,
    ACTION_VERIFY_AUTHENTICITY,
    ACTION_VERIFY_DOMAIN,
    ACTION_VIEW_FILING,
    ACTION_VIEW_ORDER,
    AT_REGISTRAR_REMEDIES,
    REASON_ORDER,
    REASONS,
    REMEDY_ACTIONS,
)
from .check_reasons import Reason as ReasonSpec  # noqa: F401  (the entry type, by its old name)

# The data, the findings, the facts and the subject's place live in their own modules; every name
# stays importable from here.
from .precheck_data import (  # noqa: F401
    ALL_CONTENT_CATEGORIES,
    APP_CONTENT_CATEGORIES,
    APPROVED_TLDS,
    APPROVED_TLDS_UNICODE,
    CONTENT_CATEGORIES,
    CONTENT_CATEGORY_VALUES,
    DOCUMENT_KIND_VALUES,
    DOCUMENT_KINDS,
    INDIVIDUAL_APP_CATEGORIES,
    INDIVIDUAL_CATEGORIES,
    INDIVIDUAL_FORBIDDEN_WORDS,
    PRE_APPROVAL_CATEGORIES,
    UPLOAD_KINDS,
    WEBSITE_NAME_MAX,
    WEBSITE_NAME_MIN,
    Category,
    Doc,
    Text,
    content_category_label,
)
from .precheck_facts import FilingFacts, Leader, Materials, Registration, SiteFacts  # noqa: F401
from .precheck_findings import PLACEHOLDER, Finding, Reason, reason  # noqa: F401
from .precheck_places import (  # noqa: F401
    address_reasons,
    certificate_province,
    needs_residence_permit,
    province_name,
    province_reasons,
)
from .rules import DomainFacts, new_domain_refusal  # noqa: F401

MOBILE = re.compile(r"^1[3-9]\d{9}$")


# --- the checks --------------------------------------------------------------------------------


def same_name(a: str, b: str) -> bool:
    """Holder and subject compare as the MIIT reads a name: full-width forms, case and spaces aside."""

    def canon(text: str) -> str:
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).casefold()

    return canon(a) == canon(b)


def tld_of(domain: str) -> str:
    return domain.rsplit(".", 1)[-1]


def domain_reasons(site: SiteFacts, *, subject_name: str | None) -> list[Reason]:
    """The domain checks; ``subject_name`` ``None`` (not known yet: the wizard's first step of a
    first filing) leaves the holder comparison for later."""
    domain, found = site.domain, []
    shown = _display(domain)
    tld = tld_of(domain)
    if tld not in APPROVED_TLDS:
        found.append(
            reason(check_reasons.DOMAIN_TLD_NOT_APPROVED, target=domain, domain=shown, tld=_display(tld))
        )
    registration = site.registration
    elsewhere = {"registrar": registration.registrar} if registration.registrar else {}
    if not registration.registered:
        found.append(reason(check_reasons.DOMAIN_NOT_REGISTERED, target=domain, domain=shown))
    else:
        if registration.expired:
            found.append(reason(check_reasons.DOMAIN_EXPIRED, target=domain, domain=shown, **elsewhere))
        if not registration.verified:
            found.append(reason(check_reasons.DOMAIN_NOT_VERIFIED, target=domain, domain=shown, **elsewhere))
        if subject_name is not None and not same_name(registration.holder_name, subject_name):
            found.append(
                reason(
                    check_reasons.DOMAIN_HOLDER_MISMATCH,
                    target=domain,
                    domain=shown,
                    holder=registration.holder_name,
                    subject=subject_name,
                    **elsewhere,
                )
            )
    refusal = new_domain_refusal(site.filing)
    if refusal is not None:
        found.append(reason(refusal, target=domain, domain=shown))
    return found


def certificate_reasons(number: str, *, kind: str, who: Text, target: str, today: dt.date) -> list[Reason]:
    problem = certificate_problem(number, kind=kind, today=today)
    document = _("unified social credit code") if kind == ENTERPRISE else _("resident ID number")
    # What was checked: a credit code has no birth date (issue 28).
    checked = (
        _("length, format or check character")
        if kind == ENTERPRISE
        else _("length, format, birth date or check character")
    )
    if problem == Problem.INVALID:
        return [
            reason(
                check_reasons.CERTIFICATE_NUMBER_INVALID,
                target=target,
                who=str(who),
                number=number,
                document=str(document),
                checked=str(checked),
            )
        ]
    if problem == Problem.UNDER_18:
        return [
            reason(
                check_reasons.APPLICANT_UNDER_18,
                target=target,
                who=str(who),
                number=number,
                date=today.isoformat(),
            )
        ]
    return []


def leader_reasons(leader: Leader, *, who: Text, target: str, today: dt.date) -> list[Reason]:
    found = []
    if not leader.name or len(leader.name) > 50:
        found.append(reason(check_reasons.LEADER_NAME_INVALID, target=target, who=str(who)))
    problem = id_number_problem(leader.certificate_number, today=today)
    if problem == Problem.INVALID:
        found.append(
            reason(
                check_reasons.CERTIFICATE_NUMBER_INVALID,
                target=target,
                who=str(who),
                number=leader.certificate_number or "-",
                document=str(_("resident ID number")),
                checked=str(_("length, format, birth date or check character")),
            )
        )
    elif problem == Problem.UNDER_18:
        found.append(
            reason(
                check_reasons.APPLICANT_UNDER_18,
                target=target,
                who=str(who),
                number=leader.certificate_number,
                date=today.isoformat(),
            )
        )
    if not MOBILE.match(leader.mobile):
        found.append(
            reason(check_reasons.MOBILE_INVALID, target=target, who=str(who), value=leader.mobile or "-")
        )
    try:
        validate_email(leader.email)
    except ValidationError:
        found.append(
            reason(check_reasons.EMAIL_INVALID, target=target, who=str(who), value=leader.email or "-")
        )
    return found


_DOMAIN_LIKE = re.compile(r"^[\w-]+(\.[\w-]+)+$")
_ALLOWED_NAME_CHARS = re.compile(r"^[\w\s()\-（）]+$")


def website_name_rule_broken(name: str, *, subject_kind: str) -> Text | None:
    """The first website-name rule ``name`` breaks, as the text shown, or ``None``."""
    text = name.strip()
    if not WEBSITE_NAME_MIN <= len(text) <= WEBSITE_NAME_MAX:
        return _("it must be 3 to 30 characters long.")
    if _DOMAIN_LIKE.match(text):
        return _("it must not be a domain name.")
    if "_" in text or not _ALLOWED_NAME_CHARS.match(text):
        return _("the only special characters allowed are ( ) and -.")
    compact = re.sub(r"[\s()\-（）]", "", text)
    if compact.isdigit():
        return _("it must not be only digits.")
    if compact.isascii() and compact.isalpha():
        return _("it must not be only Latin letters.")
    if subject_kind == INDIVIDUAL:
        lowered = text.casefold()
        for word in INDIVIDUAL_FORBIDDEN_WORDS:
            if word in lowered:
                return _(
                    "an individual's website name must not contain %(word)s (it suggests an organisation "
                    "or the state)."
                ) % {"word": word}
    return None


def website_name_reasons(name: str, *, subject_kind: str, target: str) -> list[Reason]:
    if not name:
        return []
    rule = website_name_rule_broken(name, subject_kind=subject_kind)
    return (
        []
        if rule is None
        else [reason(check_reasons.WEBSITE_NAME_INVALID, target=target, name=name, rule=str(rule))]
    )


def content_reasons(site: SiteFacts, *, subject_kind: str) -> list[Reason]:
    category, target = site.content_category, site.target
    if not category:
        return []
    categories = APP_CONTENT_CATEGORIES if site.is_app else CONTENT_CATEGORIES
    if site.is_app and category in CONTENT_CATEGORIES and category not in categories:
        return [
            reason(
                check_reasons.CONTENT_CATEGORY_NOT_FOR_APP,
                target=target,
                category=str(CONTENT_CATEGORIES[category]),
                categories=", ".join(str(label) for label in categories.values()),
            )
        ]
    if category not in categories:
        return [reason(check_reasons.CONTENT_CATEGORY_INVALID, target=target, value=category)]
    label = str(categories[category])
    individual = INDIVIDUAL_APP_CATEGORIES if site.is_app else INDIVIDUAL_CATEGORIES
    if subject_kind == INDIVIDUAL and category not in individual:
        return [reason(check_reasons.CONTENT_NOT_ALLOWED_FOR_INDIVIDUAL, target=target, category=label)]
    if category == Category.ECOMMERCE:
        return [reason(check_reasons.COMMERCIAL_LICENSE_REQUIRED, target=target)]
    if category in PRE_APPROVAL_CATEGORIES and not site.pre_approval_number.strip():
        return [reason(check_reasons.PRE_APPROVAL_REQUIRED, target=target, category=label)]
    return []


SUBJECT_LEADER = _("The subject's leader")
WEBSITE_LEADER = _("The website's leader (%(domain)s)")
SUBJECT = _("The subject")


def precheck(facts: FilingFacts) -> list[Reason]:
    """Every failing check of what is given so far (SPEC 3.9), in the SPEC's order. What is not
    given yet is not a reason here (``missing`` says what submit still needs)."""
    found: list[Reason] = []
    for site in facts.sites:
        if site.check_domain:
            found += domain_reasons(site, subject_name=facts.subject_name)
    if facts.subject_certificate_number is not None:
        found += certificate_reasons(
            facts.subject_certificate_number,
            kind=facts.subject_kind,
            who=SUBJECT,
            target="subject",
            today=facts.today,
        )
        found += province_reasons(facts)
    found += address_reasons(facts.subject_address)
    if facts.subject_leader is not None:
        found += leader_reasons(
            facts.subject_leader, who=SUBJECT_LEADER, target="subject_leader", today=facts.today
        )
    for site in facts.sites:
        if site.leader is not None and not site.leader_is_subject_leader:
            who = str(WEBSITE_LEADER) % {"domain": site.name if site.is_app else _display(site.domain)}
            found += leader_reasons(site.leader, who=who, target="website_leader", today=facts.today)
    for site in facts.sites:
        if not site.is_app:
            found += website_name_reasons(site.name, subject_kind=facts.subject_kind, target=site.domain)
    for site in facts.sites:
        found += content_reasons(site, subject_kind=facts.subject_kind)
    return found


def required_documents(facts: FilingFacts, *, new_subject: bool) -> list[str]:
    """The document kinds a submission needs: the subject's (licence and leader's ID) when the
    subject is filed with it, and the website leader's ID when that is another person. The
    verification photo is not among them: the authenticity verification takes it (SPEC 3.12). An
    individual filing outside the province of the ID number adds the residence permit (SPEC 3.13)."""
    kinds = []
    if new_subject:
        if facts.subject_kind == ENTERPRISE:
            kinds.append(Doc.SUBJECT_CERTIFICATE)
        kinds += [Doc.LEADER_ID_FRONT, Doc.LEADER_ID_BACK]
        if needs_residence_permit(facts):
            kinds.append(Doc.RESIDENCE_PERMIT)
    if any(site.leader is not None and not site.leader_is_subject_leader for site in facts.sites):
        kinds += [Doc.WEBSITE_LEADER_ID_FRONT, Doc.WEBSITE_LEADER_ID_BACK]
    return kinds


def missing(facts: FilingFacts, *, new_subject: bool) -> list[Reason]:
    """What a submission still needs (``FILING_INCOMPLETE``), every item named."""
    found: list[Reason] = []
    if facts.subject_leader is None:
        found.append(reason(check_reasons.SUBJECT_LEADER_MISSING, target="subject_leader"))
    for site in facts.sites:
        if site.leader is None and not site.leader_is_subject_leader:
            found.append(reason(check_reasons.WEBSITE_LEADER_MISSING, target="website_leader"))
        if not site.name:
            found.append(reason(check_reasons.WEBSITE_NAME_MISSING, target=site.target))
        if not site.content_category:
            found.append(reason(check_reasons.CONTENT_CATEGORY_MISSING, target=site.target))
    for kind in required_documents(facts, new_subject=new_subject):
        if kind == Doc.RESIDENCE_PERMIT and kind not in facts.documents:
            home = certificate_province(facts.subject_certificate_number or "", kind=INDIVIDUAL)
            found.append(
                reason(
                    check_reasons.RESIDENCE_PERMIT_REQUIRED,
                    target=kind,
                    number=facts.subject_certificate_number,
                    region=province_name(home),
                    province=province_name(facts.subject_province),
                )
            )
        elif kind not in facts.documents:
            found.append(
                reason(
                    check_reasons.DOCUMENT_MISSING, target=kind, kind=kind, label=str(DOCUMENT_KINDS[kind])
                )
            )
    if facts.verification_passed is False:
        found.append(reason(check_reasons.VERIFICATION_MISSING, target="verification"))
    return found


def codes(reasons: Iterable[Reason]) -> list[str]:
    return [r.code for r in reasons]


def _display(domain: str) -> str:
    """A domain as people read it (Unicode labels decoded)."""
    try:
        return ".".join(
            label.encode("ascii").decode("idna") if label.startswith("xn--") else label
            for label in domain.split(".")
        )
    except UnicodeError:
        return domain
