"""Filing services: every change to subjects, websites, orders, the phone and the registry.

``creation`` makes orders from each type's frozen input (``inputs``; ``order_input`` reads one
from a request body), ``workflow`` moves them through the stages and applies approvals,
``registry`` issues numbers and takes the records staff add, ``websites`` grants commercial
licenses. Import from here.
"""

from .aftercare import public_security_file
from .code_authorization import filing_code_auth_confirm, filing_code_auth_send
from .creation import (
    filing_create,
    filing_create_add_app,
    filing_create_add_website,
    filing_create_cancel,
    filing_create_cancel_app,
    filing_create_change,
    filing_create_claim,
    filing_create_first,
    filing_create_first_app,
    filing_create_transfer_in,
    filing_precheck,
    inputs,
    order_input,
)
from .creation.new_websites import service_code_check
from .detect import filing_type_detect
from .materials import filing_document_upload, filing_update
from .registry import registry_record_add
from .stages import check_writer
from .verification import filing_verification_attempt, filing_verification_start, verification_link_attempt
from .websites import website_grant_license
from .workflow import filing_abandon, filing_resend_sms, filing_review, filing_submit, filing_verify_sms

__all__ = [
    "check_writer",
    "filing_abandon",
    "filing_code_auth_confirm",
    "filing_code_auth_send",
    "filing_create",
    "filing_create_add_app",
    "filing_create_add_website",
    "filing_create_cancel",
    "filing_create_cancel_app",
    "filing_create_change",
    "filing_create_claim",
    "filing_create_first",
    "filing_create_first_app",
    "filing_create_transfer_in",
    "filing_document_upload",
    "filing_precheck",
    "filing_type_detect",
    "filing_update",
    "filing_resend_sms",
    "filing_review",
    "filing_submit",
    "filing_verification_attempt",
    "filing_verification_start",
    "filing_verify_sms",
    "inputs",
    "order_input",
    "verification_link_attempt",
    "public_security_file",
    "registry_record_add",
    "service_code_check",
    "website_grant_license",
]
