"""A new website: the first filing, adding a website, and what both check (the domain is free,
the service code may be used)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from icpconsole.core import clock
from icpconsole.core.audit import audit_record
from instances import providers
from instances.models import InstanceStatus
from instances.selectors import instance_get_visible
from servicecodes import refusals as code_refusals
from servicecodes.models import ServiceCode
from servicecodes.services import service_code_apply, service_code_lock

from ... import refusals, rules
from ...domains import normalize_main_domain
from ...models import (
    LIVE_SUBJECT_STATUSES,
    FilingAction,
    FilingOrder,
    OrderType,
    RegistryRecord,
    Subject,
    SubjectStatus,
    Website,
)
from ...precheck import Leader
from ...selectors import domain_facts, precheck_facts
from ..cleaning import clean_subject_fields, shortened
from ..materials import check_or_refuse, clean_address, clean_materials, materials_fields
from ._orders import (
    NewWebsite,
    RegistrySubject,
    bring_registry_subject,
    check_no_open_order,
    new_order,
    pick,
    subject_for_new_item,
)


def first_filing_facts(*, actor, subject: dict, website: dict, require_proof: bool = True):
    """(subject fields, website, materials, pre-check facts) of a first filing, refusing bad input."""
    account = actor.owner_account
    subject_fields = clean_subject_fields(**pick(subject, "kind", "name", "certificate_number", "province"))
    subject_fields["address"] = clean_address(subject.get("address"))
    site = clean_new_website(website, require_proof=require_proof)
    materials = clean_materials(website, subject)
    if Subject.objects.filter(account=account, status__in=LIVE_SUBJECT_STATUSES).exists():
        raise refusals.SUBJECT_EXISTS()
    facts = precheck_facts(
        subject_kind=subject_fields["kind"],
        subject_name=subject_fields["name"],
        subject_certificate_number=subject_fields["certificate_number"],
        subject_province=subject_fields["province"],
        subject_address=subject_fields["address"],
        domain=site.domain,
        materials=materials,
        now=clock.now(),
    )
    return subject_fields, site, materials, facts


def add_website_facts(
    *, actor, website: dict, subject: dict | None = None, require_proof: bool = True, lock: bool = True
):
    """(subject, website, materials, pre-check facts) of adding a website, refusing bad input. The
    subject is the account's filed one, or a :class:`RegistrySubject` filed with another provider
    that ``subject`` names by its certificate number (SPEC 3.13). Either way ``subject.leader``
    is the subject's leader as this order files it."""
    site = clean_new_website(website, require_proof=require_proof)
    target = subject_for_new_item(actor.owner_account, subject, lock=lock)
    if isinstance(target, RegistrySubject):
        materials = clean_materials(website, subject)
        facts = precheck_facts(
            subject_kind=target.kind,
            subject_name=target.name,
            subject_certificate_number=None,
            domain=site.domain,
            materials=materials,
            now=clock.now(),
        )
        return target, site, materials, facts
    # The filed subject's leader as this order files it, if ``subject`` gives one (the wizard's
    # step 3 asks for it); the subject's own otherwise.
    materials = clean_materials(website, subject)
    check_no_open_order(target)
    facts = precheck_facts(
        subject_kind=target.kind,
        subject_name=target.name,
        subject_certificate_number=None,
        domain=site.domain,
        materials=materials,
        now=clock.now(),
        subject_leader=Leader.from_dict(target.leader),
    )
    return target, site, materials, facts


