"""Moving filing orders through their stages (SPEC 3.7, seed 004), and what approval does.

``draft`` -(account submits)-> ``submitted`` (the provider's initial review) -(staff approve)->
``pending_sms`` (a 6-digit code on the account's simulated phone, valid 24 hours of simulated
time) -(account enters it)-> ``bureau_review`` -(staff approve)-> ``approved``. Staff may reject in
either review; the account may abandon until the bureau has the order; five wrong SMS codes
reject it. ``models.TRANSITIONS`` is the table; every move goes through ``_common.move``.

Decisions:

* An expired SMS code is refused (``SMS_CODE_EXPIRED``) and does not count as a failure; the
  account asks for a fresh one (``filing_resend_sms``), which restarts the 24 hours and keeps the
  failure count. Staff cannot resend.
* Refusing an order (rejection, abandonment, five wrong codes) returns its service code from
  ``filing`` to ``unused`` and withdraws a subject that came into being with the order, freeing
  the account to file again.
* Approval effects: a first filing issues the subject's ICP number and filing password (to the
  phone, ``filing_password``); a new website is numbered ``<subject>-N`` with N never reused; the
  code becomes ``used`` carrying the website's number; the registry records it. Cancellations end
  the filing (``cancel_website``: the website and its registry record cancelled;
  ``cancel_subject``: every website of the subject too, and the subject), or only its link to this
  provider (``cancel_access``: the MIIT number stays valid, with no access provider); each makes
  the website's code ``deleted`` for ever (its quota slot is never returned) and a cancelled
  filing loses its commercial license.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_noop

from icpconsole.core import clock
from icpconsole.core.audit import audit_record
from servicecodes.models import CodeStatus
from servicecodes.services import (
    service_code_consume,
    service_code_delete,
    service_code_lock,
    service_code_release,
)

from .. import refusals, rules
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
    Stage,
    Subject,
    SubjectStatus,
    Website,
    WebsiteStatus,
)
from ..selectors import domain_facts
from ._common import (
    check_staff,
    check_writer,
    generate_filing_password,
    hash_filing_password,
    lock_order,
    move,
    send_message,
    send_sms_code,
    sms_code_matches,
    stage_error,
)
from .materials import check_complete
from .registry import NUMBER_ATTEMPTS, issue_subject_number, registry_record_issue, website_seq

DECISIONS = ("approve", "reject")
MAX_REASON_LENGTH = 500


# --- the account's moves -----------------------------------------------------------------------


def filing_submit(*, actor, order_id) -> FilingOrder:
    """draft -> submitted: the order goes to the provider's initial review."""
    check_writer(actor)
    with transaction.atomic():
        order = lock_order(order_id, account=actor.owner_account)
        if order.status == Stage.DRAFT:
            # SPEC 3.9: a new website's application passes the pre-check and is complete.
            check_complete(order)
        move(order, to=Stage.SUBMITTED, actor=actor, now=clock.now())
    return order


def filing_abandon(*, actor, order_id) -> FilingOrder:
    """Withdraw an order before the bureau has it; its code returns to ``unused``."""
    check_writer(actor)
    with transaction.atomic():
        order = lock_order(order_id, account=actor.owner_account)
        now = clock.now()
        move(order, to=Stage.ABANDONED, actor=actor, now=now)
        _refuse_effects(order, actor=actor, now=now)
    return order


