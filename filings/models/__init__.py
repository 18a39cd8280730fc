"""Filing models (SPEC 3.7, seed 004): subjects, their websites, the orders that change them, the
simulated phone inbox and the simulated MIIT registry.

Every row is written by ``filings.services``; the database constraints below are the backstop of
the rules those services check under row locks:

* one live (``pending`` or ``active``) subject per account, and a subject ICP number held by at
  most one live subject;
* one open order per subject, per proposed domain and per service code;
* a domain is the website of at most one non-cancelled website, and filed at most once in the
  registry (among ``valid`` records);
* e-commerce needs a commercial license (ICP证);
* an app (``service_type`` ``app``, SPEC 3.11) has no domain and a name unique among its subject's
  apps that are not cancelled; a website has a domain.
"""

from .choices import (
    OPEN_STAGES,
    RETURNED_FROM_STAGE,
    SMS_ROLES,
    SMS_SUBJECT_LEADER,
    SMS_WEBSITE_LEADER,
    SUBJECT_STATUS_ACTIONS,
    TAKEOVER_ACTIONS,
    TRANSITION_ACTIONS,
    TRANSITIONS,
    WEBSITE_END_ACTIONS,
    CameraOutcome,
    FilingAction,
    OrderType,
    ReturnedFrom,
    Reviewer,
    Stage,
    VerificationStatus,
)
from .orders import FilingOrder, OrderEvent, VerificationAttempt, stored_text
from .phone import MESSAGE_TEXTS, FilingDocument, MessageKind, PhoneMessage, document_path
from .registry import RegistryOrigin, RegistryRecord, RegistryStatus
from .subjects import (
    ALIBABA_CLOUD,
    HICHINA,
    LIVE_SUBJECT_STATUSES,
    MAX_DOMAIN_LENGTH,
    PublicSecurityNotice,
    ServiceType,
    Subject,
    SubjectKind,
    SubjectStatus,
    Website,
    WebsiteStatus,
)

__all__ = [
    "CameraOutcome",
    "VerificationAttempt",
    "VerificationStatus",
    "Reviewer",
    "ReturnedFrom",
    "ALIBABA_CLOUD",
    "HICHINA",
    "LIVE_SUBJECT_STATUSES",
    "MAX_DOMAIN_LENGTH",
    "MESSAGE_TEXTS",
    "OPEN_STAGES",
    "RETURNED_FROM_STAGE",
    "SMS_ROLES",
    "SMS_SUBJECT_LEADER",
    "SMS_WEBSITE_LEADER",
    "SUBJECT_STATUS_ACTIONS",
    "TAKEOVER_ACTIONS",
    "TRANSITIONS",
    "TRANSITION_ACTIONS",
    "WEBSITE_END_ACTIONS",
    "FilingAction",
    "FilingDocument",
    "FilingOrder",
    "MessageKind",
    "OrderEvent",
    "OrderType",
    "PhoneMessage",
    "PublicSecurityNotice",
    "RegistryOrigin",
    "RegistryRecord",
    "RegistryStatus",
    "ServiceType",
    "Stage",
    "Subject",
    "SubjectKind",
    "SubjectStatus",
    "Website",
    "WebsiteStatus",
    "document_path",
    "stored_text",
]
