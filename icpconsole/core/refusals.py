"""A catalogue entry for a refusal (an ``icpconsole.core.reasons.Reason`` that is raised): one
stable code, the kind of error it is, its text and, where the user can do something about it, its
remedy. Each domain app keeps its entries in one module
(``filings/refusals.py``, ...), the way ``servicecodes/reasons.py`` keeps the eligibility reasons,
so a code has one text in every face and every raise site names an entry::

    raise refusals.SUBJECT_EXISTS()
    raise refusals.ORDER_NOT_FOUND(id=order_id)
    raise refusals.FILING_PASSWORD_INVALID(field="icp_password")

Texts are lazy English msgids with ``%(name)s`` parameters; they render in the active language
when the error is raised (the API's language, the console's), and their Chinese lives in the
``zh_Hans`` catalogue like every other text.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .errors import InvalidInput, PermissionDenied, TooLarge
from .reasons import Reason, Text, catalogue

# A refusal is a reason that is raised: the one entry type of ``icpconsole/core/reasons.py``.
Refusal = Reason

__all__ = ["Refusal", "Reason", "Text", "catalogue"]


# --- refusals every app shares ---------------------------------------------------------------------

RAM_USER_READ_ONLY = Refusal(
    "RAM_USER_READ_ONLY",
    PermissionDenied,
    _(
        "A RAM user can view its account's resources but cannot buy, create or change them; "
        "log on with the main account."
    ),
)
STAFF_ONLY = Refusal("STAFF_ONLY", PermissionDenied, _("Only staff (the provider's reviewers) can do this."))
INVALID_STATUS = Refusal("INVALID_STATUS", InvalidInput, _("status must be one of %(values)s."))
INVALID_PAGE = Refusal("INVALID_PAGE", InvalidInput, _("%(name)s must be a whole number from 1."))
INVALID_ADVANCE_DAYS = Refusal(
    "INVALID_ADVANCE_DAYS", InvalidInput, _("advance_days must be a whole number from 1 to %(max)s.")
)
INVALID_ADVANCE_HOURS = Refusal(
    "INVALID_ADVANCE_HOURS", InvalidInput, _("advance_hours must be a whole number from 0 to %(max)s.")
)
# A body over its route's limit (icpconsole/core/bodies.py) or Django's, or too many parameters:
# answered before any view, in the face's format (icpconsole/core/faces.py).
REQUEST_TOO_LARGE = Refusal(
    "REQUEST_TOO_LARGE",
    TooLarge,
    _("The request is too large: its body or its number of parameters is over the limit."),
)
