"""What ends a filing (seed 004, SPEC 3.10): cancelling a website, its access here only, or a whole
subject with everything under its number; the code of each website becomes ``deleted`` for ever.
``end_website`` is also the simulator's own access cancellation (``aftercare``). Part of
``effects.APPROVALS``; ``effects`` re-exports ``end_website``."""

from __future__ import annotations

from icpconsole.core.audit import audit_record
from servicecodes.models import CodeStatus
from servicecodes.services import service_code_delete, service_code_lock

from .. import refusals
from ..models import (
    WEBSITE_END_ACTIONS,
    FilingAction,
    FilingOrder,
    RegistryRecord,
    RegistryStatus,
    SubjectStatus,
    Website,
    WebsiteStatus,
)
from .approval_steps import set_subject_status


def end_website(website: Website, *, to: str, actor, order: FilingOrder | None, now, **details) -> None:
    """Cancel a website's filing (``cancelled``) or only its access here (``access_cancelled``).
    Its code becomes ``deleted`` for ever either way. ``order`` is None when the simulator
    cancels access itself (SPEC 3.10 access health)."""
    order_id = order.pk if order is not None else None
    before = website.status
    website.status = to
    website.status_time = now
    if to == WebsiteStatus.CANCELLED:
        # The commercial license rests on the filing (SPEC 3.7): cancelling the filing ends it.
        website.commercial_license = ""
        website.ecommerce = False
    website.save()
    if website.service_code_id:
        code = service_code_lock(website.service_code.code)
        if code.status == CodeStatus.USED:
            service_code_delete(code=code, actor=actor, order_id=order_id)
        website.service_code = code
    records = RegistryRecord.objects.filter(icp_number=website.icp_number, status=RegistryStatus.VALID)
    if to == WebsiteStatus.CANCELLED:
        records.update(status=RegistryStatus.CANCELLED, status_time=now)
    else:
        # The MIIT number stays valid; it is simply not served by any provider for now.
        records.update(access_provider="", status_time=now)
    audit_record(
        actor=actor,
        account=order.account if order is not None else website.subject.account,
        action=FilingAction.APP_CANCELLED
        if website.is_app and to == WebsiteStatus.CANCELLED
        else WEBSITE_END_ACTIONS[to],
        target=website,
        at=now,
        details={"from": before, "to": to, "order_id": order_id, **details},
    )


def approve_cancel_website(order: FilingOrder, *, actor, now) -> None:
    website = _lock_active_website(order)
    end_website(website, to=WebsiteStatus.CANCELLED, actor=actor, order=order, now=now)


def approve_cancel_access(order: FilingOrder, *, actor, now) -> None:
    website = _lock_active_website(order)
    end_website(website, to=WebsiteStatus.ACCESS_CANCELLED, actor=actor, order=order, now=now)


def approve_cancel_subject(order: FilingOrder, *, actor, now) -> None:
    """Everything under the subject's number is cancelled (seed 004)."""
    subject = order.subject
    websites = (
        Website.objects.select_for_update(of=("self",))
        .select_related("service_code")
        .filter(subject=subject)
        .exclude(status=WebsiteStatus.CANCELLED)
        .order_by("pk")
    )
    for website in websites:
        end_website(website, to=WebsiteStatus.CANCELLED, actor=actor, order=order, now=now)
    RegistryRecord.objects.filter(subject_icp_number=subject.icp_number, status=RegistryStatus.VALID).update(
        status=RegistryStatus.CANCELLED, status_time=now
    )
    set_subject_status(subject, SubjectStatus.CANCELLED, actor=actor, now=now, order=order)


def _lock_active_website(order: FilingOrder) -> Website:
    website = (
        Website.objects.select_for_update(of=("self",))
        .select_related("service_code")
        .get(pk=order.website_id)
    )
    if website.status != WebsiteStatus.ACTIVE:
        raise refusals.WEBSITE_NOT_ACTIVE(domain=website.domain, status=website.get_status_display())
    return website
