"""Keep the Region and Product tables equal to ``catalog.py`` (run by a data migration and by
``seed_demo``, so a changed table reaches existing databases)."""

from . import catalog


def catalog_sync(region_model=None, product_model=None) -> None:
    if region_model is None or product_model is None:
        from .models import Product, Region

        region_model, product_model = Region, Product
    for rid, name, name_zh, mainland in catalog.REGIONS:
        region_model.objects.update_or_create(id=rid, defaults={"name": name, "name_zh": name_zh,
                                                                "mainland": mainland})
    for pid, name, name_zh, min_months, min_order, quota, scope, price in catalog.PRODUCTS:
        product_model.objects.update_or_create(
            id=pid,
            defaults={"name": name, "name_zh": name_zh, "min_months": min_months, "min_order_rmb": min_order,
                      "quota": quota, "quota_scope": scope, "monthly_price_rmb": price},
        )
    _sync_profiles(region_model, product_model)


def _sync_profiles(region_model, product_model) -> None:
    """The rows Tencent's and Huawei's profiles add (SPEC 3.14; ``providers.py``)."""
    from .providers import extra_products, extra_regions

    for region in extra_regions():
        region_model.objects.update_or_create(
            id=region.id,
            defaults={"name": region.name, "name_zh": region.name_zh, "mainland": region.mainland},
        )
    for p in extra_products():
        product_model.objects.update_or_create(
            id=p.id,
            defaults={"name": p.name, "name_zh": p.name_zh, "min_months": p.min_months,
                      "min_order_rmb": p.min_order_rmb, "quota": p.quota, "quota_scope": p.quota_scope,
                      "monthly_price_rmb": p.monthly_price_rmb},
        )
