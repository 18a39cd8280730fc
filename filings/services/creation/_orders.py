"""What every creator shares: the order row with its history and audit record, the subject
lock, the new website's fields."""

from __future__ import annotations

from dataclasses import dataclass

from icpconsole.core.audit import audit_record
from servicecodes.models import CodeStatus, ServiceCode
from servicecodes.services import service_code_reserve

from ... import refusals
from ...models import (
    LIVE_SUBJECT_STATUSES,
    FilingAction,
    FilingOrder,
    OrderEvent,
    RegistryRecord,
    Stage,
    Subject,
    SubjectStatus,
    Website,
)
from ..stages import lock_subject, open_order_conflict, subject_has_open_order


@dataclass(frozen=True)
class NewWebsite:
    domain: str
    name: str
    instance_id: str
    service_code: str


def pick(data, *keys) -> dict:
    if not isinstance(data, dict):
        raise refusals.INVALID_PARAMETER()
    return {key: data.get(key) for key in keys}


def lock_filed_subject(account, *, lock: bool = True) -> Subject:
    subject = Subject.objects.filter(account=account, status__in=LIVE_SUBJECT_STATUSES).first()
    if subject is not None and lock:
        subject = lock_subject(subject.pk)
    if subject is None or subject.status != SubjectStatus.ACTIVE:
        if subject is not None and subject_has_open_order(subject):
            raise open_order_conflict(subject)
        raise refusals.SUBJECT_NOT_FILED()
    return subject


@dataclass(frozen=True)
class RegistrySubject:
    """A subject filed with another provider (SPEC 3.13): not here yet, known to the registry by
    its certificate number. Adding a website or an app to it brings it here (``pending``) with the
    order; the approval keeps its number."""

    kind: str
    name: str
    certificate_number: str
    province: str
    record: RegistryRecord


def subject_for_new_item(account, subject_input, *, lock: bool = True) -> Subject | RegistrySubject:
    """The subject an ``add_website`` / ``add_app`` adds to: the account's filed subject, or,
    when the account has none and ``subject_input`` names a certificate number, the registry's
    subject of that number filed with another provider (``SUBJECT_NOT_FILED`` when it knows none,
    ``SUBJECT_OF_ANOTHER_ACCOUNT`` when that subject is served here for another account)."""
    from ..detect import registry_subject

    number = subject_input.get("certificate_number") if isinstance(subject_input, dict) else None
    own = Subject.objects.filter(account=account, status__in=LIVE_SUBJECT_STATUSES).exists()
    if own or not isinstance(number, str) or not number.strip():
        return lock_filed_subject(account, lock=lock)
    number = number.strip().upper()
    if Subject.objects.filter(certificate_number__iexact=number, status__in=LIVE_SUBJECT_STATUSES).exists():
        raise refusals.SUBJECT_OF_ANOTHER_ACCOUNT(number=number)
    known = registry_subject(number)
    if known is None:
        raise refusals.SUBJECT_NOT_FILED()
    found, record = known
    return RegistrySubject(
        kind=found.kind,
        name=found.name,
        certificate_number=found.certificate_number,
        province=found.province,
        record=record,
    )


def bring_registry_subject(actor, known: RegistrySubject, *, now) -> Subject:
    """The registry's subject, here ``pending`` until the order adding to it is approved."""
    fields = {
        "kind": known.kind,
        "name": known.name,
        "certificate_number": known.certificate_number,
        "province": known.province,
    }
    subject = Subject.objects.create(
        account=actor.owner_account, status=SubjectStatus.PENDING, created_time=now, status_time=now, **fields
    )
    audit_record(
        actor=actor,
        account=subject.account,
        action=FilingAction.SUBJECT_CREATE,
        target=subject,
        at=now,
        details={**fields, "from_registry": known.record.subject_icp_number},
    )
    return subject


def check_no_open_order(subject: Subject) -> None:
    if subject_has_open_order(subject):
        raise open_order_conflict(subject)


def new_order(
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
    materials: dict | None = None,
    app: dict | None = None,
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
        app=app or {},
        instance=code.instance if code else None,
        service_code=code,
        registry_record=record,
        changes=changes or {},
        **{key: value for key, value in (materials or {}).items() if key != "website_name"},
        created_time=now,
        updated_time=now,
    )
    OrderEvent.objects.create(order=order, from_status="", to_status=Stage.DRAFT, actor=actor, sim_time=now)
    if code is not None and code.status == CodeStatus.UNUSED:
        # SPEC 3.7: the code is in ``filing`` from the order's creation (Tencent's approved code
        # named by its website's change order stays ``used``, SPEC 3.14).
        service_code_reserve(code=code, actor=actor, order_id=order.pk)
    audit_record(
        actor=actor,
        account=order.account,
        action=FilingAction.CREATE,
        target=order,
        at=now,
        details={
            "type": order_type,
            "subject_id": subject.pk,
            "website_id": website.pk if website else None,
            "domain": order.domain,
            **({"app_name": order.website_name} if app else {}),
            "service_code": code.code if code else None,
        },
    )
    return order
