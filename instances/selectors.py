"""Reads shared by the console pages and the API: always scoped to the caller's account."""

from django.db.models import Q, QuerySet

from . import providers, refusals
from .models import Instance, Product, Region


def instances_visible_to(user, *, include_released: bool = True) -> QuerySet[Instance]:
    """The instances a login sees: its own account's (a RAM user sees its parent's)."""
    qs = Instance.objects.filter(owner=user.owner_account).select_related("product", "region", "owner")
    if not include_released:
        qs = qs.exclude(status="Released")
    return qs.order_by("-created_time", "-id")


def instance_get_visible(user, instance_id: str) -> Instance:
    instance = instances_visible_to(user).filter(instance_id=instance_id).first()
    if instance is None:
        raise refusals.INSTANCE_NOT_FOUND(id=instance_id)
    return instance


def regions_ordered(provider: str | None = None) -> QuerySet[Region]:
    """The regions the profile in force (or ``provider``) sells, mainland first (SPEC 3.14)."""
    return Region.objects.filter(id__in=providers.profile(provider).region_ids).order_by("-mainland", "id")


def products_ordered(provider: str | None = None) -> QuerySet[Product]:
    """The products the profile in force (or ``provider``) sells."""
    return Product.objects.filter(id__in=providers.profile(provider).product_ids).order_by("id")


def named_for_profile(rows, provider: str | None = None) -> list:
    """Regions or products with the profile's names (SPEC 3.14): Huawei's ``ecs`` and
    ``ap-southeast-1`` share Alibaba's rows but not their names."""
    profile = providers.profile(provider)
    rows = list(rows)
    for row in rows:
        terms = profile.region(row.id) if isinstance(row, Region) else profile.product(row.id)
        if terms is not None:
            row.name, row.name_zh = terms.name, terms.name_zh
    return rows


def instances_named_for_profile(instances, provider: str | None = None) -> list:
    """Instances whose product and region carry the profile's names (``named_for_profile``, the
    profile read once for them all): the console's instance pages name Huawei's ``ecs`` and
    ``ap-southeast-1`` as Huawei does."""
    instances = list(instances)
    named_for_profile([row for i in instances for row in (i.product, i.region)], provider)
    return instances


def search_filter(term: str) -> Q:
    return Q(instance_id__icontains=term) | Q(name__icontains=term)
