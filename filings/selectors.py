"""Reads shared by the console pages, the API and the admin; always scoped to the caller.

An account's login (or its RAM users) sees the account's orders, subjects, websites and phone;
staff see every order, subject and website (they review them), but only their own phone. Each
list is built for a constant number of queries however many rows it returns.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from . import refusals
from .domains import normalize_main_domain
from .models import (
    LIVE_SUBJECT_STATUSES,
    OPEN_STAGES,
    FilingOrder,
    OrderEvent,
    PhoneMessage,
    RegistryRecord,
    RegistryStatus,
    Subject,
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
        Prefetch("events", queryset=OrderEvent.objects.select_related("actor").order_by("sim_time", "id"))
    )
    if not user.is_staff:
        qs = qs.filter(account=user.owner_account)
    return qs.order_by("-created_time", "-id")


def order_get_visible(user, order_id) -> FilingOrder:
    order = orders_visible_to(user).filter(pk=order_id).first()
    if order is None:
        raise refusals.ORDER_NOT_FOUND(id=order_id)
    return order


def subjects_visible_to(user) -> QuerySet[Subject]:
    qs = Subject.objects.select_related("account")
    if not user.is_staff:
        qs = qs.filter(account=user.owner_account)
    return qs.order_by("-created_time", "-id")


def subject_of_account(account) -> Subject | None:
    """The account's live subject (pending or filed), if any."""
    return Subject.objects.filter(account=account.owner_account, status__in=LIVE_SUBJECT_STATUSES).first()


def websites_visible_to(user) -> QuerySet[Website]:
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