def filing_verify_sms(*, actor, order_id, code: str) -> FilingOrder:
    """pending_sms -> bureau_review with the right code. A wrong code counts (the fifth rejects
    the order, ``SMS_CODE_INVALID`` with ``attempts_left`` 0 and ``order_status`` ``rejected``);
    an expired one is refused without counting (``SMS_CODE_EXPIRED``)."""
    check_writer(actor)
    with transaction.atomic():
        order = lock_order(order_id, account=actor.owner_account)
        if order.status != Stage.PENDING_SMS:
            raise stage_error(order, Stage.BUREAU_REVIEW)
        now = clock.now()
        if rules.sms_code_expired(order.sms_expires_time, now):
            raise refusals.SMS_CODE_EXPIRED()
        if isinstance(code, str) and sms_code_matches(order, code.strip()):
            order.sms_code_hash = ""
            move(order, to=Stage.BUREAU_REVIEW, actor=actor, now=now)
            return order
        order.sms_failures += 1
        if rules.sms_attempts_left(order.sms_failures) == 0:
            order.sms_code_hash = ""
            order.reason = gettext_noop("The SMS code was entered wrongly too many times.")
            move(order, to=Stage.REJECTED, actor=actor, now=now, note=order.reason)
            _refuse_effects(order, actor=actor, now=now)
        else:
            order.save(update_fields=["sms_failures"])
        audit_record(
            actor=actor,
            account=order.account,
            action=FilingAction.SMS_WRONG_CODE,
            target=order,
            at=now,
            details={"failures": order.sms_failures},
        )
    # Raised after the transaction: the failure is counted (and a fifth rejects the order).
    raise refusals.SMS_CODE_INVALID(
        field="code",
        extra={"attempts_left": rules.sms_attempts_left(order.sms_failures), "order_status": order.status},
    )


def filing_resend_sms(*, actor, order_id) -> FilingOrder:
    """A fresh SMS code for an order waiting for one, valid 24 hours from now; failures are kept."""
    check_writer(actor)
    with transaction.atomic():
        order = lock_order(order_id, account=actor.owner_account)
        if order.status != Stage.PENDING_SMS:
            raise stage_error(order, Stage.PENDING_SMS)
        now = clock.now()
        send_sms_code(order, now=now)
        order.updated_time = now
        order.save(update_fields=["sms_code_hash", "sms_expires_time", "updated_time"])
        audit_record(actor=actor, account=order.account, action=FilingAction.SMS_RESEND, target=order, at=now)
    return order


# --- staff -------------------------------------------------------------------------------------


def filing_review(*, actor, order_id, decision: str, reason: str = "") -> FilingOrder:
    """Staff decide whichever review the order is in: initial review (``submitted``: approve sends
    the SMS code) or the bureau's (``bureau_review``: approve files it). Reject ends it."""
    check_staff(actor)
    if decision not in DECISIONS:
        raise refusals.DECISION_INVALID(field="decision")
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON_LENGTH:
        raise refusals.REASON_INVALID(field="reason")
    with transaction.atomic():
        order = lock_order(order_id)
        if order.status not in rules.REVIEW_STAGES:
            raise stage_error(order, Stage.PENDING_SMS if decision == "approve" else Stage.REJECTED)
        now = clock.now()
        if decision == "reject":
            order.reason = reason or gettext_noop("Rejected by the reviewer.")
            move(order, to=Stage.REJECTED, actor=actor, now=now, note=order.reason)
            _refuse_effects(order, actor=actor, now=now)
        elif order.status == Stage.SUBMITTED:
            send_sms_code(order, now=now)
            move(order, to=Stage.PENDING_SMS, actor=actor, now=now, note=reason)
        else:
            _APPROVALS[order.type](order, actor=actor, now=now)
            move(order, to=Stage.APPROVED, actor=actor, now=now, note=reason)
    return order


# --- effects -----------------------------------------------------------------------------------


def _refuse_effects(order: FilingOrder, *, actor, now) -> None:
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
    """first_filing and add_website."""
    subject = order.subject
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
        action=FilingAction.WEBSITE_FILE,
        target=website,
        at=now,
        details={"order_id": order.pk, "icp_number": website.icp_number, "domain": website.domain},
    )


def _file_new_website(order: FilingOrder, *, actor, now) -> Website:
    subject = order.subject
    if order.type == OrderType.FIRST_FILING:
        subject.icp_number = issue_subject_number(province=subject.province, now=now)
        if rules.issues_filing_password(order_type=order.type, creates_subject=order.creates_subject):
            _issue_password(subject, order=order, now=now)
        _set_subject_status(
            subject, SubjectStatus.ACTIVE, actor=actor, now=now, order=order, icp_number=subject.icp_number
        )
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
        leader=(order.subject_leader or subject.leader)
        if order.website_leader_is_subject_leader
        else order.website_leader,
        seq=subject.website_seq,
        icp_number=f"{subject.icp_number}-{subject.website_seq}",
        instance=order.instance,
        service_code=order.service_code,
        status=WebsiteStatus.ACTIVE,
        created_time=now,
        status_time=now,
    )
    registry_record_issue(website=website, now=now)
    return website


