"""The filing rules that decide from plain facts (SPEC 3.7): where a domain stands, what a caller
may do with an order, a subject or a website now, and whether an approval issues a filing password.

Pure, like ``servicecodes/eligibility.py``: frozen facts in, decisions out, the clock passed in, no
ORM (the selectors gather the facts: ``filings.selectors.domain_facts`` and the order and subject
rows themselves). The services enforce these answers, and the console, the API, the admin and the
Beian RPC show them; none of them works the answer out again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from icpconsole.core.workdays import add_working_days
from instances import refusals as instance_refusals
from servicecodes import refusals as code_refusals
from servicecodes.models import CodeStatus

from . import refusals

# After the filing (SPEC 3.10), public security and access health: ``aftercare_rules``, importable
# from here as before.
from .aftercare_rules import (  # noqa: F401
    PUBLIC_SECURITY_DAYS,
    PUBLIC_SECURITY_REMINDER_DAYS,
    AccessHealth,
    AccessStatus,
    Hosting,
    PublicSecurityStatus,
    access_health,
    access_status,
    can_record_public_security,
    public_security_due_time,
    public_security_notice_due,
    public_security_status,
)
from .models import (
    ALIBABA_CLOUD,
    OPEN_STAGES,
    TRANSITIONS,
    OrderType,
    RegistryOrigin,
    Stage,
    SubjectStatus,
    WebsiteStatus,
)
from .provinces import PROVINCES

SMS_CODE_TTL = dt.timedelta(hours=24)
SMS_MAX_FAILURES = 5
# SPEC 3.12: a code may be resent at most twice a round, and not within 60 seconds of the last.
SMS_MAX_RESENDS = 2
SMS_RESEND_INTERVAL = dt.timedelta(seconds=60)
REVIEW_STAGES = (Stage.SUBMITTED, Stage.BUREAU_REVIEW)
INITIAL_REVIEW_WORKING_DAYS = 1  # SPEC 3.10: the provider's initial review


def review_due_time(stage: str, entered: dt.datetime, province: str) -> dt.datetime | None:
    """When the review an order entered at ``entered`` falls due (SPEC 3.10): the provider's
    initial review 1 working day later, the bureau's after its province's working days. ``None``
    for a stage that is nobody's review (the draft is the applicant's, the SMS code the phone's)."""
    if stage == Stage.SUBMITTED:
        return add_working_days(entered, INITIAL_REVIEW_WORKING_DAYS)
    if stage == Stage.BUREAU_REVIEW:
        return add_working_days(entered, PROVINCES[province].bureau_review_days)
    return None


# --- where a domain stands ---------------------------------------------------------------------


class Standing(StrEnum):
    """Where a domain's filing stands in the registry and here (orders aside)."""

    NOT_FILED = "not_filed"
    FILED_HERE = "filed_here"  # a website filed here, or a record served by this provider
    OTHER_PROVIDER = "other_provider"  # filed with another provider: it can be transferred in
    HICHINA_LEGACY = "hichina_legacy"  # a HiChina filing: it can be claimed
    ACCESS_REMOVED = "access_removed"  # filed, but no provider serves it (access cancelled)


@dataclass(frozen=True)
class DomainFacts:
    """What the registry, the websites and the open orders hold for one (normalised) domain."""

    domain: str
    website_id: int | None = None  # the domain's website that is not cancelled, if any
    website_status: str | None = None
    website_account_id: int | None = None
    record_id: int | None = None  # the domain's valid registry record, if any
    record_origin: str | None = None
    record_access_provider: str = ""
    record_icp_number: str = ""
    open_order_id: int | None = None  # the open order naming the domain, if any
    open_order_account_id: int | None = None

    @property
    def standing(self) -> Standing:
        return domain_standing(self)

    @property
    def in_open_order(self) -> bool:
        return self.open_order_id is not None


def domain_standing(facts: DomainFacts) -> Standing:
    if facts.website_status == WebsiteStatus.ACTIVE:
        return Standing.FILED_HERE
    if facts.record_id is not None:
        if facts.record_access_provider == ALIBABA_CLOUD:
            return Standing.FILED_HERE
        if facts.record_origin == RegistryOrigin.HICHINA_LEGACY:
            return Standing.HICHINA_LEGACY
        return Standing.OTHER_PROVIDER if facts.record_access_provider else Standing.ACCESS_REMOVED
    if facts.website_status == WebsiteStatus.ACCESS_CANCELLED:
        return Standing.ACCESS_REMOVED
    return Standing.NOT_FILED


