"""Reads the console's filing pages need beyond ``filings.selectors``: what kind of filing a
domain calls for (the wizard's first step), the open order that hides a subject's actions, the
status counts of the order list, an order's stage timeline and the wizard's instance list.

Read-only, scoped to the caller like ``filings.selectors``, and each built for a constant number
of queries. Nothing here decides whether an order may be created: the services do, and the
console shows their refusal.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from icpconsole.core.errors import DomainError
from instances import providers
from instances.selectors import instances_visible_to
from servicecodes.selectors import with_eligibility

from . import rules
from .models import (
    OPEN_STAGES,
    FilingOrder,
    OrderEvent,
    OrderType,
    RegistryRecord,
    Stage,
    Subject,
    SubjectStatus,
    Website,
)
from .selectors import domain_facts, orders_visible_to, subject_of_account, takeover_refusal_for

# --- the wizard's type detection -------------------------------------------------------------

# What the wizard's first step found for a domain. The first two go on through the wizard; the
# others point elsewhere (a transfer-in or claim form, an existing order or filing).
DETECT_FIRST_FILING = OrderType.FIRST_FILING.value
DETECT_ADD_WEBSITE = OrderType.ADD_WEBSITE.value
DETECT_TRANSFER_IN = OrderType.TRANSFER_IN.value
DETECT_CLAIM = OrderType.CLAIM.value
DETECT_FILED_HERE = "filed_here"
DETECT_IN_OPEN_ORDER = "in_open_order"
DETECT_SUBJECT_BUSY = "subject_busy"

WIZARD_TYPES = (DETECT_FIRST_FILING, DETECT_ADD_WEBSITE)


@dataclass(frozen=True)
class Detection:
    """The filing a domain calls for, seen from the caller's account (seed 004's filing types)."""

    kind: str
    domain: str
    subject: Subject | None = None
    website: Website | None = None
    record: RegistryRecord | None = None
    order: FilingOrder | None = None
    own: bool = False  # the website or order found belongs to the caller's account
    # For a transfer-in or claim: why this account cannot make it (told at step 1, before typing).
    refusal: DomainError | None = None

    @property
    def continues_in_wizard(self) -> bool:
        return self.kind in WIZARD_TYPES


def filing_type_detect(user, domain: str) -> Detection:
    """Which filing ``domain`` (already normalised) calls for, from where it stands
    (``rules.domain_standing``): a first filing when the account has no subject, adding a website
    to its filed subject, a transfer-in when another provider filed it (or its access here was
    cancelled), a claim for a HiChina legacy filing, or nothing to do when it is filed here or
    already in an open order. A hint for the wizard; the creation services enforce the rules."""
    account = user.owner_account
    facts = domain_facts(domain)
    if facts.in_open_order:
        own = facts.open_order_account_id == account.pk
        order = FilingOrder.objects.filter(pk=facts.open_order_id).first() if own else None
        return Detection(DETECT_IN_OPEN_ORDER, domain, order=order, own=own)

    own_website = facts.website_id is not None and facts.website_account_id == account.pk
    website = None
    if own_website:
        website = Website.objects.select_related("subject").filter(pk=facts.website_id).first()
    record = RegistryRecord.objects.filter(pk=facts.record_id).first() if facts.record_id else None
    standing = facts.standing
    if standing == rules.Standing.FILED_HERE:
        return Detection(DETECT_FILED_HERE, domain, website=website, record=record, own=own_website)
    if standing != rules.Standing.NOT_FILED:  # filed elsewhere: a transfer-in or a claim
        refusal = takeover_refusal_for(account, record)
        kind = DETECT_CLAIM if standing == rules.Standing.HICHINA_LEGACY else DETECT_TRANSFER_IN
        return Detection(
            kind,
            domain,
            record=record,
            website=website,
            own=own_website,
            refusal=refusal(number=record.subject_icp_number) if refusal is not None else None,
        )

    subject = subject_of_account(account)
    if subject is None:
        return Detection(DETECT_FIRST_FILING, domain)
    if subject_is_busy(subject):
        return Detection(DETECT_SUBJECT_BUSY, domain, subject=subject, order=open_order_of(subject), own=True)
    return Detection(DETECT_ADD_WEBSITE, domain, subject=subject)


# --- subjects and orders ---------------------------------------------------------------------


def open_order_of(subject: Subject | None) -> FilingOrder | None:
    """The subject's open order (there is at most one), which hides its actions."""
    if subject is None:
        return None
    return (
        FilingOrder.objects.filter(subject=subject, status__in=OPEN_STAGES).order_by("-created_time").first()
    )


