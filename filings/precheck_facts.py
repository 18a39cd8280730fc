"""The facts the pre-check (SPEC 3.9) judges: plain frozen values, gathered by
``filings.selectors.precheck_facts`` (no ORM here). Re-exported by ``filings.precheck``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from .rules import DomainFacts


@dataclass(frozen=True)
class Leader:
    name: str = ""
    certificate_number: str = ""
    mobile: str = ""
    email: str = ""

    @property
    def given(self) -> bool:
        return any((self.name, self.certificate_number, self.mobile, self.email))

    @classmethod
    def from_dict(cls, data) -> Leader | None:
        if not isinstance(data, Mapping):
            return None
        values = {
            key: str(data.get(key) or "").strip() for key in ("name", "certificate_number", "mobile", "email")
        }
        leader = cls(**values)
        return leader if leader.given else None

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "certificate_number": self.certificate_number,
            "mobile": self.mobile,
            "email": self.email,
        }


@dataclass(frozen=True)
class Materials:
    """What the caller gave of a new website's materials (anything may still be missing)."""

    name: str = ""
    content_category: str = ""
    pre_approval_number: str = ""
    subject_leader: Leader | None = None
    website_leader: Leader | None = None
    website_leader_is_subject_leader: bool = False


@dataclass(frozen=True)
class Registration:
    """What the registrar says of a main domain."""

    registered: bool = False
    holder_name: str = ""
    verified: bool = False
    expired: bool = False
    registrar: str = ""  # another registrar's name; "" when this console's registrar holds it


@dataclass(frozen=True)
class SiteFacts:
    """A website the filing proposes (or changes: ``check_domain`` False for a change order)."""

    domain: str
    filing: DomainFacts
    registration: Registration = Registration()
    name: str = ""
    content_category: str = ""
    pre_approval_number: str = ""
    leader: Leader | None = None
    leader_is_subject_leader: bool = False
    check_domain: bool = True
    # An app (SPEC 3.11): no domain checks, no website-name rule (an app keeps its store name);
    # leaders, content and documents as a website's.
    is_app: bool = False

    @property
    def target(self) -> str:
        """What a reason about this site names: its domain, or ``app``."""
        return "app" if self.is_app else self.domain


@dataclass(frozen=True)
class FilingFacts:
    subject_kind: str
    subject_name: str
    today: dt.date
    subject_certificate_number: str | None = None  # None: the subject is filed already, not checked
    subject_leader: Leader | None = None
    sites: tuple[SiteFacts, ...] = ()
    documents: frozenset[str] = field(default_factory=frozenset)
    # The order's authenticity verification (SPEC 3.12): None where no order is judged yet.
    verification_passed: bool | None = None
    # The filing province (pinyin, SPEC 3.13); "" where not known (a filed subject: not checked).
    subject_province: str = ""
    # The subject's address (SPEC 3.13); "" where none is given (not judged: ``addresses``).
    subject_address: str = ""
