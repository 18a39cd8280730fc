"""Every refusal of the sandbox controls (SPEC 4.6): code, kind and text, defined once
(``icpconsole.core.refusals``). Raise sites name the entry; a refusal that checks many things
says which in ``problem``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from icpconsole.core.errors import InvalidInput, NotFound, PermissionDenied
from icpconsole.core.refusals import Refusal, catalogue

INVALID_SETTINGS = Refusal("INVALID_SETTINGS", InvalidInput, _("The settings were refused: %(problem)s"))
INVALID_FAULT_RULE = Refusal("INVALID_FAULT_RULE", InvalidInput, _("The fault rule was refused: %(problem)s"))
INVALID_WORLD = Refusal("INVALID_WORLD", InvalidInput, _("The world document was refused: %(errors)s"))
INVALID_WORLD_NAME = Refusal("INVALID_WORLD_NAME", InvalidInput, _("world is one of: %(names)s."))
ACCOUNT_NOT_FOUND = Refusal("ACCOUNT_NOT_FOUND", NotFound, _("No account is named %(name)s."))
STAFF_ACCESS_KEY_REFUSED = Refusal(
    "STAFF_ACCESS_KEY_REFUSED",
    PermissionDenied,
    _("%(name)s is a staff account: the sandbox makes AccessKeys for customer accounts only."),
)

REFUSALS = catalogue(value for value in dict(globals()).values() if isinstance(value, Refusal))
