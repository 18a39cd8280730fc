"""Creating filing orders (SPEC 3.7, 4.2; seeds 003 and 004). Every order starts in ``draft``.

Rules checked here, each refused with a clear code and nothing changed:

* ``first_filing``: one live subject per account (``SUBJECT_EXISTS``); the subject is created
  ``pending`` with the order and gets its ICP number when the order is approved.
* ``add_website``: the account's subject must be filed (``SUBJECT_NOT_FILED``), or, for an
  account without a subject, ``subject.certificate_number`` names a subject the MIIT registry
  holds from another provider (SPEC 3.13): it comes here ``pending`` with the order and keeps its
  number; the new website or app gets the registry's next ``-N``.
* Apps (SPEC 3.11, ``new_apps``): a first filing may carry ``app`` instead of ``website``;
  ``add_app`` adds one to the filed subject, ``cancel_app`` cancels one (filing password first).
* ``transfer_in``: a filing made with another provider, named by its ICP number (the subject's or
  the website's) and the domain, proved by its filing password (``ICP_RECORD_NOT_FOUND``,
  ``FILING_PASSWORD_INVALID``). It moves that subject (created here ``pending``, or the caller's
  subject if it already holds that number) and that one website to this provider.
* ``claim``: a HiChina filing from before June 2010, named by its domain (or website number) and
  proved by the subject's certificate number (``CERTIFICATE_NUMBER_MISMATCH``,
  ``CLAIM_NOT_ELIGIBLE``). Decision: a claim needs no service code (the filing is already served
  here through HiChina), and its approval issues a fresh filing password, since legacy filings
  have none.
* ``change``, ``cancel_subject``, ``cancel_website``, ``cancel_access``: the filing password is
  checked first (``FILING_PASSWORD_INVALID``, no order); the subject must be filed and the website
  active.
* Every type: one open order per subject (``ORDER_ALREADY_OPEN``); a new website's domain is well
  formed (``DOMAIN_INVALID``), not the domain of a website here, not filed in the registry
  (``DOMAIN_ALREADY_FILED``) and not proposed by another open order (``DOMAIN_IN_OPEN_ORDER``).
* Service code (first filing, add website, transfer-in): either a code obtained beforehand,
  possibly by another account (that is what codes are for; ``SERVICE_CODE_NOT_FOUND``,
  ``SERVICE_CODE_FILING``, ``SERVICE_CODE_USED``, ``SERVICE_CODE_DELETED``), or, recommended, an
  instance of the caller's for which the wizard applies for one (same quota, same
  ``NOT_ELIGIBLE`` reasons, seed 003). Either way the code moves to ``filing`` with the order.

The checks run under a lock on the subject and the code; the partial unique constraints on open
orders and live subjects back them. If a racing request slips past the checks, the constraint
refuses the insert and the creation is retried once, when the checks see the winner and name the
rule.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from ... import refusals
from ...models import FilingOrder, OrderType
from .._common import check_writer
from ..materials import clean_materials
from .amendments import cancel_creator, change
from .new_apps import add_app, add_app_facts, cancel_app, first_filing_app_facts
from .new_websites import add_website, add_website_facts, clean_new_website, first_filing, first_filing_facts
from .takeovers import claim, transfer_in, transfer_in_record

# --- entry points ------------------------------------------------------------------------------


def filing_create(*, actor, type: str, **fields) -> FilingOrder:  # noqa: A002 - the API's field name
    """Create a filing order of ``type`` in ``draft``; ``fields`` are that type's (SPEC 4.2)."""
    creator = _CREATORS.get(type)
    if creator is None:
        raise refusals.ORDER_TYPE_INVALID(field="type", type=type)
    check_writer(actor)
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                return creator(actor=actor, **fields)
        except IntegrityError:
            if attempt == 2:
                raise refusals.CONCURRENT_CHANGE() from None
    raise AssertionError("unreachable")


