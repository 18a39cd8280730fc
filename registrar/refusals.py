"""Every refusal the registrar raises, defined once (``icpconsole.core.refusals``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from icpconsole.core.errors import Conflict, InvalidInput, NotFound
from icpconsole.core.refusals import Refusal, catalogue

DOMAIN_INVALID = Refusal("DOMAIN_INVALID", InvalidInput, _("%(domain)r is not a valid domain name: %(why)s"))
DOMAIN_TAKEN = Refusal(
    "DOMAIN_TAKEN",
    Conflict,
    _("%(domain)s is already registered; a domain can be registered only once."),
    _("Choose another domain, or file a domain you hold."),
)
REGISTERED_DOMAIN_NOT_FOUND = Refusal(
    "DOMAIN_NOT_FOUND", NotFound, _("This account has no registered domain %(domain)s.")
)
DOMAIN_NOT_MAIN = Refusal(
    "DOMAIN_NOT_MAIN",
    InvalidInput,
    _("%(domain)s is a host name; register its main domain %(main)s."),
)
PERIOD_INVALID = Refusal(
    "PERIOD_INVALID", InvalidInput, _("period_years must be a whole number from %(min)s to %(max)s.")
)
REGISTRATION_TOO_LONG = Refusal(
    "REGISTRATION_TOO_LONG",
    InvalidInput,
    _("A domain can be registered at most %(max)s years ahead; renew for fewer years."),
)
HOLDER_NAME_INVALID = Refusal(
    "HOLDER_NAME_INVALID", InvalidInput, _("The holder name is required, at most 200 characters.")
)
HOLDER_CERTIFICATE_INVALID = Refusal(
    "HOLDER_CERTIFICATE_INVALID",
    InvalidInput,
    _("The holder's certificate number is required, at most 64 characters."),
)
REGISTRAR_INVALID = Refusal(
    "REGISTRAR_INVALID",
    InvalidInput,
    _(
        "Name the other registrar (at most 64 characters); domains registered here are added by "
        "their accounts."
    ),
)

REFUSALS = catalogue(value for value in dict(globals()).values() if isinstance(value, Refusal))
