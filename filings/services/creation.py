"""Creating filing orders (SPEC 3.7, 4.2; seeds 003 and 004). Every order starts in ``draft``.

Rules checked here, each refused with a clear code and nothing changed:

* ``first_filing``: one live subject per account (``SUBJECT_EXISTS``); the subject is created
  ``pending`` with the order and gets its ICP number when the order is approved.
* ``add_website``: the account's subject must be filed (``SUBJECT_NOT_FILED``).
* ``transfer_in``: a filing made with another provider, named by its ICP number (the subject's or
  the website's) and the domain, proved by its filing password (``ICP_RECORD_NOT_FOUND``,
  ``FILING_PASSWORD_INVALID``). It moves that subject (created here ``pending``, or the caller's
  subject if it already holds that number) and that one website to this provider.
* ``claim``: a HiChina filing from before June 2010, named by its domain (or website number) and
  proved by the subject's certificate number (``CERTIFICATE_NUMBER_MISMATCH``,
  ``CLAIM_NOT_ELIGIBLE``). Decision: a claim needs no service code (the filing is already served
  here through HiChina), and its approval issues a fresh filing password, since legacy filings
  have none.
* ``change``, ``cancel_subject``, ``cancel_website``, ``cancel_access``: the filing password is
  checked first (``FILING_PASSWORD_INVALID``, no order); the subject must be filed and the website
  active.
* Every type: one open order per subject (``ORDER_ALREADY_OPEN``); a new website's domain is well
  formed (``DOMAIN_INVALID``), not the domain of a website here, not filed in the registry
  (``DOMAIN_ALREADY_FILED``) and not proposed by another open order (``DOMAIN_IN_OPEN_ORDER``).
* Service code (first filing, add website, transfer-in): either a code obtained beforehand,
  possibly by another account (that is what codes are for; ``SERVICE_CODE_NOT_FOUND``,
  ``SERVICE_CODE_FILING``, ``SERVICE_CODE_USED``, ``SERVICE_CODE_DELETED``), or, recommended, an
  instance of the caller's for which the wizard applies for one (same quota, same
  ``NOT_ELIGIBLE`` reasons, seed 003). Either way the code moves to ``filing`` with the order.

The checks run under a lock on the subject and the code; the partial unique constraints on open
orders and live subjects back them. If a racing request slips past the checks, the constraint
refuses the insert and the creation is retried once, when the checks see the winner and name the
rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from icpconsole.core import clock
from icpconsole.core.audit import audit_record
from instances.models import InstanceStatus
from instances.selectors import instance_get_visible
from servicecodes.models import CodeStatus, ServiceCode
from servicecodes.services import service_code_apply, service_code_lock, service_code_reserve

from .. import refusals, rules
from ..domains import normalize_domain
from ..models import (
    ALIBABA_CLOUD,
    LIVE_SUBJECT_STATUSES,
    FilingOrder,
    OrderEvent,
    OrderType,
    RegistryOrigin,
    RegistryRecord,
    RegistryStatus,
    Stage,
    Subject,
    SubjectStatus,
    Website,
    WebsiteStatus,
)
from ..selectors import domain_facts
from ._common import (
    check_filing_password,
    check_writer,
    clean_subject_fields,
    clean_text,
    filing_password_matches,
    lock_subject,
    open_order_conflict,
    subject_has_open_order,
)
from .registry import CLAIM_CUTOFF

# What a change order may change (decision): names, and the e-commerce flag of a website (which
# needs its commercial license). The domain, kind, certificate and province are the filing
# itself: changing them is a new filing.
CHANGEABLE_SUBJECT_FIELDS = frozenset({"name"})
CHANGEABLE_WEBSITE_FIELDS = frozenset({"name", "ecommerce"})


@dataclass(frozen=True)
class NewWebsite:
    domain: str
    name: str
    instance_id: str
    service_code: str


# --- entry points ------------------------------------------------------------------------------


def filing_create(*, actor, type: str, **fields) -> FilingOrder:  # noqa: A002 - the API's field name
    """Create a filing order of ``type`` in ``draft``; ``fields`` are that type's (SPEC 4.2)."""
    creator = _CREATORS.get(type)
    if creator is None:
        raise refusals.ORDER_TYPE_INVALID(field="type", type=type)
    check_writer(actor)
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                return creator(actor=actor, **fields)
        except IntegrityError:
            if attempt == 2:
                raise refusals.CONCURRENT_CHANGE() from None
    raise AssertionError("unreachable")


