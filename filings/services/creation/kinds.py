"""One row per order type (issue 22): its input, how its would-be order is pre-checked and how
it is created. ``filing_create`` and ``filing_precheck`` read this table and nothing else, so a
new order type is one input class and one row."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, fields
from typing import Any

from ... import refusals
from ...models import FilingOrder
from ...precheck import FilingFacts
from ..materials import clean_materials
from . import inputs
from .amendments import cancel_creator, change
from .new_apps import add_app, add_app_facts, cancel_app, first_filing_app_facts
from .new_websites import add_website, add_website_facts, clean_new_website, first_filing, first_filing_facts
from .takeovers import claim, transfer_in, transfer_in_record


@dataclass(frozen=True)
class OrderKind:
    """``create`` makes the draft (inside ``filing_create``'s transaction, refusing with nothing
    written); ``facts`` are the pre-check's facts of the would-be order, or None when the type
    has no new website or app to check (its input is judged as create would, all the same)."""

    input: type[inputs.OrderInput]
    create: Callable[[Any, Any], FilingOrder]
    facts: Callable[[Any, Any], FilingFacts | None]


def _first_filing_facts(actor, order: inputs.FirstFiling) -> FilingFacts:
    if (order.app is None) == (order.website is None):
        raise refusals.WEBSITE_OR_APP_REQUIRED(field="website")
    if order.app is not None:
        *_, facts = first_filing_app_facts(
            actor=actor, subject=order.subject, app=order.app, require_proof=False
        )
    else:
        *_, facts = first_filing_facts(
            actor=actor, subject=order.subject, website=order.website, require_proof=False
        )
    return facts


def _add_website_facts(actor, order: inputs.AddWebsite) -> FilingFacts:
    *_, facts = add_website_facts(
        actor=actor, website=order.website, subject=order.subject, require_proof=False, lock=False
    )
    return facts


def _add_app_facts(actor, order: inputs.AddApp) -> FilingFacts:
    *_, facts = add_app_facts(
        actor=actor, app=order.app, subject=order.subject, require_proof=False, lock=False
    )
    return facts


def _transfer_in_facts(actor, order: inputs.TransferIn) -> None:
    # No new website's checks (the filing exists), but the input is judged as create would, and
    # the record to take by the same rule as create (the filing password aside).
    site = clean_new_website(order.website, require_proof=False)
    clean_materials(order.website)
    transfer_in_record(domain=site.domain, icp_number=order.icp_number)


def _nothing_to_check(actor, order) -> None:
    return None


def _cancel(order_type):
    creator = cancel_creator(order_type)
    return lambda actor, order: creator(
        actor=actor,
        icp_password=order.icp_password,
        subject_id=getattr(order, "subject_id", None),
        website_id=getattr(order, "website_id", None),
    )


KINDS: dict[str, OrderKind] = {
    kind.input.type: kind
    for kind in (
        OrderKind(
            inputs.FirstFiling,
            create=lambda actor, o: first_filing(
                actor=actor, subject=o.subject, website=o.website, app=o.app
            ),
            facts=_first_filing_facts,
        ),
        OrderKind(
            inputs.AddWebsite,
            create=lambda actor, o: add_website(actor=actor, website=o.website, subject=o.subject),
            facts=_add_website_facts,
        ),
        OrderKind(
            inputs.AddApp,
            create=lambda actor, o: add_app(actor=actor, app=o.app, subject=o.subject),
            facts=_add_app_facts,
        ),
        OrderKind(
            inputs.TransferIn,
            create=lambda actor, o: transfer_in(
                actor=actor, icp_number=o.icp_number, icp_password=o.icp_password, website=o.website
            ),
            facts=_transfer_in_facts,
        ),
        OrderKind(
            inputs.Claim,
            create=lambda actor, o: claim(
                actor=actor, certificate_number=o.certificate_number, domain=o.domain, icp_number=o.icp_number
            ),
            facts=_nothing_to_check,
        ),
        OrderKind(
            inputs.Change,
            create=lambda actor, o: change(
                actor=actor,
                icp_password=o.icp_password,
                changes=o.changes,
                subject_id=o.subject_id,
                website_id=o.website_id,
                app_id=o.app_id,
            ),
            facts=_nothing_to_check,
        ),
        OrderKind(inputs.CancelSubject, create=_cancel(inputs.CancelSubject.type), facts=_nothing_to_check),
        OrderKind(inputs.CancelWebsite, create=_cancel(inputs.CancelWebsite.type), facts=_nothing_to_check),
        OrderKind(inputs.CancelAccess, create=_cancel(inputs.CancelAccess.type), facts=_nothing_to_check),
        OrderKind(
            inputs.CancelApp,
            create=lambda actor, o: cancel_app(actor=actor, icp_password=o.icp_password, app_id=o.app_id),
            facts=_nothing_to_check,
        ),
    )
}


def order_kind(order_type) -> OrderKind:
    """The row of ``order_type``; ``ORDER_TYPE_INVALID`` for anything else (a list or an object
    names no type either)."""
    kind = KINDS.get(order_type) if isinstance(order_type, str) else None
    if kind is None:
        raise refusals.ORDER_TYPE_INVALID(field="type", type=order_type)
    return kind


def order_input(body: Mapping[str, Any]) -> inputs.OrderInput:
    """The input a request body describes (the API's validated data): its ``type`` picks the
    class, whose fields are read from the body; a missing optional field takes its default
    (``ORDER_FIELD_REQUIRED`` for a required one), and keys that are not the type's are left out,
    as the API's serializers leave them."""
    klass = order_kind(body.get("type")).input
    given = {field.name: body[field.name] for field in fields(klass) if field.name in body}
    for field in fields(klass):
        if field.name not in given and field.default is MISSING:
            raise refusals.ORDER_FIELD_REQUIRED(field=field.name, name=field.name, type=klass.type)
    return klass(**given)
