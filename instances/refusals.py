"""Every refusal of the instances domain, defined once (``icpconsole.core.refusals``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from icpconsole.core.errors import Conflict, InvalidInput, NotFound
from icpconsole.core.refusals import Refusal, catalogue

INSTANCE_NOT_FOUND = Refusal("INSTANCE_NOT_FOUND", NotFound, _("Instance %(id)s does not exist."))
INSTANCE_RELEASED = Refusal("INSTANCE_RELEASED", Conflict, _("Instance %(id)s has been released."))
INSTANCE_EXPIRED = Refusal(
    "INSTANCE_EXPIRED",
    Conflict,
    _("The subscription has expired; renew it before starting or changing the instance."),
    _("Renew the subscription."),
)
INCORRECT_INSTANCE_STATUS = Refusal(
    "INCORRECT_INSTANCE_STATUS", Conflict, _("The instance is already %(status)s.")
)
NOT_SUBSCRIPTION = Refusal(
    "NOT_SUBSCRIPTION",
    Conflict,
    _("A pay-as-you-go instance cannot be renewed; switch it to subscription first."),
    _("Switch the billing method from pay-as-you-go to subscription."),
)
ALREADY_SUBSCRIPTION = Refusal(
    "ALREADY_SUBSCRIPTION", Conflict, _("The instance is already billed by subscription.")
)
INVALID_PRODUCT = Refusal("INVALID_PRODUCT", InvalidInput, _("Unknown product %(product)r."))
INVALID_REGION = Refusal("INVALID_REGION", InvalidInput, _("Unknown region %(region)r."))
INVALID_CHARGE_TYPE = Refusal(
    "INVALID_CHARGE_TYPE", InvalidInput, _("charge_type must be 'PrePaid' or 'PostPaid'.")
)
INVALID_PERIOD = Refusal(
    "INVALID_PERIOD",
    InvalidInput,
    _("period_months must be a whole number from %(min)s to %(max)s, for subscription (PrePaid) only."),
)
INVALID_BANDWIDTH = Refusal(
    "INVALID_BANDWIDTH",
    InvalidInput,
    _("internet_max_bandwidth_out must be a whole number of Mbps from 0 to %(max)s."),
)
INVALID_NAME = Refusal("INVALID_NAME", InvalidInput, _("name is at most %(max)s characters."))
INVALID_PURCHASE_TIME = Refusal(
    "INVALID_PURCHASE_TIME", InvalidInput, _("A purchase cannot be dated in the future.")
)

REFUSALS = catalogue(value for value in dict(globals()).values() if isinstance(value, Refusal))
