"""Changes and cancellations of a filed subject or website: the filing password first."""

from __future__ import annotations

from django.utils.translation import gettext as _

from icpconsole.core import clock
from servicecodes import refusals as code_refusals
from servicecodes.models import ServiceCode

from ... import precheck, refusals
from ...models import (
    FilingOrder,
    OrderType,
    ServiceType,
    Subject,
    SubjectStatus,
    Website,
    WebsiteStatus,
)
from .._common import (
    check_filing_password,
    clean_text,
    lock_subject,
)
from ._orders import NewWebsite, check_no_open_order, new_order
from .new_websites import obtain_code

# needs its commercial license). The domain, kind, certificate and province are the filing
# itself: changing them is a new filing.
CHANGEABLE_SUBJECT_FIELDS = frozenset({"name"})
# A website may also be rebound to another instance of the account (SPEC 3.10): ``instance_id``
# (a code is applied for, as the wizard does) or ``service_code`` (an unused code of one).
REBIND_FIELDS = frozenset({"instance_id", "service_code"})
CHANGEABLE_WEBSITE_FIELDS = frozenset({"name", "ecommerce"}) | REBIND_FIELDS


def change(*, actor, icp_password: str, changes, subject_id=None, website_id=None) -> FilingOrder:
    # The request is checked before anything is looked up: a bad field is a 400 whatever the id.
    allowed = CHANGEABLE_WEBSITE_FIELDS if website_id is not None else CHANGEABLE_SUBJECT_FIELDS
    cleaned = clean_changes(changes, allowed)
    subject, website = target(actor, subject_id=subject_id, website_id=website_id)
    check_filing_password(subject, icp_password)
    subject = lock_subject(subject.pk)
    check_target_state(subject, website)
    if cleaned.get("ecommerce") and not website.commercial_license:
        raise refusals.COMMERCIAL_LICENSE_REQUIRED()
    if website is not None and "name" in cleaned:
        # SPEC 3.9: a change order checks what it changes (the domain stays: no domain checks).
        reasons = precheck.website_name_reasons(
            cleaned["name"], subject_kind=subject.kind, target=website.domain
        )
        if reasons:
            raise refusals.FILING_CHECK_FAILED(extra={"reasons": reasons})
    check_no_open_order(subject)
    code = None
    if REBIND_FIELDS & set(cleaned):
        code = rebind_code(actor, cleaned)
        cleaned.update(instance_id=code.instance.instance_id, service_code=code.code)
    return new_order(
        actor, OrderType.CHANGE, subject=subject, website=website, changes=cleaned, code=code, now=clock.now()
    )


def rebind_code(actor, cleaned: dict) -> ServiceCode:
    """The code a rebinding change will hold in ``filing`` (SPEC 3.7's code effects): applied for
    on the named instance, or the entered unused code, whose instance must be the account's
    (another account's is a 404, as everywhere)."""
    code = obtain_code(
        actor,
        NewWebsite(
            domain="",
            name="",
            instance_id=cleaned.get("instance_id", ""),
            service_code=cleaned.get("service_code", ""),
        ),
    )
    if code.instance.owner_id != actor.owner_account.pk:
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


def target(actor, *, subject_id=None, website_id=None) -> tuple[Subject, Website | None]:
    account = actor.owner_account
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


def clean_changes(changes, allowed: frozenset[str]) -> dict:
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
    rebind = {key: changes[key] for key in REBIND_FIELDS & set(changes)}
    if rebind:
        given = {key: value.strip() for key, value in rebind.items() if isinstance(value, str)}
        given = {key: value for key, value in given.items() if value}
        if len(given) != 1 or len(rebind) != 1:
            raise refusals.REBIND_INSTANCE_INVALID(field="changes.instance_id")
        cleaned.update(given)
    return cleaned
