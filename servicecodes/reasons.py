"""Why a service code cannot be applied for: one table of reason codes and their texts (SPEC 3.5).

The console, the API and the admin all render a refusal from this table, so every text lives here
once. The texts are lazy (``gettext_lazy`` / ``ngettext_lazy``) English msgids: they render in the
active language, and their Chinese lives in the ``zh_Hans`` catalogue (``locale/``) like every other
text; :attr:`Reason.message_zh` and :attr:`Reason.remedy_zh` read it from there.

Wording follows the seed pages (000-003: "Why is the Apply button not displayed?"); the Chinese
follows the real console's terms (备案服务号, 包年包月, 按量付费, 公网带宽).

Texts may take ``%(name)s`` parameters, filled from :attr:`Reason.params`:

* ``REGION_NOT_MAINLAND``: ``region_id`` (``cn-hongkong`` selects the Hong Kong text);
* ``SUBSCRIPTION_TOO_SHORT``: ``months`` and ``rule`` (``cumulative`` selects the total-duration text);
* ``ORDER_AMOUNT_TOO_LOW``: ``amount`` (RMB);
* ``QUOTA_EXHAUSTED``: ``quota``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from icpconsole.core.reasons import CHINESE, Variant, catalogue
from icpconsole.core.reasons import Reason as Entry

NOT_PURCHASER_ACCOUNT = "NOT_PURCHASER_ACCOUNT"
PRODUCT_NOT_SUPPORTED = "PRODUCT_NOT_SUPPORTED"
REGION_NOT_MAINLAND = "REGION_NOT_MAINLAND"
PAY_AS_YOU_GO = "PAY_AS_YOU_GO"
EXPIRED = "EXPIRED"
SUBSCRIPTION_TOO_SHORT = "SUBSCRIPTION_TOO_SHORT"
ORDER_AMOUNT_TOO_LOW = "ORDER_AMOUNT_TOO_LOW"
NOT_RUNNING = "NOT_RUNNING"
NO_PUBLIC_IP = "NO_PUBLIC_IP"
QUOTA_EXHAUSTED = "QUOTA_EXHAUSTED"
ACCOUNT_NOT_ENTERPRISE = "ACCOUNT_NOT_ENTERPRISE"

# Remedy action keys: the console maps each to a link or button.
ACTION_LOGIN_AS_PURCHASER = "login_as_purchaser"
ACTION_BUY_INSTANCE = "buy_instance"
ACTION_NONE = "none"
ACTION_CONVERT_TO_PREPAID = "convert_to_prepaid"
ACTION_RENEW = "renew"
ACTION_START = "start"
ACTION_MODIFY_BANDWIDTH = "modify_bandwidth"
ACTION_CERTIFY_ENTERPRISE = "certify_enterprise"

REMEDY_ACTIONS: tuple[str, ...] = (
    ACTION_LOGIN_AS_PURCHASER,
    ACTION_BUY_INSTANCE,
    ACTION_NONE,
    ACTION_CONVERT_TO_PREPAID,
    ACTION_RENEW,
    ACTION_START,
    ACTION_MODIFY_BANDWIDTH,
    ACTION_CERTIFY_ENTERPRISE,
)

Text = str | Promise


# An eligibility reason's catalogue entry is the one entry type of ``icpconsole/core/reasons.py``
# (shown, never raised: the refusal is ``NotEligible`` with the reasons attached).
ReasonSpec = Entry


_SPECS: tuple[ReasonSpec, ...] = (
    ReasonSpec(
        error=None,
        code=NOT_PURCHASER_ACCOUNT,
        message=_("The account you are logged on with is not the account used to purchase this instance."),
        remedy=_(
            "Log on with the Alibaba Cloud account used to purchase the instance to apply for a service code."
        ),
        action=ACTION_LOGIN_AS_PURCHASER,
    ),
    ReasonSpec(
        error=None,
        code=PRODUCT_NOT_SUPPORTED,
        message=_("This product does not support ICP filing service codes."),
        remedy=_("Purchase an Alibaba Cloud instance that supports ICP filing to apply for a service code."),
        action=ACTION_BUY_INSTANCE,
    ),
    ReasonSpec(
        error=None,
        code=REGION_NOT_MAINLAND,
        message=_(
            "The instance is not in mainland China. "
            "Instances outside mainland China do not need ICP filing with the MIIT."
        ),
        remedy=_("No action is needed."),
        action=ACTION_NONE,
        params=("region_id",),
        # Seed 001 singles Hong Kong out: "If the region of your ECS instance is Hong Kong, you do not
        # apply for an ICP Filing."
        variants=(
            Variant(
                param="region_id",
                value="cn-hongkong",
                message=_("The instance is in the Hong Kong region. Hong Kong does not need ICP filing."),
            ),
        ),
    ),
    ReasonSpec(
        error=None,
        code=PAY_AS_YOU_GO,
        message=_("Pay-as-you-go instances do not support ICP filing."),
        remedy=_("Switch the billing method from pay-as-you-go to subscription."),
        action=ACTION_CONVERT_TO_PREPAID,
    ),
    ReasonSpec(
        error=None,
        code=EXPIRED,
        message=_("The instance has expired. You cannot apply for a service code for an expired instance."),
        remedy=_("Renew the subscription."),
        action=ACTION_RENEW,
    ),
    ReasonSpec(
        error=None,
        code=SUBSCRIPTION_TOO_SHORT,
        message=ngettext_lazy(
            "The remaining subscription time is shorter than the %(months)s month required for ICP filing.",
            "The remaining subscription time is shorter than the %(months)s months required for ICP filing.",
            "months",
        ),
        remedy=_("Renew the subscription to meet the requirement."),
        action=ACTION_RENEW,
        params=("months",),
        # "cumulative" is eligibility.DURATION_RULE_CUMULATIVE (not imported: eligibility imports this).
        variants=(
            Variant(
                param="rule",
                value="cumulative",
                message=ngettext_lazy(
                    "The total purchased subscription duration is shorter than the %(months)s month "
                    "required for ICP filing.",
                    "The total purchased subscription duration is shorter than the %(months)s months "
                    "required for ICP filing.",
                    "months",
                ),
            ),
        ),
    ),
    ReasonSpec(
        error=None,
        code=ORDER_AMOUNT_TOO_LOW,
        message=_("No single order for this instance reaches the RMB %(amount)s required for ICP filing."),
        remedy=_("Renew the subscription with a single order of at least RMB %(amount)s."),
        action=ACTION_RENEW,
        params=("amount",),
    ),
    ReasonSpec(
        error=None,
        code=NOT_RUNNING,
        message=_("The instance is stopped."),
        remedy=_("Start the instance."),
        action=ACTION_START,
    ),
    ReasonSpec(
        error=None,
        code=NO_PUBLIC_IP,
        # Exact text of the seed FAQ (000, 001).
        message=_("No available IPs for this ECS instance"),
        remedy=_("Buy Internet bandwidth for the instance to get a public IP address."),
        action=ACTION_MODIFY_BANDWIDTH,
    ),
    ReasonSpec(
        error=None,
        code=QUOTA_EXHAUSTED,
        message=_("The number of service codes you can apply for has reached the upper limit of %(quota)s."),
        remedy=_("Purchase a new instance and use it to apply for more service codes."),
        action=ACTION_BUY_INSTANCE,
        params=("quota",),
    ),
)

# SPEC 3.14: the reasons a provider profile adds (Tencent Cloud, Huawei Cloud).
_PROFILE_SPECS: tuple[ReasonSpec, ...] = (
    # SPEC 3.14, Tencent Cloud: only an enterprise-certified account generates codes.
    ReasonSpec(
        error=None,
        code=ACCOUNT_NOT_ENTERPRISE,
        message=_("Only an account with enterprise real-name certification can generate ICP filing codes."),
        remedy=_("Complete enterprise real-name certification for this account (staff set it), then apply."),
        action=ACTION_CERTIFY_ENTERPRISE,
    ),
)

REASONS: Mapping[str, ReasonSpec] = catalogue(_SPECS + _PROFILE_SPECS)
# SPEC 3.5's order (Alibaba's reasons) ...
REASON_ORDER: tuple[str, ...] = tuple(spec.code for spec in _SPECS)
# ... and the order reasons are shown in under any profile: a profile's account rule after the purchaser's.
SHOWN_ORDER: tuple[str, ...] = (REASON_ORDER[0], ACCOUNT_NOT_ENTERPRISE, *REASON_ORDER[1:])


class FrozenParams(Mapping[str, object]):
    """A read-only, hashable mapping, so that a frozen :class:`Reason` can be hashed and compared."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, object] | None = None) -> None:
        self._items = dict(items or {})

    def __getitem__(self, key: str) -> object:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self._items == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenParams({self._items!r})"


