"""The catalogue of the usual rejection reasons of a filing review (SPEC 3.10): what the real
console's reviewers write back most often, each a stable code and one English text (its Chinese in
the ``zh_Hans`` catalogue), defined once.

An order keeps the code (``FilingOrder.reason_code``), never a translated text, so the applicant
reads the reason in their own language wherever it is shown (the order page, the order JSON, the
phone inbox). Staff may add free text, kept as typed. The automatic review keeps the failing
pre-check reasons by their codes (``FilingOrder.review_reasons``; ``stored_check``/``check_text``).

Pure: no ORM.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from icpconsole.core.reasons import Reason
from icpconsole.core.reasons import catalogue as entries_by_code

# A rejection reason is a catalogue entry that is shown, never raised (the old name stays importable).
RejectionReason = Reason


REJECTION_REASONS: tuple[Reason, ...] = (
    Reason(
        "MATERIALS_UNCLEAR",
        None,
        _(
            "The uploaded documents are unclear or incomplete: upload clear, complete colour scans of the "
            "originals."
        ),
    ),
    Reason(
        "VERIFICATION_PHOTO_NONCOMPLIANT",
        None,
        _(
            "The authenticity verification photo does not meet the requirements (a plain curtain behind the "
            "leader, the face clearly visible, no edits): take it again."
        ),
    ),
    Reason(
        "WEBSITE_NAME_MISMATCH",
        None,
        _(
            "The website name does not match the website's content or the subject: choose a name that "
            "describes it."
        ),
    ),
    Reason(
        "DOMAIN_HOLDER_MISMATCH",
        None,
        _(
            "The domain's holder is not the subject: change the holder to the subject, or file a domain it "
            "holds."
        ),
    ),
    Reason(
        "LEADER_INFO_INCORRECT",
        None,
        _(
            "The leader's information (name, ID number, mobile number or e-mail) is incorrect or incomplete."
        ),
    ),
    Reason(
        "CERTIFICATE_INVALID",
        None,
        _(
            "The subject's certificate has expired or is not legible: upload a valid, clear certificate."
        ),
    ),
    Reason(
        "PRE_APPROVAL_REQUIRED",
        None,
        _(
            "The website's content needs the competent department's pre-approval (前置审批): give the "
            "pre-approval document number, or change the content category."
        ),
    ),
    Reason(
        "WEBSITE_NOT_ACCESSIBLE",
        None,
        _(
            "The website cannot be reached or is still under construction: the domain must lead to its "
            "finished content."
        ),
    ),
    Reason(
        "CONTENT_NOT_ALLOWED",
        None,
        _(
            "The website's content is not allowed for this subject (for example, commercial content on an "
            "individual's website)."
        ),
    ),
    Reason(
        "ADDRESS_INCORRECT",
        None,
        _("The subject's address is incomplete or does not match the certificate."),
    ),
    Reason(
        "PHONE_VERIFICATION_FAILED",
        None,
        _(
            "The reviewer could not reach the leader on the mobile number given for the verification call."
        ),
    ),
)

CATALOGUE: Mapping[str, Reason] = entries_by_code(REJECTION_REASONS)
CODES: tuple[str, ...] = tuple(CATALOGUE)

# Why the simulator itself returned an order, where no reviewer decided: shown like the reasons
# above, never offered to a reviewer (``CATALOGUE`` is what staff may pick).
SMS_NOT_ENTERED = Reason(
    "SMS_CODE_NOT_ENTERED",
    None,
    _("The SMS verification code was not entered within 24 hours of being sent."),
    _("Correct the order if needed and submit it again; a new code is sent after the initial review."),
)
SIMULATOR_REASONS: tuple[Reason, ...] = (SMS_NOT_ENTERED,)
_LABELLED: Mapping[str, Reason] = {**CATALOGUE, **entries_by_code(SIMULATOR_REASONS)}

# What the automatic review says when the checks fail; the failing checks follow it.
AUTOMATIC_REJECTION = "AUTOMATIC_CHECKS_FAILED"
AUTOMATIC_REJECTION_TEXT = gettext_noop(
    "The automatic review found that the application does not pass the filing checks:"
)


def catalogue() -> list[dict]:
    """The catalogue in the active language."""
    return [reason.as_dict() for reason in REJECTION_REASONS]


def reason_label(code: str) -> str:
    """A catalogued reason's text in the active language; an unknown code reads as itself."""
    if code == AUTOMATIC_REJECTION:
        return gettext(AUTOMATIC_REJECTION_TEXT)
    entry = _LABELLED.get(code)
    return entry.text if entry is not None else code


def reason_msgid(code: str) -> str:
    """A catalogued reason's English msgid (what a history note keeps), or "" for an unknown code."""
    entry = _LABELLED.get(code)
    return entry.msgid if entry is not None else ""


# --- the automatic review's failing checks, kept by their codes --------------------------------


def stored_check(reason) -> dict:
    """A pre-check reason (``filings.precheck.Reason``) as the order keeps it: its code, target
    and parameters in English (a parameter that is itself a text is translated when read)."""
    with translation.override("en"):
        params = {
            key: value if isinstance(value, int | float) else str(value) for key, value in reason.params
        }
    return {"code": reason.code, "target": reason.target, "params": params}


def check_text(stored: Mapping) -> str:
    """A stored check in the active language."""
    from .precheck import REASONS

    spec = REASONS.get(stored.get("code", ""))
    if spec is None:
        return str(stored.get("code", ""))
    params = {
        key: gettext(value) if isinstance(value, str) and value else value
        for key, value in (stored.get("params") or {}).items()
    }
    try:
        return str(spec.message) % params
    except (KeyError, TypeError, ValueError):
        return str(spec.message)


def check_remedy(stored: Mapping) -> str:
    from .precheck import REASONS

    spec = REASONS.get(stored.get("code", ""))
    if spec is None:
        return ""
    remedy = str(spec.remedy)
    if "%(" not in remedy:
        return remedy
    try:
        return remedy % (stored.get("params") or {})
    except (KeyError, TypeError, ValueError):
        return remedy


def rejection_text(*, code: str, text: str, checks: Iterable[Mapping] = ()) -> str:
    """Why an order was rejected, in the active language: the catalogued reason, the reviewer's
    own words (as typed, or a simulator's msgid translated), then each failing check."""
    parts = []
    if code:
        parts.append(reason_label(code))
    if text:
        parts.append(gettext(text))
    parts += [check_text(check) for check in checks]
    return " ".join(part for part in parts if part)


REVIEWER_NOTE = "REVIEWER_NOTE"


def returned_reasons(*, code: str, text: str, checks: Iterable[Mapping] = ()) -> list[dict]:
    """Why an order was returned (SPEC 3.12), one entry a reason, each ``{"code", "message"}``
    in the active language: the catalogued reason, the reviewer's own words
    (``REVIEWER_NOTE``), then each failing check by its code."""
    reasons = []
    if code:
        reasons.append({"code": code, "message": reason_label(code)})
    if text:
        reasons.append({"code": REVIEWER_NOTE, "message": gettext(text)})
    reasons += [{"code": str(check.get("code", "")), "message": check_text(check)} for check in checks]
    return reasons
