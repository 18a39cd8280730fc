"""What the filing domain refuses in what it is asked (malformed or missing input), defined once
(``icpconsole.core.refusals``). Part of the catalogue ``filings.refusals``, which re-exports every
entry: raise them as ``refusals.X``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from icpconsole.core.errors import InvalidInput
from icpconsole.core.refusals import Refusal

# --- what is asked for -------------------------------------------------------------------------
INVALID_TYPE = Refusal("INVALID_TYPE", InvalidInput, _("type must be one of %(values)s."))
ORDER_TYPE_INVALID = Refusal("ORDER_TYPE_INVALID", InvalidInput, _("Unknown filing order type %(type)r."))
ORDER_FIELD_REQUIRED = Refusal("ORDER_FIELD_REQUIRED", InvalidInput, _("A %(type)s order needs %(name)s."))
INVALID_PARAMETER = Refusal("INVALID_PARAMETER", InvalidInput, _("Expected an object."))
SUBJECT_KIND_INVALID = Refusal(
    "SUBJECT_KIND_INVALID", InvalidInput, _("kind must be 'enterprise' or 'individual'.")
)
PROVINCE_INVALID = Refusal(
    "PROVINCE_INVALID",
    InvalidInput,
    _("province must be the pinyin name of a mainland province, e.g. zhejiang, beijing, guangdong."),
)
SUBJECT_NAME_INVALID = Refusal(
    "SUBJECT_NAME_INVALID", InvalidInput, _("%(label)s is required, at most %(max)s characters.")
)
NAME_INVALID = Refusal("NAME_INVALID", InvalidInput, _("%(label)s is required, at most %(max)s characters."))
ACCESS_PROVIDER_INVALID = Refusal(
    "ACCESS_PROVIDER_INVALID",
    InvalidInput,
    _(
        "Give the other provider's name, at most 64 characters; filings made here are recorded when they "
        "are approved."
    ),
)
DOMAIN_REQUIRED = Refusal(
    "DOMAIN_REQUIRED", InvalidInput, _("Give the domain to look up: ?domain=example.cn")
)
SERVICE_CODE_OR_INSTANCE_REQUIRED = Refusal(
    "SERVICE_CODE_OR_INSTANCE_REQUIRED",
    InvalidInput,
    _(
        "Give either service_code (a code obtained beforehand) or instance_id (an instance of yours: "
        "a code is generated and bound for it)."
    ),
)
DETECT_TARGET_REQUIRED = Refusal(
    "DETECT_TARGET_REQUIRED", InvalidInput, _("Give exactly one of domain and app_name.")
)
CERTIFICATE_NOT_RECOGNISED = Refusal(
    "CERTIFICATE_NOT_RECOGNISED",
    InvalidInput,
    _("%(number)s is neither a unified social credit code nor a resident ID number."),
    _("Enter the 18 characters of the business licence's credit code, or of the ID card's number."),
)
CERTIFICATE_TYPE_MISMATCH = Refusal(
    "CERTIFICATE_TYPE_MISMATCH",
    InvalidInput,
    _("%(number)s is not a %(document)s."),
    _("Choose the certificate type that matches the number, or check the number."),
)
CLAIM_TARGET_REQUIRED = Refusal(
    "CLAIM_TARGET_REQUIRED", InvalidInput, _("Give the domain or the ICP number of the filing to claim.")
)
CHANGE_TARGET_REQUIRED = Refusal(
    "CHANGE_TARGET_REQUIRED", InvalidInput, _("Give exactly one of subject_id, website_id and app_id.")
)
SUBJECT_ID_REQUIRED = Refusal("SUBJECT_ID_REQUIRED", InvalidInput, _("subject_id is required."))
WEBSITE_ID_REQUIRED = Refusal("WEBSITE_ID_REQUIRED", InvalidInput, _("website_id is required."))
NO_CHANGES = Refusal("NO_CHANGES", InvalidInput, _("Change at least one field."))
CHANGE_FIELD_INVALID = Refusal(
    "CHANGE_FIELD_INVALID",
    InvalidInput,
    _("These fields cannot be changed: %(fields)s (allowed: %(allowed)s)."),
)
ECOMMERCE_INVALID = Refusal("ECOMMERCE_INVALID", InvalidInput, _("ecommerce is true or false."))
DECISION_INVALID = Refusal("DECISION_INVALID", InvalidInput, _("decision must be 'approve' or 'reject'."))
REASON_INVALID = Refusal("REASON_INVALID", InvalidInput, _("reason is at most 500 characters."))
REASON_CODE_INVALID = Refusal(
    "REASON_CODE_INVALID",
    InvalidInput,
    _("reason_code must be one of the catalogued rejection reasons: %(codes)s."),
)
REASON_CODE_ON_APPROVE = Refusal(
    "REASON_CODE_ON_APPROVE",
    InvalidInput,
    _("reason_code names why an order is rejected; an approval takes only a note (reason)."),
)
REJECTION_REASON_REQUIRED = Refusal(
    "REJECTION_REASON_REQUIRED",
    InvalidInput,
    _("Choose a rejection reason from the catalogue or write one."),
)
REGISTRY_ORIGIN_INVALID = Refusal(
    "REGISTRY_ORIGIN_INVALID", InvalidInput, _("origin must be 'other_provider' or 'hichina_legacy'.")
)
FILING_PASSWORD_REQUIRED = Refusal(
    "FILING_PASSWORD_REQUIRED",
    InvalidInput,
    _("A filing with another provider needs its filing password (at least 6 characters)."),
)
FILED_TIME_INVALID = Refusal("FILED_TIME_INVALID", InvalidInput, _("A filing cannot be dated in the future."))
ICP_NUMBER_INVALID = Refusal(
    "ICP_NUMBER_INVALID",
    InvalidInput,
    _("An ICP number looks like 浙ICP备20261234号 (a subject) or 浙ICP备20261234号-1 (a website)."),
)
LICENSE_NUMBER_INVALID = Refusal(
    "LICENSE_NUMBER_INVALID", InvalidInput, _("A commercial license number looks like 浙B2-20261234.")
)
