"""May this account apply for a service code for this instance, and if not, why (SPEC 3.5).

Pure: plain frozen facts in, a :class:`Decision` out. No ORM, no settings, no clock (``now`` is
passed in), so the console button, the API field and the apply service share one decision and the
rules are tested without a database.

Each rule is a small function that returns a :class:`~servicecodes.reasons.Reason` or ``None``;
:func:`decide` runs them all (like Django's password validators, every failure is reported), drops
the reasons another reason makes meaningless, and returns the rest in ``SHOWN_ORDER``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from instances.providers import CodeRules
from instances.rules import POSTPAID, has_months_left, is_expired
from servicecodes import reasons as r
from servicecodes.reasons import SHOWN_ORDER, Reason

DURATION_RULE_REMAINING = "remaining"  # the seeds' rule, the default: time left until expiry
DURATION_RULE_CUMULATIVE = "cumulative"  # today's console: total months purchased
DURATION_RULES: tuple[str, ...] = (DURATION_RULE_REMAINING, DURATION_RULE_CUMULATIVE)

STATUS_STOPPED = "Stopped"
ENTERPRISE = "enterprise"  # accounts.models.Certification.ENTERPRISE (a pure module: no model import)


@dataclass(frozen=True)
class ProductRules:
    """A product's service-code terms (SPEC 3.3); the table itself is data, not code."""

    product_id: str
    min_months: int | None  # None when the product is not supported (slb)
    min_order_rmb: Decimal | None
    quota: int  # 0 = not supported

    @property
    def supported(self) -> bool:
        return self.quota > 0


@dataclass(frozen=True)
class InstanceFacts:
    instance_id: str
    owner_uid: str  # 16-digit string uid of the purchasing account
    region_id: str
    region_mainland: bool
    charge_type: str  # "PrePaid" | "PostPaid"
    status: str  # stored status "Running" | "Stopped" | "Released"; "Expired" is derived from expired_time
    expired_time: dt.datetime | None
    bandwidth_out: int  # Mbps, 0 = no public IP
    total_months: int = 0  # sum of months over all subscription orders
    max_order_amount: Decimal = Decimal("0")  # largest single order amount
    owner_certification: str = "personal"  # SPEC 3.14: the purchasing account's certification


