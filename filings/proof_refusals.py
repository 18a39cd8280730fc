"""What the filing domain refuses of a proof: the filing password, the certificate number, the
SMS codes and the authenticity verification (SPEC 3.12), defined once. Part of the catalogue
``filings.refusals``, which re-exports every entry: raise them as ``refusals.X``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from icpconsole.core.errors import Conflict, InvalidInput, NotFound
from icpconsole.core.refusals import Refusal

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
