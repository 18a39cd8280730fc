"""Console pages for ICP filing (SPEC 3.7, 4.1; seed 004), one module per concern: the wizard,
transfer-in and claim, orders, the subject and its websites, the phone and the public query.

Every change goes through ``filings.services``; a refusal (``DomainError``) becomes an error
message on the page and changes nothing. What a caller may do now comes from ``filings.rules``.
"""

from .code_authorization import order_code_auth_confirm, order_code_auth_send
from .loop import order_modify
from .orders import (
    order_abandon,
    order_detail,
    order_document,
    order_document_upload,
    order_list,
    order_resend_sms,
    order_submit,
    order_verify_sms,
)
from .public import icp_record_query, inbox
from .review import review_detail, review_queue
from .subjects import subject_action, subjects, website_action, website_public_security
from .takeover import claim, transfer_in
from .verification import order_verification
from .wizard import wizard_cancel, wizard_confirm, wizard_domain, wizard_product
from .wizard_app import wizard_app
from .wizard_details import wizard_details

__all__ = [
    "order_code_auth_confirm",
    "order_code_auth_send",
    "claim",
    "icp_record_query",
    "inbox",
    "order_abandon",
    "order_detail",
    "order_document",
    "order_document_upload",
    "order_list",
    "order_modify",
    "order_resend_sms",
    "order_submit",
    "order_verification",
    "order_verify_sms",
    "review_detail",
    "review_queue",
    "subject_action",
    "subjects",
    "transfer_in",
    "website_action",
    "website_public_security",
    "wizard_app",
    "wizard_cancel",
    "wizard_confirm",
    "wizard_details",
    "wizard_domain",
    "wizard_product",
]