@dataclass(frozen=True)
class Decision:
    can_apply: bool
    reasons: tuple[Reason, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(reason.code for reason in self.reasons)


@dataclass(frozen=True)
class Context:
    """Everything a rule may look at."""

    instance: InstanceFacts
    product: ProductRules
    viewer_uid: str
    codes_issued: int
    now: dt.datetime
    rule: str
    provider: CodeRules = CodeRules()


Rule = Callable[[Context], Reason | None]


def check_purchaser(ctx: Context) -> Reason | None:
    """Seeds 000-002: only the account that purchased the instance may apply (a RAM user may not)."""
    if ctx.viewer_uid != ctx.instance.owner_uid:
        return Reason(r.NOT_PURCHASER_ACCOUNT)
    return None


def check_enterprise(ctx: Context) -> Reason | None:
    """SPEC 3.14, Tencent Cloud: codes for enterprise-certified accounts only."""
    if ctx.provider.enterprise_only and ctx.instance.owner_certification != ENTERPRISE:
        return Reason(r.ACCOUNT_NOT_ENTERPRISE)
    return None


def check_product_supported(ctx: Context) -> Reason | None:
    """SPEC 3.3: a product with no codes (slb) never qualifies."""
    if not ctx.product.supported:
        return Reason(r.PRODUCT_NOT_SUPPORTED)
    return None


def check_region(ctx: Context) -> Reason | None:
    """Seeds 000-002: mainland China only; seed 001 singles out Hong Kong (the text depends on region_id)."""
    if not ctx.instance.region_mainland:
        return Reason(r.REGION_NOT_MAINLAND, {"region_id": ctx.instance.region_id})
    return None


def check_subscription(ctx: Context) -> Reason | None:
    """Seeds 000-003: the ICP filing system does not support pay-as-you-go instances."""
    if ctx.instance.charge_type == POSTPAID:
        return Reason(r.PAY_AS_YOU_GO)
    return None


def check_not_expired(ctx: Context) -> Reason | None:
    """Seeds 000-002: no code for an expired instance."""
    if is_expired(ctx.instance.charge_type, ctx.instance.expired_time, ctx.now):
        return Reason(r.EXPIRED)
    return None


def check_duration(ctx: Context) -> Reason | None:
    """Seeds 000-003 (remaining time) or today's console (total purchased months), SPEC 3.5.

    Calendar months: under the ``remaining`` rule an instance qualifies when
    ``expired_time >= now + min_months``, exactly on the boundary included.
    """
    months = ctx.product.min_months
    if months is None:
        return None
    if ctx.rule == DURATION_RULE_REMAINING:
        too_short = not has_months_left(ctx.instance.expired_time, ctx.now, months)
    else:
        too_short = ctx.instance.total_months < months
    if too_short:
        return Reason(r.SUBSCRIPTION_TOO_SHORT, {"months": months, "rule": ctx.rule})
    left = ctx.provider.min_months_left  # SPEC 3.14, Tencent: and still a month left
    if left and not has_months_left(ctx.instance.expired_time, ctx.now, left):
        return Reason(r.SUBSCRIPTION_TOO_SHORT, {"months": left, "rule": DURATION_RULE_REMAINING})
    return None


def check_order_amount(ctx: Context) -> Reason | None:
    """Seed 002: an IoT package needs a single order of RMB 90 or more (SPEC 3.3: also marketplace_site)."""
    minimum = ctx.product.min_order_rmb
    if minimum is not None and ctx.instance.max_order_amount < minimum:
        return Reason(r.ORDER_AMOUNT_TOO_LOW, {"amount": minimum})
    return None


def check_running(ctx: Context) -> Reason | None:
    """SPEC 3.5: a stopped instance must be started first."""
    if ctx.instance.status == STATUS_STOPPED:
        return Reason(r.NOT_RUNNING)
    return None


def check_public_ip(ctx: Context) -> Reason | None:
    """Seeds 000-002: "No available IPs for this ECS instance" without Internet bandwidth."""
    if ctx.instance.bandwidth_out == 0:
        return Reason(r.NO_PUBLIC_IP)
    return None


def check_quota(ctx: Context) -> Reason | None:
    """Seeds 000-002, SPEC 3.6: every code ever issued counts, whatever its status."""
    if ctx.codes_issued >= ctx.product.quota:
        return Reason(r.QUOTA_EXHAUSTED, {"quota": ctx.product.quota})
    return None


RULES: tuple[Rule, ...] = (
    check_purchaser,
    check_enterprise,
    check_product_supported,
    check_region,
    check_subscription,
    check_not_expired,
    check_duration,
    check_order_amount,
    check_running,
    check_public_ip,
    check_quota,
)

# A reason that holds hides the reasons it makes meaningless (SPEC 3.5). A pay-as-you-go instance
# has no subscription to expire or to be short; an expired one is neither short nor merely stopped;
# an unsupported product has no quota, no minimum duration and no minimum order.
HIDES: dict[str, frozenset[str]] = {
    r.PAY_AS_YOU_GO: frozenset({r.EXPIRED, r.SUBSCRIPTION_TOO_SHORT}),
    r.EXPIRED: frozenset({r.SUBSCRIPTION_TOO_SHORT, r.NOT_RUNNING}),
    r.PRODUCT_NOT_SUPPORTED: frozenset({r.QUOTA_EXHAUSTED, r.SUBSCRIPTION_TOO_SHORT, r.ORDER_AMOUNT_TOO_LOW}),
}


def decide(
    *,
    instance: InstanceFacts,
    product: ProductRules,
    viewer_uid: str,
    codes_issued: int,
    now: dt.datetime,
    rule: str = DURATION_RULE_REMAINING,
    provider: CodeRules | None = None,
) -> Decision:
    """Whether ``viewer_uid`` may apply for a service code for ``instance`` at ``now``.

    The rules are the seeds' "Why is the Apply button not displayed?" list (seeds 000-003) plus the
    product table, stopped instances and the duration rule of SPEC 3.3 and 3.5. Every reason that
    holds is returned, in ``SHOWN_ORDER``, except those hidden by another (see ``HIDES``);
    ``can_apply`` is true iff none remains. ``rule`` is ``"remaining"`` (the seeds' rule: time left
    until expiry) or ``"cumulative"`` (today's console: total months purchased); anything else
    raises ``ValueError``. ``provider`` is the profile's rules (SPEC 3.14): Alibaba's when omitted;
    its ``duration_rule``, when set, replaces ``rule``.
    """
    provider = provider or CodeRules()
    rule = provider.duration_rule or rule
    if rule not in DURATION_RULES:
        raise ValueError(f"Unknown duration rule {rule!r}; expected one of {DURATION_RULES}")
    ctx = Context(
        instance=instance,
        product=product,
        viewer_uid=viewer_uid,
        codes_issued=codes_issued,
        now=now,
        rule=rule,
        provider=provider,
    )
    found = [reason for check in RULES if (reason := check(ctx)) is not None]
    hidden = set().union(*(HIDES.get(reason.code, ()) for reason in found))
    kept = sorted(
        (reason for reason in found if reason.code not in hidden),
        key=lambda reason: SHOWN_ORDER.index(reason.code),
    )
    return Decision(can_apply=not kept, reasons=tuple(kept))
