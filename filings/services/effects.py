"""What a decision does (SPEC 3.7, seed 004): refusing an order returns its code and withdraws a
subject it brought; approving files a new website (the subject's number and filing password on a
first filing), takes a filing over (transfer-in, claim), applies a change, or ends a website, its
access or a whole subject, each with its code's effect. ``workflow`` moves the order and calls these.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from icpconsole.core.audit import audit_record
from servicecodes.models import CodeStatus
from servicecodes.services import (
    service_code_consume,
    service_code_delete,
    service_code_lock,
    service_code_release,
)

from .. import apps_rules, refusals, rules
from ..models import (
    ALIBABA_CLOUD,
    LIVE_SUBJECT_STATUSES,
    SUBJECT_STATUS_ACTIONS,
    TAKEOVER_ACTIONS,
    WEBSITE_END_ACTIONS,
    FilingAction,
    FilingOrder,
    MessageKind,
    OrderType,
    RegistryRecord,
    RegistryStatus,
    ServiceType,
    Subject,
    SubjectStatus,
    Website,
    WebsiteStatus,
)
from ..selectors import domain_facts
from ._common import (
    generate_filing_password,
    hash_filing_password,
    send_message,
)
from .registry import NUMBER_ATTEMPTS, issue_subject_number, registry_record_issue, website_seq

# --- effects -----------------------------------------------------------------------------------


def refuse_effects(order: FilingOrder, *, actor, now) -> None:
    if order.service_code_id:
        code = service_code_lock(order.service_code.code)
        if code.status == CodeStatus.FILING:
            service_code_release(code=code, actor=actor, order_id=order.pk)
        order.service_code = code
    if order.creates_subject and order.subject.status == SubjectStatus.PENDING:
        _set_subject_status(order.subject, SubjectStatus.WITHDRAWN, actor=actor, now=now, order=order)


def _set_subject_status(subject: Subject, status: str, *, actor, now, order: FilingOrder, **details) -> None:
    before = subject.status
    subject.status = status
    subject.status_time = now
    subject.save()
    audit_record(
        actor=actor,
        account=subject.account,
        action=SUBJECT_STATUS_ACTIONS[status],
        target=subject,
        at=now,
        details={"from": before, "to": status, "order_id": order.pk, **details},
    )


def _issue_password(subject: Subject, *, order: FilingOrder, now) -> str:
    """A new filing password: shown once, on the phone; only its hash is kept. The order records
    that it issued one (its page tells the user to look at the phone)."""
    password = generate_filing_password()
    subject.password_hash = hash_filing_password(password)
    order.password_issued = True
    send_message(
        account=subject.account,
        kind=MessageKind.FILING_PASSWORD,
        secret=password,
        order=order,
        now=now,
        params={"name": subject.name, "number": subject.icp_number, "password": password},
        to_number=str((order.subject_leader or subject.leader or {}).get("mobile", "")),
    )
    return password


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
    _consume_code(order, website, actor=actor)
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
            _issue_password(subject, order=order, now=now)
        _set_subject_status(
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
    _set_subject_status(subject, SubjectStatus.ACTIVE, actor=actor, now=now, order=order, icp_number=number)


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


def _approve_takeover(order: FilingOrder, *, actor, now) -> None:
    """transfer_in and claim: a filing made elsewhere comes to this provider."""
    record = RegistryRecord.objects.select_for_update(of=("self",)).get(pk=order.registry_record_id)
    if record.status != RegistryStatus.VALID or record.access_provider == ALIBABA_CLOUD:
        raise refusals.REGISTRY_RECORD_CHANGED(domain=record.domain)
    subject = order.subject
    if order.creates_subject:
        _take_over_subject(order, subject, record, actor=actor, now=now)
    numbers = RegistryRecord.objects.filter(subject_icp_number=record.subject_icp_number).values_list(
        "icp_number", flat=True
    )
    subject.website_seq = max([subject.website_seq, *(website_seq(n) for n in numbers)])
    subject.save(update_fields=["website_seq"])

    website = _taken_over_website(order, subject, record, now=now)
    _consume_code(order, website, actor=actor)
    record.access_provider = ALIBABA_CLOUD
    record.subject = subject
    record.website = website
    record.status_time = now
    record.save()
    order.website = website
    audit_record(
        actor=actor,
        account=order.account,
        action=TAKEOVER_ACTIONS[order.type],
        target=website,
        at=now,
        details={"order_id": order.pk, "icp_number": website.icp_number, "domain": website.domain},
    )


def _take_over_subject(order: FilingOrder, subject: Subject, record: RegistryRecord, *, actor, now) -> None:
    """A transfer-in or claim that creates the subject: it takes the record's subject number."""
    held = Subject.objects.filter(icp_number=record.subject_icp_number, status__in=LIVE_SUBJECT_STATUSES)
    if held.exclude(pk=subject.pk).exists():
        raise refusals.ICP_NUMBER_HELD_ELSEWHERE(number=record.subject_icp_number)
    subject.icp_number = record.subject_icp_number
    if rules.issues_filing_password(order_type=order.type, creates_subject=order.creates_subject):
        _issue_password(subject, order=order, now=now)
        RegistryRecord.objects.filter(subject_icp_number=subject.icp_number).update(
            password_hash=subject.password_hash
        )
    else:
        subject.password_hash = record.password_hash
    _set_subject_status(
        subject, SubjectStatus.ACTIVE, actor=actor, now=now, order=order, icp_number=subject.icp_number
    )


