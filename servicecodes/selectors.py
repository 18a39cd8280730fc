"""Reads shared by the ICP No. Application page, the API and the apply service.

The one bridge from database rows to the pure eligibility module: ``eligibility_facts`` turns an
instance row into the plain facts ``eligibility.decide`` takes, and ``with_eligibility``
decides for a whole page of instances in a constant number of queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet, Sum

from icpconsole.core import clock
from icpconsole.core.counts import count_each
from instances import providers
from instances.catalog import QUOTA_SCOPE_ACCOUNT
from instances.models import PREFETCHED_ORDERS, Instance, InstanceOrder

from . import eligibility, refusals
from .models import CodeStatus, ServiceCode


def quota_key_for(instance: Instance) -> str:
    """What an instance's codes count against: itself, or its owner for account-wide products."""
    if instance.product.quota_scope == QUOTA_SCOPE_ACCOUNT:
        return f"account:{instance.owner_id}"
    return f"instance:{instance.pk}"


# A page is at most 100 rows, one query each; longer lists (the filing wizard lists every instance)
# are read in batches, which keeps each query under SQLite's limit on parameters.
BATCH_SIZE = 1000


def _batches(items: list) -> Iterable[list]:
    for start in range(0, len(items), BATCH_SIZE):
        yield items[start : start + BATCH_SIZE]


def _load_order_totals(instances: list[Instance]) -> None:
    """Set ``elig_total_months`` and ``elig_max_order`` (what ``eligibility_facts`` reads) on each
    instance: from its prefetched orders when the caller prefetched them, else from one grouped
    query for all of them (per ``BATCH_SIZE``)."""
    missing = []
    for instance in instances:
        if hasattr(instance, "elig_total_months"):
            continue
        prefetched = getattr(instance, PREFETCHED_ORDERS, None)
        if prefetched is None:
            prefetched = getattr(instance, "_prefetched_objects_cache", {}).get("orders")
        if prefetched is None:
            missing.append(instance)
            continue
        orders = list(prefetched)
        instance.elig_total_months = sum(order.months for order in orders)
        instance.elig_max_order = max((order.amount_rmb for order in orders), default=None)
    if not missing:
        return
    totals = {}
    for pks in _batches([i.pk for i in missing]):
        rows = (
            InstanceOrder.objects.filter(instance__in=pks)
            .order_by()
            .values("instance_id")
            .annotate(months=Sum("months"), max_amount=Max("amount_rmb"))
        )
        totals.update({row["instance_id"]: row for row in rows})
    for instance in missing:
        row = totals.get(instance.pk, {})
        instance.elig_total_months = row.get("months") or 0
        instance.elig_max_order = row.get("max_amount")


def _codes_issued(instances: list[Instance]) -> dict[str, int]:
    """Codes ever issued per quota key of these instances (per instance or per account), in one
    query (per ``BATCH_SIZE``) however the page mixes the two scopes."""
    keys = sorted({quota_key_for(instance) for instance in instances})
    counts = dict.fromkeys(keys, 0)
    for batch in _batches(keys):
        rows = (
            ServiceCode.objects.filter(quota_key__in=batch)
            .order_by()
            .values("quota_key")
            .annotate(n=Count("id"))
        )
        counts.update({row["quota_key"]: row["n"] for row in rows})
    return counts


def codes_issued_for(instance: Instance) -> int:
    """Codes ever issued against the instance's quota, whatever their status (SPEC 3.6)."""
    return ServiceCode.objects.filter(quota_key=quota_key_for(instance)).count()


def product_rules(instance: Instance, profile: providers.Profile) -> eligibility.ProductRules:
    """The product's code terms under the profile (SPEC 3.14): Alibaba's are the catalogue rows; a
    profile that does not sell the product gives it no codes."""
    product = instance.product
    if profile.id == providers.ALIBABA:
        return eligibility.ProductRules(
            product_id=product.id,
            min_months=product.min_months,
            min_order_rmb=product.min_order_rmb,
            quota=product.quota,
        )
    terms = profile.product(product.id)
    if terms is None:
        return eligibility.ProductRules(product_id=product.id, min_months=None, min_order_rmb=None, quota=0)
    return eligibility.ProductRules(
        product_id=product.id,
        min_months=terms.min_months,
        min_order_rmb=terms.min_order_rmb,
        quota=terms.quota,
    )


def eligibility_facts(
    instance: Instance, profile: providers.Profile | None = None
) -> tuple[eligibility.InstanceFacts, eligibility.ProductRules]:
    if hasattr(instance, "elig_total_months"):
        months, max_order = instance.elig_total_months, instance.elig_max_order
    else:
        agg = instance.orders.aggregate(m=Sum("months"), a=Max("amount_rmb"))
        months, max_order = agg["m"] or 0, agg["a"]
    facts = eligibility.InstanceFacts(
        instance_id=instance.instance_id,
        owner_uid=instance.owner.uid,
        region_id=instance.region_id,
        region_mainland=instance.region.mainland,
        charge_type=instance.charge_type,
        status=instance.status,
        expired_time=instance.expired_time,
        bandwidth_out=instance.internet_max_bandwidth_out,
        total_months=int(months or 0),
        max_order_amount=Decimal(max_order or 0),
        owner_certification=instance.owner.certification,
    )
    return facts, product_rules(instance, profile or providers.profile())


