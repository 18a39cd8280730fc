"""BSN's own error codes (API version 2015-05-12, SPEC 4.8): the refusals of ``ProductBindBsn``,
``GetBsnByResource``, ``GetBsnBySn`` and ``GrantBsnCode`` in the numeric codes Alibaba Cloud
documents, each once, with its text in English and Simplified Chinese (the Chinese is the help
page's own wording).

Sources (``docs/alibaba-sdk.md`` lists each code and where the documentation is silent):

- GrantBsnCode, https://help.aliyun.com/document_detail/2833157.html: the table of BSN's codes
  (401 ... 616) without HTTP statuses;
- GetBsnBySn, https://help.aliyun.com/document_detail/143225.html: 406, 507, 602 and 616, each
  with HTTP status 400;
- ProductBindBsn, https://help.aliyun.com/document_detail/143224.html: ``num`` at most 20 per
  call, only a running instance with a public IP, never beyond the agreed quota.

Every BSN refusal answers HTTP 400, as the one page that gives statuses does. The ``Code`` of the
error envelope is the number as a string (``"603"``), as the SDKs read any ``Code``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .errors import RpcError

HTTP_STATUS = 400
SOURCE_CODES = "https://help.aliyun.com/document_detail/2833157.html"
SOURCE_GET_BY_SN = "https://help.aliyun.com/document_detail/143225.html"
SOURCE_BIND = "https://help.aliyun.com/document_detail/143224.html"


@dataclass(frozen=True)
class BsnError:
    code: str
    text: Promise
    source: str = SOURCE_CODES

    def __call__(self, detail: str = "") -> RpcError:
        message = str(self.text)
        if detail:
            message = f"{message} {detail}"
        return RpcError(self.code, message, HTTP_STATUS)


ACCOUNT_INVALID = BsnError(
    "401", _("The account ID, the target account ID or the current account ID is invalid.")
)
INSTANCE_INVALID = BsnError("402", _("The instance is invalid."))
NO_FILING_IP = BsnError("403", _("The instance has no IP address that can be filed."))
SN_NOT_FOUND = BsnError("406", _("The service code does not exist."), SOURCE_GET_BY_SN)
TRIAL_PRODUCT = BsnError("410", _("A trial product cannot be bound to service codes."))
PRODUCT_TYPE_NOT_BINDABLE = BsnError("411", _("This product type cannot be bound to service codes."))
NOT_INSTANCE_OWNER = BsnError("412", _("The binding account is not the owner of the instance."))
INSTANCE_STATE = BsnError("413", _("The instance's current state is not suitable for filing."))
OPERATION_FAILED = BsnError("504", _("The operation failed."))
ILLEGAL_REQUEST = BsnError("506", _("The request is illegal."))
INTERFACE_ERROR = BsnError("507", _("The interface failed."), SOURCE_GET_BY_SN)
PRODUCT_NOT_FILABLE = BsnError("600", _("This kind of product does not support filing."))
REQUIRED_EMPTY = BsnError("602", _("A required parameter must not be empty."), SOURCE_GET_BY_SN)
NUM_OUT_OF_RANGE = BsnError("603", _("Service codes are limited to 1 to 20 per call."))
ACCOUNT_MISMATCH = BsnError("604", _("The binding account and the calling account differ."))
QUOTA_REACHED = BsnError("609", _("The instance has reached its limit of service codes."))
SN_NOT_OWNED = BsnError(
    "616", _("The service code does not belong to the account in the request."), SOURCE_GET_BY_SN
)

CATALOGUE: tuple[BsnError, ...] = (
    ACCOUNT_INVALID,
    INSTANCE_INVALID,
    NO_FILING_IP,
    SN_NOT_FOUND,
    TRIAL_PRODUCT,
    PRODUCT_TYPE_NOT_BINDABLE,
    NOT_INSTANCE_OWNER,
    INSTANCE_STATE,
    OPERATION_FAILED,
    ILLEGAL_REQUEST,
    INTERFACE_ERROR,
    PRODUCT_NOT_FILABLE,
    REQUIRED_EMPTY,
    NUM_OUT_OF_RANGE,
    ACCOUNT_MISMATCH,
    QUOTA_REACHED,
    SN_NOT_OWNED,
)

# The eligibility reasons (servicecodes.eligibility) under BSN's codes, in the order the rules
# run: a refusal answers with the first reason's code and names every reason in its message.
# Pay-as-you-go, too short a subscription, a region outside the mainland and too small an order
# have no code of their own in the documentation: 413 (the instance's state does not suit
# filing) is the nearest (docs/alibaba-sdk.md says so).
FOR_REASON: dict[str, BsnError] = {
    "NOT_PURCHASER_ACCOUNT": NOT_INSTANCE_OWNER,
    "PRODUCT_NOT_SUPPORTED": PRODUCT_TYPE_NOT_BINDABLE,
    "REGION_NOT_MAINLAND": INSTANCE_STATE,
    "PAY_AS_YOU_GO": INSTANCE_STATE,
    "EXPIRED": INSTANCE_STATE,
    "SUBSCRIPTION_TOO_SHORT": INSTANCE_STATE,
    "ORDER_AMOUNT_TOO_LOW": INSTANCE_STATE,
    "NOT_RUNNING": INSTANCE_STATE,
    "NO_PUBLIC_IP": NO_FILING_IP,
    "QUOTA_EXHAUSTED": QUOTA_REACHED,
}


def for_reasons(reasons) -> RpcError:
    """The refusal of ``ProductBindBsn`` for eligibility ``reasons``: the first reason's code,
    every reason named."""
    first = next((FOR_REASON[r.code] for r in reasons if r.code in FOR_REASON), INSTANCE_STATE)
    detail = "; ".join(f"{r.code}: {r.message}" for r in reasons)
    return first(detail)


def required(name: str) -> RpcError:
    return REQUIRED_EMPTY(gettext("Parameter: %(name)s.") % {"name": name})
