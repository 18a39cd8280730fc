"""A new app (SPEC 3.11): a first filing that carries ``app`` instead of ``website``, adding an
app to a filed subject, and cancelling one.

An app is a filed service beside the websites (``Website`` with ``service_type`` ``app``): the
service code of the instance that hosts its back end moves to ``filing`` with the order exactly as
a website's does, and the approval numbers it ``<subject>-NA`` from the subject's one counter. The
app's fields are checked by ``filings.apps_rules`` (400, before anything is looked up); the
materials (leaders, content category, documents) go through the same pre-check as a website's,
without the domain checks; an app name the subject already filed is 409 ``APP_NAME_TAKEN``.
"""

from __future__ import annotations

from icpconsole.core import clock
from icpconsole.core.audit import audit_record

from ... import apps_rules, refusals
from ...models import (
    LIVE_SUBJECT_STATUSES,
    FilingAction,
    FilingOrder,
    OrderType,
    ServiceType,
    Subject,
    SubjectStatus,
    Website,
    WebsiteStatus,
)
from ...precheck import Leader
from ...selectors import precheck_facts
from ..cleaning import clean_subject_fields
from ..materials import check_or_refuse, clean_address, clean_materials, materials_fields
from ..passwords import check_filing_password
from ..stages import lock_subject
from ._orders import (
    NewWebsite,
    RegistrySubject,
    bring_registry_subject,
    check_no_open_order,
    new_order,
    pick,
    subject_for_new_item,
)


def clean_new_app(app, *, require_proof: bool = True) -> tuple[apps_rules.AppFields, NewWebsite]:
    """The app's fields checked, and the code or instance that proves where its back end is."""
    fields = apps_rules.clean_app(app)
    proof = pick(app, "instance_id", "service_code")
    instance_id, code = proof["instance_id"] or "", proof["service_code"] or ""
    if not isinstance(instance_id, str) or not isinstance(code, str):
        raise refusals.SERVICE_CODE_OR_INSTANCE_REQUIRED(field="app.service_code")
    if require_proof and bool(instance_id) == bool(code):
        raise refusals.SERVICE_CODE_OR_INSTANCE_REQUIRED(field="app.service_code")
    return fields, NewWebsite(domain="", name=fields.name, instance_id=instance_id, service_code=code)


def check_app_name_free(subject: Subject, name: str) -> None:
    taken = (
        Website.objects.filter(subject=subject, service_type=ServiceType.APP, name=name)
        .exclude(status=WebsiteStatus.CANCELLED)
        .exists()
    )
    if taken:
        raise refusals.APP_NAME_TAKEN(field="app.name", name=name)


def first_filing_app_facts(*, actor, subject: dict, app: dict, require_proof: bool = True):
    """(subject fields, app, site, materials, pre-check facts) of a first filing with an app."""
    account = actor.owner_account
    subject_fields = clean_subject_fields(**pick(subject, "kind", "name", "certificate_number", "province"))
    subject_fields["address"] = clean_address(subject.get("address"))
    fields, site = clean_new_app(app, require_proof=require_proof)
    materials = clean_materials(app, subject)
    if Subject.objects.filter(account=account, status__in=LIVE_SUBJECT_STATUSES).exists():
        raise refusals.SUBJECT_EXISTS()
    facts = precheck_facts(
        subject_kind=subject_fields["kind"],
        subject_name=subject_fields["name"],
        subject_certificate_number=subject_fields["certificate_number"],
        subject_province=subject_fields["province"],
        subject_address=subject_fields["address"],
        domain="",
        app=True,
        materials=materials,
        now=clock.now(),
    )
    return subject_fields, fields, site, materials, facts


def add_app_facts(
    *, actor, app: dict, subject: dict | None = None, require_proof: bool = True, lock: bool = True
):
    """(subject, app, site, materials, pre-check facts) of adding an app to the filed subject, or
    to a subject filed with another provider that ``subject`` names (SPEC 3.13)."""
    fields, site = clean_new_app(app, require_proof=require_proof)
    target = subject_for_new_item(actor.owner_account, subject, lock=lock)
    if isinstance(target, RegistrySubject):
        materials = clean_materials(app, subject)
        leader = None
    else:
        materials = clean_materials(app, subject)  # ``subject.leader``: as for a website
        check_no_open_order(target)
        check_app_name_free(target, fields.name)
        leader = Leader.from_dict(target.leader)
    facts = precheck_facts(
        subject_kind=target.kind,
        subject_name=target.name,
        subject_certificate_number=None,
        domain="",
        app=True,
        materials=materials,
        now=clock.now(),
        subject_leader=leader,
    )
    return target, fields, site, materials, facts


def first_filing_app(*, actor, subject: dict, app: dict) -> FilingOrder:
    from .new_websites import obtain_code

    account = actor.owner_account
    subject_fields, fields, site, materials, facts = first_filing_app_facts(
        actor=actor, subject=subject, app=app
    )
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
        app=fields.as_dict(),
    )


def add_app(*, actor, app: dict, subject: dict | None = None) -> FilingOrder:
    from .new_websites import obtain_code

    target, fields, site, materials, facts = add_app_facts(actor=actor, app=app, subject=subject)
    check_or_refuse(facts)
    now = clock.now()
    record = None
    if isinstance(target, RegistrySubject):
        record = target.record
        target = bring_registry_subject(actor, target, now=now)
    code = obtain_code(actor, site)
    return new_order(
        actor,
        OrderType.ADD_APP,
        subject=target,
        creates_subject=record is not None,
        record=record,
        site=site,
        code=code,
        now=now,
        materials=materials_fields(materials),
        app=fields.as_dict(),
    )


def cancel_app(*, actor, icp_password: str, app_id=None) -> FilingOrder:
    """Cancel a filed app (the filing password first, SPEC 3.7); its code is deleted on approval."""
    if app_id is None:
        raise refusals.APP_ID_REQUIRED(field="app_id")
    app = (
        Website.objects.select_related("subject", "service_code")
        .filter(pk=app_id, subject__account=actor.owner_account, service_type=ServiceType.APP)
        .first()
    )
    if app is None:
        raise refusals.APP_NOT_FOUND(id=app_id)
    check_filing_password(app.subject, icp_password)
    subject = lock_subject(app.subject_id)
    if subject.status != SubjectStatus.ACTIVE:
        raise refusals.SUBJECT_NOT_FILED()
    app.refresh_from_db(fields=["status"])
    if app.status != WebsiteStatus.ACTIVE:
        raise refusals.WEBSITE_NOT_ACTIVE(domain=app.name, status=app.get_status_display())
    check_no_open_order(subject)
    return new_order(actor, OrderType.CANCEL_APP, subject=subject, website=app, now=clock.now())