def _approve_takeover(order: FilingOrder, *, actor, now) -> None:
    """transfer_in and claim: a filing made elsewhere comes to this provider."""
    record = RegistryRecord.objects.select_for_update(of=("self",)).get(pk=order.registry_record_id)
    if record.status != RegistryStatus.VALID or record.access_provider == ALIBABA_CLOUD:
        raise refusals.REGISTRY_RECORD_CHANGED(domain=record.domain)
    subject = order.subject
    if order.creates_subject:
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
    numbers = RegistryRecord.objects.filter(subject_icp_number=record.subject_icp_number).values_list(
        "icp_number", flat=True
    )
    subject.website_seq = max([subject.website_seq, *(website_seq(n) for n in numbers)])
    subject.save(update_fields=["website_seq"])

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
    website.save()
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


def _approve_change(order: FilingOrder, *, actor, now) -> None:
    changes = order.changes
    if order.website_id:
        website = Website.objects.select_for_update().get(pk=order.website_id)
        if website.status != WebsiteStatus.ACTIVE:
            raise refusals.WEBSITE_NOT_ACTIVE(domain=website.domain, status=website.get_status_display())
        if changes.get("ecommerce") and not website.commercial_license:
            raise refusals.COMMERCIAL_LICENSE_REQUIRED()
        for field in ("name", "ecommerce"):
            if field in changes:
                setattr(website, field, changes[field])
        website.save()
        target = website
    else:
        subject = order.subject
        if "name" in changes:
            subject.name = changes["name"]
            subject.save(update_fields=["name"])
            RegistryRecord.objects.filter(subject_icp_number=subject.icp_number).update(
                subject_name=subject.name
            )
        target = subject
    audit_record(
        actor=actor,
        account=order.account,
        action=FilingAction.CHANGE_APPLY,
        target=target,
        at=now,
        details={"order_id": order.pk, "changes": changes},
    )


def _end_website(website: Website, *, to: str, actor, order: FilingOrder, now) -> None:
    """Cancel a website's filing (``cancelled``) or only its access here (``access_cancelled``).
    Its code becomes ``deleted`` for ever either way."""
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
            service_code_delete(code=code, actor=actor, order_id=order.pk)
        website.service_code = code
    records = RegistryRecord.objects.filter(icp_number=website.icp_number, status=RegistryStatus.VALID)
    if to == WebsiteStatus.CANCELLED:
        records.update(status=RegistryStatus.CANCELLED, status_time=now)
    else:
        # The MIIT number stays valid; it is simply not served by any provider for now.
        records.update(access_provider="", status_time=now)
    audit_record(
        actor=actor,
        account=order.account,
        action=WEBSITE_END_ACTIONS[to],
        target=website,
        at=now,
        details={"from": before, "to": to, "order_id": order.pk},
    )


def _approve_cancel_website(order: FilingOrder, *, actor, now) -> None:
    website = _lock_active_website(order)
    _end_website(website, to=WebsiteStatus.CANCELLED, actor=actor, order=order, now=now)


def _approve_cancel_access(order: FilingOrder, *, actor, now) -> None:
    website = _lock_active_website(order)
    _end_website(website, to=WebsiteStatus.ACCESS_CANCELLED, actor=actor, order=order, now=now)


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
        _end_website(website, to=WebsiteStatus.CANCELLED, actor=actor, order=order, now=now)
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


_APPROVALS = {
    OrderType.FIRST_FILING: _approve_new_website,
    OrderType.ADD_WEBSITE: _approve_new_website,
    OrderType.TRANSFER_IN: _approve_takeover,
    OrderType.CLAIM: _approve_takeover,
    OrderType.CHANGE: _approve_change,
    OrderType.CANCEL_WEBSITE: _approve_cancel_website,
    OrderType.CANCEL_ACCESS: _approve_cancel_access,
    OrderType.CANCEL_SUBJECT: _approve_cancel_subject,
}
