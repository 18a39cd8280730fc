"""What the filing domain refuses of an application's materials: the pre-check (SPEC 3.9), the
documents, the leaders, and an app's fields (SPEC 3.11), defined once. Part of the catalogue
``filings.refusals``, which re-exports every entry: raise them as ``refusals.X``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from icpconsole.core.errors import Conflict, InvalidInput, NotFound
from icpconsole.core.refusals import Refusal


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
