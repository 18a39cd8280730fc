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
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from registrar.certificates import (
    ENTERPRISE,
    INDIVIDUAL,
    Problem,
    certificate_problem,
    credit_code_region,
    id_number_problem,
    id_number_region,
)

from . import addresses, check_reasons
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
from .provinces import ADMIN_CODES, PROVINCES
from .rules import DomainFacts, new_domain_refusal

Text = str | Promise

# --- data --------------------------------------------------------------------------------------

# The top-level domains the MIIT has approved for filing (工业和信息化部 批准的顶级域名), as the
# simulator's data. Source: the MIIT's published list of approved domain registries and their
# suffixes (域名根服务器及域名注册管理机构审批公示), abridged to the suffixes people file most;
# snapshot taken 2024-12. Country codes other than .cn (.io, .me, .hk, .tw, .jp, ...) and suffixes
# without an approved registry in China (.dev, .app, ...) are not on it.
APPROVED_TLDS_UNICODE: frozenset[str] = frozenset(
    {
        "cn", "中国", "中國", "公司", "网络", "网址", "在线", "中文网", "商城", "商店", "集团", "我爱你",
        "com", "net", "org", "info", "biz", "name", "mobi", "pro", "asia", "cc", "tv", "co",
        "top", "xyz", "vip", "club", "shop", "site", "online", "store", "tech", "wang", "ink", "ltd",
        "group", "link", "red", "kim", "art", "love", "fun", "work", "cloud", "ren", "xin", "beer",
        "luxe", "yoga", "design", "press", "space", "website", "host", "pub", "city", "live", "team",
        "video", "life", "today", "zone", "world", "company", "email", "center", "social", "chat",
        "fans", "show", "gold", "plus", "run", "games", "icu", "cyou", "fit", "law", "fashion", "wiki",
    }
)  # fmt: skip
APPROVED_TLDS: frozenset[str] = frozenset(
    tld if tld.isascii() else tld.encode("idna").decode("ascii") for tld in APPROVED_TLDS_UNICODE
)

WEBSITE_NAME_MIN, WEBSITE_NAME_MAX = 3, 30
# Words that suggest an organisation or the state: an individual's website may not use them.
INDIVIDUAL_FORBIDDEN_WORDS: tuple[str, ...] = (
    "公司", "企业", "集团", "组织", "官方", "中国", "中华", "国家", "全国", "政府", "协会", "研究院",
    "company", "official", "group", "government", "national", "china", "inc", "ltd",
)  # fmt: skip


class Category:
    GENERAL = "general"
    BLOG = "blog"
    COMPANY = "company"
    FORUM = "forum"
    ECOMMERCE = "ecommerce"
    NEWS = "news"
    PUBLISHING = "publishing"
    EDUCATION = "education"
    MEDICAL = "medical"
    DRUGS = "drugs"
    CULTURE = "culture"
    RADIO_TV = "radio_tv"
    # An app's own (SPEC 3.11, issue 28): what the app stores list, not a website's kinds.
    TOOLS = "tools"
    LIFESTYLE = "lifestyle"
    SOCIAL = "social"
    GAMES = "games"


CONTENT_CATEGORIES: dict[str, Text] = {
    Category.GENERAL: _("General (enterprise or personal homepage)"),
    Category.BLOG: _("Blog / personal space"),
    Category.COMPANY: _("Company website"),
    Category.FORUM: _("Forum / community"),
    Category.ECOMMERCE: _("E-commerce"),
    Category.NEWS: _("News"),
    Category.PUBLISHING: _("Online publishing"),
    Category.EDUCATION: _("Education"),
    Category.MEDICAL: _("Medical and health"),
    Category.DRUGS: _("Drugs and medical devices"),
    Category.CULTURE: _("Online culture"),
    Category.RADIO_TV: _("Radio, film and TV programmes"),
}
# An app's content categories (data): its own kinds and the regulated ones it shares with websites
# (the same pre-approval or licence rules). A website's kinds (homepage, blog, company website,
# forum) are refused for an app with CONTENT_CATEGORY_NOT_FOR_APP.
APP_CONTENT_CATEGORIES: dict[str, Text] = {
    Category.TOOLS: _("Tools and utilities"),
    Category.LIFESTYLE: _("Lifestyle and local services"),
    Category.SOCIAL: _("Social and communication"),
    Category.GAMES: _("Games"),
    Category.ECOMMERCE: _("Shopping (e-commerce)"),
    Category.NEWS: _("News"),
    Category.PUBLISHING: _("Online publishing"),
    Category.EDUCATION: _("Education"),
    Category.MEDICAL: _("Medical and health"),
    Category.DRUGS: _("Drugs and medical devices"),
    Category.CULTURE: _("Online culture"),
    Category.RADIO_TV: _("Radio, film and TV programmes"),
}
ALL_CONTENT_CATEGORIES: tuple[str, ...] = tuple(dict.fromkeys([*CONTENT_CATEGORIES, *APP_CONTENT_CATEGORIES]))


