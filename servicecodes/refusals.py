"""Every refusal of the service-code domain other than eligibility (whose reasons are
``servicecodes/reasons.py``), defined once (``icpconsole.core.refusals``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from icpconsole.core.errors import Conflict, InvalidInput, NotFound
from icpconsole.core.refusals import Refusal, catalogue

from .models import CodeStatus

SERVICE_CODE_NOT_FOUND = Refusal(
    "SERVICE_CODE_NOT_FOUND", NotFound, _("Service code %(code)s does not exist.")
)
SERVICE_CODE_UNUSED = Refusal(
    "SERVICE_CODE_UNUSED", Conflict, _("Service code %(code)s is not named by any filing order.")
)
SERVICE_CODE_FILING = Refusal(
    "SERVICE_CODE_FILING", Conflict, _("Service code %(code)s is already named by another filing order.")
)
SERVICE_CODE_USED = Refusal(
    "SERVICE_CODE_USED",
    Conflict,
    _("Service code %(code)s has been used by a completed filing; a code is used only once."),
    _("Apply for a new service code on the ICP No. Application page."),
)
SERVICE_CODE_DELETED = Refusal(
    "SERVICE_CODE_DELETED",
    Conflict,
    _("Service code %(code)s was deleted when its filing was cancelled; it can never be used again."),
    _("Apply for a new service code on the ICP No. Application page."),
)

# SPEC 3.14: Tencent's code stops working with under 30 days left on its server, Huawei's when it
# expires; a renewal makes it valid again.
SERVICE_CODE_INVALID = Refusal(
    "SERVICE_CODE_INVALID",
    Conflict,
    _("Service code %(code)s is invalid: its server does not have enough subscription time left."),
    _("Renew the server the code was generated for; the code is valid again after the renewal."),
)

# SPEC 3.14 (Huawei): another account's code is used only with its owner's authorization, confirmed
# by the SMS code sent to the owner's phone.
CODE_AUTHORIZATION_REQUIRED = Refusal(
    "CODE_AUTHORIZATION_REQUIRED",
    Conflict,
    _(
        "Code %(code)s belongs to another account: its owner's authorization must be confirmed by SMS "
        "before the order is submitted."
    ),
    _(
        "Send the authorization SMS to the code owner's phone (code-authorization), then enter the code "
        "the owner gives you (confirm-code-authorization)."
    ),
)
CODE_AUTHORIZATION_NOT_NEEDED = Refusal(
    "CODE_AUTHORIZATION_NOT_NEEDED",
    Conflict,
    _("This order needs no code owner's authorization, or it is already confirmed."),
)
CODE_AUTHORIZATION_INVALID = Refusal(
    "CODE_AUTHORIZATION_INVALID",
    InvalidInput,
    _("The authorization code is wrong or has expired."),
    _("Enter the 6-digit code sent to the code owner's phone, or send a new one."),
)
CODE_AUTHORIZATION_NOT_SENT = Refusal(
    "CODE_AUTHORIZATION_NOT_SENT",
    Conflict,
    _("No authorization SMS has been sent for this order yet."),
    _("Send the authorization SMS to the code owner's phone first."),
)

# SPEC 3.14 (Tencent): after an approval the code serves only change orders of that website.
SERVICE_CODE_APPROVED_FOR_WEBSITE = Refusal(
    "SERVICE_CODE_APPROVED_FOR_WEBSITE",
    Conflict,
    _("Code %(code)s was approved for website %(domain)s: it serves only that website's change orders."),
    _("Name it in a change order of %(domain)s, or apply for a new code on the ICP No. Application page."),
)

# Why a code in this status cannot make the move asked of it (or be named by a new order).
BY_STATUS: dict[str, Refusal] = {
    CodeStatus.UNUSED: SERVICE_CODE_UNUSED,
    CodeStatus.FILING: SERVICE_CODE_FILING,
    CodeStatus.USED: SERVICE_CODE_USED,
    CodeStatus.DELETED: SERVICE_CODE_DELETED,
}

REFUSALS = catalogue(value for value in dict(globals()).values() if isinstance(value, Refusal))