def filing_create_first(*, actor, subject: dict, website: dict) -> FilingOrder:
    return filing_create(actor=actor, type=OrderType.FIRST_FILING, subject=subject, website=website)


def filing_create_add_website(*, actor, website: dict) -> FilingOrder:
    return filing_create(actor=actor, type=OrderType.ADD_WEBSITE, website=website)


def filing_create_transfer_in(*, actor, icp_number: str, icp_password: str, website: dict) -> FilingOrder:
    return filing_create(
        actor=actor,
        type=OrderType.TRANSFER_IN,
        icp_number=icp_number,
        icp_password=icp_password,
        website=website,
    )


def filing_create_claim(
    *, actor, certificate_number: str, domain: str = "", icp_number: str = ""
) -> FilingOrder:
    return filing_create(
        actor=actor,
        type=OrderType.CLAIM,
        certificate_number=certificate_number,
        domain=domain,
        icp_number=icp_number,
    )


def filing_create_change(
    *, actor, icp_password: str, changes: dict, subject_id=None, website_id=None
) -> FilingOrder:
    return filing_create(
        actor=actor,
        type=OrderType.CHANGE,
        icp_password=icp_password,
        changes=changes,
        subject_id=subject_id,
        website_id=website_id,
    )


def filing_create_cancel(
    *,
    actor,
    type: str,
    icp_password: str,
    subject_id=None,  # noqa: A002
    website_id=None,
) -> FilingOrder:
    if type not in (OrderType.CANCEL_SUBJECT, OrderType.CANCEL_WEBSITE, OrderType.CANCEL_ACCESS):
        raise refusals.ORDER_TYPE_INVALID(field="type", type=type)
    fields = {"subject_id": subject_id} if type == OrderType.CANCEL_SUBJECT else {"website_id": website_id}
    return filing_create(actor=actor, type=type, icp_password=icp_password, **fields)


# --- one creator per type ----------------------------------------------------------------------


def _first_filing(*, actor, subject: dict, website: dict) -> FilingOrder:
    account = actor.owner_account
    subject_fields = clean_subject_fields(**_pick(subject, "kind", "name", "certificate_number", "province"))
    site = _clean_new_website(website)
    if Subject.objects.filter(account=account, status__in=LIVE_SUBJECT_STATUSES).exists():
        raise refusals.SUBJECT_EXISTS()
    _check_domain_free(site.domain)
    now = clock.now()
    new_subject = Subject.objects.create(
        account=account, status=SubjectStatus.PENDING, created_time=now, status_time=now, **subject_fields
    )
    audit_record(
        actor=actor,
        account=account,
        action="filing.subject.create",
        target=new_subject,
        at=now,
        details=subject_fields,
    )
    code = _obtain_code(actor, site)
    return _new_order(
        actor,
        OrderType.FIRST_FILING,
        subject=new_subject,
        creates_subject=True,
        site=site,
        code=code,
        now=now,
    )


def _add_website(*, actor, website: dict) -> FilingOrder:
    site = _clean_new_website(website)
    subject = _lock_filed_subject(actor.owner_account)
    _check_no_open_order(subject)
    _check_domain_free(site.domain)
    code = _obtain_code(actor, site)
    return _new_order(actor, OrderType.ADD_WEBSITE, subject=subject, site=site, code=code, now=clock.now())


