"""Every change to the registrar (SPEC 3.9): register, renew, change the holder; staff add
domains held at other registrars. Each runs in one transaction and leaves an audit record.

Decisions: a domain is registered as its main domain (a host name is refused with the main domain
to register instead); any suffix can be registered (whether it can be *filed* is the filing
pre-check's business); real-name verification is decided at once from the holder's certificate
number and again on every holder change.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from icpconsole.core import clock
from icpconsole.core import refusals as core_refusals
from icpconsole.core.audit import audit_record

from . import refusals, rules
from .domains import main_domain, normalize_domain
from .models import SIMULATOR, Domain, DomainAction
from .selectors import domain_get_own


def clean_domain(raw, *, field: str = "domain") -> str:
    domain = normalize_domain(raw, field=field)
    main = main_domain(domain)
    if main != domain:
        if not main:
            raise refusals.DOMAIN_NOT_MAIN(field=field, domain=domain, main="-")
        raise refusals.DOMAIN_NOT_MAIN(field=field, domain=domain, main=main)
    return domain


def clean_period(value, *, field: str = "period_years") -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not (rules.MIN_PERIOD_YEARS <= value <= rules.MAX_PERIOD_YEARS)
    ):
        raise refusals.PERIOD_INVALID(field=field, min=rules.MIN_PERIOD_YEARS, max=rules.MAX_PERIOD_YEARS)
    return value


def clean_holder(holder_name, holder_certificate_number) -> tuple[str, str]:
    name = holder_name.strip() if isinstance(holder_name, str) else ""
    if not name or len(name) > 200:
        raise refusals.HOLDER_NAME_INVALID(field="holder_name")
    number = holder_certificate_number.strip().upper() if isinstance(holder_certificate_number, str) else ""
    if not number or len(number) > 64:
        raise refusals.HOLDER_CERTIFICATE_INVALID(field="holder_certificate_number")
    return name, number


def _check_writer(actor) -> None:
    if actor.parent_id is not None:
        raise core_refusals.RAM_USER_READ_ONLY()


def domain_register(
    *, actor, domain, holder_name, holder_certificate_number, period_years=1, registrar: str = SIMULATOR
) -> Domain:
    """Register ``domain`` for the actor's account for ``period_years`` (1-10); another
    registration of it anywhere is ``DOMAIN_TAKEN``."""
    _check_writer(actor)
    name = clean_domain(domain)
    holder, number = clean_holder(holder_name, holder_certificate_number)
    years = clean_period(period_years)
    now = clock.now()
    if Domain.objects.filter(domain=name).exists():
        raise refusals.DOMAIN_TAKEN(domain=name)
    try:
        with transaction.atomic():
            row = Domain.objects.create(
                domain=name,
                account=actor.owner_account,
                registrar=registrar,
                holder_name=holder,
                holder_certificate_number=number,
                real_name_status=rules.real_name_status(number, today=now.date()),
                registered_time=now,
                expired_time=rules.renewed_until(now, now=now, years=years),
                updated_time=now,
            )
            audit_record(
                actor=actor,
                account=actor.owner_account,
                action=DomainAction.REGISTER,
                target=row,
                at=now,
                details={"domain": name, "years": years, "real_name_status": row.real_name_status},
            )
    except IntegrityError:  # a racing registration of the same name won
        raise refusals.DOMAIN_TAKEN(domain=name) from None
    return row


def domain_renew(*, actor, domain, period_years) -> Domain:
    """Add ``period_years`` to the expiry (from now if it has lapsed), at most 10 years ahead."""
    _check_writer(actor)
    years = clean_period(period_years)
    with transaction.atomic():
        row = domain_get_own(actor, domain, for_update=True)
        now = clock.now()
        until = rules.renewed_until(row.expired_time, now=now, years=years)
        if until > rules.renewed_until(now, now=now, years=rules.MAX_PERIOD_YEARS):
            raise refusals.REGISTRATION_TOO_LONG(field="period_years", max=rules.MAX_PERIOD_YEARS)
        row.expired_time, row.updated_time = until, now
        row.save(update_fields=["expired_time", "updated_time"])
        audit_record(
            actor=actor,
            account=actor.owner_account,
            action=DomainAction.RENEW,
            target=row,
            at=now,
            details={"years": years, "expired_time": until.isoformat()},
        )
    return row


def domain_change_holder(*, actor, domain, holder_name, holder_certificate_number) -> Domain:
    """A registrant change: the new holder is verified again at once (the remedy for
    ``DOMAIN_NOT_VERIFIED`` and ``DOMAIN_HOLDER_MISMATCH``)."""
    _check_writer(actor)
    holder, number = clean_holder(holder_name, holder_certificate_number)
    with transaction.atomic():
        row = domain_get_own(actor, domain, for_update=True)
        now = clock.now()
        row.holder_name, row.holder_certificate_number = holder, number
        row.real_name_status = rules.real_name_status(number, today=now.date())
        row.updated_time = now
        row.save(
            update_fields=["holder_name", "holder_certificate_number", "real_name_status", "updated_time"]
        )
        audit_record(
            actor=actor,
            account=actor.owner_account,
            action=DomainAction.HOLDER_CHANGE,
            target=row,
            at=now,
            details={"holder_name": holder, "real_name_status": row.real_name_status},
        )
    return row


def domain_add_external(
    *,
    actor,
    domain,
    registrar: str,
    holder_name,
    holder_certificate_number,
    expired_time=None,
    account=None,
) -> Domain:
    """Staff: a domain held at another registrar (SPEC 3.9), as the filing checks will find it."""
    if not actor.is_staff:
        raise core_refusals.STAFF_ONLY()
    name = clean_domain(domain)
    holder, number = clean_holder(holder_name, holder_certificate_number)
    other = registrar.strip() if isinstance(registrar, str) else ""
    if not other or len(other) > 64 or other == SIMULATOR:
        raise refusals.REGISTRAR_INVALID(field="registrar")
    now = clock.now()
    if Domain.objects.filter(domain=name).exists():
        raise refusals.DOMAIN_TAKEN(domain=name)
    row = Domain.objects.create(
        domain=name,
        account=account,
        registrar=other,
        holder_name=holder,
        holder_certificate_number=number,
        real_name_status=rules.real_name_status(number, today=now.date()),
        registered_time=now,
        expired_time=expired_time or rules.renewed_until(now, now=now, years=1),
        updated_time=now,
    )
    audit_record(
        actor=actor,
        account=None,
        action=DomainAction.ADD_EXTERNAL,
        target=row,
        at=now,
        details={"registrar": other},
    )
    return row