@dataclass(frozen=True)
class Finding:
    """One reason the Apply button is not shown, with the parameters its texts need."""

    code: str
    params: Mapping[str, object] = field(default_factory=FrozenParams)

    def __post_init__(self) -> None:
        spec = REASONS.get(self.code)
        if spec is None:
            raise ValueError(f"Unknown reason code: {self.code!r}")
        if not isinstance(self.params, FrozenParams):
            object.__setattr__(self, "params", FrozenParams(self.params))
        missing = [name for name in spec.params if name not in self.params]
        if missing:
            raise ValueError(f"Reason {self.code} needs params {missing}")

    @property
    def spec(self) -> ReasonSpec:
        return REASONS[self.code]

    def _texts(self) -> tuple[Text, Text]:
        return self.spec.texts(self.params)

    @staticmethod
    def _fill(text: Text, params: Mapping[str, object]) -> str:
        # A lazy ngettext string picks singular/plural from the dict it is formatted with.
        return str(text % dict(params))

    @property
    def message(self) -> str:
        """The message in the active language, parameters applied."""
        return self._fill(self._texts()[0], self.params)

    @property
    def message_zh(self) -> str:
        """The message in Simplified Chinese, whatever the active language (from the catalogue)."""
        with translation.override(CHINESE):
            return self.message

    @property
    def remedy(self) -> str:
        """The remedy in the active language, parameters applied."""
        return self._fill(self._texts()[1], self.params)

    @property
    def remedy_zh(self) -> str:
        with translation.override(CHINESE):
            return self.remedy

    @property
    def remedy_action(self) -> str:
        return self.spec.remedy_action

    def as_dict(self) -> dict[str, str]:
        """The API shape of a reason: the same in the instance JSON and in a 409 refusal."""
        return {
            "code": self.code,
            "message": self.message,
            "remedy": self.remedy,
            "remedy_action": self.remedy_action,
        }


# The old name of a found eligibility reason (a catalogue entry is ``icpconsole.core.reasons.Reason``).
Reason = Finding
