"""Every refusal of the access provider's reports (Beian 2016-08-10, SPEC 4.5): code, kind and
text, defined once (``icpconsole.core.refusals``). The Beian RPC answers them as
``InvalidParameter`` (400) with this text, ``Forbidden.RAM`` (403) for a RAM user."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from icpconsole.core.errors import InvalidInput
from icpconsole.core.refusals import Refusal, catalogue

OPERATION_INVALID = Refusal(
    "OPERATION_INVALID", InvalidInput, _("Operation must be add or delete, not %(value)r.")
)
IP_INVALID = Refusal(
    "IP_INVALID", InvalidInput, _("%(name)s must be an IPv4 or IPv6 address, not %(value)r.")
)
IP_VERSION_INVALID = Refusal(
    "IP_VERSION_INVALID", InvalidInput, _("IpVersion must be 4 or 6, not %(value)r.")
)
IP_VERSION_MISMATCH = Refusal(
    "IP_VERSION_MISMATCH",
    InvalidInput,
    _("%(ip)s is an IPv%(actual)s address, but IpVersion is %(version)s."),
)
CHECK_TYPE_INVALID = Refusal(
    "CHECK_TYPE_INVALID", InvalidInput, _("CheckType must be one of %(values)s, not %(value)r.")
)
TEXT_INVALID = Refusal("TEXT_INVALID", InvalidInput, _("%(name)s is text of at most %(max)s characters."))
LIST_EMPTY = Refusal("LIST_EMPTY", InvalidInput, _("%(name)s needs at least one item."))
LIST_TOO_LONG = Refusal(
    "LIST_TOO_LONG", InvalidInput, _("%(name)s holds at most %(max)s items; %(count)s were sent.")
)
TIME_TOO_FAR = Refusal("TIME_TOO_FAR", InvalidInput, _("%(name)s must be within ten years of now."))
END_TIME_REQUIRED = Refusal(
    "END_TIME_REQUIRED", InvalidInput, _("EndTime is required to add a white-list entry.")
)
END_BEFORE_START = Refusal(
    "END_BEFORE_START", InvalidInput, _("EndTime (%(end)s) must be after StartTime (%(start)s).")
)
END_TIME_PAST = Refusal("END_TIME_PAST", InvalidInput, _("EndTime (%(end)s) is already past."))
OSS_URL_INVALID = Refusal(
    "OSS_URL_INVALID",
    InvalidInput,
    _(
        "OssList items are OSS objects, oss://bucket/object or "
        "https://bucket.oss-cn-hangzhou.aliyuncs.com/object; %(value)r is not one."
    ),
)
DOMAIN_FILED = Refusal(
    "DOMAIN_FILED", InvalidInput, _("%(domains)s is filed already; only unfiled domains are white-listed.")
)
IP_NOT_SERVED = Refusal(
    "IP_NOT_SERVED",
    InvalidInput,
    _(
        "%(ip)s is neither the public IP of one of your instances nor an IP you reported "
        "with ManageAccessorIp."
    ),
)
IP_CHECK_EXISTS = Refusal("IP_CHECK_EXISTS", InvalidInput, _("%(ip)s is already under check type %(type)s."))
IP_CHECK_NOT_FOUND = Refusal(
    "IP_CHECK_NOT_FOUND", InvalidInput, _("%(ip)s is not under check type %(type)s.")
)

# Every entry by code (``catalogue`` refuses a code defined twice: one code, one text).
REFUSALS = catalogue(value for value in dict(globals()).values() if isinstance(value, Refusal))
