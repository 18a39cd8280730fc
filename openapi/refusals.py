"""Every refusal of the AccessKeys and the service-code grants the RPC facade manages: code, kind and
text, defined once (``icpconsole.core.refusals``). Raise sites name the entry."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from icpconsole.core.errors import Conflict, InvalidInput, NotFound
from icpconsole.core.refusals import Refusal, catalogue

ACCESS_KEY_NOT_FOUND = Refusal("ACCESS_KEY_NOT_FOUND", NotFound, _("AccessKey %(id)s does not exist."))
ACCESS_KEY_LIMIT = Refusal(
    "ACCESS_KEY_LIMIT",
    Conflict,
    _("A login can have at most %(n)d AccessKey pairs; delete one before creating another."),
)
INVALID_NOTES = Refusal("INVALID_NOTES", InvalidInput, _("Notes are at most 500 characters."))
INVALID_GRANTEE = Refusal(
    "INVALID_GRANTEE",
    InvalidInput,
    _("A code is granted to another account: not to a RAM user, not to the account that holds it."),
)

REFUSALS = catalogue(value for value in dict(globals()).values() if isinstance(value, Refusal))