def content_category_label(value: str, *, is_app: bool = False) -> str:
    """The category's label in the active language: an app's or a website's; the value if neither."""
    first, second = (
        (APP_CONTENT_CATEGORIES, CONTENT_CATEGORIES)
        if is_app
        else (CONTENT_CATEGORIES, APP_CONTENT_CATEGORIES)
    )
    label = first.get(value) or second.get(value)
    return str(label) if label is not None else value


INDIVIDUAL_CATEGORIES = frozenset({Category.GENERAL, Category.BLOG})
INDIVIDUAL_APP_CATEGORIES = frozenset({Category.TOOLS, Category.LIFESTYLE})
PRE_APPROVAL_CATEGORIES = frozenset(
    {
        Category.GAMES,
        Category.NEWS,
        Category.PUBLISHING,
        Category.EDUCATION,
        Category.MEDICAL,
        Category.DRUGS,
        Category.CULTURE,
        Category.RADIO_TV,
    }
)


class Doc:
    SUBJECT_CERTIFICATE = "subject_certificate"
    LEADER_ID_FRONT = "leader_id_front"
    LEADER_ID_BACK = "leader_id_back"
    WEBSITE_LEADER_ID_FRONT = "website_leader_id_front"
    WEBSITE_LEADER_ID_BACK = "website_leader_id_back"
    VERIFICATION_PHOTO = "verification_photo"
    RESIDENCE_PERMIT = "residence_permit"
    NAME_CHANGE_PROOF = "name_change_proof"


DOCUMENT_KINDS: dict[str, Text] = {
    Doc.SUBJECT_CERTIFICATE: _("Business licence (the subject's certificate)"),
    Doc.LEADER_ID_FRONT: _("Subject leader's ID card, front"),
    Doc.LEADER_ID_BACK: _("Subject leader's ID card, back"),
    Doc.WEBSITE_LEADER_ID_FRONT: _("Website leader's ID card, front"),
    Doc.WEBSITE_LEADER_ID_BACK: _("Website leader's ID card, back"),
    Doc.VERIFICATION_PHOTO: _("Authenticity verification photo (真实性核验)"),
    Doc.RESIDENCE_PERMIT: _("Residence permit in the filing province (居住证)"),
    Doc.NAME_CHANGE_PROOF: _("Proof of the subject's name change"),
}

DOCUMENT_KIND_VALUES: tuple[str, ...] = tuple(DOCUMENT_KINDS)
# SPEC 3.12: the verification photo is taken on the phone (``filings.services.verification``),
# never uploaded; the other kinds are.
UPLOAD_KINDS: tuple[str, ...] = tuple(kind for kind in DOCUMENT_KINDS if kind != Doc.VERIFICATION_PHOTO)
CONTENT_CATEGORY_VALUES: tuple[str, ...] = tuple(CONTENT_CATEGORIES)

MOBILE = re.compile(r"^1[3-9]\d{9}$")


@dataclass(frozen=True)
class Finding:
    """One failing check: its code, the texts in the active language, and what fixes it.
    ``target`` names what it is about (a domain, ``subject``, ``subject_leader``, a document kind)
    so the console can put the remedy next to it."""

    code: str
    params: tuple[tuple[str, object], ...] = ()
    target: str = ""

    @property
    def spec(self) -> ReasonSpec:
        return REASONS[self.code]

    @property
    def message(self) -> str:
        return str(self.spec.message) % dict(self.params)

    @property
    def at_registrar(self) -> bool:
        return bool(self.param("registrar")) and self.code in AT_REGISTRAR_REMEDIES

    @property
    def remedy(self) -> str:
        text = str(AT_REGISTRAR_REMEDIES[self.code] if self.at_registrar else self.spec.remedy)
        return text % dict(self.params) if "%(" in text else text

    @property
    def remedy_action(self) -> str:
        return ACTION_AT_REGISTRAR if self.at_registrar else self.spec.remedy_action

    def param(self, name: str, default=""):
        return dict(self.params).get(name, default)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "message": self.message,
            "remedy": self.remedy,
            "remedy_action": self.remedy_action,
            "target": self.target,
        }


