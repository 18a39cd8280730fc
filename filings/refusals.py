"""Every refusal the filing domain raises: its code, kind, text and remedy, defined once
(``icpconsole.core.refusals``). Services, selectors and the console raise these entries; the API
answers ``{"code", "message", "remedy"?}``, the console shows the message, the Beian RPC maps
the kind to Alibaba's codes. Chinese texts come from the ``zh_Hans`` catalogue.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from icpconsole.core.errors import Conflict, InvalidInput, NotFound, Throttled
from icpconsole.core.refusals import Refusal, catalogue

# Refusals the pre-check shows as well: defined once, with its remedy action, in ``check_reasons``.
from .check_reasons import (  # noqa: F401
    CERTIFICATE_NUMBER_INVALID,
    COMMERCIAL_LICENSE_REQUIRED,
    DOMAIN_ALREADY_FILED,
    DOMAIN_IN_OPEN_ORDER,
    WEBSITE_NAME_INVALID,
)

# The entries live by subject in three sibling modules; every one is re-exported here, so
# ``refusals.X`` names each entry of the filing domain and ``REFUSALS`` holds them all.
from .input_refusals import (  # noqa: F401
    ACCESS_PROVIDER_INVALID,
    CERTIFICATE_NOT_RECOGNISED,
    CERTIFICATE_TYPE_MISMATCH,
    CHANGE_FIELD_INVALID,
    CHANGE_TARGET_REQUIRED,
    CLAIM_TARGET_REQUIRED,
    DECISION_INVALID,
    DETECT_TARGET_REQUIRED,
    DOMAIN_REQUIRED,
    ECOMMERCE_INVALID,
    FILED_TIME_INVALID,
    FILING_PASSWORD_REQUIRED,
    ICP_NUMBER_INVALID,
    INVALID_PARAMETER,
    INVALID_TYPE,
    LICENSE_NUMBER_INVALID,
    NAME_INVALID,
    NO_CHANGES,
    ORDER_FIELD_REQUIRED,
    ORDER_TYPE_INVALID,
    PROVINCE_INVALID,
    REASON_CODE_INVALID,
    REASON_CODE_ON_APPROVE,
    REASON_INVALID,
    REGISTRY_ORIGIN_INVALID,
    REJECTION_REASON_REQUIRED,
    SERVICE_CODE_OR_INSTANCE_REQUIRED,
    SUBJECT_ID_REQUIRED,
    SUBJECT_KIND_INVALID,
    SUBJECT_NAME_INVALID,
    WEBSITE_ID_REQUIRED,
)
from .material_refusals import (  # noqa: F401
    APP_BUNDLE_ID_INVALID,
    APP_ID_REQUIRED,
    APP_IDENTIFIER_UNEXPECTED,
    APP_INVALID,
    APP_NAME_INVALID,
    APP_NAME_REQUIRED,
    APP_NAME_TAKEN,
    APP_NOT_FOUND,
    APP_PACKAGE_NAME_INVALID,
    APP_PLATFORM_IDENTIFIER_MISSING,
    APP_PLATFORM_INVALID,
    APP_SIGNATURE_INVALID,
    DOCUMENT_INVALID,
    DOCUMENT_KIND_INVALID,
    FILING_CHECK_FAILED,
    FILING_INCOMPLETE,
    LEADER_INVALID,
    MATERIAL_FIELD_INVALID,
    ORDER_HAS_NO_WEBSITE_MATERIALS,
    ORDER_NOT_DRAFT,
    PATCH_FIELD_INVALID,
    WEBSITE_OR_APP_REQUIRED,
    ChecksFailed,
    not_image_text,
    too_large_text,
    too_small_text,
)
from .proof_refusals import (  # noqa: F401
    CERTIFICATE_NUMBER_MISMATCH,
    FILING_PASSWORD_INVALID,
    SMS_CODE_EXPIRED,
    SMS_CODE_INVALID,
    SMS_CODES_INVALID,
    SMS_RESEND_LIMIT,
    SMS_RESEND_TOO_SOON,
    VERIFICATION_ALREADY_PASSED,
    VERIFICATION_ATTEMPTS_EXHAUSTED,
    VERIFICATION_LINK_INVALID,
    VERIFICATION_OUTCOME_INVALID,
    VERIFICATION_PHOTO_NOT_UPLOADED,
)

# Shared with the other apps: ``icpconsole.core.refusals`` (RAM_USER_READ_ONLY, STAFF_ONLY),
# ``servicecodes.refusals`` (SERVICE_CODE_*), ``instances.refusals`` (INSTANCE_RELEASED).

# --- what is missing ---------------------------------------------------------------------------
ORDER_NOT_FOUND = Refusal("ORDER_NOT_FOUND", NotFound, _("Filing order %(id)s does not exist."))
SUBJECT_NOT_FOUND = Refusal("SUBJECT_NOT_FOUND", NotFound, _("Subject %(id)s does not exist."))
WEBSITE_NOT_FOUND = Refusal("WEBSITE_NOT_FOUND", NotFound, _("Website %(id)s does not exist."))
ICP_RECORD_NOT_FOUND = Refusal(
    "ICP_RECORD_NOT_FOUND",
    NotFound,
    _("The registry has no filing of %(domain)s under %(number)s."),
    _("Check the ICP number and the domain in the public ICP record query."),
)

# --- the state refuses -------------------------------------------------------------------------
INVALID_STAGE = Refusal("INVALID_STAGE", Conflict, _("Order %(id)s is %(status)s; it cannot move to %(to)s."))
ORDER_ALREADY_OPEN = Refusal(
    "ORDER_ALREADY_OPEN",
    Conflict,
    _("Subject %(name)s already has an open filing order; finish or abandon it first."),
    _("Finish or abandon the open order on the Filing orders page."),
)
SUBJECT_EXISTS = Refusal(
    "SUBJECT_EXISTS",
    Conflict,
    _("This account already has a filing subject; an account files one subject. Add websites to it instead."),
)
SUBJECT_OF_ANOTHER_ACCOUNT = Refusal(
    "SUBJECT_OF_ANOTHER_ACCOUNT",
    Conflict,
    _("The subject with certificate number %(number)s is filed here under another account."),
    _("An account files one subject: log in with the account that filed it and add the website there."),
)
SUBJECT_NOT_FILED = Refusal(
    "SUBJECT_NOT_FILED",
    Conflict,
    _("This account has no filed subject yet: start with a first filing."),
)
WEBSITE_NOT_ACTIVE = Refusal("WEBSITE_NOT_ACTIVE", Conflict, _("Website %(domain)s is %(status)s."))
PUBLIC_SECURITY_ALREADY_FILED = Refusal(
    "PUBLIC_SECURITY_ALREADY_FILED",
    Conflict,
    _("%(domain)s is already recorded with the public security authority under %(number)s."),
)
REBIND_INSTANCE_INVALID = Refusal(
    "REBIND_INSTANCE_INVALID",
    InvalidInput,
    _(
        "To rebind the website, give another instance of yours (instance_id) or an unused service code "
        "of one (service_code), not both."
    ),
)
LICENSE_EXISTS = Refusal(
    "LICENSE_EXISTS", Conflict, _("%(domain)s already holds commercial license %(number)s.")
)
ALREADY_WITH_THIS_PROVIDER = Refusal(
    "ALREADY_WITH_THIS_PROVIDER", Conflict, _("%(domain)s is already served by Alibaba Cloud.")
)
TRANSFER_NOT_ALLOWED = Refusal(
    "TRANSFER_NOT_ALLOWED", Conflict, _("A HiChina legacy filing is claimed, not transferred in.")
)
CLAIM_NOT_ELIGIBLE = Refusal(
    "CLAIM_NOT_ELIGIBLE",
    Conflict,
    _("Only filings made through HiChina before June 2010 can be claimed; this one is from %(date)s."),
)
ALREADY_CLAIMED = Refusal("ALREADY_CLAIMED", Conflict, _("%(domain)s has already been claimed."))
CLAIM_DOMAIN_NOT_HELD = Refusal(
    "CLAIM_DOMAIN_NOT_HELD",
    Conflict,
    _(
        "A claim proves control of the filing: %(domain)s must be held by this account at the registrar, "
        "under the certificate number of the filing's subject."
    ),
    remedy=_("Register or move the domain to this account with the filing's holder, then claim again."),
)
ICP_NUMBER_HELD_ELSEWHERE = Refusal(
    "ICP_NUMBER_HELD_ELSEWHERE", Conflict, _("%(number)s is served here for another account.")
)
ICP_NUMBER_TAKEN = Refusal(
    "ICP_NUMBER_TAKEN",
    Conflict,
    _("%(number)s is already in the registry or served here; add records only for filings made elsewhere."),
)
ICP_NUMBER_UNAVAILABLE = Refusal(
    "ICP_NUMBER_UNAVAILABLE", Conflict, _("No free ICP number could be found; try again.")
)
REGISTRY_RECORD_CHANGED = Refusal(
    "REGISTRY_RECORD_CHANGED",
    Conflict,
    _("The registry record of %(domain)s has changed since the order was made; reject this order."),
)
CONCURRENT_CHANGE = Refusal(
    "CONCURRENT_CHANGE", Conflict, _("Another request changed this filing at the same time; try again.")
)


# Every entry by code (``catalogue`` refuses a code defined twice: one code, one text).
# The public ICP record query is anonymous: limited per address (issue 27).
RECORD_QUERY_THROTTLED = Refusal(
    "RECORD_QUERY_THROTTLED",
    Throttled,
    _("Too many record queries from this address. Try again in a minute."),
)

REFUSALS = catalogue(value for value in dict(globals()).values() if isinstance(value, Refusal))