def _transfer_in(*, actor, icp_number: str, icp_password: str, website: dict) -> FilingOrder:
    site = _clean_new_website(website)
    number = icp_number.strip() if isinstance(icp_number, str) else ""
    record = RegistryRecord.objects.filter(domain=site.domain, status=RegistryStatus.VALID).first()
    if record is None or not number or number not in (record.icp_number, record.subject_icp_number):
        raise refusals.ICP_RECORD_NOT_FOUND(domain=site.domain, number=number or "-")
    if record.access_provider == ALIBABA_CLOUD:
        raise refusals.ALREADY_WITH_THIS_PROVIDER(domain=site.domain)
    if record.origin == RegistryOrigin.HICHINA_LEGACY:
        raise refusals.TRANSFER_NOT_ALLOWED()
    if not filing_password_matches(icp_password, record.password_hash):
        raise refusals.FILING_PASSWORD_INVALID(field="icp_password")
    subject, creates = _subject_for_takeover(actor, record)
    _check_domain_free(site.domain, registry_record=record, subject=None if creates else subject)
    code = _obtain_code(actor, site)
    return _new_order(
        actor,
        OrderType.TRANSFER_IN,
        subject=subject,
        creates_subject=creates,
        site=site,
        code=code,
        record=record,
        now=clock.now(),
    )


def _claim(*, actor, certificate_number: str, domain: str = "", icp_number: str = "") -> FilingOrder:
    certificate = clean_text(
        certificate_number,
        refusal=refusals.CERTIFICATE_NUMBER_INVALID,
        field="certificate_number",
        label=_("The certificate number"),
        max_length=64,
    )
    records = RegistryRecord.objects.filter(status=RegistryStatus.VALID, origin=RegistryOrigin.HICHINA_LEGACY)
    if domain:
        records = records.filter(domain=normalize_domain(domain))
    if icp_number:
        records = records.filter(icp_number=str(icp_number).strip())
    if not (domain or icp_number):
        raise refusals.CLAIM_TARGET_REQUIRED(field="domain")
    record = records.first()
    if record is None:
        raise refusals.ICP_RECORD_NOT_FOUND(domain=domain or "-", number=icp_number or "-")
    if record.filed_time >= CLAIM_CUTOFF:
        raise refusals.CLAIM_NOT_ELIGIBLE(date=record.filed_time.date())
    if record.access_provider == ALIBABA_CLOUD:
        raise refusals.ALREADY_CLAIMED(domain=record.domain)
    if certificate.casefold() != record.certificate_number.strip().casefold():
        raise refusals.CERTIFICATE_NUMBER_MISMATCH(field="certificate_number")
    subject, creates = _subject_for_takeover(actor, record)
    _check_domain_free(record.domain, registry_record=record, subject=None if creates else subject)
    site = NewWebsite(domain=record.domain, name="", instance_id="", service_code="")
    return _new_order(
        actor,
        OrderType.CLAIM,
        subject=subject,
        creates_subject=creates,
        site=site,
        code=None,
        record=record,
        now=clock.now(),
    )


def _change(*, actor, icp_password: str, changes, subject_id=None, website_id=None) -> FilingOrder:
    subject, website = _target(actor, subject_id=subject_id, website_id=website_id)
    allowed = CHANGEABLE_WEBSITE_FIELDS if website else CHANGEABLE_SUBJECT_FIELDS
    cleaned = _clean_changes(changes, allowed)
    check_filing_password(subject, icp_password)
    subject = lock_subject(subject.pk)
    _check_target_state(subject, website)
    if cleaned.get("ecommerce") and not website.commercial_license:
        raise refusals.COMMERCIAL_LICENSE_REQUIRED()
    _check_no_open_order(subject)
    return _new_order(
        actor, OrderType.CHANGE, subject=subject, website=website, changes=cleaned, now=clock.now()
    )


def _cancel(order_type):
    def create(*, actor, icp_password: str, subject_id=None, website_id=None) -> FilingOrder:
        if order_type == OrderType.CANCEL_SUBJECT:
            if subject_id is None:
                raise refusals.SUBJECT_ID_REQUIRED(field="subject_id")
            subject, website = _target(actor, subject_id=subject_id)
        else:
            if website_id is None:
                raise refusals.WEBSITE_ID_REQUIRED(field="website_id")
            subject, website = _target(actor, website_id=website_id)
        check_filing_password(subject, icp_password)
        subject = lock_subject(subject.pk)
        _check_target_state(subject, website)
        _check_no_open_order(subject)
        return _new_order(actor, order_type, subject=subject, website=website, now=clock.now())

    return create


