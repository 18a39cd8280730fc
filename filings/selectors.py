"""Reads shared by the console pages, the API and the admin; always scoped to the caller.

An account's login (or its RAM users) sees the account's orders, subjects, websites and phone;
staff see every order, subject and website (they review them), but only their own phone. Each
list is built for a constant number of queries however many rows it returns.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet

from instances.models import InstanceStatus
from instances.rules import PREPAID

from . import apps_rules, refusals, rules
from .domains import normalize_main_domain
from .models import (
    LIVE_SUBJECT_STATUSES,
    OPEN_STAGES,
    FilingOrder,
    OrderEvent,
    PhoneMessage,
    RegistryRecord,
    RegistryStatus,
    ServiceType,
    Subject,
    VerificationStatus,
    Website,
    WebsiteStatus,
)
from .rules import DomainFacts


def orders_visible_to(user) -> QuerySet[FilingOrder]:
    qs = FilingOrder.objects.select_related(
        "account",
        "subject",
        "website",
        "website__service_code",
        "website__instance",
        "service_code",
        "instance",
    ).prefetch_related(
        Prefetch("events", queryset=OrderEvent.objects.select_related("actor").order_by("sim_time", "id")),
        "documents",
    )
    if not user.is_staff:
        qs = qs.filter(account=user.owner_account)
    return qs.order_by("-created_time", "-id")


def order_get_visible(user, order_id) -> FilingOrder:
    # No ORDER BY for one row by its key: the ordering only cost the query's compilation.
    try:
        return orders_visible_to(user).order_by().get(pk=order_id)
    except FilingOrder.DoesNotExist:
        raise refusals.ORDER_NOT_FOUND(id=order_id) from None


def order_check_visible(user, order_id) -> None:
    """``ORDER_NOT_FOUND`` unless the caller sees the order (``orders_visible_to``): one
    ``EXISTS`` on the order's key, for a request that must 404 before it reads its body."""
    qs = FilingOrder.objects.filter(pk=order_id)
    if not user.is_staff:
        qs = qs.filter(account=user.owner_account)
    if not qs.exists():
        raise refusals.ORDER_NOT_FOUND(id=order_id)


def subjects_visible_to(user) -> QuerySet[Subject]:
    qs = Subject.objects.select_related("account")
    if not user.is_staff:
        qs = qs.filter(account=user.owner_account)
    return qs.order_by("-created_time", "-id")


def subject_of_account(account) -> Subject | None:
    """The account's live subject (pending or filed), if any."""
    return Subject.objects.filter(account=account.owner_account, status__in=LIVE_SUBJECT_STATUSES).first()


def takeover_refusal_for(account, record: RegistryRecord):
    """Why ``account`` cannot transfer in or claim ``record`` (``rules.takeover_refusal``), or ``None``."""
    own = subject_of_account(account)
    held = (
        own is None
        and Subject.objects.filter(
            icp_number=record.subject_icp_number, status__in=LIVE_SUBJECT_STATUSES
        ).exists()
    )
    return rules.takeover_refusal(
        record_subject_number=record.subject_icp_number,
        own_subject_number=own.icp_number if own is not None else None,
        held_elsewhere=held,
    )


def websites_visible_to(user) -> QuerySet[Website]:
    """The websites (not the apps) the caller sees."""
    return filed_services_visible_to(user).filter(service_type=ServiceType.WEBSITE)


def apps_visible_to(user) -> QuerySet[Website]:
    """The apps (SPEC 3.11) the caller sees."""
    return filed_services_visible_to(user).filter(service_type=ServiceType.APP)


def filed_services_visible_to(user) -> QuerySet[Website]:
    qs = Website.objects.select_related("subject", "service_code", "instance")
    if not user.is_staff:
        qs = qs.filter(subject__account=user.owner_account)
    return qs.order_by("-created_time", "-id")


def messages_for(user) -> QuerySet[PhoneMessage]:
    """The account's phone, newest first (a RAM user reads its parent's)."""
    return PhoneMessage.objects.filter(account=user.owner_account).order_by("-sent_time", "-id")


