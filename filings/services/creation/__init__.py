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
from ..stages import check_writer
from . import inputs
from .kinds import KINDS, order_input, order_kind

# --- entry points ------------------------------------------------------------------------------


def filing_create(*, actor, order: inputs.OrderInput) -> FilingOrder:
    """Create the order ``order`` describes, in ``draft`` (SPEC 4.2), in one transaction."""
    kind = order_kind(order.type)
    check_writer(actor)
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                return kind.create(actor, order)
        except IntegrityError:
            if attempt == 2:
                raise refusals.CONCURRENT_CHANGE() from None
    raise AssertionError("unreachable")


def filing_precheck(*, actor, order: inputs.OrderInput) -> list:
    """The pre-check of a would-be order (``POST /api/v1/filings/precheck/``): the same input as
    create, every failing reason out, nothing written. A malformed input or a rule that is not a
    check (``SUBJECT_EXISTS``, ``ORDER_ALREADY_OPEN``) is refused as create would; the service code
    or instance is not needed yet (the wizard asks for the product after the domain). Types
    other than first filing, add website and add app carry no new website or app: nothing to
    check."""
    from ...precheck import precheck

    facts = order_kind(order.type).facts(actor, order)
    return [] if facts is None else precheck(facts)


# --- one per order type, for the console, the demo and the tests -------------------------------


def filing_create_first(*, actor, subject: dict, website: dict) -> FilingOrder:
    return filing_create(actor=actor, order=inputs.FirstFiling(subject=subject, website=website))


def filing_create_first_app(*, actor, subject: dict, app: dict) -> FilingOrder:
    return filing_create(actor=actor, order=inputs.FirstFiling(subject=subject, app=app))


def filing_create_add_app(*, actor, app: dict, subject: dict | None = None) -> FilingOrder:
    return filing_create(actor=actor, order=inputs.AddApp(app=app, subject=subject))


def filing_create_cancel_app(*, actor, icp_password: str, app_id: int | None) -> FilingOrder:
    return filing_create(actor=actor, order=inputs.CancelApp(icp_password=icp_password, app_id=app_id))


def filing_create_add_website(*, actor, website: dict, subject: dict | None = None) -> FilingOrder:
    return filing_create(actor=actor, order=inputs.AddWebsite(website=website, subject=subject))


def filing_create_transfer_in(*, actor, icp_number: str, icp_password: str, website: dict) -> FilingOrder:
    return filing_create(
        actor=actor,
        order=inputs.TransferIn(icp_number=icp_number, icp_password=icp_password, website=website),
    )


def filing_create_claim(
    *, actor, certificate_number: str, domain: str = "", icp_number: str = ""
) -> FilingOrder:
    return filing_create(
        actor=actor,
        order=inputs.Claim(certificate_number=certificate_number, domain=domain, icp_number=icp_number),
    )


def filing_create_change(
    *,
    actor,
    icp_password: str,
    changes: dict,
    subject_id: int | None = None,
    website_id: int | None = None,
    app_id: int | None = None,
) -> FilingOrder:
    return filing_create(
        actor=actor,
        order=inputs.Change(
            icp_password=icp_password,
            changes=changes,
            subject_id=subject_id,
            website_id=website_id,
            app_id=app_id,
        ),
    )


_CANCELS = {OrderType.CANCEL_SUBJECT, OrderType.CANCEL_WEBSITE, OrderType.CANCEL_ACCESS}


def filing_create_cancel(
    *,
    actor,
    type: str,  # noqa: A002 - the API's field name
    icp_password: str,
    subject_id: int | None = None,
    website_id: int | None = None,
) -> FilingOrder:
    if type not in _CANCELS:
        raise refusals.ORDER_TYPE_INVALID(field="type", type=type)
    target = {"subject_id": subject_id} if type == OrderType.CANCEL_SUBJECT else {"website_id": website_id}
    return filing_create(
        actor=actor, order=order_input({"type": type, "icp_password": icp_password, **target})
    )


__all__ = [
    "KINDS",
    "filing_create",
    "filing_create_add_app",
    "filing_create_add_website",
    "filing_create_cancel",
    "filing_create_cancel_app",
    "filing_create_change",
    "filing_create_claim",
    "filing_create_first",
    "filing_create_first_app",
    "filing_create_transfer_in",
    "filing_precheck",
    "inputs",
    "order_input",
]
