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

# Shared with the other apps: ``icpconsole.core.refusals`` (RAM_USER_READ_ONLY, STAFF_ONLY),
# ``servicecodes.refusals`` (SERVICE_CODE_*), ``instances.refusals`` (INSTANCE_RELEASED).


class ChecksFailed(Conflict):
    """409 with every failing pre-check reason (``filings.precheck.Reason``) attached, each with
    its remedy, the way ``NotEligible`` carries the eligibility reasons."""

    def __init__(self, code: str, message: str = "", *, reasons=(), **extra):
        self.reasons = tuple(reasons)
        super().__init__(code, message, **extra)

    def as_dict(self):
        data = super().as_dict()
        data["reasons"] = [reason.as_dict() for reason in self.reasons]
        return data


# --- what is asked for -------------------------------------------------------------------------
INVALID_TYPE = Refusal("INVALID_TYPE", InvalidInput, _("type must be one of %(values)s."))
ORDER_TYPE_INVALID = Refusal("ORDER_TYPE_INVALID", InvalidInput, _("Unknown filing order type %(type)r."))
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

# --- proofs ------------------------------------------------------------------------------------
FILING_PASSWORD_INVALID = Refusal(
    "FILING_PASSWORD_INVALID",
    InvalidInput,
    _("The ICP filing password is wrong."),
    _("Use the filing password MIIT sent to the subject's phone when the subject was first filed."),
)
CERTIFICATE_NUMBER_MISMATCH = Refusal(
    "CERTIFICATE_NUMBER_MISMATCH",
    InvalidInput,
    _("The certificate number does not match the filing's subject."),
)
SMS_CODE_INVALID = Refusal("SMS_CODE_INVALID", InvalidInput, _("The SMS code is wrong."))
SMS_CODES_INVALID = Refusal(
    "SMS_CODES_INVALID",
    InvalidInput,
    _("codes is an object with a code for each leader, by role: %(roles)s."),
)
SMS_RESEND_LIMIT = Refusal(
    "SMS_RESEND_LIMIT",
    Conflict,
    _("The SMS code was already resent %(max)s times in this round."),
    _("Enter the last code sent; if it cannot be used, abandon the order or wait for it to be returned."),
)
SMS_RESEND_TOO_SOON = Refusal(
    "SMS_RESEND_TOO_SOON",
    Conflict,
    _("A code was sent less than a minute ago; ask again in %(seconds)s seconds."),
    _("Wait a minute before asking for a new SMS code."),
)
# SPEC 3.12: a code not entered within 24 hours returns the order (it is returned, then this is raised).
SMS_CODE_EXPIRED = Refusal(
    "SMS_CODE_EXPIRED",
    Conflict,
    _("The SMS code was not entered within 24 hours: the order was returned to you."),
    _("Correct the order if needed and submit it again; a new code is sent after the initial review."),
)
# The authenticity verification (真实性核验, SPEC 3.12)
VERIFICATION_ALREADY_PASSED = Refusal(
    "VERIFICATION_ALREADY_PASSED",
    Conflict,
    _("Order %(id)s has passed its authenticity verification already."),
    _("Submit the order; a new leader's identity would ask for the verification again."),
)
VERIFICATION_ATTEMPTS_EXHAUSTED = Refusal(
    "VERIFICATION_ATTEMPTS_EXHAUSTED",
    Conflict,
    _("The authenticity verification failed %(max)s times today; no more pictures can be taken today."),
    _("Take the picture again tomorrow, without glasses, in good light, the leader's own face."),
)
VERIFICATION_OUTCOME_INVALID = Refusal(
    "VERIFICATION_OUTCOME_INVALID", InvalidInput, _("outcome must be one of %(values)s.")
)
VERIFICATION_LINK_INVALID = Refusal(
    "VERIFICATION_LINK_INVALID",
    NotFound,
    _("This verification link is not valid: it has expired, was used, or was replaced by a newer one."),
    _("Send a new verification link from the filing order's page."),
)
VERIFICATION_PHOTO_NOT_UPLOADED = Refusal(
    "VERIFICATION_PHOTO_NOT_UPLOADED",
    InvalidInput,
    _("The authenticity verification photo is taken on the phone, not uploaded."),
    _("Send the verification link to the phone from the order's page and take the picture there."),
)

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

# --- the pre-check and the materials (SPEC 3.9) -----------------------------------------------
FILING_CHECK_FAILED = Refusal(
    "FILING_CHECK_FAILED",
    ChecksFailed,
    _("The filing does not pass the pre-check; every reason is listed with its remedy."),
)
FILING_INCOMPLETE = Refusal(
    "FILING_INCOMPLETE",
    ChecksFailed,
    _("The application is not complete; every missing item is listed."),
)
ORDER_NOT_DRAFT = Refusal(
    "ORDER_NOT_DRAFT",
    Conflict,
    _(
        "Order %(id)s is %(status)s: only the materials of a draft or of an order returned for "
        "correction can be changed."
    ),
)
ORDER_HAS_NO_WEBSITE_MATERIALS = Refusal(
    "ORDER_HAS_NO_MATERIALS",
    Conflict,
    _("A %(type)s order carries no website materials; only first filings and added websites do."),
)
DOCUMENT_KIND_INVALID = Refusal("DOCUMENT_KIND_INVALID", InvalidInput, _("kind must be one of %(kinds)s."))
DOCUMENT_INVALID = Refusal(
    "DOCUMENT_INVALID",
    InvalidInput,
    _("The document is refused: %(why)s"),
    _("Upload a JPEG or PNG image of at least 400 x 300 pixels and at most 5 MB."),
)


