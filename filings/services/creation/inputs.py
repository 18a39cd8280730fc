"""What creating an order takes (issue 22): one frozen input per order type.

The API's create serializers, the console's wizard, takeover and cancel pages, the demo world and
the tests build one of these and hand it to ``filing_create`` or ``filing_precheck``; nothing else
reaches the creators. The scalar fields are typed here; the nested parts (``subject``, ``website``,
``app``, ``changes``) are the request's objects as given, because their rules (what a leader, a
domain or an app identifier must be, and the refusal that names the field) are the services'
cleaners', which every face shares. ``kinds.order_input`` reads a request body (the
API's validated data) into the input of its type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ...models import OrderType

Part = dict[str, Any]
"""A nested part of the request (a subject, website, app or the changes), checked by the services."""


@dataclass(frozen=True, kw_only=True)
class OrderInput:
    """What every order type's input has: its type."""

    type: ClassVar[str]


@dataclass(frozen=True, kw_only=True)
class FirstFiling(OrderInput):
    """The first filing: a new subject with its first website, or its first app (SPEC 3.11)."""

    type: ClassVar[str] = OrderType.FIRST_FILING
    subject: Part
    website: Part | None = None
    app: Part | None = None


@dataclass(frozen=True, kw_only=True)
class AddWebsite(OrderInput):
    """A website added to the filed subject. ``subject``: for the account's filed subject, only its
    ``leader`` counts (the leader this order files with); for an account without one, the subject
    filed with another provider, named by its ``certificate_number`` (SPEC 3.13)."""

    type: ClassVar[str] = OrderType.ADD_WEBSITE
    website: Part
    subject: Part | None = None


@dataclass(frozen=True, kw_only=True)
class AddApp(OrderInput):
    """An app added to the filed subject; ``subject`` as for :class:`AddWebsite`."""

    type: ClassVar[str] = OrderType.ADD_APP
    app: Part
    subject: Part | None = None


@dataclass(frozen=True, kw_only=True)
class TransferIn(OrderInput):
    type: ClassVar[str] = OrderType.TRANSFER_IN
    icp_number: str
    icp_password: str
    website: Part


@dataclass(frozen=True, kw_only=True)
class Claim(OrderInput):
    type: ClassVar[str] = OrderType.CLAIM
    certificate_number: str
    domain: str = ""
    icp_number: str = ""


@dataclass(frozen=True, kw_only=True)
class Change(OrderInput):
    """A change of one filed subject, website or app (exactly one id)."""

    type: ClassVar[str] = OrderType.CHANGE
    icp_password: str
    changes: Part
    subject_id: int | None = None
    website_id: int | None = None
    app_id: int | None = None


@dataclass(frozen=True, kw_only=True)
class CancelSubject(OrderInput):
    type: ClassVar[str] = OrderType.CANCEL_SUBJECT
    icp_password: str
    subject_id: int


@dataclass(frozen=True, kw_only=True)
class CancelWebsite(OrderInput):
    type: ClassVar[str] = OrderType.CANCEL_WEBSITE
    icp_password: str
    website_id: int


@dataclass(frozen=True, kw_only=True)
class CancelAccess(OrderInput):
    type: ClassVar[str] = OrderType.CANCEL_ACCESS
    icp_password: str
    website_id: int


@dataclass(frozen=True, kw_only=True)
class CancelApp(OrderInput):
    type: ClassVar[str] = OrderType.CANCEL_APP
    icp_password: str
    app_id: int | None = None
