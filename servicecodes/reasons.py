"""Why a service code cannot be applied for: one table of reason codes and their texts (SPEC 3.5).

The console, the API and the admin all render a refusal from this table, so every text lives here
once. English texts are lazy (``gettext_lazy`` / ``ngettext_lazy``) so they follow the active
language; the Chinese text sits beside them as a plain string (``zh`` / ``remedy_zh``) until the
i18n work moves it into the ``.po`` catalogues.

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

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

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

# Remedy action keys: the console maps each to a link or button.
ACTION_LOGIN_AS_PURCHASER = "login_as_purchaser"
ACTION_BUY_INSTANCE = "buy_instance"
ACTION_NONE = "none"
ACTION_CONVERT_TO_PREPAID = "convert_to_prepaid"
ACTION_RENEW = "renew"
ACTION_START = "start"
ACTION_MODIFY_BANDWIDTH = "modify_bandwidth"

REMEDY_ACTIONS: tuple[str, ...] = (
    ACTION_LOGIN_AS_PURCHASER,
    ACTION_BUY_INSTANCE,
    ACTION_NONE,
    ACTION_CONVERT_TO_PREPAID,
    ACTION_RENEW,
    ACTION_START,
    ACTION_MODIFY_BANDWIDTH,
)

Text = str | Promise


@dataclass(frozen=True)
class Variant:
    """Texts used instead of the defaults when ``params[param] == value``."""

    param: str
    value: object
    message: Text
    zh: str
    remedy: Text | None = None  # None: keep the reason's default remedy
    remedy_zh: str | None = None


@dataclass(frozen=True)
class ReasonSpec:
    code: str
    message: Text
    zh: str
    remedy: Text
    remedy_zh: str
    remedy_action: str
    params: tuple[str, ...] = ()  # parameters the texts need
    variants: tuple[Variant, ...] = ()

    def texts(self, params: Mapping[str, object]) -> tuple[Text, str, Text, str]:
        """(message, zh, remedy, remedy_zh) for these params, variants applied."""
        for variant in self.variants:
            if params.get(variant.param) == variant.value:
                return (
                    variant.message,
                    variant.zh,
                    self.remedy if variant.remedy is None else variant.remedy,
                    self.remedy_zh if variant.remedy_zh is None else variant.remedy_zh,
                )
        return self.message, self.zh, self.remedy, self.remedy_zh


_SPECS: tuple[ReasonSpec, ...] = (
    ReasonSpec(
        code=NOT_PURCHASER_ACCOUNT,
        message=_("The account you are logged on with is not the account used to purchase this instance."),
        zh="当前登录的账号不是购买该实例的阿里云账号。",
        remedy=_(
            "Log on with the Alibaba Cloud account used to purchase the instance to apply for a service code."
        ),
        remedy_zh="请使用购买该实例的阿里云账号登录后申请备案服务号。",
        remedy_action=ACTION_LOGIN_AS_PURCHASER,
    ),
    ReasonSpec(
        code=PRODUCT_NOT_SUPPORTED,
        message=_("This product does not support ICP filing service codes."),
        zh="该产品不支持申请备案服务号。",
        remedy=_("Purchase an Alibaba Cloud instance that supports ICP filing to apply for a service code."),
        remedy_zh="请购买支持备案的阿里云实例后申请备案服务号。",
        remedy_action=ACTION_BUY_INSTANCE,
    ),
    ReasonSpec(
        code=REGION_NOT_MAINLAND,
        message=_(
            "The instance is not in mainland China. "
            "Instances outside mainland China do not need ICP filing with the MIIT."
        ),
        zh="该实例所在地域不在中国内地，中国内地以外地域的实例无需向工信部进行ICP备案。",
        remedy=_("No action is needed."),
        remedy_zh="无需操作。",
        remedy_action=ACTION_NONE,
        params=("region_id",),
        # Seed 001 singles Hong Kong out: "If the region of your ECS instance is Hong Kong, you do not
        # apply for an ICP Filing."
        variants=(
            Variant(
                param="region_id",
                value="cn-hongkong",
                message=_("The instance is in the Hong Kong region. Hong Kong does not need ICP filing."),
                zh="该实例位于中国香港地域，中国香港无需进行ICP备案。",
            ),
        ),
    ),
    ReasonSpec(
        code=PAY_AS_YOU_GO,
        message=_("Pay-as-you-go instances do not support ICP filing."),
        zh="按量付费的实例不支持ICP备案。",
        remedy=_("Switch the billing method from pay-as-you-go to subscription."),
        remedy_zh="请将实例的付费方式由按量付费转换为包年包月。",
        remedy_action=ACTION_CONVERT_TO_PREPAID,
    ),
    ReasonSpec(
        code=EXPIRED,
        message=_("The instance has expired. You cannot apply for a service code for an expired instance."),
        zh="该实例已过期，已过期的实例无法申请备案服务号。",
        remedy=_("Renew the subscription."),
        remedy_zh="请续费该实例。",
        remedy_action=ACTION_RENEW,
    ),
    ReasonSpec(
        code=SUBSCRIPTION_TOO_SHORT,
        message=ngettext_lazy(
            "The remaining subscription time is shorter than the %(months)s month required for ICP filing.",
            "The remaining subscription time is shorter than the %(months)s months required for ICP filing.",
            "months",
        ),
        zh="该实例的剩余时长不足%(months)s个月，不满足备案要求。",
        remedy=_("Renew the subscription to meet the requirement."),
        remedy_zh="请续费该实例以满足备案要求。",
        remedy_action=ACTION_RENEW,
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
                zh="该实例的累计购买时长不足%(months)s个月，不满足备案要求。",
            ),
        ),
    ),
    ReasonSpec(
        code=ORDER_AMOUNT_TOO_LOW,
        message=_("No single order for this instance reaches the RMB %(amount)s required for ICP filing."),
        zh="该实例没有单笔金额达到%(amount)s元的订单，不满足备案要求。",
        remedy=_("Renew the subscription with a single order of at least RMB %(amount)s."),
        remedy_zh="请续费该实例，单笔订单金额不低于%(amount)s元。",
        remedy_action=ACTION_RENEW,
        params=("amount",),
    ),
    ReasonSpec(
        code=NOT_RUNNING,
        message=_("The instance is stopped."),
        zh="该实例已停止。",
        remedy=_("Start the instance."),
        remedy_zh="请启动该实例。",
        remedy_action=ACTION_START,
    ),
    ReasonSpec(
        code=NO_PUBLIC_IP,
        # Exact text of the seed FAQ (000, 001).
        message=_("No available IPs for this ECS instance"),
        zh="该ECS实例没有可用的IP",
        remedy=_("Buy Internet bandwidth for the instance to get a public IP address."),
        remedy_zh="请为该实例购买公网带宽以获得公网IP。",
        remedy_action=ACTION_MODIFY_BANDWIDTH,
    ),
    ReasonSpec(
        code=QUOTA_EXHAUSTED,
        message=_("The number of service codes you can apply for has reached the upper limit of %(quota)s."),
        zh="可申请的备案服务号数量已达上限（%(quota)s个）。",
        remedy=_("Purchase a new instance and use it to apply for more service codes."),
        remedy_zh="请购买新的实例，并使用新实例申请备案服务号。",
        remedy_action=ACTION_BUY_INSTANCE,
        params=("quota",),
    ),
)

REASONS: Mapping[str, ReasonSpec] = {spec.code: spec for spec in _SPECS}
REASON_ORDER: tuple[str, ...] = tuple(spec.code for spec in _SPECS)


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
class Reason:
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

    def _texts(self) -> tuple[Text, str, Text, str]:
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
        return self._fill(self._texts()[1], self.params)

    @property
    def remedy(self) -> str:
        return self._fill(self._texts()[2], self.params)

    @property
    def remedy_zh(self) -> str:
        return self._fill(self._texts()[3], self.params)

    @property
    def remedy_action(self) -> str:
        return self.spec.remedy_action

    def as_dict(self) -> dict[str, str]:
        """The API shape of a reason: the same in the instance JSON and in a 409 refusal."""
        return {"code": self.code, "message": self.message, "remedy": self.remedy,
                "remedy_action": self.remedy_action}