def subject_is_busy(subject: Subject | None) -> bool:
    """Is the account's subject busy, so that no new order can start on it now (its first filing
    still in progress, or another open order)? Both wizards ask this; the services refuse the same."""
    if subject is None:
        return False
    return subject.status != SubjectStatus.ACTIVE or open_order_of(subject) is not None


def subject_websites(subject: Subject) -> QuerySet[Website]:
    """Every website of the subject, filed ones first, each with its code and instance."""
    return (
        Website.objects.filter(subject=subject)
        .select_related("service_code", "instance")
        .order_by("seq", "id")
    )


def past_subjects_of(user) -> QuerySet[Subject]:
    """The account's subjects that are no longer live (cancelled, or withdrawn first filings)."""
    return (
        Subject.objects.filter(account=user.owner_account)
        .exclude(status__in=(SubjectStatus.PENDING, SubjectStatus.ACTIVE))
        .order_by("-created_time", "-id")
    )


def order_list_for(user, *, status: str | None = None) -> QuerySet[FilingOrder]:
    """The order list's rows: no history prefetch (the list shows none)."""
    qs = orders_visible_to(user).prefetch_related(None)
    if status:
        qs = qs.filter(status=status)
    return qs


def order_status_counts(user) -> dict[str, int]:
    """Orders per stage, in one query, for the list's filter tabs."""
    counts = dict.fromkeys(Stage.values, 0)
    rows = orders_visible_to(user).prefetch_related(None).order_by().values("status").annotate(n=Count("id"))
    for row in rows:
        counts[row["status"]] = row["n"]
    return counts


# --- the stage timeline ----------------------------------------------------------------------

# The road every order travels (SPEC 3.7), with the name each step has on the timeline.
MAIN_ROAD: tuple[tuple[str, object], ...] = (
    (Stage.DRAFT, _("Draft")),
    (Stage.SUBMITTED, _("Submitted: initial review")),
    (Stage.PENDING_SMS, _("SMS verification")),
    (Stage.BUREAU_REVIEW, _("Administration bureau review")),
    (Stage.APPROVED, _("Approved")),
)
STEP_DONE = "done"
STEP_CURRENT = "current"
STEP_TODO = "todo"
STEP_ENDED = "ended"  # where a rejected or abandoned order stopped
STEP_SKIPPED = "skipped"


@dataclass(frozen=True)
class TimelineStep:
    stage: str
    label: object
    state: str
    time: object = None
    note: str = ""
    ended_as: str = ""  # ``rejected``, ``abandoned``, ``expired`` or ``returned`` where it stopped


def _decision_notes(events: list[OrderEvent], stages: list[str]) -> dict[str, str]:
    """A step's note is the note of the move that left it forward (an approval's words sit under
    the review it decided, not under the next step); the latest round's wins."""
    notes = {}
    for event in events:
        if event.from_status in stages and event.to_status in stages:
            if stages.index(event.to_status) == stages.index(event.from_status) + 1:
                notes[event.from_status] = event.note_text
    return notes


def order_timeline(order: FilingOrder, events: list[OrderEvent]) -> list[TimelineStep]:
    """The main road's steps with the time each was reached (``events`` oldest first). A rejected
    or abandoned order shows where it stopped and how."""
    reached: dict[str, OrderEvent] = {}
    for event in events:
        reached[event.to_status] = event
    stages = [stage for stage, _label in MAIN_ROAD]
    notes = _decision_notes(events, stages)
    # A returned order (SPEC 3.12) shows where it was sent back; the steps after it are still ahead.
    ended = order.status in (Stage.REJECTED, Stage.ABANDONED, Stage.EXPIRED, Stage.RETURNED)
    if ended:
        final = reached.get(order.status)
        stopped_at = final.from_status if final is not None and final.from_status in stages else Stage.DRAFT
        position = stages.index(stopped_at)
    else:
        final = None
        position = stages.index(order.status)
    steps = []
    for index, (stage, label) in enumerate(MAIN_ROAD):
        event = reached.get(stage)
        if ended and index == position:
            steps.append(
                TimelineStep(
                    stage,
                    label,
                    STEP_ENDED,
                    final.sim_time if final else None,
                    (order.reason_text if order.status in (Stage.REJECTED, Stage.RETURNED) else "")
                    or (final.note_text if final else ""),
                    ended_as=order.status,
                )
            )
        elif index < position or (not ended and index == position and order.status == Stage.APPROVED):
            steps.append(
                TimelineStep(stage, label, STEP_DONE, event.sim_time if event else None, notes.get(stage, ""))
            )
        elif index == position:
            steps.append(TimelineStep(stage, label, STEP_CURRENT, event.sim_time if event else None))
        else:
            skipped = ended and order.status != Stage.RETURNED
            steps.append(TimelineStep(stage, label, STEP_SKIPPED if skipped else STEP_TODO))
    return steps