# The old name of a found failing check (a catalogue entry is ``icpconsole.core.reasons.Reason``).
Reason = Finding


def reason(entry: ReasonSpec | str, *, target: str = "", **params) -> Reason:
    """A failing check of catalogue ``entry`` (``check_reasons.DOMAIN_EXPIRED``, ...; a code is
    looked up, for callers outside the app)."""
    code = entry if isinstance(entry, str) else entry.code
    if code not in REASONS or not (isinstance(entry, str) or REASONS[code] is entry):
        raise KeyError(code)
    missing = _placeholders(code) - params.keys()
    if missing:  # found where the finding is made, not when a page renders it
        raise KeyError(f"{code} needs {', '.join(sorted(missing))}")
    return Reason(code=code, params=tuple(sorted(params.items())), target=target)


PLACEHOLDER = re.compile(r"%\((\w+)\)")


@functools.cache
def _placeholders(code: str) -> frozenset[str]:
    """The parameters an entry's English message and remedy name."""
    spec = REASONS[code]
    with translation.override("en"):
        texts = (str(spec.message), str(spec.remedy or ""))
    return frozenset(name for text in texts for name in PLACEHOLDER.findall(text))


# --- facts -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Leader:
    name: str = ""
    certificate_number: str = ""
    mobile: str = ""
    email: str = ""

    @property
    def given(self) -> bool:
        return any((self.name, self.certificate_number, self.mobile, self.email))

    @classmethod
    def from_dict(cls, data) -> Leader | None:
        if not isinstance(data, Mapping):
            return None
        values = {
            key: str(data.get(key) or "").strip() for key in ("name", "certificate_number", "mobile", "email")
        }
        leader = cls(**values)
        return leader if leader.given else None

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "certificate_number": self.certificate_number,
            "mobile": self.mobile,
            "email": self.email,
        }


@dataclass(frozen=True)
class Materials:
    """What the caller gave of a new website's materials (anything may still be missing)."""

    name: str = ""
    content_category: str = ""
    pre_approval_number: str = ""
    subject_leader: Leader | None = None
    website_leader: Leader | None = None
    website_leader_is_subject_leader: bool = False


@dataclass(frozen=True)
class Registration:
    """What the registrar says of a main domain."""

    registered: bool = False
    holder_name: str = ""
    verified: bool = False
    expired: bool = False
    registrar: str = ""  # another registrar's name; "" when this console's registrar holds it


@dataclass(frozen=True)
class SiteFacts:
    """A website the filing proposes (or changes: ``check_domain`` False for a change order)."""

    domain: str
    filing: DomainFacts
    registration: Registration = Registration()
    name: str = ""
    content_category: str = ""
    pre_approval_number: str = ""
    leader: Leader | None = None
    leader_is_subject_leader: bool = False
    check_domain: bool = True
    # An app (SPEC 3.11): no domain checks, no website-name rule (an app keeps its store name);
    # leaders, content and documents as a website's.
    is_app: bool = False

    @property
    def target(self) -> str:
        """What a reason about this site names: its domain, or ``app``."""
        return "app" if self.is_app else self.domain


@dataclass(frozen=True)
class FilingFacts:
    subject_kind: str
    subject_name: str
    today: dt.date
    subject_certificate_number: str | None = None  # None: the subject is filed already, not checked
    subject_leader: Leader | None = None
    sites: tuple[SiteFacts, ...] = ()
    documents: frozenset[str] = field(default_factory=frozenset)
    # The order's authenticity verification (SPEC 3.12): None where no order is judged yet.
    verification_passed: bool | None = None
    # The filing province (pinyin, SPEC 3.13); "" where not known (a filed subject: not checked).
    subject_province: str = ""
    # The subject's address (SPEC 3.13); "" where none is given (not judged: ``addresses``).
    subject_address: str = ""


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


_PROVINCE_OF_CODE: dict[str, str] = {code: pinyin for pinyin, code in ADMIN_CODES.items()}


def certificate_province(number: str, *, kind: str) -> str:
    """The province (pinyin) whose division code a subject's certificate number carries: a credit
    code's characters 3 and 4, an ID number's first two digits; "" when none of the table's."""
    region = credit_code_region(number) if kind == ENTERPRISE else id_number_region(number)
    return _PROVINCE_OF_CODE.get(region, "")


def _province_name(pinyin: str) -> str:
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
            region=_province_name(home),
            province=_province_name(province),
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
                    region=_province_name(home),
                    province=_province_name(facts.subject_province),
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
