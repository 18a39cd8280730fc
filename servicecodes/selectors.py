"""Reads shared by the ICP No. Application page, the API and the apply service.

The one bridge from database rows to the pure eligibility module: ``eligibility_facts`` turns an
instance row into the plain facts ``eligibility.decide`` takes, and ``with_eligibility``
annotates a whole page of instances in a constant number of queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, IntegerField, Max, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from icpconsole.core.errors import NotFound
from instances.catalog import QUOTA_SCOPE_ACCOUNT
from instances.models import Instance, InstanceOrder

from . import eligibility
from .models import ServiceCode


def quota_key_for(instance: Instance) -> str:
    """What an instance's codes count against: itself, or its owner for account-wide products."""
    if instance.product.quota_scope == QUOTA_SCOPE_ACCOUNT:
        return f"account:{instance.owner_id}"
    return f"instance:{instance.pk}"


def annotate_for_eligibility(qs: QuerySet[Instance]) -> QuerySet[Instance]:
    """Add the per-instance aggregates eligibility needs, as subqueries (no row multiplication)."""
    orders = InstanceOrder.objects.filter(instance=OuterRef("pk")).order_by().values("instance")
    codes = ServiceCode.objects.filter(instance=OuterRef("pk")).order_by().values("instance")
    return qs.annotate(
        elig_total_months=Coalesce(Subquery(orders.annotate(v=Sum("months")).values("v"),
                                            output_field=IntegerField()), 0),
        elig_max_order=Subquery(orders.annotate(v=Max("amount_rmb")).values("v")),
        elig_codes_on_instance=Coalesce(Subquery(codes.annotate(v=Count("id")).values("v"),
                                                 output_field=IntegerField()), 0),
    )


def _account_code_counts(instances: Iterable[Instance]) -> dict[str, int]:
    keys = {quota_key_for(i) for i in instances if i.product.quota_scope == QUOTA_SCOPE_ACCOUNT}
    if not keys:
        return {}
    rows = ServiceCode.objects.filter(quota_key__in=keys).values("quota_key").annotate(n=Count("id"))
    return {row["quota_key"]: row["n"] for row in rows}


def codes_issued_for(instance: Instance) -> int:
    """Codes ever issued against the instance's quota, whatever their status (SPEC 3.6)."""
    return ServiceCode.objects.filter(quota_key=quota_key_for(instance)).count()


def eligibility_facts(instance: Instance) -> tuple[eligibility.InstanceFacts, eligibility.ProductRules]:
    months = getattr(instance, "elig_total_months", None)
    max_order = getattr(instance, "elig_max_order", None) if hasattr(instance, "elig_total_months") else None
    if months is None:
        agg = instance.orders.aggregate(m=Sum("months"), a=Max("amount_rmb"))
        months, max_order = agg["m"] or 0, agg["a"]
    product = instance.product
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
    )
    rules = eligibility.ProductRules(
        product_id=product.id,
        min_months=product.min_months,
        min_order_rmb=product.min_order_rmb,
        quota=product.quota,
    )
    return facts, rules


def eligibility_for(instance: Instance, *, viewer, now, codes_issued: int) -> eligibility.Decision:
    facts, rules = eligibility_facts(instance)
    return eligibility.decide(
        instance=facts,
        product=rules,
        viewer_uid=viewer.uid,
        codes_issued=codes_issued,
        now=now,
        rule=settings.ICP_DURATION_RULE,
    )


def with_eligibility(instances: Iterable[Instance], *, viewer, now) -> list[Instance]:
    """Attach ``codes_issued``, ``quota`` and ``eligibility`` to each instance of a page.

    The queryset should come through ``annotate_for_eligibility``; then a page costs one query
    for the rows plus at most one for account-wide quotas, however many instances there are.
    """
    instances = list(instances)
    account_counts = _account_code_counts(instances)
    for instance in instances:
        key = quota_key_for(instance)
        if key in account_counts or instance.product.quota_scope == QUOTA_SCOPE_ACCOUNT:
            issued = account_counts.get(key, 0)
        elif hasattr(instance, "elig_codes_on_instance"):
            issued = instance.elig_codes_on_instance
        else:
            issued = codes_issued_for(instance)
        instance.codes_issued = issued
        instance.quota = instance.product.quota
        instance.eligibility = eligibility_for(instance, viewer=viewer, now=now, codes_issued=issued)
    return instances


def service_codes_visible_to(user, *, status: str | None = None) -> QuerySet[ServiceCode]:
    """Codes of the login's account (a RAM user sees its parent's), newest first."""
    qs = ServiceCode.objects.filter(account=user.owner_account).select_related("instance", "instance__region")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_time", "-id")


def service_code_get_visible(user, code: str) -> ServiceCode:
    found = service_codes_visible_to(user).filter(code=code.lower()).first()
    if found is None:
        raise NotFound("SERVICE_CODE_NOT_FOUND", f"Service code {code} does not exist.")
    return found
