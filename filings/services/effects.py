"""What a decision does (SPEC 3.7, seed 004): refusing an order returns its code and withdraws a
subject it brought; approving files a new website (the subject's number and filing password on a
first filing), takes a filing over (transfer-in, claim), applies a change, or ends a website, its
access or a whole subject, each with its code's effect. ``workflow`` moves the order and calls these
(``APPROVALS``). Takeovers are in ``takeovers``, the endings in ``endings``, the steps they share in
``approval_steps``.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from icpconsole.core.audit import audit_record
from servicecodes.models import CodeStatus
from servicecodes.services import service_code_delete, service_code_lock, service_code_release

from .. import apps_rules, refusals, rules
from ..models import (
    LIVE_SUBJECT_STATUSES,
    FilingAction,
    FilingOrder,
    OrderType,
    RegistryRecord,
    ServiceType,
    Subject,
    SubjectStatus,
    Website,
    WebsiteStatus,
)
from ..selectors import domain_facts
from .approval_steps import consume_code, issue_password, set_subject_status
from .endings import (  # noqa: F401  (end_website: importable from here as before)
    approve_cancel_access,
    approve_cancel_subject,
    approve_cancel_website,
    end_website,
)
from .registry import NUMBER_ATTEMPTS, issue_subject_number, registry_record_issue, website_seq
from .takeovers import approve_takeover

# --- effects -----------------------------------------------------------------------------------


def refuse_effects(order: FilingOrder, *, actor, now) -> None:
    if order.service_code_id:
        code = service_code_lock(order.service_code.code)
        if code.status == CodeStatus.FILING:
            service_code_release(code=code, actor=actor, order_id=order.pk)
        order.service_code = code
    if order.creates_subject and order.subject.status == SubjectStatus.PENDING:
        set_subject_status(order.subject, SubjectStatus.WITHDRAWN, actor=actor, now=now, order=order)


def _check_domain_still_free(order: FilingOrder) -> None:
    # Staff may have recorded the domain elsewhere since the order was created.
    if domain_facts(order.domain, exclude_order_id=order.pk).standing != rules.Standing.NOT_FILED:
        raise refusals.DOMAIN_ALREADY_FILED(domain=order.domain)


def _approve_new_website(order: FilingOrder, *, actor, now) -> None:
    """first_filing, add_website and add_app (an app: no domain, numbered ``-NA``, SPEC 3.11)."""
    subject = order.subject
    if order.app:
        _check_app_name_still_free(order)
    else:
        _check_domain_still_free(order)
    for attempt in range(1, NUMBER_ATTEMPTS + 1):
        try:
            # A savepoint: the fresh number was checked, then is written; another writer may
            # have taken it in between (a unique constraint refuses it): only these writes are
            # undone and a first filing draws another number.
            with transaction.atomic():
                website = _file_new_website(order, actor=actor, now=now)
        except IntegrityError:
            subject.refresh_from_db()
            if order.app:
                _check_app_name_still_free(order)
            else:
                _check_domain_still_free(order)
            if order.type != OrderType.FIRST_FILING or attempt == NUMBER_ATTEMPTS:
                raise refusals.ICP_NUMBER_UNAVAILABLE() from None
            continue
        break
    consume_code(order, website, actor=actor)
    order.website = website
    audit_record(
        actor=actor,
        account=order.account,
        action=FilingAction.APP_FILE if website.is_app else FilingAction.WEBSITE_FILE,
        target=website,
        at=now,
        details={
            "order_id": order.pk,
            "icp_number": website.icp_number,
            **({"app_name": website.name} if website.is_app else {"domain": website.domain}),
        },
    )


def _check_app_name_still_free(order: FilingOrder) -> None:
    taken = (
        Website.objects.filter(subject=order.subject, service_type=ServiceType.APP, name=order.website_name)
        .exclude(status=WebsiteStatus.CANCELLED)
        .exists()
    )
    if taken:
        raise refusals.APP_NAME_TAKEN(name=order.website_name)


def _file_new_website(order: FilingOrder, *, actor, now) -> Website:
    subject = order.subject
    if order.type == OrderType.FIRST_FILING:
        subject.icp_number = issue_subject_number(province=subject.province, now=now)
        if rules.issues_filing_password(order_type=order.type, creates_subject=order.creates_subject):
            issue_password(subject, order=order, now=now)
        set_subject_status(
            subject, SubjectStatus.ACTIVE, actor=actor, now=now, order=order, icp_number=subject.icp_number
        )
    elif order.creates_subject and order.registry_record_id:
        _bring_registry_subject(order, subject, actor=actor, now=now)
    subject.website_seq += 1
    update = ["website_seq"]
    if order.subject_leader:
        # The leader the approved application named is the subject's from now on (SPEC 3.9).
        subject.leader = order.subject_leader
        update.append("leader")
    subject.save(update_fields=update)
    website = Website.objects.create(
        subject=subject,
        domain=order.domain,
        name=order.website_name,
        content_category=order.content_category,
        pre_approval_number=order.pre_approval_number,
        leader=(order.subject_leader or subject.leader)
        if order.website_leader_is_subject_leader
        else order.website_leader,
        seq=subject.website_seq,
        icp_number=(apps_rules.app_number if order.app else apps_rules.website_number)(
            subject.icp_number, subject.website_seq
        ),
        **_app_columns(order),
        instance=order.instance,
        service_code=order.service_code,
        status=WebsiteStatus.ACTIVE,
        # SPEC 3.10 asks a website's public security filing; apps are not tracked here.
        public_security_due_time=None if order.app else rules.public_security_due_time(now),
        created_time=now,
        status_time=now,
    )
    registry_record_issue(website=website, now=now)
    return website


def _bring_registry_subject(order: FilingOrder, subject: Subject, *, actor, now) -> None:
    """An ``add_website`` / ``add_app`` for a subject filed with another provider (SPEC 3.13): the
    subject keeps the registry's number and filing password, and its counter starts after the
    highest ``-N`` the registry holds for it, so the new item gets the next one."""
    record = RegistryRecord.objects.get(pk=order.registry_record_id)
    number = record.subject_icp_number
    held = Subject.objects.filter(icp_number=number, status__in=LIVE_SUBJECT_STATUSES).exclude(pk=subject.pk)
    if held.exists():
        raise refusals.ICP_NUMBER_HELD_ELSEWHERE(number=number)
    subject.icp_number = number
    subject.password_hash = record.password_hash
    numbers = RegistryRecord.objects.filter(subject_icp_number=number).values_list("icp_number", flat=True)
    subject.website_seq = max([subject.website_seq, *(website_seq(n) for n in numbers)])
    subject.save(update_fields=["icp_number", "password_hash", "website_seq"])
    set_subject_status(subject, SubjectStatus.ACTIVE, actor=actor, now=now, order=order, icp_number=number)


def _app_columns(order: FilingOrder) -> dict:
    """An app's columns from its order (SPEC 3.11); nothing for a website."""
    if not order.app:
        return {}
    app = order.app
    return {
        "service_type": ServiceType.APP,
        "platforms": list(app.get("platforms", [])),
        **{key: app.get(key, "") for key in ("package_name", "bundle_id", "signature_md5", "signature_sha1")},
    }