def first_filing(
    *, actor, subject: dict, website: dict | None = None, app: dict | None = None
) -> FilingOrder:
    if (website is None) == (app is None):
        raise refusals.WEBSITE_OR_APP_REQUIRED(field="website")
    if app is not None:
        # SPEC 3.11: a first filing may carry an app in place of the website.
        from .new_apps import first_filing_app

        return first_filing_app(actor=actor, subject=subject, app=app)
    account = actor.owner_account
    subject_fields, site, materials, facts = first_filing_facts(actor=actor, subject=subject, website=website)
    check_or_refuse(facts)
    now = clock.now()
    new_subject = Subject.objects.create(
        account=account, status=SubjectStatus.PENDING, created_time=now, status_time=now, **subject_fields
    )
    audit_record(
        actor=actor,
        account=account,
        action=FilingAction.SUBJECT_CREATE,
        target=new_subject,
        at=now,
        details=subject_fields,
    )
    code = obtain_code(actor, site)
    return new_order(
        actor,
        OrderType.FIRST_FILING,
        subject=new_subject,
        creates_subject=True,
        site=site,
        code=code,
        now=now,
        materials=materials_fields(materials),
    )


def add_website(*, actor, website: dict, subject: dict | None = None) -> FilingOrder:
    target, site, materials, facts = add_website_facts(actor=actor, website=website, subject=subject)
    check_or_refuse(facts)
    now = clock.now()
    record = None
    if isinstance(target, RegistrySubject):
        record = target.record
        target = bring_registry_subject(actor, target, now=now)
    code = obtain_code(actor, site)
    return new_order(
        actor,
        OrderType.ADD_WEBSITE,
        subject=target,
        creates_subject=record is not None,
        record=record,
        site=site,
        code=code,
        now=now,
        materials=materials_fields(materials),
    )


def clean_new_website(website, *, require_proof: bool = True) -> NewWebsite:
    fields = pick(website, "domain", "name", "instance_id", "service_code", "ecommerce")
    domain, _host = normalize_main_domain(fields["domain"], field="website.domain")
    name = fields["name"] or ""
    if not isinstance(name, str) or len(name.strip()) > 200:
        raise refusals.WEBSITE_NAME_INVALID(
            field="website.name", name=shortened(name), rule=_("it is at most 200 characters, as text.")
        )
    instance_id, code = fields["instance_id"] or "", fields["service_code"] or ""
    if require_proof and bool(instance_id) == bool(code):
        raise refusals.SERVICE_CODE_OR_INSTANCE_REQUIRED(field="website.service_code")
    if fields["ecommerce"]:
        raise refusals.COMMERCIAL_LICENSE_REQUIRED()
    return NewWebsite(domain=domain, name=name.strip(), instance_id=str(instance_id), service_code=str(code))


def check_domain_free(
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


def obtain_code(actor, site: NewWebsite, *, website: Website | None = None) -> ServiceCode:
    """The code the new website will carry, locked: entered, or generated for the caller's
    instance. ``website``: the website a change order concerns (Tencent lets its approved code
    serve it again, SPEC 3.14)."""
    if site.instance_id:
        instance = instance_get_visible(actor, site.instance_id)
        issued = service_code_apply(actor=actor, instance_id=instance.instance_id, via="filing_wizard")
        return service_code_lock(issued.code)
    code = service_code_lock(site.service_code)
    _check_code_usable(code, website=website)
    return code


def _check_code_usable(code: ServiceCode, *, website: Website | None = None) -> None:
    refusal = rules.service_code_refusal(
        code_status=code.status,
        instance_released=code.instance.status == InstanceStatus.RELEASED,
        used_code_serves_changes=providers.profile().rules.used_code_serves_changes,
        change_of_its_website=website is not None and website.service_code_id == code.pk,
    )
    if refusal is not None:
        served = Website.objects.filter(service_code=code).values_list("domain", flat=True).first()
        raise refusal(code=code.code, id=code.instance.instance_id, domain=served or "")


def service_code_check(*, code: str) -> ServiceCode:
    """Read-only: the entered code exists and may be named by a new order now. The wizard asks at
    its product step, so a used code is refused where it is entered, not at submission."""
    found = ServiceCode.objects.select_related("instance").filter(code=(code or "").strip().lower()).first()
    if found is None:
        raise code_refusals.SERVICE_CODE_NOT_FOUND(code=code)
    _check_code_usable(found)
    return found
