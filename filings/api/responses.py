"""What the filing API's errors are, for its schema (each view's ``error_responses``)."""

E409_CREATE = (
    "Refused by a rule: `SUBJECT_EXISTS`, `SUBJECT_NOT_FILED`, `ORDER_ALREADY_OPEN`, `DOMAIN_ALREADY_FILED`, "
    "`DOMAIN_IN_OPEN_ORDER`, `FILING_CHECK_FAILED` (with `reasons`, each with its remedy: SPEC 3.9), "
    "`SERVICE_CODE_FILING`, `SERVICE_CODE_USED`, `SERVICE_CODE_DELETED`, "
    "`NOT_ELIGIBLE` (with `reasons`), `COMMERCIAL_LICENSE_REQUIRED`, `WEBSITE_NOT_ACTIVE`, "
    "`CLAIM_NOT_ELIGIBLE`..."
)
E400_CREATE = (
    "Bad input: `VALIDATION_ERROR` (with `fields`), `DOMAIN_INVALID`, `PROVINCE_INVALID`, "
    "`FILING_PASSWORD_INVALID`, `CERTIFICATE_NUMBER_MISMATCH`, `CHANGE_FIELD_INVALID`..."
)
E404_CREATE = (
    "`SERVICE_CODE_NOT_FOUND`, `INSTANCE_NOT_FOUND`, `SUBJECT_NOT_FOUND`, `WEBSITE_NOT_FOUND`, "
    "`ICP_RECORD_NOT_FOUND`."
)
E404_ORDER = "`ORDER_NOT_FOUND`: no such order, or another account's."
E409_STAGE = "`INVALID_STAGE`: the order is not in a stage that allows this (the error names both)."
E403_WRITE = "`RAM_USER_READ_ONLY`: RAM users may view filings but not act on them."
