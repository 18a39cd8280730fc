"""The filing pre-check's reasons (SPEC 3.9): every code ``filings/precheck.py`` can answer, with
its English text (Chinese in the ``zh_Hans`` catalogue), remedy and remedy action, defined once
as :class:`icpconsole.core.reasons.Reason` entries. The pre-check names them
(``reason(check_reasons.DOMAIN_EXPIRED, domain=...)``), never a literal code.

Five are refusals as well (``DOMAIN_ALREADY_FILED``, ``DOMAIN_IN_OPEN_ORDER``,
``COMMERCIAL_LICENSE_REQUIRED``, and the input errors ``CERTIFICATE_NUMBER_INVALID`` and
``WEBSITE_NAME_INVALID`` for a value missing or too long to check): the services raise them, the
pre-check shows them, one entry and one text each (``filings/refusals.py`` names them from here).
Pure: no ORM, no import of the rest of ``filings``.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from icpconsole.core.errors import Conflict, InvalidInput
from icpconsole.core.reasons import Reason, catalogue

# Remedy actions: the console maps each to a link or a button.
ACTION_REGISTER_DOMAIN = "register_domain"
ACTION_RENEW_DOMAIN = "renew_domain"
ACTION_VERIFY_DOMAIN = "verify_domain"
ACTION_FIX_HOLDER = "fix_holder"
ACTION_CHOOSE_DOMAIN = "choose_another_domain"
ACTION_VIEW_FILING = "view_filing"
ACTION_VIEW_ORDER = "view_order"
ACTION_FIX_SUBJECT = "fix_subject"
ACTION_FIX_LEADER = "fix_leader"
ACTION_FIX_WEBSITE = "fix_website"
ACTION_CHOOSE_CATEGORY = "choose_category"
ACTION_UPLOAD_DOCUMENT = "upload_document"
ACTION_VERIFY_AUTHENTICITY = "verify_authenticity"
ACTION_RETAKE_PICTURE = "retake_picture"
# The domain is held at another registrar: nothing in this console fixes it (issue 28).
ACTION_AT_REGISTRAR = "at_registrar"

DOMAIN_TLD_NOT_APPROVED = Reason(
    "DOMAIN_TLD_NOT_APPROVED",
    None,
    _("%(domain)s ends in .%(tld)s, which the MIIT has not approved: it cannot be filed."),
    _("File a domain with an approved suffix, such as .cn, .com or .中国."),
    action=ACTION_CHOOSE_DOMAIN,
)
DOMAIN_NOT_REGISTERED = Reason(
    "DOMAIN_NOT_REGISTERED",
    None,
    _("%(domain)s is not registered with any registrar."),
    _("Register the domain on the Domains page, with the subject as its holder."),
    action=ACTION_REGISTER_DOMAIN,
)
DOMAIN_EXPIRED = Reason(
    "DOMAIN_EXPIRED",
    None,
    _("%(domain)s has expired."),
    _("Renew the domain on the Domains page."),
    action=ACTION_RENEW_DOMAIN,
)
DOMAIN_NOT_VERIFIED = Reason(
    "DOMAIN_NOT_VERIFIED",
    None,
    _("%(domain)s has not passed real-name verification."),
    _("Give the holder's valid certificate number on the Domains page (change the holder)."),
    action=ACTION_VERIFY_DOMAIN,
)
DOMAIN_HOLDER_MISMATCH = Reason(
    "DOMAIN_HOLDER_MISMATCH",
    None,
    _("%(domain)s is held by %(holder)s, not by the subject %(subject)s."),
    _("Change the domain's holder to the subject on the Domains page, or file a domain the subject holds."),
    action=ACTION_FIX_HOLDER,
)
DOMAIN_ALREADY_FILED = Reason(
    "DOMAIN_ALREADY_FILED",
    Conflict,
    _("%(domain)s is already filed; a domain can be filed only once."),
    _("Look the domain up in the public ICP record query; to move its filing here, transfer it in."),
    action=ACTION_VIEW_FILING,
)
DOMAIN_IN_OPEN_ORDER = Reason(
    "DOMAIN_IN_OPEN_ORDER",
    Conflict,
    _("%(domain)s is already in an open filing order."),
    _("Finish or abandon that order first."),
    action=ACTION_VIEW_ORDER,
)
CERTIFICATE_NUMBER_INVALID = Reason(
    "CERTIFICATE_NUMBER_INVALID",
    InvalidInput,
    _("%(who)s: %(number)s is not a valid %(document)s (%(checked)s)."),
    _("Check the number against the certificate and enter it again."),
    action=ACTION_FIX_SUBJECT,
)
APPLICANT_UNDER_18 = Reason(
    "APPLICANT_UNDER_18",
    None,
    _("%(who)s: the holder of ID number %(number)s is under 18 on %(date)s."),
    _("The applicant must be an adult: file with an adult's identity."),
    action=ACTION_FIX_SUBJECT,
)
LEADER_NAME_INVALID = Reason(
    "LEADER_NAME_INVALID",
    None,
    _("%(who)s: the name is required, at most 50 characters."),
    _("Enter the leader's name as on the ID card."),
    action=ACTION_FIX_LEADER,
)
MOBILE_INVALID = Reason(
    "MOBILE_INVALID",
    None,
    _("%(who)s: %(value)s is not a mainland mobile number (11 digits starting 13 to 19)."),
    _("Enter the leader's own mobile number; the SMS verification code is sent to it."),
    action=ACTION_FIX_LEADER,
)
EMAIL_INVALID = Reason(
    "EMAIL_INVALID",
    None,
    _("%(who)s: %(value)s is not an e-mail address."),
    _("Enter an e-mail address the leader reads."),
    action=ACTION_FIX_LEADER,
)
WEBSITE_NAME_INVALID = Reason(
    "WEBSITE_NAME_INVALID",
    InvalidInput,
    _("The website name %(name)s is not allowed: %(rule)s"),
    _("Choose a name that describes the website, following the rule above."),
    action=ACTION_FIX_WEBSITE,
)
CONTENT_CATEGORY_INVALID = Reason(
    "CONTENT_CATEGORY_INVALID",
    None,
    _("%(value)s is not a content category."),
    _("Choose one of the listed content categories."),
    action=ACTION_CHOOSE_CATEGORY,
)
CONTENT_CATEGORY_NOT_FOR_APP = Reason(
    "CONTENT_CATEGORY_NOT_FOR_APP",
    None,
    _("%(category)s is a website's content category, not an app's."),
    _("Choose one of an app's content categories: %(categories)s."),
    action=ACTION_CHOOSE_CATEGORY,
)
CONTENT_NOT_ALLOWED_FOR_INDIVIDUAL = Reason(
    "CONTENT_NOT_ALLOWED_FOR_INDIVIDUAL",
    None,
    _("An individual may file only general and blog websites, not %(category)s."),
    _("Choose the general or blog category, or file as an enterprise."),
    action=ACTION_CHOOSE_CATEGORY,
)
PRE_APPROVAL_REQUIRED = Reason(
    "PRE_APPROVAL_REQUIRED",
    None,
    _("A %(category)s website needs the competent department's pre-approval document number."),
    _("Enter the pre-approval number (前置审批), or choose another category."),
    action=ACTION_CHOOSE_CATEGORY,
)
COMMERCIAL_LICENSE_REQUIRED = Reason(
    "COMMERCIAL_LICENSE_REQUIRED",
    Conflict,
    _(
        "E-commerce and online payments need an ICP commercial license (ICP证), which needs the website "
        "to be filed first."
    ),
    _("File the website in another category first; change it to e-commerce once it holds an ICP license."),
    action=ACTION_CHOOSE_CATEGORY,
)
# Provinces (SPEC 3.13): where the subject may file
PROVINCE_MISMATCH = Reason(
    "PROVINCE_MISMATCH",
    Conflict,
    _(
        "The unified social credit code %(number)s was issued in %(region)s: an organisation files only in "
        "its own province, not in %(province)s."
    ),
    _("Choose %(region)s as the filing province."),
    action=ACTION_FIX_SUBJECT,
)
RESIDENCE_PERMIT_REQUIRED = Reason(
    "RESIDENCE_PERMIT_REQUIRED",
    None,
    _(
        "The resident ID number %(number)s was issued in %(region)s: an individual filing in %(province)s "
        "needs a residence permit (居住证) there."
    ),
    _("Upload the residence permit issued in %(province)s, or choose %(region)s as the filing province."),
    action=ACTION_UPLOAD_DOCUMENT,
)
# What submit needs (FILING_INCOMPLETE)
SUBJECT_LEADER_MISSING = Reason(
    "SUBJECT_LEADER_MISSING",
    None,
    _("The subject's leader (name, ID number, mobile, e-mail) is missing."),
    _("Fill in the subject's leader."),
    action=ACTION_FIX_LEADER,
)
WEBSITE_LEADER_MISSING = Reason(
    "WEBSITE_LEADER_MISSING",
    None,
    _("The website's leader (name, ID number, mobile, e-mail) is missing."),
    _("Fill in the website's leader, or say it is the subject's leader."),
    action=ACTION_FIX_LEADER,
)
WEBSITE_NAME_MISSING = Reason(
    "WEBSITE_NAME_MISSING",
    None,
    _("The website name is missing."),
    _("Give the website a name."),
    action=ACTION_FIX_WEBSITE,
)
CONTENT_CATEGORY_MISSING = Reason(
    "CONTENT_CATEGORY_MISSING",
    None,
    _("The website's content category is missing."),
    _("Choose the website's content category."),
    action=ACTION_CHOOSE_CATEGORY,
)
DOCUMENT_MISSING = Reason(
    "DOCUMENT_MISSING",
    None,
    _("Document missing: %(label)s."),
    _("Upload it (JPEG or PNG, at least 400 x 300 pixels, at most 5 MB)."),
    action=ACTION_UPLOAD_DOCUMENT,
)
SUBJECT_ADDRESS_INCOMPLETE = Reason(
    "SUBJECT_ADDRESS_INCOMPLETE",
    None,
    _('The subject\'s address "%(address)s" is incomplete: give the province, the city and the street.'),
    _("Enter the full address: province, city, district and street with the number."),
    action=ACTION_FIX_SUBJECT,
)
NAME_CHANGE_PROOF_REQUIRED = Reason(
    "NAME_CHANGE_PROOF_REQUIRED",
    None,
    _("A new subject name (%(name)s) needs the proof of the name change."),
    _(
        "Upload the proof of the name change (the registration authority's notice of the change, or the "
        "new business licence) on the order's page."
    ),
    action=ACTION_UPLOAD_DOCUMENT,
)
VERIFICATION_MISSING = Reason(
    "VERIFICATION_MISSING",
    None,
    _("The authenticity verification (真实性核验) has not been passed."),
    _("Send the verification link to the phone from the order's page and take the picture of the leader."),
    action=ACTION_VERIFY_AUTHENTICITY,
)

# Why a picture of the authenticity verification failed, and how to take it again (SPEC 3.12).
VERIFICATION_GLASSES = Reason(
    "VERIFICATION_GLASSES",
    None,
    _("The face could not be compared: the person in the picture wears glasses."),
    _("Take the glasses off and take the picture again, looking straight at the camera."),
    action=ACTION_RETAKE_PICTURE,
)
VERIFICATION_POOR_LIGHT = Reason(
    "VERIFICATION_POOR_LIGHT",
    None,
    _("The picture is too dark or too bright for the face to be recognised."),
    _("Move to an evenly lit place, without light behind you, and take the picture again."),
    action=ACTION_RETAKE_PICTURE,
)
VERIFICATION_NO_FACE = Reason(
    "VERIFICATION_NO_FACE",
    None,
    _("No face was found in the picture."),
    _("Hold the phone at eye level with the whole face inside the frame, and take the picture again."),
    action=ACTION_RETAKE_PICTURE,
)
VERIFICATION_NOT_SAME_PERSON = Reason(
    "VERIFICATION_NOT_SAME_PERSON",
    None,
    _("The face does not match the ID card photo of the leader named in the order."),
    _(
        "The leader named in the order takes the picture in person; if the order names the wrong person, "
        "correct the leader first."
    ),
    action=ACTION_RETAKE_PICTURE,
)
# By the camera's outcome (``filings.models.CameraOutcome``).
CAMERA_FAILURES: Mapping[str, Reason] = {
    "glasses": VERIFICATION_GLASSES,
    "poor_light": VERIFICATION_POOR_LIGHT,
    "no_face": VERIFICATION_NO_FACE,
    "not_same_person": VERIFICATION_NOT_SAME_PERSON,
}

# In the order the pre-check reports them.
ORDERED: tuple[Reason, ...] = (
    DOMAIN_TLD_NOT_APPROVED,
    DOMAIN_NOT_REGISTERED,
    DOMAIN_EXPIRED,
    DOMAIN_NOT_VERIFIED,
    DOMAIN_HOLDER_MISMATCH,
    DOMAIN_ALREADY_FILED,
    DOMAIN_IN_OPEN_ORDER,
    CERTIFICATE_NUMBER_INVALID,
    APPLICANT_UNDER_18,
    PROVINCE_MISMATCH,
    RESIDENCE_PERMIT_REQUIRED,
    SUBJECT_ADDRESS_INCOMPLETE,
    NAME_CHANGE_PROOF_REQUIRED,
    LEADER_NAME_INVALID,
    MOBILE_INVALID,
    EMAIL_INVALID,
    WEBSITE_NAME_INVALID,
    CONTENT_CATEGORY_INVALID,
    CONTENT_CATEGORY_NOT_FOR_APP,
    CONTENT_NOT_ALLOWED_FOR_INDIVIDUAL,
    PRE_APPROVAL_REQUIRED,
    COMMERCIAL_LICENSE_REQUIRED,
    SUBJECT_LEADER_MISSING,
    WEBSITE_LEADER_MISSING,
    WEBSITE_NAME_MISSING,
    CONTENT_CATEGORY_MISSING,
    DOCUMENT_MISSING,
    VERIFICATION_MISSING,
    VERIFICATION_GLASSES,
    VERIFICATION_POOR_LIGHT,
    VERIFICATION_NO_FACE,
    VERIFICATION_NOT_SAME_PERSON,
)
REASONS: Mapping[str, Reason] = catalogue(ORDERED)
REASON_ORDER: tuple[str, ...] = tuple(REASONS)
# A domain held at another registrar is fixed there, not on this console's Domains page: these
# reasons, given a ``registrar`` param, name it and link nowhere (issue 28).
AT_REGISTRAR_REMEDIES: Mapping[str, object] = {
    DOMAIN_EXPIRED.code: _("The domain is registered at %(registrar)s, not here: renew it there."),
    DOMAIN_NOT_VERIFIED.code: _(
        "The domain is registered at %(registrar)s, not here: its holder completes real-name "
        "verification there."
    ),
    DOMAIN_HOLDER_MISMATCH.code: _(
        "The domain is registered at %(registrar)s, not here: its holder must change the holder to "
        "%(subject)s there, or file a domain the subject holds."
    ),
}
REMEDY_ACTIONS: tuple[str, ...] = (
    *dict.fromkeys(entry.action for entry in ORDERED),
    ACTION_AT_REGISTRAR,
)
