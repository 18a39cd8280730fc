"""Regions and products (SPEC 3.2, 3.3)."""

from instances.catalog import REGIONS


def test_regions_lists_all_27_with_english_and_chinese_names(api):
    response = api.get("/api/v1/regions/", {"page_size": 100})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 27
    rows = {row["id"]: row for row in data["results"]}
    assert set(rows) == {rid for rid, *_ in REGIONS}
    assert rows["cn-hangzhou"] == {
        "id": "cn-hangzhou",
        "name": "China (Hangzhou)",
        "name_zh": "华东1（杭州）",
        "mainland": True,
    }
    assert rows["cn-hongkong"]["mainland"] is False
    assert rows["cn-hongkong"]["name_zh"] == "中国香港"
    assert sum(row["mainland"] for row in rows.values()) == 14


def test_regions_are_paginated_20_by_default_mainland_first(api):
    data = api.get("/api/v1/regions/").json()
    assert len(data["results"]) == 20
    assert data["next"] and data["previous"] is None
    assert all(row["mainland"] for row in data["results"][:14])
    second = api.get(data["next"]).json()
    assert len(second["results"]) == 7 and second["next"] is None


def test_products_lists_the_ten_products_with_their_terms(api):
    data = api.get("/api/v1/products/").json()
    assert data["count"] == 10
    rows = {row["id"]: row for row in data["results"]}
    assert rows["ecs"] == {
        "id": "ecs",
        "name": "ECS instance",
        "name_zh": "云服务器ECS",
        "min_months": 3,
        "min_order_rmb": None,
        "quota": 5,
        "quota_scope": "instance",
        "monthly_price_rmb": "99.00",
        "supported": True,
    }
    assert (
        rows["slb"]["supported"] is False and rows["slb"]["quota"] == 0 and rows["slb"]["min_months"] is None
    )
    assert rows["iot_package"]["min_order_rmb"] == "90.00"
    assert rows["marketplace_site"]["min_order_rmb"] == "99.00" and rows["marketplace_site"]["quota"] == 1
    assert rows["elastic_web_hosting"]["quota_scope"] == "account"
    assert rows["nat_gateway"]["quota"] == 2


def test_catalog_is_read_only(api, staff_api):
    assert api.post("/api/v1/regions/", {"id": "x"}, format="json").status_code == 405
    assert staff_api.post("/api/v1/products/", {"id": "x"}, format="json").status_code == 405
