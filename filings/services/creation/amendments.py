"""Changes and cancellations of a filed subject or website: the filing password first."""

from __future__ import annotations

from icpconsole.core import clock
from servicecodes import refusals as code_refusals
from servicecodes.models import ServiceCode

from ... import change_rules, refusals
from ...models import (
    FilingOrder,
    OrderType,
    ServiceType,
    Subject,
    SubjectStatus,
    Website,
    WebsiteStatus,
)
from ...selectors import change_facts
from ..changes import (
    ALLOWED,
    REBIND_FIELDS,
    check_or_refuse_reasons,
    clean_changes,
    leader_fields,
    with_contacts,
)
from ..passwords import check_filing_password
from ..stages import lock_subject
from ._orders import NewWebsite, check_no_open_order, new_order
from .new_websites import obtain_code


def change(
    *, actor, icp_password: str, changes, subject_id=None, website_id=None, app_id=None
) -> FilingOrder:
    """A change order (SPEC 3.7, 3.13): the subject's name, address, leader and contacts; a
    website's name, leader, content category, pre-approval number, e-commerce flag and instance;
    an app's leader, content category and pre-approval number. The domain, kind, certificate and
    province are the filing itself: changing them is a new filing."""
    # The request is checked before anything is looked up: a bad field is a 400 whatever the id.
    kind = change_target_kind(subject_id=subject_id, website_id=website_id, app_id=app_id)
    cleaned = clean_changes(changes, ALLOWED[kind])
    subject, website = target(actor, subject_id=subject_id, website_id=website_id, app_id=app_id)
    check_filing_password(subject, icp_password)
    subject = lock_subject(subject.pk)
    check_target_state(subject, website)
    if cleaned.get("ecommerce") and not website.commercial_license:
        raise refusals.COMMERCIAL_LICENSE_REQUIRED()
    cleaned = with_contacts(cleaned, subject.leader if website is None else website.leader)
    # SPEC 3.9, 3.13: a change order checks what it changes (the domain stays: no domain checks).
    draft = FilingOrder(subject=subject, website=website, changes=cleaned)
    check_or_refuse_reasons(change_rules.change_reasons(change_facts(draft, now=clock.now())))
    check_no_open_order(subject)
    code = None
    if REBIND_FIELDS & set(cleaned):
        code = rebind_code(actor, cleaned, website=website)
        cleaned.update(instance_id=code.instance.instance_id, service_code=code.code)
    return new_order(
        actor,
        OrderType.CHANGE,
        subject=subject,
        website=website,
        changes=cleaned,
        code=code,
        now=clock.now(),
        materials=leader_fields(kind, cleaned),
    )


def change_target_kind(*, subject_id=None, website_id=None, app_id=None) -> str:
    given = [
        kind
        for kind, value in (
            (change_rules.SUBJECT, subject_id),
            (change_rules.WEBSITE, website_id),
            (change_rules.APP, app_id),
        )
        if value is not None
    ]
    if len(given) != 1:
        raise refusals.CHANGE_TARGET_REQUIRED(field="subject_id")
    return given[0]


def rebind_code(actor, cleaned: dict, *, website=None) -> ServiceCode:
    """The code a rebinding change will hold in ``filing`` (SPEC 3.7's code effects): applied for
    on the named instance, or the entered unused code, whose instance must be the account's
    (another account's is a 404, as everywhere). Tencent (SPEC 3.14): the website's own approved
    code may be named again; it stays ``used`` and the website stays where it is."""
    code = obtain_code(
        actor,
        NewWebsite(
            domain="",
            name="",
            instance_id=cleaned.get("instance_id", ""),
            service_code=cleaned.get("service_code", ""),
        ),
        website=website,
    )
    own_code = website is not None and website.service_code_id == code.pk
    if not own_code and code.instance.owner_id != actor.owner_account.pk:
        raise code_refusals.SERVICE_CODE_NOT_FOUND(code=code.code)
    return code


def cancel_creator(order_type):
    def create(*, actor, icp_password: str, subject_id=None, website_id=None) -> FilingOrder:
        if order_type == OrderType.CANCEL_SUBJECT:
            if subject_id is None:
                raise refusals.SUBJECT_ID_REQUIRED(field="subject_id")
            subject, website = target(actor, subject_id=subject_id)
        else:
            if website_id is None:
                raise refusals.WEBSITE_ID_REQUIRED(field="website_id")
            subject, website = target(actor, website_id=website_id)
        check_filing_password(subject, icp_password)
        subject = lock_subject(subject.pk)
        check_target_state(subject, website)
        check_no_open_order(subject)
        return new_order(actor, order_type, subject=subject, website=website, now=clock.now())

    return create


def target(actor, *, subject_id=None, website_id=None, app_id=None) -> tuple[Subject, Website | None]:
    account = actor.owner_account
    if app_id is not None and subject_id is None and website_id is None:
        app = (
            Website.objects.select_related("subject")
            .filter(pk=app_id, subject__account=account, service_type=ServiceType.APP)
            .first()
        )
        if app is None:
            raise refusals.APP_NOT_FOUND(id=app_id)
        return app.subject, app
    if (subject_id is None) == (website_id is None):
        raise refusals.CHANGE_TARGET_REQUIRED(field="subject_id")
    if website_id is not None:
        website = (
            Website.objects.select_related("subject", "service_code")
            .filter(pk=website_id, subject__account=account, service_type=ServiceType.WEBSITE)
            .first()
        )
        if website is None:
            raise refusals.WEBSITE_NOT_FOUND(id=website_id)
        return website.subject, website
    subject = Subject.objects.filter(pk=subject_id, account=account).first()
    if subject is None:
        raise refusals.SUBJECT_NOT_FOUND(id=subject_id)
    return subject, None


def check_target_state(subject: Subject, website: Website | None) -> None:
    if subject.status != SubjectStatus.ACTIVE:
        raise refusals.SUBJECT_NOT_FILED()
    if website is not None:
        website.refresh_from_db(fields=["status", "commercial_license", "ecommerce"])
        if website.status != WebsiteStatus.ACTIVE:
            raise refusals.WEBSITE_NOT_ACTIVE(domain=website.domain, status=website.get_status_display())