def too_large_text() -> str:
    return str(_("it is larger than 5 MB."))


def not_image_text() -> str:
    return str(_("it is not a JPEG or PNG image (judged by its content, not its name or declared type)."))


def too_small_text(*, width: int, height: int) -> str:
    return str(_("it is %(width)s x %(height)s pixels; at least 400 x 300 are needed.")) % {
        "width": width,
        "height": height,
    }


LEADER_INVALID = Refusal(
    "LEADER_INVALID",
    InvalidInput,
    _("%(field)s is an object with name, certificate_number, mobile and email (text)."),
)
MATERIAL_FIELD_INVALID = Refusal(
    "MATERIAL_FIELD_INVALID", InvalidInput, _("%(field)s is text, at most %(max)s characters.")
)
PATCH_FIELD_INVALID = Refusal(
    "PATCH_FIELD_INVALID",
    InvalidInput,
    _("These fields cannot be completed here: %(fields)s (allowed: %(allowed)s)."),
)

# --- apps (SPEC 3.11) -------------------------------------------------------------------------
APP_INVALID = Refusal(
    "APP_INVALID",
    InvalidInput,
    _("app is an object with name, platforms and each platform's identifiers (SPEC 3.11)."),
)
APP_NAME_INVALID = Refusal(
    "APP_NAME_INVALID", InvalidInput, _("The app name is required, at most %(max)s characters.")
)
APP_PLATFORM_INVALID = Refusal(
    "APP_PLATFORM_INVALID",
    InvalidInput,
    _("platforms is a non-empty list of %(platforms)s, each at most once (not %(value)s)."),
)
APP_PACKAGE_NAME_INVALID = Refusal(
    "APP_PACKAGE_NAME_INVALID",
    InvalidInput,
    _(
        "%(value)s is not a package name: at least two dot-separated segments, each starting with a letter, "
        "of letters, digits and underscores (com.example.app)."
    ),
)
APP_BUNDLE_ID_INVALID = Refusal(
    "APP_BUNDLE_ID_INVALID",
    InvalidInput,
    _(
        "%(value)s is not a bundle ID: at least two dot-separated segments of letters, digits and hyphens "
        "(com.example.app)."
    ),
)
APP_SIGNATURE_INVALID = Refusal(
    "APP_SIGNATURE_INVALID",
    InvalidInput,
    _(
        "%(field_name)s must be the %(algorithm)s fingerprint of the signing certificate: "
        "%(length)s hex digits."
    ),
)
APP_PLATFORM_IDENTIFIER_MISSING = Refusal(
    "APP_PLATFORM_IDENTIFIER_MISSING",
    InvalidInput,
    _("An app on %(platform)s needs %(fields)s."),
)
APP_IDENTIFIER_UNEXPECTED = Refusal(
    "APP_IDENTIFIER_UNEXPECTED",
    InvalidInput,
    _("%(field_name)s belongs to a platform the app is not on (%(platforms)s)."),
)
APP_NAME_TAKEN = Refusal(
    "APP_NAME_TAKEN",
    Conflict,
    _("The subject has already filed an app named %(name)s."),
    _("Choose another name, or cancel the filed app first."),
)
APP_NOT_FOUND = Refusal("APP_NOT_FOUND", NotFound, _("App %(id)s does not exist."))
APP_ID_REQUIRED = Refusal("APP_ID_REQUIRED", InvalidInput, _("app_id is required."))
WEBSITE_OR_APP_REQUIRED = Refusal(
    "WEBSITE_OR_APP_REQUIRED",
    InvalidInput,
    _("A first filing carries exactly one of website and app."),
)
APP_NAME_REQUIRED = Refusal(
    "APP_NAME_REQUIRED", InvalidInput, _("Give the app name to look up: ?app_name=...")
)
ORDER_FIELD_REQUIRED = Refusal("ORDER_FIELD_REQUIRED", InvalidInput, _("A %(type)s order needs %(name)s."))

# Every entry by code (``catalogue`` refuses a code defined twice: one code, one text).
# The public ICP record query is anonymous: limited per address (issue 27).
RECORD_QUERY_THROTTLED = Refusal(
    "RECORD_QUERY_THROTTLED",
    Throttled,
    _("Too many record queries from this address. Try again in a minute."),
)

REFUSALS = catalogue(value for value in dict(globals()).values() if isinstance(value, Refusal))