def new_domain_refusal(facts: DomainFacts, *, takeover_record_id: int | None = None, account_id=None):
    """Why ``facts.domain`` cannot be a new website of an order now, as a ``filings.refusals``
    entry, or ``None``. A domain is filed once (SPEC 3.7); a transfer-in or claim names the record
    it takes over (``takeover_record_id``), and the caller's own access-cancelled website of that
    domain may come back with it (``account_id``)."""
    from . import refusals

    if facts.website_id is not None and facts.website_status != WebsiteStatus.CANCELLED:
        comes_back = (
            takeover_record_id is not None
            and account_id is not None
            and facts.website_account_id == account_id
            and facts.website_status == WebsiteStatus.ACCESS_CANCELLED
        )
        if not comes_back:
            return refusals.DOMAIN_ALREADY_FILED
    if facts.record_id is not None and facts.record_id != takeover_record_id:
        return refusals.DOMAIN_ALREADY_FILED
    if facts.in_open_order:
        return refusals.DOMAIN_IN_OPEN_ORDER
    return None


def service_code_refusal(
    *,
    code_status: str,
    instance_released: bool,
    used_code_serves_changes: bool = False,
    change_of_its_website: bool = False,
):
    """Why an entered service code cannot be named by a new order now (SPEC 3.6: a code is used
    once), as a refusal entry, or ``None``. Tencent (SPEC 3.14, ``used_code_serves_changes``): an
    approved code still serves change orders of its own website, and only those."""
    if code_status == CodeStatus.USED and used_code_serves_changes:
        if not change_of_its_website:
            return code_refusals.SERVICE_CODE_APPROVED_FOR_WEBSITE
    elif code_status != CodeStatus.UNUSED:
        return code_refusals.BY_STATUS[code_status]
    if instance_released:
        return instance_refusals.INSTANCE_RELEASED
    return None


def change_names_own_code(*, used_code_serves_changes: bool, website_code_status: str | None) -> bool:
    """May a change order of a website name the website's own approved code (the console's change
    form offers the box)? Tencent (SPEC 3.14, ``used_code_serves_changes``): yes, once the
    website's code is ``used``; ``service_code_refusal`` decides what is entered."""
    return used_code_serves_changes and website_code_status == CodeStatus.USED


def takeover_refusal(*, record_subject_number: str, own_subject_number: str | None, held_elsewhere: bool):
    """Why a transfer-in or claim of a record of ``record_subject_number`` cannot be made by an
    account whose live subject has ``own_subject_number`` (``None``: it has none): an account files
    one subject, so it takes over only filings of its own subject; and a number served here for
    another account stays there."""
    if own_subject_number is not None:
        return None if own_subject_number == record_subject_number else refusals.SUBJECT_EXISTS
    if held_elsewhere:
        return refusals.ICP_NUMBER_HELD_ELSEWHERE
    return None


# --- orders ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderFacts:
    status: str
    sms_failures: int = 0
    sms_expires_time: dt.datetime | None = None


@dataclass(frozen=True)
class Viewer:
    """Who looks: whether the order is their account's, and what kind of login they are."""

    own: bool
    is_ram_user: bool = False
    is_staff: bool = False

    @property
    def can_write(self) -> bool:
        return self.own and not self.is_ram_user


@dataclass(frozen=True)
class OrderActions:
    submit: bool
    abandon: bool
    verify_sms: bool
    resend_sms: bool
    review: bool
    attempts_left: int
    in_review: bool
    waiting_sms: bool
    is_open: bool
    modify: bool = False  # change the materials and documents: a draft, or returned (SPEC 3.12)
    returned: bool = False  # returned for correction: submit is a resubmission


def sms_attempts_left(failures: int) -> int:
    return max(0, SMS_MAX_FAILURES - failures)


def sms_resend_refusal(*, resends: int, last_sent: dt.datetime | None, now: dt.datetime):
    """Why a code cannot be resent now (``SMS_RESEND_LIMIT``, ``SMS_RESEND_TOO_SOON`` with the
    seconds to wait), or None."""
    if resends >= SMS_MAX_RESENDS:
        return refusals.SMS_RESEND_LIMIT(max=SMS_MAX_RESENDS)
    if last_sent is not None and now - last_sent < SMS_RESEND_INTERVAL:
        wait = int((SMS_RESEND_INTERVAL - (now - last_sent)).total_seconds()) + 1
        return refusals.SMS_RESEND_TOO_SOON(seconds=wait, extra={"retry_after": wait})
    return None


