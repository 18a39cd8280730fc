"""Every refusal of accounts, log-ins and passwords (see ``icpconsole/core/refusals.py``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from icpconsole.core.errors import Conflict, InvalidInput, TooManyAttempts
from icpconsole.core.refusals import Refusal, catalogue

USERNAME_TAKEN = Refusal("USERNAME_TAKEN", Conflict, _("The username %(username)r is already taken."))
INVALID_PASSWORD = Refusal("INVALID_PASSWORD", InvalidInput, _("This password is not accepted: %(problems)s"))
# Answered by the API's token authentication (401), never raised as a domain error.
TOKEN_EXPIRED = Refusal("TOKEN_EXPIRED", None, _("The token has expired: log in again for a new one."))
WRONG_PASSWORD = Refusal("WRONG_PASSWORD", InvalidInput, _("The current password is not correct."))
INVALID_CREDENTIALS = Refusal(
    "INVALID_CREDENTIALS", InvalidInput, _("Unable to log in with the provided credentials.")
)
LOGIN_LOCKED = Refusal(
    "LOGIN_LOCKED",
    TooManyAttempts,
    _("Too many failed log-ins for this account from this address. Try again later."),
)
LOGIN_THROTTLED = Refusal(
    "LOGIN_THROTTLED",
    TooManyAttempts,
    _("Too many failed log-ins from this address. Try again in a minute."),
)
INVALID_PARENT = Refusal(
    "INVALID_PARENT",
    InvalidInput,
    _("The parent must be an existing main account other than the account itself (%(problem)s)."),
)
ACCOUNT_HAS_RAM_USERS = Refusal(
    "ACCOUNT_HAS_RAM_USERS",
    InvalidInput,
    _("%(account)s has RAM users, so it cannot become a RAM user itself."),
)
ACCOUNT_OWNS_RESOURCES = Refusal(
    "ACCOUNT_OWNS_RESOURCES",
    InvalidInput,
    _("%(account)s owns %(resources)s, so it cannot become a RAM user: it would no longer see them."),
)

REFUSALS = catalogue(
    [
        USERNAME_TAKEN,
        INVALID_PASSWORD,
        WRONG_PASSWORD,
        INVALID_CREDENTIALS,
        LOGIN_LOCKED,
        LOGIN_THROTTLED,
        INVALID_PARENT,
        ACCOUNT_HAS_RAM_USERS,
        ACCOUNT_OWNS_RESOURCES,
    ]
)