def _taken_over_website(order: FilingOrder, subject: Subject, record: RegistryRecord, *, now) -> Website:
    """The website the record names, active here on the order's instance and code."""
    website = (
        Website.objects.select_for_update().filter(subject=subject, icp_number=record.icp_number).first()
    )
    if website is None:
        website = Website(
            subject=subject,
            icp_number=record.icp_number,
            seq=website_seq(record.icp_number),
            domain=record.domain,
            created_time=now,
        )
    website.status = WebsiteStatus.ACTIVE
    website.status_time = now
    website.instance = order.instance
    website.service_code = order.service_code
    website.name = order.website_name or website.name
    website.access_at_risk_time = website.access_cancel_time = None
    if not website.public_security_number and website.public_security_due_time is None:
        # SPEC 3.10: 30 days from its approval here to record the public security filing.
        website.public_security_due_time = rules.public_security_due_time(now)
    website.save()
    return website


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
    _consume_code(order, website, actor=actor)
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


def _approve_cancel_website(order: FilingOrder, *, actor, now) -> None:
    website = _lock_active_website(order)
    end_website(website, to=WebsiteStatus.CANCELLED, actor=actor, order=order, now=now)


def _approve_cancel_access(order: FilingOrder, *, actor, now) -> None:
    website = _lock_active_website(order)
    end_website(website, to=WebsiteStatus.ACCESS_CANCELLED, actor=actor, order=order, now=now)


def _approve_cancel_subject(order: FilingOrder, *, actor, now) -> None:
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
    _set_subject_status(subject, SubjectStatus.CANCELLED, actor=actor, now=now, order=order)


def _lock_active_website(order: FilingOrder) -> Website:
    website = (
        Website.objects.select_for_update(of=("self",))
        .select_related("service_code")
        .get(pk=order.website_id)
    )
    if website.status != WebsiteStatus.ACTIVE:
        raise refusals.WEBSITE_NOT_ACTIVE(domain=website.domain, status=website.get_status_display())
    return website


def _consume_code(order: FilingOrder, website: Website, *, actor) -> None:
    if order.service_code_id:
        code = service_code_lock(order.service_code.code)
        service_code_consume(code=code, actor=actor, icp_number=website.icp_number, order_id=order.pk)
        order.service_code = website.service_code = code


APPROVALS = {
    OrderType.FIRST_FILING: _approve_new_website,
    OrderType.ADD_WEBSITE: _approve_new_website,
    OrderType.TRANSFER_IN: _approve_takeover,
    OrderType.CLAIM: _approve_takeover,
    OrderType.CHANGE: _approve_change,
    OrderType.CANCEL_WEBSITE: _approve_cancel_website,
    OrderType.CANCEL_ACCESS: _approve_cancel_access,
    OrderType.CANCEL_SUBJECT: _approve_cancel_subject,
    OrderType.ADD_APP: _approve_new_website,
    OrderType.CANCEL_APP: _approve_cancel_website,
}
