"""Reads shared by the console pages, the API and the admin; always scoped to the caller.

An account's login (or its RAM users) sees the account's orders, subjects, websites and phone;
staff see every order, subject and website (they review them), but only their own phone. Each
list is built for a constant number of queries however many rows it returns.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from icpconsole.core.errors import InvalidInput, NotFound

from .domains import normalize_domain
from .models import (
    LIVE_SUBJECT_STATUSES,
    FilingOrder,
    OrderEvent,
    PhoneMessage,
    RegistryRecord,
    RegistryStatus,
    Subject,
    Website,
)


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
        raise NotFound("ORDER_NOT_FOUND", _("Filing order %(id)s does not exist.") % {"id": order_id})
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
    """The public MIIT query: the valid filings of exactly this domain (empty if not filed).
    A malformed domain is ``DOMAIN_INVALID``; a missing one ``DOMAIN_REQUIRED``."""
    if not domain:
        raise InvalidInput(
            "DOMAIN_REQUIRED", _("Give the domain to look up: ?domain=example.cn"), field="domain"
        )
    return RegistryRecord.objects.filter(
        domain=normalize_domain(domain), status=RegistryStatus.VALID
    ).order_by("icp_number")