def registry_query(domain) -> QuerySet[RegistryRecord]:
    """The public MIIT query: the valid filings of the domain's main domain (empty if not
    filed): a filing covers every host under its main domain (SPEC 3.9), so ``blog.example.cn``
    finds the record of ``example.cn``. A malformed domain is ``DOMAIN_INVALID``; a missing one
    ``DOMAIN_REQUIRED``."""
    if not domain:
        raise refusals.DOMAIN_REQUIRED(field="domain")
    return RegistryRecord.objects.filter(
        domain=normalize_main_domain(domain)[0], status=RegistryStatus.VALID
    ).order_by("icp_number")


def registry_query_app(app_name) -> QuerySet[RegistryRecord]:
    """The public MIIT query by app name (SPEC 3.11): the valid app filings of that exact name
    (several subjects may file apps of one name). ``APP_NAME_REQUIRED`` when it is missing."""
    name = app_name.strip() if isinstance(app_name, str) else ""
    if not name:
        raise refusals.APP_NAME_REQUIRED(field="app_name")
    if not apps_rules.app_name_valid(name):
        raise refusals.APP_NAME_INVALID(field="app_name", max=apps_rules.APP_NAME_MAX)
    return RegistryRecord.objects.filter(app_name=name, domain="", status=RegistryStatus.VALID).order_by(
        "icp_number"
    )


def domain_facts(domain: str, *, exclude_order_id: int | None = None) -> DomainFacts:
    """What the registry, the websites and the open orders hold for ``domain`` (normalised), for
    :mod:`filings.rules` to decide on; ``exclude_order_id`` leaves the order being approved out.
    Three small queries on indexed columns."""
    website = (
        Website.objects.filter(domain=domain)
        .exclude(status=WebsiteStatus.CANCELLED)
        .values("pk", "status", "subject__account_id")
        .first()
    )
    record = (
        RegistryRecord.objects.filter(domain=domain, status=RegistryStatus.VALID)
        .values("pk", "origin", "access_provider", "icp_number")
        .first()
    )
    orders = FilingOrder.objects.filter(domain=domain, status__in=OPEN_STAGES)
    if exclude_order_id is not None:
        orders = orders.exclude(pk=exclude_order_id)
    order = orders.values("pk", "account_id").first()
    return DomainFacts(
        domain=domain,
        website_id=website["pk"] if website else None,
        website_status=website["status"] if website else None,
        website_account_id=website["subject__account_id"] if website else None,
        record_id=record["pk"] if record else None,
        record_origin=record["origin"] if record else None,
        record_access_provider=record["access_provider"] if record else "",
        record_icp_number=record["icp_number"] if record else "",
        open_order_id=order["pk"] if order else None,
        open_order_account_id=order["account_id"] if order else None,
    )


# --- the pre-check's facts (SPEC 3.9) ----------------------------------------------------------


def registration(main_domain: str, *, now):
    """What the registrar says of ``main_domain``, as ``filings.precheck`` takes it."""
    from registrar.models import SIMULATOR
    from registrar.selectors import registration_facts

    from .precheck import Registration

    found = registration_facts(main_domain)
    if not found.registered:
        return Registration()
    return Registration(
        registered=True,
        holder_name=found.holder_name,
        verified=found.real_name_status == "verified",
        expired=found.expired_time <= now,
        registrar="" if found.registrar == SIMULATOR else found.registrar,
    )


def precheck_facts(
    *,
    subject_kind: str,
    subject_name: str,
    subject_certificate_number: str | None,
    domain: str,
    materials,
    now,
    subject_leader=None,
    exclude_order_id: int | None = None,
    documents=frozenset(),
    app: bool = False,
    verification_passed: bool | None = None,
    subject_province: str = "",
    subject_address: str = "",
):
    """The plain facts ``filings.precheck`` decides on for one new website of ``domain`` (or,
    ``app``, one new app: no domain, so nothing asked of the registry or the registrar)."""
    from .precheck import FilingFacts, Registration, SiteFacts

    site = SiteFacts(
        domain=domain,
        filing=DomainFacts(domain="") if app else domain_facts(domain, exclude_order_id=exclude_order_id),
        registration=Registration() if app else registration(domain, now=now),
        check_domain=not app,
        is_app=app,
        name=materials.name,
        content_category=materials.content_category,
        pre_approval_number=materials.pre_approval_number,
        leader=materials.website_leader,
        leader_is_subject_leader=materials.website_leader_is_subject_leader,
    )
    return FilingFacts(
        subject_kind=subject_kind,
        subject_name=subject_name,
        today=now.date(),
        subject_certificate_number=subject_certificate_number,
        subject_leader=materials.subject_leader or subject_leader,
        sites=(site,),
        documents=frozenset(documents),
        verification_passed=verification_passed,
        subject_province=subject_province if subject_certificate_number is not None else "",
        subject_address=subject_address,
    )


