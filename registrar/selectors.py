"""Reads of the registrar, shared by its pages and API, and by the filing pre-check
(``filings.selectors`` reads registrar facts only through :func:`registration_facts`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from icpconsole.core.errors import InvalidInput

from . import refusals
from .domains import normalize_domain
from .models import Domain


def domains_of(user) -> QuerySet[Domain]:
    """The account's registered domains (a RAM user reads its parent's)."""
    return Domain.objects.filter(account=user.owner_account).order_by("domain")


def domain_get_own(user, domain, *, for_update: bool = False) -> Domain:
    """The account's registered ``domain`` (any case, trailing dot or IDN), else 404: another
    account's domain is not revealed."""
    try:
        name = normalize_domain(domain)
    except InvalidInput:
        raise refusals.REGISTERED_DOMAIN_NOT_FOUND(domain=domain) from None
    qs = domains_of(user).filter(domain=name)
    if for_update:
        qs = qs.select_for_update()
    row = qs.first()
    if row is None:
        raise refusals.REGISTERED_DOMAIN_NOT_FOUND(domain=name)
    return row


def domain_get_own_or_404(user, domain) -> Domain:
    """:func:`domain_get_own` for a console page: another account's domain is Django's 404."""
    from django.http import Http404

    try:
        return domain_get_own(user, domain)
    except refusals.REGISTERED_DOMAIN_NOT_FOUND.error as exc:
        raise Http404(exc.message) from exc


@dataclass(frozen=True)
class Registration:
    """What a registrar's WHOIS tells about a main domain, as plain facts."""

    registered: bool
    registrar: str = ""
    holder_name: str = ""
    real_name_status: str = ""
    expired_time: object = None
    account_id: int | None = None


def registration_facts(main_domain: str) -> Registration:
    row = (
        Domain.objects.filter(domain=main_domain)
        .values("registrar", "holder_name", "real_name_status", "expired_time", "account_id")
        .first()
    )
    if row is None:
        return Registration(registered=False)
    return Registration(registered=True, **row)