# SPEC 3.12: the authenticity verification allows five failed pictures a day (China's calendar
# day), then refuses until the next day; its link on the phone is valid for 24 hours.
VERIFICATION_DAILY_FAILURES = 5
VERIFICATION_LINK_TTL = dt.timedelta(hours=24)
CHINA_TZ = dt.timezone(dt.timedelta(hours=8))


def china_day_start(now: dt.datetime) -> dt.datetime:
    """The start (00:00 Asia/Shanghai) of the calendar day ``now`` is in."""
    local = now.astimezone(CHINA_TZ)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def verification_attempts_left(failures_today: int) -> int:
    return max(0, VERIFICATION_DAILY_FAILURES - failures_today)


def verification_attempt_refusal(*, failures_today: int, now: dt.datetime):
    """Why no picture may be taken now (``VERIFICATION_ATTEMPTS_EXHAUSTED`` with the seconds
    until the next day), or None."""
    if failures_today < VERIFICATION_DAILY_FAILURES:
        return None
    wait = int((china_day_start(now) + dt.timedelta(days=1) - now).total_seconds()) + 1
    return refusals.VERIFICATION_ATTEMPTS_EXHAUSTED(
        max=VERIFICATION_DAILY_FAILURES, extra={"retry_after": wait, "attempts_left": 0}
    )


def sms_code_expired(expires_time: dt.datetime | None, now: dt.datetime) -> bool:
    """A code is valid for 24 hours of simulated time; none sent counts as expired."""
    return expires_time is None or now > expires_time


def can_move(status: str, to: str) -> bool:
    return to in TRANSITIONS[status]


def order_actions(order: OrderFacts, viewer: Viewer) -> OrderActions:
    """What ``viewer`` may do with the order now (SPEC 3.7): the account submits a draft, abandons
    before the bureau has it, and enters or asks again for the SMS code; staff review."""
    waiting_sms = order.status == Stage.PENDING_SMS
    in_review = order.status in REVIEW_STAGES
    return OrderActions(
        submit=viewer.can_write and can_move(order.status, Stage.SUBMITTED),
        abandon=viewer.can_write and can_move(order.status, Stage.ABANDONED),
        verify_sms=viewer.can_write and waiting_sms,
        resend_sms=viewer.can_write and waiting_sms,
        review=viewer.is_staff and in_review,
        attempts_left=sms_attempts_left(order.sms_failures),
        in_review=in_review,
        waiting_sms=waiting_sms,
        is_open=order.status in OPEN_STAGES,
        modify=viewer.can_write and order.status in (Stage.DRAFT, Stage.RETURNED),
        returned=order.status == Stage.RETURNED,
    )


# --- subjects and websites ---------------------------------------------------------------------


@dataclass(frozen=True)
class SubjectActions:
    """Changes and cancellations need a filed subject with no open order, and a main account."""

    apply: bool  # change the subject, cancel it, or change or cancel one of its websites


def subject_actions(*, subject_status: str | None, has_open_order: bool, is_ram_user: bool) -> SubjectActions:
    return SubjectActions(
        apply=subject_status == SubjectStatus.ACTIVE and not has_open_order and not is_ram_user
    )


@dataclass(frozen=True)
class WebsiteActions:
    amend: bool  # change it, cancel it or cancel its access: only while it is filed
    transfer_back: bool  # its access was cancelled: transfer the filing in again


def website_actions(subject: SubjectActions, website_status: str) -> WebsiteActions:
    return WebsiteActions(
        amend=subject.apply and website_status == WebsiteStatus.ACTIVE,
        transfer_back=subject.apply and website_status == WebsiteStatus.ACCESS_CANCELLED,
    )


# The order types that carry the applicant's materials (leaders, content category, documents) and
# go through the pre-check's "what submit needs": one place for services, serializers, admin, console.
MATERIAL_ORDER_TYPES: tuple[str, ...] = (OrderType.FIRST_FILING, OrderType.ADD_WEBSITE, OrderType.ADD_APP)


def carries_materials(order_type: str) -> bool:
    """Does an order of this type carry materials (and so a pre-check of them)?"""
    return order_type in MATERIAL_ORDER_TYPES


def issues_filing_password(*, order_type: str, creates_subject: bool) -> bool:
    """Approval issues a filing password for a subject first filed here, and for a claimed legacy
    filing that brings its subject (legacy filings have none); a claim or transfer-in that joins
    the account's subject, and a transfer-in (which keeps its MIIT password), issue none."""
    if order_type == OrderType.FIRST_FILING:
        return True
    return order_type == OrderType.CLAIM and creates_subject