def order_materials(order: FilingOrder):
    from .precheck import Leader, Materials

    return Materials(
        name=order.website_name,
        content_category=order.content_category,
        pre_approval_number=order.pre_approval_number,
        subject_leader=Leader.from_dict(order.subject_leader),
        website_leader=Leader.from_dict(order.website_leader),
        website_leader_is_subject_leader=order.website_leader_is_subject_leader,
    )


def filing_facts(order: FilingOrder, *, materials=None, now, address: str | None = None):
    """The pre-check's facts for a new-website order (its own materials, or ``materials``)."""
    from .precheck import Leader

    subject = order.subject
    return precheck_facts(
        subject_kind=subject.kind,
        subject_name=subject.name,
        subject_certificate_number=subject.certificate_number if order.creates_subject else None,
        domain=order.domain,
        materials=materials or order_materials(order),
        now=now,
        subject_leader=Leader.from_dict(subject.leader),
        exclude_order_id=order.pk,
        documents=order.documents.values_list("kind", flat=True),
        app=bool(order.app),
        verification_passed=order.verification_status == VerificationStatus.PASSED,
        subject_province=subject.province,
        subject_address=(subject.address if address is None else address) if order.creates_subject else "",
    )


def change_facts(order: FilingOrder, *, now, changes: dict | None = None):
    """The facts of a change order (SPEC 3.13, ``filings.change_rules``): its changes (or
    ``changes``, a correction not saved yet) and its target as it is on file."""
    from .change_rules import APP, SUBJECT, WEBSITE, ChangeFacts
    from .precheck import Leader

    website = order.website if order.website_id else None
    return ChangeFacts(
        target=SUBJECT if website is None else (APP if website.is_app else WEBSITE),
        subject_kind=order.subject.kind,
        today=now.date(),
        changes=order.changes if changes is None else changes,
        current_leader=Leader.from_dict(order.subject.leader if website is None else website.leader),
        domain=website.domain if website is not None else "",
        content_category=website.content_category if website is not None else "",
        pre_approval_number=website.pre_approval_number if website is not None else "",
        documents=frozenset(order.documents.values_list("kind", flat=True)) if order.pk else frozenset(),
        verification_passed=order.verification_status == VerificationStatus.PASSED,
    )


def website_hosting(website: Website):
    """The facts of the website's hosting instance that decide its access health (SPEC 3.10),
    or ``None`` when no instance hosts it here (``rules.Hosting``)."""
    instance = website.instance if website.instance_id else None
    if instance is None:
        return None
    return rules.Hosting(
        released=instance.status == InstanceStatus.RELEASED,
        released_time=instance.released_time,
        expired_time=instance.expired_time if instance.charge_type == PREPAID else None,
    )


def website_attention_counts(user, now) -> dict[str, int]:
    """The account's filed websites that need the owner (the overview's counts, SPEC 3.10):
    ``at_risk`` (access at risk, the instance still released or expired) and ``public_security``
    (the public security filing unrecorded and due within the reminder week, or overdue)."""
    active = Website.objects.filter(subject__account=user.owner_account, status=WebsiteStatus.ACTIVE)
    unhealthy = Q(instance__status=InstanceStatus.RELEASED) | Q(
        instance__charge_type=PREPAID, instance__expired_time__lte=now
    )
    horizon = now + dt.timedelta(days=rules.PUBLIC_SECURITY_REMINDER_DAYS)
    return active.aggregate(
        at_risk=Count("id", filter=Q(access_at_risk_time__isnull=False) & unhealthy),
        public_security=Count(
            "id", filter=Q(public_security_number="", public_security_due_time__lte=horizon)
        ),
    )
