"""The choices of a filing order (SPEC 3.7, 3.12): its types and stages, the only moves between
stages, the SMS roles, the authenticity verification's states and camera outcomes, which step
returned it, and the audit actions of the filing domain with the move, status change or
takeover each records. Re-exported by ``filings.models`` (and ``filings.models.orders``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .subjects import SubjectStatus, WebsiteStatus


class OrderType(models.TextChoices):
    FIRST_FILING = "first_filing", _("First filing")
    ADD_WEBSITE = "add_website", _("Add a website")
    TRANSFER_IN = "transfer_in", _("Transfer in")
    CHANGE = "change", _("Change filing information")
    CANCEL_SUBJECT = "cancel_subject", _("Cancel the subject")
    CANCEL_WEBSITE = "cancel_website", _("Cancel a website")
    CANCEL_ACCESS = "cancel_access", _("Cancel access")
    CLAIM = "claim", _("Claim a HiChina filing")
    ADD_APP = "add_app", _("Add an app")
    CANCEL_APP = "cancel_app", _("Cancel an app")


class Stage(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Initial review")
    PENDING_SMS = "pending_sms", _("Waiting for SMS verification")
    BUREAU_REVIEW = "bureau_review", _("Administration bureau review")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for correction")
    REJECTED = "rejected", _("Rejected")
    ABANDONED = "abandoned", _("Abandoned")
    EXPIRED = "expired", _("Expired")


OPEN_STAGES = (Stage.DRAFT, Stage.SUBMITTED, Stage.PENDING_SMS, Stage.BUREAU_REVIEW, Stage.RETURNED)

# SPEC 3.7 and 3.12: the only moves an order can make. ``submitted`` is the provider's initial
# review (staff approve -> pending_sms); abandoning is possible until the bureau has the order.
# Every rejection returns the order for correction (``returned``, open, its code still in
# ``filing``); the applicant resubmits it (``submitted`` again, the next round) or abandons it;
# a draft or a returned order left alone expires. ``rejected`` is the closed end of orders
# rejected before SPEC 3.12: no order enters it any more.
TRANSITIONS: dict[str, frozenset[str]] = {
    Stage.DRAFT: frozenset({Stage.SUBMITTED, Stage.ABANDONED, Stage.EXPIRED}),
    Stage.SUBMITTED: frozenset({Stage.PENDING_SMS, Stage.RETURNED, Stage.ABANDONED}),
    Stage.PENDING_SMS: frozenset({Stage.BUREAU_REVIEW, Stage.RETURNED, Stage.ABANDONED}),
    Stage.BUREAU_REVIEW: frozenset({Stage.APPROVED, Stage.RETURNED}),
    Stage.RETURNED: frozenset({Stage.SUBMITTED, Stage.ABANDONED, Stage.EXPIRED}),
    Stage.APPROVED: frozenset(),
    Stage.REJECTED: frozenset(),
    Stage.ABANDONED: frozenset(),
    Stage.EXPIRED: frozenset(),
}


SMS_SUBJECT_LEADER = "subject_leader"
SMS_WEBSITE_LEADER = "website_leader"
SMS_ROLES = (SMS_SUBJECT_LEADER, SMS_WEBSITE_LEADER)


class VerificationStatus(models.TextChoices):
    """Where the authenticity verification (真实性核验, SPEC 3.12) of an order stands."""

    NOT_STARTED = "not_started", _("Not started")
    LINK_SENT = "link_sent", _("Link sent to the phone")
    FAILED = "failed", _("Failed, to be taken again")
    PASSED = "passed", _("Passed")


class CameraOutcome(models.TextChoices):
    """What the simulated camera sees when the picture is taken (SPEC 3.12)."""

    PASS = "pass", _("A clear face, the leader's own")
    GLASSES = "glasses", _("A face wearing glasses")
    POOR_LIGHT = "poor_light", _("A face in poor light")
    NO_FACE = "no_face", _("No face in the picture")
    NOT_SAME_PERSON = "not_same_person", _("Another person's face")


class ReturnedFrom(models.TextChoices):
    """Which step sent a returned order back (SPEC 3.12)."""

    INITIAL_REVIEW = "initial_review", pgettext_lazy("review step", "Initial review")
    SMS = "sms", _("SMS verification")
    BUREAU_REVIEW = "bureau_review", _("Administration bureau review")


RETURNED_FROM_STAGE: dict[str, str] = {
    Stage.SUBMITTED: ReturnedFrom.INITIAL_REVIEW,
    Stage.PENDING_SMS: ReturnedFrom.SMS,
    Stage.BUREAU_REVIEW: ReturnedFrom.BUREAU_REVIEW,
}


class FilingAction(models.TextChoices):
    """What the operation log records about filings (``icpconsole.core.audit``)."""

    CREATE = "filing.create", _("Create filing order")
    SUBMIT = "filing.submit", _("Submit filing order")
    ABANDON = "filing.abandoned", _("Abandon filing order")
    INITIAL_REVIEW_APPROVE = "filing.initial_review.approve", _("Initial review passed")
    INITIAL_REVIEW_REJECT = "filing.initial_review.reject", _("Initial review rejected")
    SMS_VERIFY = "filing.sms.verify", _("SMS verification passed")
    SMS_REJECT = "filing.sms.reject", _("Rejected: SMS verification failed")
    SMS_RESEND = "filing.sms.resend", _("SMS verification code resent")
    CODE_AUTH_SEND = "filing.code_auth.send", _("Code owner's authorization SMS sent")
    CODE_AUTH_CONFIRM = "filing.code_auth.confirm", _("Code owner's authorization confirmed")
    SMS_WRONG_CODE = "filing.sms.wrong_code", _("Wrong SMS verification code entered")
    BUREAU_APPROVE = "filing.bureau_review.approve", _("Approved by the administration bureau")
    BUREAU_REJECT = "filing.bureau_review.reject", _("Rejected by the administration bureau")
    SUBJECT_CREATE = "filing.subject.create", _("Create filing subject")
    SUBJECT_ACTIVE = "filing.subject.active", _("Subject filed")
    SUBJECT_CANCELLED = "filing.subject.cancelled", _("Subject cancelled")
    SUBJECT_WITHDRAWN = "filing.subject.withdrawn", _("Subject withdrawn")
    WEBSITE_FILE = "filing.website.file", _("Website filed")
    WEBSITE_TRANSFER_IN = "filing.website.transfer_in", _("Filing transferred in")
    WEBSITE_CLAIM = "filing.website.claim", _("Filing claimed")
    WEBSITE_CANCELLED = "filing.website.cancelled", _("Website cancelled")
    WEBSITE_ACCESS_CANCELLED = "filing.website.access_cancelled", _("Access cancelled")
    WEBSITE_LICENSE = "filing.website.license", _("Commercial license recorded")
    WEBSITE_REBIND = "filing.website.rebind", _("Website rebound to another instance")
    PUBLIC_SECURITY_FILE = "filing.public_security.file", _("Public security filing recorded")
    PUBLIC_SECURITY_REMIND = "filing.public_security.remind", _("Public security filing reminder sent")
    PUBLIC_SECURITY_OVERDUE = "filing.public_security.overdue", _("Public security filing overdue")
    ACCESS_AT_RISK = "filing.access.at_risk", _("Website access at risk")
    ACCESS_RECOVERED = "filing.access.recovered", _("Website access healthy again")
    CHANGE_APPLY = "filing.change.apply", _("Filing information changed")
    REGISTRY_RECORD_ADD = "registry.record.add", _("Add MIIT registry record")
    UPDATE = "filing.update", _("Complete filing materials")
    DOCUMENT_UPLOAD = "filing.document.upload", _("Upload filing document")
    APP_FILE = "filing.app.file", _("App filed")
    APP_CANCELLED = "filing.app.cancelled", _("App cancelled")
    RESUBMIT = "filing.resubmit", _("Resubmit filing order")
    EXPIRE = "filing.expired", _("Filing order expired")
    EXPIRY_REMIND = "filing.expiry.remind", _("Filing order expiry reminder sent")
    VERIFICATION_LINK = "filing.verification.link", _("Authenticity verification link sent")
    VERIFICATION_PASS = "filing.verification.pass", _("Authenticity verification passed")
    VERIFICATION_FAIL = "filing.verification.fail", _("Authenticity verification attempt failed")
    VERIFICATION_RESET = "filing.verification.reset", _("Authenticity verification asked for again")
    SMS_LAPSE = "filing.sms.lapse", _("Returned: SMS code not entered within 24 hours")


class Reviewer(models.TextChoices):
    """Who decided a review when no person did (the audit record's ``via``): the operation log
    and the admin show its label."""

    AUTOMATIC = "auto_review", _("Simulator (automatic review)")


# The audit action recorded for each move (the creation is ``FilingAction.CREATE``).
TRANSITION_ACTIONS: dict[tuple[str, str], str] = {
    (Stage.DRAFT, Stage.SUBMITTED): FilingAction.SUBMIT,
    (Stage.SUBMITTED, Stage.PENDING_SMS): FilingAction.INITIAL_REVIEW_APPROVE,
    (Stage.SUBMITTED, Stage.RETURNED): FilingAction.INITIAL_REVIEW_REJECT,
    (Stage.PENDING_SMS, Stage.BUREAU_REVIEW): FilingAction.SMS_VERIFY,
    (Stage.PENDING_SMS, Stage.RETURNED): FilingAction.SMS_REJECT,
    (Stage.BUREAU_REVIEW, Stage.APPROVED): FilingAction.BUREAU_APPROVE,
    (Stage.BUREAU_REVIEW, Stage.RETURNED): FilingAction.BUREAU_REJECT,
    (Stage.RETURNED, Stage.SUBMITTED): FilingAction.RESUBMIT,
    (Stage.DRAFT, Stage.ABANDONED): FilingAction.ABANDON,
    (Stage.SUBMITTED, Stage.ABANDONED): FilingAction.ABANDON,
    (Stage.PENDING_SMS, Stage.ABANDONED): FilingAction.ABANDON,
    (Stage.RETURNED, Stage.ABANDONED): FilingAction.ABANDON,
    (Stage.DRAFT, Stage.EXPIRED): FilingAction.EXPIRE,
    (Stage.RETURNED, Stage.EXPIRED): FilingAction.EXPIRE,
}
# The subject's and the website's status changes, by their new status.
SUBJECT_STATUS_ACTIONS: dict[str, str] = {
    SubjectStatus.ACTIVE: FilingAction.SUBJECT_ACTIVE,
    SubjectStatus.CANCELLED: FilingAction.SUBJECT_CANCELLED,
    SubjectStatus.WITHDRAWN: FilingAction.SUBJECT_WITHDRAWN,
}
WEBSITE_END_ACTIONS: dict[str, str] = {
    WebsiteStatus.CANCELLED: FilingAction.WEBSITE_CANCELLED,
    WebsiteStatus.ACCESS_CANCELLED: FilingAction.WEBSITE_ACCESS_CANCELLED,
}
TAKEOVER_ACTIONS: dict[str, str] = {
    OrderType.TRANSFER_IN: FilingAction.WEBSITE_TRANSFER_IN,
    OrderType.CLAIM: FilingAction.WEBSITE_CLAIM,
}
