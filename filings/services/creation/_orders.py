"""What every creator shares: the order row with its history and audit record, the subject
lock, the new website's fields."""

from __future__ import annotations

from dataclasses import dataclass

from icpconsole.core.audit import audit_record
from servicecodes.models import ServiceCode
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
from .._common import (
    lock_subject,
    open_order_conflict,
    subject_has_open_order,
)


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
    if code is not None:
        # SPEC 3.7: the code is in ``filing`` from the order's creation.
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