_CREATORS = {
    OrderType.FIRST_FILING: _first_filing,
    OrderType.ADD_WEBSITE: _add_website,
    OrderType.TRANSFER_IN: _transfer_in,
    OrderType.CLAIM: _claim,
    OrderType.CHANGE: _change,
    OrderType.CANCEL_SUBJECT: _cancel(OrderType.CANCEL_SUBJECT),
    OrderType.CANCEL_WEBSITE: _cancel(OrderType.CANCEL_WEBSITE),
    OrderType.CANCEL_ACCESS: _cancel(OrderType.CANCEL_ACCESS),
}


# --- helpers -----------------------------------------------------------------------------------


def _pick(data, *keys) -> dict:
    if not isinstance(data, dict):
        raise refusals.INVALID_PARAMETER()
    return {key: data.get(key) for key in keys}


def _clean_new_website(website) -> NewWebsite:
    fields = _pick(website, "domain", "name", "instance_id", "service_code", "ecommerce")
    domain = normalize_domain(fields["domain"], field="website.domain")
    name = fields["name"] or ""
    if not isinstance(name, str) or len(name.strip()) > 200:
        raise refusals.WEBSITE_NAME_INVALID(field="website.name")
    instance_id, code = fields["instance_id"] or "", fields["service_code"] or ""
    if bool(instance_id) == bool(code):
        raise refusals.SERVICE_CODE_OR_INSTANCE_REQUIRED(field="website.service_code")
    if fields["ecommerce"]:
        raise refusals.COMMERCIAL_LICENSE_REQUIRED()
    return NewWebsite(domain=domain, name=name.strip(), instance_id=str(instance_id), service_code=str(code))


def _check_domain_free(
    domain: str, *, registry_record: RegistryRecord | None = None, subject: Subject | None = None
) -> None:
    """A domain is filed once (SPEC 3.7; ``rules.new_domain_refusal``). ``registry_record`` is the
    filing being transferred in or claimed; ``subject`` the caller's subject, whose
    access-cancelled website may come back."""
    refusal = rules.new_domain_refusal(
        domain_facts(domain),
        takeover_record_id=registry_record.pk if registry_record is not None else None,
        account_id=subject.account_id if subject is not None else None,
    )
    if refusal is not None:
        raise refusal(domain=domain)


def _obtain_code(actor, site: NewWebsite) -> ServiceCode:
    """The code the new website will carry, locked: entered, or generated for the caller's instance."""
    if site.instance_id:
        instance = instance_get_visible(actor, site.instance_id)
        issued = service_code_apply(actor=actor, instance_id=instance.instance_id, via="filing_wizard")
        return service_code_lock(issued.code)
    code = service_code_lock(site.service_code)
    refusal = {
        CodeStatus.FILING: refusals.SERVICE_CODE_FILING,
        CodeStatus.USED: refusals.SERVICE_CODE_USED,
        CodeStatus.DELETED: refusals.SERVICE_CODE_DELETED,
    }.get(code.status)
    if refusal is not None:
        raise refusal(code=code.code)
    if code.instance.status == InstanceStatus.RELEASED:
        raise refusals.INSTANCE_RELEASED(code=code.code)
    return code


def _lock_filed_subject(account) -> Subject:
    subject = Subject.objects.filter(account=account, status__in=LIVE_SUBJECT_STATUSES).first()
    if subject is not None:
        subject = lock_subject(subject.pk)
    if subject is None or subject.status != SubjectStatus.ACTIVE:
        if subject is not None and subject_has_open_order(subject):
            raise open_order_conflict(subject)
        raise refusals.SUBJECT_NOT_FILED()
    return subject