def _approve_change(order: FilingOrder, *, actor, now) -> None:
    from .changes import apply_subject_changes, apply_website_changes  # changes -> loop -> effects

    changes = order.changes
    if order.website_id:
        website = Website.objects.select_for_update().get(pk=order.website_id)
        if website.status != WebsiteStatus.ACTIVE:
            raise refusals.WEBSITE_NOT_ACTIVE(domain=website.domain, status=website.get_status_display())
        if changes.get("ecommerce") and not website.commercial_license:
            raise refusals.COMMERCIAL_LICENSE_REQUIRED()
        apply_website_changes(website, changes)
        if order.service_code_id and order.service_code_id != website.service_code_id:
            # Tencent (SPEC 3.14): the website's own approved code named again changes no binding.
            _rebind(order, website, actor=actor, now=now)
        website.save()
        target = website
    else:
        subject = order.subject
        apply_subject_changes(subject, changes)
        target = subject
    audit_record(
        actor=actor,
        account=order.account,
        action=FilingAction.CHANGE_APPLY,
        target=target,
        at=now,
        details={"order_id": order.pk, "changes": changes},
    )


def _rebind(order: FilingOrder, website: Website, *, actor, now) -> None:
    """A change order that names another instance's code (SPEC 3.10): the website moves to it,
    the new code becomes ``used`` and the old one ``deleted``; its access is healthy again."""
    before_instance = website.instance.instance_id if website.instance_id else None
    before_code = website.service_code.code if website.service_code_id else None
    consume_code(order, website, actor=actor)
    website.instance = order.instance
    website.access_at_risk_time = website.access_cancel_time = None
    if before_code:
        old = service_code_lock(before_code)
        if old.status == CodeStatus.USED:
            service_code_delete(code=old, actor=actor, order_id=order.pk)
    audit_record(
        actor=actor,
        account=order.account,
        action=FilingAction.WEBSITE_REBIND,
        target=website,
        at=now,
        details={
            "order_id": order.pk,
            "from_instance": before_instance,
            "to_instance": order.instance.instance_id if order.instance_id else None,
            "from_code": before_code,
            "to_code": order.service_code.code,
        },
    )


APPROVALS = {
    OrderType.FIRST_FILING: _approve_new_website,
    OrderType.ADD_WEBSITE: _approve_new_website,
    OrderType.TRANSFER_IN: approve_takeover,
    OrderType.CLAIM: approve_takeover,
    OrderType.CHANGE: _approve_change,
    OrderType.CANCEL_WEBSITE: approve_cancel_website,
    OrderType.CANCEL_ACCESS: approve_cancel_access,
    OrderType.CANCEL_SUBJECT: approve_cancel_subject,
    OrderType.ADD_APP: _approve_new_website,
    OrderType.CANCEL_APP: approve_cancel_website,
}
