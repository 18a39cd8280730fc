"""Which filing type a certificate number and a domain (or an app name) call for (SPEC 3.13): the
real console's first step, "verify the filing type" (验证备案类型). The applicant enters who files
and what; the console, not the applicant, decides.

Pure, like ``filings/rules.py``: frozen facts in (``filings.services.detect`` gathers them), a
:class:`Detection` out, no ORM. In this order:

1. The domain decides first, whoever asks: filed here, 409 ``DOMAIN_ALREADY_FILED``; in an open
   order, 409 ``DOMAIN_IN_OPEN_ORDER``; filed with another provider (or filed and served by
   nobody), ``transfer_in``; a HiChina legacy filing, ``claim``.
2. Then the subject: the caller's own live subject with that number is ``add_website`` /
   ``add_app`` (409 ``ORDER_ALREADY_OPEN`` while it has an open order); another number while the
   caller has a subject, 409 ``SUBJECT_EXISTS`` (an account files one subject); a subject served
   here for another account, 409 ``SUBJECT_OF_ANOTHER_ACCOUNT``; a subject the MIIT registry knows
   from another provider, ``add_website`` / ``add_app`` (it keeps its number, the new item gets its
   next ``-N``); nobody knows it, ``first_filing``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from icpconsole.core.reasons import Reason

from . import refusals
from .models import OrderType, SubjectStatus
from .rules import DomainFacts, Standing

Text = str | Promise


@dataclass(frozen=True)
class KnownSubject:
    """A subject on file: the caller's own, or one the MIIT registry holds (another provider's)."""

    name: str
    kind: str
    certificate_number: str
    icp_number: str = ""
    province: str = ""
    provider: str = ""  # who serves it; "" for the caller's subject here
    status: str = SubjectStatus.ACTIVE
    has_open_order: bool = False


@dataclass(frozen=True)
class DetectFacts:
    certificate_number: str
    kind: str  # ``enterprise`` or ``individual``, as the number reads
    domain: DomainFacts | None = None  # None: an app
    app_name: str = ""
    own_subject: KnownSubject | None = None  # the caller's live subject, if any
    held_by_another_account: bool = False  # a live subject here of that number, another account's
    registry_subject: KnownSubject | None = None  # the registry's subject of that number, if any
    record_provider: str = ""  # the domain's record: who serves it, and its number
    record_icp_number: str = ""


@dataclass(frozen=True)
class Detection:
    """The type found and why (``explanation`` with its ``params``), the subject it concerns, or
    the refusal (a ``filings.refusals`` entry) with its params."""

    type: str = ""
    key: str = ""  # which of ``EXPLANATIONS``
    params: dict = field(default_factory=dict)
    subject: KnownSubject | None = None
    refusal: Reason | None = None
    kind: str = ""  # the certificate's: ``enterprise`` or ``individual``

    @property
    def text(self) -> str:
        return explanation_text(self.key, self.params)


# The explanations, one per situation (Chinese in the zh_Hans catalogue).
EXPLAIN_FIRST = _(
    "The MIIT registry knows no subject with the certificate number %(number)s: this is a first filing. "
    "The subject and its first %(item)s are filed together and the subject gets its ICP number."
)
EXPLAIN_ADD_HERE = _(
    "%(name)s is filed with Alibaba Cloud under %(icp_number)s: add the %(item)s to it. It gets the "
    "subject's next number."
)
EXPLAIN_ADD_ELSEWHERE = _(
    "%(name)s is filed with %(provider)s under %(icp_number)s: add the %(item)s here. The subject keeps "
    "its number and the new %(item)s gets its next number (-N); the subject's other filings stay with "
    "their provider."
)
EXPLAIN_TRANSFER = _(
    "%(domain)s is filed with %(provider)s under %(record)s: transfer its filing in, with the filing "
    "password, to host it here."
)
EXPLAIN_TRANSFER_NO_PROVIDER = _(
    "%(domain)s is filed under %(record)s but no provider serves it any more: transfer its filing in, "
    "with the filing password, to host it here."
)
EXPLAIN_CLAIM = _(
    "%(domain)s is a HiChina filing from before June 2010 (%(record)s): claim it with the subject's "
    "certificate number."
)
ITEM_WEBSITE = _("website")
ITEM_APP = _("app")
# By key, so a page can keep the key and its params and render the text in the reader's language.
EXPLANATIONS: dict[str, Text] = {
    "first_filing": EXPLAIN_FIRST,
    "add_here": EXPLAIN_ADD_HERE,
    "add_elsewhere": EXPLAIN_ADD_ELSEWHERE,
    "transfer_in": EXPLAIN_TRANSFER,
    "transfer_in_no_provider": EXPLAIN_TRANSFER_NO_PROVIDER,
    "claim": EXPLAIN_CLAIM,
}
ANOTHER_PROVIDER = _("another provider")
ITEMS: dict[str, Text] = {"website": ITEM_WEBSITE, "app": ITEM_APP}


def explanation_text(key: str, params: dict) -> str:
    """The explanation ``key`` with ``params``, in the active language (the item translated)."""
    text = EXPLANATIONS.get(key)
    if text is None:
        return ""
    params = dict(params)
    if params.get("item") in ITEMS:
        params["item"] = str(ITEMS[params["item"]])
    if "provider" in params and not params["provider"]:
        params["provider"] = str(ANOTHER_PROVIDER)
    return str(text) % params


def detect(facts: DetectFacts) -> Detection:
    """The filing type ``facts`` call for, or the refusal (see the module's docstring)."""
    return replace(_detect(facts), kind=facts.kind)


def _detect(facts: DetectFacts) -> Detection:
    site = facts.domain
    if site is not None:
        found = _by_domain(site, facts)
        if found is not None:
            return found
    is_app = site is None
    item = "app" if is_app else "website"
    add_type = OrderType.ADD_APP if is_app else OrderType.ADD_WEBSITE
    own = facts.own_subject
    if own is not None:
        if own.certificate_number.casefold() != facts.certificate_number.casefold():
            return Detection(refusal=refusals.SUBJECT_EXISTS, subject=own)
        if own.has_open_order or own.status != SubjectStatus.ACTIVE:
            return Detection(refusal=refusals.ORDER_ALREADY_OPEN, params={"name": own.name}, subject=own)
        return Detection(
            type=add_type,
            key="add_here",
            params={"name": own.name, "icp_number": own.icp_number, "item": item},
            subject=own,
        )
    if facts.held_by_another_account:
        return Detection(
            refusal=refusals.SUBJECT_OF_ANOTHER_ACCOUNT, params={"number": facts.certificate_number}
        )
    known = facts.registry_subject
    if known is not None:
        return Detection(
            type=add_type,
            key="add_elsewhere",
            params={
                "name": known.name,
                "icp_number": known.icp_number,
                "provider": known.provider,
                "item": item,
            },
            subject=known,
        )
    return Detection(
        type=OrderType.FIRST_FILING,
        key="first_filing",
        params={"number": facts.certificate_number, "item": item},
    )


def _by_domain(site: DomainFacts, facts: DetectFacts) -> Detection | None:
    standing = site.standing
    shown = {"domain": site.domain, "record": facts.record_icp_number or site.record_icp_number}
    if standing == Standing.FILED_HERE:
        return Detection(refusal=refusals.DOMAIN_ALREADY_FILED, params={"domain": site.domain})
    if site.in_open_order:
        return Detection(refusal=refusals.DOMAIN_IN_OPEN_ORDER, params={"domain": site.domain})
    if standing == Standing.OTHER_PROVIDER:
        return Detection(
            type=OrderType.TRANSFER_IN,
            key="transfer_in",
            params={**shown, "provider": facts.record_provider},
        )
    if standing == Standing.ACCESS_REMOVED and site.record_id is not None:
        return Detection(type=OrderType.TRANSFER_IN, key="transfer_in_no_provider", params=shown)
    if standing == Standing.HICHINA_LEGACY:
        return Detection(type=OrderType.CLAIM, key="claim", params=shown)
    if standing == Standing.ACCESS_REMOVED:
        # The caller's own website whose access was cancelled, with no record: filed, not free.
        return Detection(refusal=refusals.DOMAIN_ALREADY_FILED, params={"domain": site.domain})
    return None