def _subject_for_takeover(actor, record: RegistryRecord) -> tuple[Subject, bool]:
    """The subject a transfer-in or claim moves here: the caller's, if it already holds that
    number, else a new pending one (the caller may have no other live subject)."""
    account = actor.owner_account
    own = Subject.objects.filter(account=account, status__in=LIVE_SUBJECT_STATUSES).first()
    if own is not None:
        if own.icp_number != record.subject_icp_number:
            raise refusals.SUBJECT_EXISTS()
        own = lock_subject(own.pk)
        _check_no_open_order(own)
        return own, False
    if Subject.objects.filter(
        icp_number=record.subject_icp_number, status__in=LIVE_SUBJECT_STATUSES
    ).exists():
        raise refusals.ICP_NUMBER_HELD_ELSEWHERE(number=record.subject_icp_number)
    now = clock.now()
    subject = Subject.objects.create(
        account=account,
        kind=record.subject_kind,
        name=record.subject_name,
        certificate_number=record.certificate_number,
        province=record.province,
        status=SubjectStatus.PENDING,
        created_time=now,
        status_time=now,
    )
    audit_record(
        actor=actor,
        account=account,
        action="filing.subject.create",
        target=subject,
        at=now,
        details={"from_registry": record.icp_number},
    )
    return subject, True


def _target(actor, *, subject_id=None, website_id=None) -> tuple[Subject, Website | None]:
    account = actor.owner_account
    if (subject_id is None) == (website_id is None):
        raise refusals.CHANGE_TARGET_REQUIRED(field="subject_id")
    if website_id is not None:
        website = (
            Website.objects.select_related("subject", "service_code")
            .filter(pk=website_id, subject__account=account)
            .first()
        )
        if website is None:
            raise refusals.WEBSITE_NOT_FOUND(id=website_id)
        return website.subject, website
    subject = Subject.objects.filter(pk=subject_id, account=account).first()
    if subject is None:
        raise refusals.SUBJECT_NOT_FOUND(id=subject_id)
    return subject, None


def _check_target_state(subject: Subject, website: Website | None) -> None:
    if subject.status != SubjectStatus.ACTIVE:
        raise refusals.SUBJECT_NOT_FILED()
    if website is not None:
        website.refresh_from_db(fields=["status", "commercial_license", "ecommerce"])
        if website.status != WebsiteStatus.ACTIVE:
            raise refusals.WEBSITE_NOT_ACTIVE(domain=website.domain, status=website.get_status_display())


def _check_no_open_order(subject: Subject) -> None:
    if subject_has_open_order(subject):
        raise open_order_conflict(subject)


def _clean_changes(changes, allowed: frozenset[str]) -> dict:
    if not isinstance(changes, dict) or not changes:
        raise refusals.NO_CHANGES(field="changes")
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise refusals.CHANGE_FIELD_INVALID(
            field="changes", fields=", ".join(unknown), allowed=", ".join(sorted(allowed))
        )
    cleaned: dict = {}
    if "name" in changes:
        cleaned["name"] = clean_text(
            changes["name"],
            refusal=refusals.NAME_INVALID,
            field="changes.name",
            label=_("The name"),
            max_length=200,
        )
    if "ecommerce" in changes:
        if not isinstance(changes["ecommerce"], bool):
            raise refusals.ECOMMERCE_INVALID(field="changes.ecommerce")
        cleaned["ecommerce"] = changes["ecommerce"]
    return cleaned


def _new_order(
    actor,
    order_type: str,
    *,
    subject: Subject,
    now,
    creates_subject: bool = False,
    site: NewWebsite | None = None,
    code: ServiceCode | None = None,
    website: Website | None = None,
    record: RegistryRecord | None = None,
    changes: dict | None = None,
) -> FilingOrder:
    order = FilingOrder.objects.create(
        account=actor.owner_account,
        created_by=actor,
        type=order_type,
        status=Stage.DRAFT,
        subject=subject,
        creates_subject=creates_subject,
        website=website,
        domain=site.domain if site else "",
        website_name=site.name if site else "",
        instance=code.instance if code else None,
        service_code=code,
        registry_record=record,
        changes=changes or {},
        created_time=now,
        updated_time=now,
    )
    OrderEvent.objects.create(order=order, from_status="", to_status=Stage.DRAFT, actor=actor, sim_time=now)
    if code is not None:
        # SPEC 3.7: the code is in ``filing`` from the order's creation.
        service_code_reserve(code=code, actor=actor, order_id=order.pk)
    audit_record(
        actor=actor,
        account=order.account,
        action="filing.create",
        target=order,
        at=now,
        details={
            "type": order_type,
            "subject_id": subject.pk,
            "website_id": website.pk if website else None,
            "domain": order.domain,
            "service_code": code.code if code else None,
        },
    )
    return order