def filing_precheck(*, actor, type: str, **fields) -> list:  # noqa: A002
    """The pre-check of a would-be order (``POST /api/v1/filings/precheck/``): the same body as
    create, every failing reason out, nothing written. A malformed body or a rule that is not a
    check (``SUBJECT_EXISTS``, ``ORDER_ALREADY_OPEN``) is refused as create would; the service code
    or instance is not needed yet (the wizard asks for the product after the domain). Types
    other than first filing and add website carry no new website: nothing to check."""
    from ...precheck import precheck

    if type not in _CREATORS:
        raise refusals.ORDER_TYPE_INVALID(field="type", type=type)
    if type == OrderType.FIRST_FILING and (fields.get("app") is None) == (fields.get("website") is None):
        raise refusals.WEBSITE_OR_APP_REQUIRED(field="website")
    if type == OrderType.FIRST_FILING and fields.get("app") is not None:
        *_, facts = first_filing_app_facts(
            actor=actor, subject=fields.get("subject"), app=fields.get("app"), require_proof=False
        )
    elif type == OrderType.ADD_APP:
        *_, facts = add_app_facts(
            actor=actor, app=fields.get("app"), subject=fields.get("subject"), require_proof=False, lock=False
        )
    elif type == OrderType.FIRST_FILING:
        *_, facts = first_filing_facts(
            actor=actor, subject=fields.get("subject"), website=fields.get("website"), require_proof=False
        )
    elif type == OrderType.ADD_WEBSITE:
        *_, facts = add_website_facts(
            actor=actor,
            website=fields.get("website"),
            subject=fields.get("subject"),
            require_proof=False,
            lock=False,
        )
    else:
        if type == OrderType.TRANSFER_IN:
            # No new website's checks (the filing exists), but the input is judged as create would,
            # and the record to take by the same rule as create (the filing password aside).
            site = clean_new_website(fields.get("website"), require_proof=False)
            clean_materials(fields.get("website"))
            transfer_in_record(domain=site.domain, icp_number=fields.get("icp_number"))
        return []
    return precheck(facts)


def filing_create_first(*, actor, subject: dict, website: dict) -> FilingOrder:
    return filing_create(actor=actor, type=OrderType.FIRST_FILING, subject=subject, website=website)


def filing_create_first_app(*, actor, subject: dict, app: dict) -> FilingOrder:
    return filing_create(actor=actor, type=OrderType.FIRST_FILING, subject=subject, app=app)


def filing_create_add_app(*, actor, app: dict, subject: dict | None = None) -> FilingOrder:
    return filing_create(actor=actor, type=OrderType.ADD_APP, app=app, subject=subject)


def filing_create_cancel_app(*, actor, icp_password: str, app_id) -> FilingOrder:
    return filing_create(actor=actor, type=OrderType.CANCEL_APP, icp_password=icp_password, app_id=app_id)


def filing_create_add_website(*, actor, website: dict, subject: dict | None = None) -> FilingOrder:
    return filing_create(actor=actor, type=OrderType.ADD_WEBSITE, website=website, subject=subject)


def filing_create_transfer_in(*, actor, icp_number: str, icp_password: str, website: dict) -> FilingOrder:
    return filing_create(
        actor=actor,
        type=OrderType.TRANSFER_IN,
        icp_number=icp_number,
        icp_password=icp_password,
        website=website,
    )


def filing_create_claim(
    *, actor, certificate_number: str, domain: str = "", icp_number: str = ""
) -> FilingOrder:
    return filing_create(
        actor=actor,
        type=OrderType.CLAIM,
        certificate_number=certificate_number,
        domain=domain,
        icp_number=icp_number,
    )


def filing_create_change(
    *, actor, icp_password: str, changes: dict, subject_id=None, website_id=None, app_id=None
) -> FilingOrder:
    return filing_create(
        actor=actor,
        type=OrderType.CHANGE,
        icp_password=icp_password,
        changes=changes,
        subject_id=subject_id,
        website_id=website_id,
        **({"app_id": app_id} if app_id is not None else {}),
    )


def filing_create_cancel(
    *,
    actor,
    type: str,
    icp_password: str,
    subject_id=None,  # noqa: A002
    website_id=None,
) -> FilingOrder:
    if type not in (OrderType.CANCEL_SUBJECT, OrderType.CANCEL_WEBSITE, OrderType.CANCEL_ACCESS):
        raise refusals.ORDER_TYPE_INVALID(field="type", type=type)
    fields = {"subject_id": subject_id} if type == OrderType.CANCEL_SUBJECT else {"website_id": website_id}
    return filing_create(actor=actor, type=type, icp_password=icp_password, **fields)


_CREATORS = {
    OrderType.FIRST_FILING: first_filing,
    OrderType.ADD_WEBSITE: add_website,
    OrderType.TRANSFER_IN: transfer_in,
    OrderType.CLAIM: claim,
    OrderType.CHANGE: change,
    OrderType.CANCEL_SUBJECT: cancel_creator(OrderType.CANCEL_SUBJECT),
    OrderType.CANCEL_WEBSITE: cancel_creator(OrderType.CANCEL_WEBSITE),
    OrderType.CANCEL_ACCESS: cancel_creator(OrderType.CANCEL_ACCESS),
    OrderType.ADD_APP: add_app,
    OrderType.CANCEL_APP: cancel_app,
}