def eligibility_for(
    instance: Instance, *, viewer, now, codes_issued: int, profile: providers.Profile | None = None
) -> eligibility.Decision:
    """The eligibility decision under ``profile`` (the profile in force when omitted)."""
    profile = profile or providers.profile()
    facts, rules = eligibility_facts(instance, profile)
    return eligibility.decide(
        instance=facts,
        product=rules,
        viewer_uid=viewer.uid,
        codes_issued=codes_issued,
        now=now,
        rule=settings.ICP_DURATION_RULE,
        provider=profile.rules,
    )


def with_eligibility(instances: Iterable[Instance], *, viewer, now) -> list[Instance]:
    """Attach ``codes_issued``, ``quota`` and ``eligibility`` to each instance of a page.

    A page costs two queries beyond its rows however many instances it holds and whatever their
    products' quota scopes (one when the orders were prefetched); the instances should come with
    ``select_related("product", "region", "owner")``, as ``instances_visible_to`` gives them.
    Lists longer than ``BATCH_SIZE`` take two queries per batch.
    """
    instances = list(instances)
    if not instances:
        return instances
    _load_order_totals(instances)
    issued = _codes_issued(instances)
    profile = providers.profile()
    for instance in instances:
        instance.codes_issued = issued[quota_key_for(instance)]
        instance.quota = product_rules(instance, profile).quota
        instance.eligibility = eligibility_for(
            instance, viewer=viewer, now=now, codes_issued=instance.codes_issued, profile=profile
        )
    return instances


def duration_terms() -> tuple[str, providers.ProductTerms | None, int | None]:
    """The duration rule in force (the profile's, else ``ICP_DURATION_RULE``), the profile's first
    product with codes as the example, and the months a code still needs left (Tencent: 1)."""
    profile = providers.profile()
    rule = profile.rules.duration_rule or settings.ICP_DURATION_RULE
    example = next((p for p in profile.products if p.supported), None)
    return rule, example, profile.rules.min_months_left


INVALID = "invalid"  # SPEC 3.14: a status computed on read, never stored


def code_status_shown(code: ServiceCode, *, now=None, profile: providers.Profile | None = None) -> str:
    """The code's status as shown (SPEC 3.14): ``invalid`` while the profile says its server's
    remaining time no longer carries a code (Tencent: under 30 days; Huawei: expired), valid again
    after a renewal; otherwise the stored status. Alibaba's codes are never ``invalid`` (and the
    clock is then not read: ``now`` is read only when the profile needs it)."""
    profile = profile or providers.profile()
    if profile.rules.invalid_days_left is None or code.status not in (CodeStatus.UNUSED, CodeStatus.FILING):
        return code.status
    now = now or clock.now()
    instance = code.instance
    if providers.code_invalid(
        profile.rules, charge_type=instance.charge_type, expired_time=instance.expired_time, now=now
    ):
        return INVALID
    return code.status


def with_shown_status(codes: Iterable[ServiceCode], *, now=None) -> list[ServiceCode]:
    """Set ``shown_status`` and ``shown_status_label`` on each code of a page (one profile read;
    the clock read only under a profile whose codes can be ``invalid``)."""
    from django.utils.translation import gettext

    profile = providers.profile()
    codes = list(codes)
    if profile.rules.invalid_days_left is not None and now is None:
        now = clock.now()
    for code in codes:
        code.shown_status = code_status_shown(code, now=now, profile=profile)
        code.shown_status_label = (
            gettext("Invalid") if code.shown_status == INVALID else code.get_status_display()
        )
    return codes


def service_codes_visible_to(user, *, status: str | None = None, query: str = "") -> QuerySet[ServiceCode]:
    """Codes of the login's account (a RAM user sees its parent's), newest first; ``query`` finds
    a part of the code, the instance ID or the ICP number (ICP No. Management's search)."""
    qs = ServiceCode.objects.filter(account=user.owner_account).select_related("instance", "instance__region")
    if status:
        qs = qs.filter(status=status)
    query = query.strip()
    if query:
        qs = qs.filter(
            Q(code__icontains=query)
            | Q(instance__instance_id__icontains=query)
            | Q(icp_number__icontains=query)
        )
    return qs.order_by("-created_time", "-id")


def service_code_get_visible(user, code: str) -> ServiceCode:
    found = service_codes_visible_to(user).filter(code=code.lower()).first()
    if found is None:
        raise refusals.SERVICE_CODE_NOT_FOUND(code=code)
    return found


def code_status_counts(user) -> dict[str, int]:
    """The account's service codes per status (every status present, zero when none), in one query
    of index range counts (``code_account_status``; ``icpconsole.core.counts``)."""
    statuses = list(CodeStatus.values)
    qs = ServiceCode.objects.filter(account=user.owner_account)
    return dict(zip(statuses, count_each(qs, [Q(status=s) for s in statuses]), strict=True))
