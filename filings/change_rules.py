"""Change orders (SPEC 3.13): what each target may change, the pre-check of the changes and what
submitting one still needs. Pure: plain facts in, reasons out (``filings.selectors.change_facts``
gathers them).

- A subject changes its ``name`` (the proof of the name change, document ``name_change_proof``,
  before it is submitted), ``address``, ``leader`` (another person: the new leader's ID card and
  the authenticity verification) and ``contacts`` (the leader's ``mobile`` and ``email``: the same
  person, nothing more to prove).
- A website changes its ``name``, ``leader``, ``content_category`` and ``pre_approval_number``
  (and, as before, ``ecommerce`` and its instance); an app its ``leader``, ``content_category``
  and ``pre_approval_number``.
Decision: a leader given with the same name and ID number as the one on file is a change of
contacts; only a new identity asks for the ID card and the verification (SPEC 3.12's rule for a
draft's leader).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from . import check_reasons
from .precheck import (
    DOCUMENT_KINDS,
    SUBJECT_LEADER,
    Doc,
    Leader,
    Reason,
    SiteFacts,
    address_reasons,
    content_reasons,
    leader_reasons,
    reason,
    website_name_reasons,
)
from .rules import DomainFacts

SUBJECT = "subject"
WEBSITE = "website"
APP = "app"

SUBJECT_FIELDS = frozenset({"name", "address", "leader", "contacts"})
CONTENT_FIELDS = frozenset({"leader", "content_category", "pre_approval_number"})
APP_FIELDS = CONTENT_FIELDS
CONTACT_KEYS = ("mobile", "email")


@dataclass(frozen=True)
class ChangeFacts:
    """A change order's facts: what it changes (cleaned), and the target as it is on file."""

    target: str
    subject_kind: str
    today: dt.date
    changes: Mapping
    current_leader: Leader | None = None
    domain: str = ""
    content_category: str = ""
    pre_approval_number: str = ""
    documents: frozenset[str] = field(default_factory=frozenset)
    verification_passed: bool = False

    @property
    def new_leader(self) -> Leader | None:
        return Leader.from_dict(self.changes.get("leader"))

    @property
    def site(self) -> SiteFacts:
        """The website or app as it will be: the new category and number over the filed ones."""
        return SiteFacts(
            domain=self.domain,
            filing=DomainFacts(domain=""),
            content_category=self.changes.get("content_category", self.content_category),
            pre_approval_number=self.changes.get("pre_approval_number", self.pre_approval_number),
            check_domain=False,
            is_app=self.target == APP,
        )


def leader_identity_changed(facts: ChangeFacts) -> bool:
    """Does the change name another person as the leader (name or ID number)?"""
    new = facts.new_leader
    if new is None:
        return False
    old = facts.current_leader or Leader()
    return (new.name, new.certificate_number.upper()) != (old.name, old.certificate_number.upper())


def _who(facts: ChangeFacts) -> str:
    if facts.target == SUBJECT:
        return str(SUBJECT_LEADER)
    from .precheck import WEBSITE_LEADER

    return str(WEBSITE_LEADER) % {"domain": facts.domain or facts.target}


def change_reasons(facts: ChangeFacts) -> list[Reason]:
    """Every failing check of the changes (the pre-check of a change order, SPEC 3.9, 3.13)."""
    found: list[Reason] = []
    changes = facts.changes
    if "address" in changes:
        found += address_reasons(changes["address"]) if changes["address"] else [_incomplete("")]
    new = facts.new_leader
    if new is not None:
        target = "subject_leader" if facts.target == SUBJECT else "website_leader"
        found += leader_reasons(new, who=_who(facts), target=target, today=facts.today)
    if facts.target == WEBSITE and changes.get("name"):
        found += website_name_reasons(changes["name"], subject_kind=facts.subject_kind, target=facts.domain)
    if facts.target != SUBJECT and ({"content_category", "pre_approval_number"} & set(changes)):
        found += content_reasons(facts.site, subject_kind=facts.subject_kind)
    return found


def _incomplete(address: str) -> Reason:
    return reason(check_reasons.SUBJECT_ADDRESS_INCOMPLETE, target="subject", address=address or "-")


def required_documents(facts: ChangeFacts) -> list[str]:
    """The documents a change order needs: the proof of a new subject name, the new leader's ID."""
    kinds = []
    if facts.target == SUBJECT and "name" in facts.changes:
        kinds.append(Doc.NAME_CHANGE_PROOF)
    if leader_identity_changed(facts):
        if facts.target == SUBJECT:
            kinds += [Doc.LEADER_ID_FRONT, Doc.LEADER_ID_BACK]
        else:
            kinds += [Doc.WEBSITE_LEADER_ID_FRONT, Doc.WEBSITE_LEADER_ID_BACK]
    return kinds


def change_missing(facts: ChangeFacts) -> list[Reason]:
    """What submitting the change still needs (``FILING_INCOMPLETE``), every item named."""
    found: list[Reason] = []
    for kind in required_documents(facts):
        if kind in facts.documents:
            continue
        if kind == Doc.NAME_CHANGE_PROOF:
            found.append(
                reason(check_reasons.NAME_CHANGE_PROOF_REQUIRED, target=kind, name=facts.changes["name"])
            )
        else:
            found.append(
                reason(
                    check_reasons.DOCUMENT_MISSING, target=kind, kind=kind, label=str(DOCUMENT_KINDS[kind])
                )
            )
    if leader_identity_changed(facts) and not facts.verification_passed:
        found.append(reason(check_reasons.VERIFICATION_MISSING, target="verification"))
    return found
