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
