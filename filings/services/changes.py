"""Change orders, complete (SPEC 3.13): cleaning what a change asks, its pre-check on creation
and on correction (``PATCH`` of a draft or returned change), what submitting it needs, and what
its approval writes. The decisions are ``filings.change_rules``' (pure); the facts come from
``filings.selectors.change_facts``."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from icpconsole.core import clock
from icpconsole.core.audit import audit_record

from .. import change_rules, refusals
from ..models import FilingAction, FilingOrder, OrderType, RegistryRecord, Subject, Website
from ..precheck import Leader
from ..selectors import change_facts
from .cleaning import clean_text
from .loop import touch
from .materials import EDITABLE_STAGES, clean_address, clean_leader, clean_material_text
from .stages import check_writer, lock_order

# A website may also be rebound to another instance of the account (SPEC 3.10): ``instance_id``
# (a code is applied for, as the wizard does) or ``service_code`` (an unused code of one).
REBIND_FIELDS = frozenset({"instance_id", "service_code"})
WEBSITE_FIELDS = frozenset({"name", "ecommerce"}) | change_rules.CONTENT_FIELDS | REBIND_FIELDS
ALLOWED = {
    change_rules.SUBJECT: change_rules.SUBJECT_FIELDS,
    change_rules.WEBSITE: WEBSITE_FIELDS,
    change_rules.APP: change_rules.APP_FIELDS,
}


def clean_changes(changes, allowed: frozenset[str]) -> dict:
    """The changes typed and trimmed; ``contacts`` is kept apart (``with_contacts`` folds it into
    the leader once the target's leader is known)."""
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
    if "address" in changes:
        cleaned["address"] = clean_address(changes["address"], field="changes.address")
    if "leader" in changes:
        leader = clean_leader(changes["leader"], field="changes.leader")
        if leader is None:
            raise refusals.LEADER_INVALID(field="changes.leader")
        cleaned["leader"] = leader.as_dict()
    if "contacts" in changes:
        cleaned["contacts"] = _clean_contacts(changes["contacts"])
    for key, length in (("content_category", 16), ("pre_approval_number", 64)):
        if key in changes:
            cleaned[key] = clean_material_text(changes[key], field=f"changes.{key}", max_length=length)
    cleaned.update(_clean_rebind(changes))
    return cleaned


def _clean_contacts(value) -> dict:
    if not isinstance(value, dict) or not value or set(value) - set(change_rules.CONTACT_KEYS):
        raise refusals.LEADER_INVALID(field="changes.contacts")
    if any(not isinstance(text, str) or len(text) > 254 for text in value.values()):
        raise refusals.LEADER_INVALID(field="changes.contacts")
    return {key: text.strip() for key, text in value.items()}


def _clean_rebind(changes: dict) -> dict:
    rebind = {key: changes[key] for key in REBIND_FIELDS & set(changes)}
    if not rebind:
        return {}
    given = {key: value.strip() for key, value in rebind.items() if isinstance(value, str)}
    given = {key: value for key, value in given.items() if value}
    if len(given) != 1 or len(rebind) != 1:
        raise refusals.REBIND_INSTANCE_INVALID(field="changes.instance_id")
    return given


def with_contacts(cleaned: dict, current_leader: dict) -> dict:
    """``contacts`` (the leader's mobile and e-mail) folded into the leader the change names, or
    into the leader on file: the order keeps the leader as it will be."""
    contacts = cleaned.pop("contacts", None)
    if contacts is None:
        return cleaned
    base = cleaned.get("leader") or (current_leader if isinstance(current_leader, dict) else {})
    if not Leader.from_dict(base):
        raise refusals.LEADER_INVALID(field="changes.contacts")
    cleaned["leader"] = {**Leader.from_dict(base).as_dict(), **contacts}
    return cleaned


def leader_fields(target: str, cleaned: dict) -> dict:
    """The order's leader columns for a change naming a leader: the verification's link and the
    SMS go to the new leader's mobile (``phone.sms_recipient``)."""
    if "leader" not in cleaned:
        return {}
    if target == change_rules.SUBJECT:
        return {"subject_leader": cleaned["leader"]}
    return {"website_leader": cleaned["leader"], "website_leader_is_subject_leader": False}


def target_of(order: FilingOrder) -> str:
    if order.website_id is None:
        return change_rules.SUBJECT
    return change_rules.APP if order.website.is_app else change_rules.WEBSITE


def check_change(order: FilingOrder, changes: dict | None = None, *, now) -> None:
    """The change's pre-check (``FILING_CHECK_FAILED`` with every reason)."""
    check_or_refuse_reasons(change_rules.change_reasons(change_facts(order, changes=changes, now=now)))


def check_or_refuse_reasons(reasons) -> None:
    if reasons:
        raise refusals.FILING_CHECK_FAILED(extra={"reasons": reasons})


def check_change_complete(order: FilingOrder) -> None:
    """What submitting a change needs (SPEC 3.13): the pre-check again, then the proof of a new
    name, a new leader's ID card and the authenticity verification (``FILING_INCOMPLETE``)."""
    now = clock.now()
    facts = change_facts(order, now=now)
    check_or_refuse_reasons(change_rules.change_reasons(facts))
    missing = change_rules.change_missing(facts)
    if missing:
        raise refusals.FILING_INCOMPLETE(extra={"reasons": missing})


def change_failures(order: FilingOrder, *, now) -> list:
    """What the automatic reviewer finds wrong with a change order now."""
    facts = change_facts(order, now=now)
    return change_rules.change_reasons(facts) + change_rules.change_missing(facts)


def filing_change_update(*, actor, order_id, changes) -> FilingOrder:
    """Correct a draft or returned change order (``PATCH`` with ``changes``, SPEC 3.12): the fields
    given replace the order's; a rebinding stays as created (it holds its service code)."""
    from .verification import leader_identity, verification_reset

    check_writer(actor)
    with transaction.atomic():
        order = lock_order(order_id, account=actor.owner_account)
        if order.type != OrderType.CHANGE:
            raise refusals.PATCH_FIELD_INVALID(
                field="changes", fields="changes", allowed="subject, website, app"
            )
        if order.status not in EDITABLE_STAGES:
            raise refusals.ORDER_NOT_DRAFT(id=order.pk, status=order.get_status_display())
        target = target_of(order)
        cleaned = clean_changes(changes, ALLOWED[target] - REBIND_FIELDS - {"ecommerce"})
        current = order.subject.leader if target == change_rules.SUBJECT else order.website.leader
        merged = {**order.changes, **with_contacts(cleaned, current)}
        now = clock.now()
        check_change(order, merged, now=now)
        identity = leader_identity(order)
        order.changes = merged
        fields = leader_fields(target, merged)
        for name, value in fields.items():
            setattr(order, name, value)
        order.updated_time = now
        reset = verification_reset(order, actor=actor, now=now) if leader_identity(order) != identity else []
        order.save(update_fields=["changes", *fields, "updated_time", *touch(order, now=now), *reset])
        audit_record(
            actor=actor,
            account=order.account,
            action=FilingAction.UPDATE,
            target=order,
            at=now,
            details={"fields": sorted(f"changes.{key}" for key in cleaned)},
        )
    return order


def apply_subject_changes(subject: Subject, changes: dict) -> None:
    """An approved subject change: its name (the registry's records too), address and leader."""
    fields = [key for key in ("name", "address", "leader") if key in changes]
    for key in fields:
        setattr(subject, key, changes[key])
    if fields:
        subject.save(update_fields=fields)
    if "name" in changes:
        RegistryRecord.objects.filter(subject_icp_number=subject.icp_number).update(subject_name=subject.name)


def apply_website_changes(website: Website, changes: dict) -> None:
    """An approved website or app change (saved by the caller; the public record reads the
    website's name from it)."""
    for key in ("name", "ecommerce", "leader", "content_category", "pre_approval_number"):
        if key in changes:
            setattr(website, key, changes[key])