# --- the wizard's product verification -------------------------------------------------------


def instances_for_filing(user, *, now) -> list:
    """The account's instances (released ones left out), each with ``codes_issued``, ``quota`` and
    its ``eligibility``: an ineligible one cannot have a code generated, and shows why."""
    qs = instances_visible_to(user, include_released=False)
    return with_eligibility(qs, viewer=user, now=now)


# --- targets of the subject page's actions ---------------------------------------------------


def own_subject(user, subject_id) -> Subject | None:
    """One of the account's subjects (staff too act only on their own account's)."""
    return Subject.objects.filter(pk=subject_id, account=user.owner_account).first()


def own_website(user, website_id) -> Website | None:
    return (
        Website.objects.select_related("subject", "service_code", "instance")
        .filter(pk=website_id, subject__account=user.owner_account)
        .first()
    )


def rebind_instances(user, website: Website, *, now=None) -> tuple[list, list]:
    """The account's other instances (released ones left out), split into those a website may be
    rebound to (a service code can be applied for on them: SPEC 3.5's eligibility, the rule the
    ICP No. Application page shows) and the others, each with ``eligibility.reasons``."""
    from icpconsole.core import clock

    others = with_eligibility(
        instances_visible_to(user, include_released=False)
        .exclude(pk=website.instance_id)
        .order_by("-created_time", "-id"),
        viewer=user,
        now=now or clock.now(),
    )
    qualifying = [i for i in others if i.eligibility.can_apply]
    return qualifying, [i for i in others if not i.eligibility.can_apply]


def change_names_own_code(website: Website) -> bool:
    """Does the profile in force let a change of ``website`` name its approved code (Tencent,
    SPEC 3.14; ``rules.change_names_own_code``)? The change form shows the box only then."""
    code = website.service_code if website.service_code_id else None
    return rules.change_names_own_code(
        used_code_serves_changes=providers.profile().rules.used_code_serves_changes,
        website_code_status=code.status if code is not None else None,
    )


def domain_step_reasons(user, domain: str, *, now, subject_name: str | None = None) -> list:
    """The wizard's first step (SPEC 3.9): the domain checks of ``domain`` (a main domain); the
    holder is compared with the subject when the account has one (adding a website), or with
    ``subject_name`` (a subject filed with another provider, SPEC 3.13)."""
    from . import precheck
    from .selectors import registration

    subject = subject_of_account(user.owner_account)
    if subject_name is None and subject is not None:
        subject_name = subject.name
    site = precheck.SiteFacts(
        domain=domain, filing=domain_facts(domain), registration=registration(domain, now=now)
    )
    return precheck.domain_reasons(site, subject_name=subject_name)


# --- the staff review workbench (SPEC 3.10) -----------------------------------------------------


def review_queue(*, stage: str | None = None):
    """Every order waiting for a review (staff: all accounts), the earliest due first: overdue
    orders come first because they fell due earliest; an order without a due time last."""
    stages = [stage] if stage in rules.REVIEW_STAGES else list(rules.REVIEW_STAGES)
    return (
        FilingOrder.objects.filter(status__in=stages)
        .select_related("subject", "account", "website", "service_code", "instance")
        .order_by(F("due_time").asc(nulls_last=True), "id")
    )


def review_counts(*, now) -> dict[str, dict[str, int]]:
    """Per review stage: how many orders wait and how many of them are overdue (one query)."""
    counts = {stage: {"total": 0, "overdue": 0} for stage in rules.REVIEW_STAGES}
    rows = (
        FilingOrder.objects.filter(status__in=rules.REVIEW_STAGES)
        .order_by()
        .values("status")
        .annotate(total=Count("id"), overdue=Count("id", filter=Q(due_time__lte=now)))
    )
    for row in rows:
        counts[row["status"]] = {"total": row["total"], "overdue": row["overdue"]}
    return counts
