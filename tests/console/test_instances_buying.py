"""Instances in the console: buying, prices and the order confirmation."""

import pytest

from icpconsole.core.models import AuditEvent
from instances.models import Instance
from tests.console.html import parse
from tests.console.instances_helpers import LIST, cost_of, fresh, messages_of, url
from tests.factories import InstanceFactory

pytestmark = pytest.mark.django_db


# --- buying -----------------------------------------------------------------------------------
def test_buy_form_groups_regions_and_lists_products(console, user):
    page = parse(console.get("/console/instances/buy/").content)

    groups = page.find("select", name="region_id").find_all("optgroup")
    assert [g.get("label") for g in groups] == [
        "Mainland China",
        "Outside mainland China (no ICP filing needed)",
    ]
    assert "cn-hangzhou" in [o.get("value") for o in groups[0].find_all("option")]
    assert "cn-hongkong" in [o.get("value") for o in groups[1].find_all("option")]
    products = [o.get("value") for o in page.find("select", name="product").find_all("option")]
    assert "ecs" in products and "slb" in products
    for name in ("product", "region_id", "period_months", "internet_max_bandwidth_out", "name"):
        field = page.find(name=name)
        assert page.find("label", **{"for": field.get("id")}) is not None, name


def test_buy_creates_the_instance_and_returns_to_the_list(console, user):
    response = console.post(
        "/console/instances/buy/",
        {
            "product": "ecs",
            "region_id": "cn-beijing",
            "charge_type": "PrePaid",
            "period_months": "12",
            "internet_max_bandwidth_out": "5",
            "name": "shop",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == LIST
    bought = Instance.objects.get(owner=user)
    assert (bought.name, bought.region_id, bought.charge_type) == ("shop", "cn-beijing", "PrePaid")
    assert bought.public_ip_address
    assert any("purchased" in m for m in messages_of(console.get(LIST), "success"))


def test_buy_pay_as_you_go_ignores_the_period(console, user):
    response = console.post(
        "/console/instances/buy/",
        {
            "product": "ecs",
            "region_id": "cn-hongkong",
            "charge_type": "PostPaid",
            "period_months": "12",
            "internet_max_bandwidth_out": "0",
        },
    )

    assert response.status_code == 302
    bought = Instance.objects.get(owner=user)
    assert bought.charge_type == "PostPaid" and bought.expired_time is None


def test_buy_returns_to_next(console, user):
    response = console.post(
        "/console/instances/buy/?next=/console/icp/application/",
        {
            "product": "ecs",
            "region_id": "cn-beijing",
            "charge_type": "PrePaid",
            "period_months": "3",
            "internet_max_bandwidth_out": "1",
        },
    )

    assert response["Location"] == "/console/icp/application/"


def test_buy_by_a_ram_user_shows_the_error_and_creates_nothing(client, ram_user):
    client.force_login(ram_user)

    response = client.post(
        "/console/instances/buy/",
        {
            "product": "ecs",
            "region_id": "cn-beijing",
            "charge_type": "PrePaid",
            "period_months": "3",
            "internet_max_bandwidth_out": "1",
        },
    )

    assert response.status_code == 200
    assert "cannot buy, create or change them" in messages_of(response, "error")[0]
    assert Instance.objects.count() == 0


def test_buy_with_an_unknown_region_is_a_form_error(console, user):
    response = console.post(
        "/console/instances/buy/",
        {
            "product": "ecs",
            "region_id": "mars-1",
            "charge_type": "PrePaid",
            "period_months": "3",
            "internet_max_bandwidth_out": "1",
        },
    )

    assert response.status_code == 200
    assert parse(response.content).find("ul", class_="errorlist") is not None
    assert Instance.objects.count() == 0


# --- prices and the order confirmation (issue 18, item 4) -------------------------------------
BUY = "/console/instances/buy/"
BUY_DATA = {
    "product": "ecs",
    "region_id": "cn-beijing",
    "charge_type": "PrePaid",
    "period_months": "6",
    "internet_max_bandwidth_out": "5",
    "name": "priced",
}


def test_buy_form_shows_price_per_month_and_total_and_each_products_price(console, user):
    page = parse(console.get(BUY).content)

    assert cost_of(page) == {"price": "RMB 99.00", "months": "12 months", "total": "RMB 1188.00"}
    options = {
        o.get("value"): o.get("data-monthly-price")
        for o in page.find("select", name="product").find_all("option")
    }
    assert options["ecs"] == "99.00" and options["marketplace_site"] == "9.00"
    # Without JavaScript the order is shown again, priced as submitted, before it is placed.
    assert page.find("input", name="review").get("value") == "1"


def test_buy_without_javascript_confirms_the_order_with_its_total_before_buying(console, user):
    response = console.post(BUY, {**BUY_DATA, "review": "1"})

    assert response.status_code == 200
    page = parse(response.content)
    assert page.find(data_page="confirm-order") is not None
    assert cost_of(page) == {"price": "RMB 99.00", "months": "6 months", "total": "RMB 594.00"}
    assert not Instance.objects.filter(owner=user).exists()
    form = page.find("main").find("form", method="post")
    data = {i.get("name"): i.get("value") for i in form.find_all("input") if i.get("type") == "hidden"}
    assert "review" not in data and data["period_months"] == "6" and data["name"] == "priced"

    assert console.post(BUY, data).status_code == 302

    order = Instance.objects.get(owner=user).orders.get()
    assert (order.months, str(order.amount_rmb)) == (6, "594.00")
    audit = AuditEvent.objects.get(action="instance.purchase")
    assert audit.details["amount_rmb"] == "594.00"


def test_changing_the_order_returns_to_the_filled_form(console, user):
    response = console.post(BUY, {**BUY_DATA, "edit": "1"})

    page = parse(response.content)
    assert page.find("select", name="period_months").find("option", value="6").has("selected")
    assert page.find("input", name="review") is not None
    assert cost_of(page)["total"] == "RMB 594.00"
    assert not Instance.objects.filter(owner=user).exists()


def test_pay_as_you_go_is_confirmed_without_an_order_total(console, user):
    page = parse(console.post(BUY, {**BUY_DATA, "charge_type": "PostPaid", "review": "1"}).content)

    assert cost_of(page) == {"price": "RMB 99.00", "months": "-", "total": "RMB 0.00"}
    assert page.find(data_cost_postpaid=True).has("hidden") is False


def test_cost_reads_in_chinese(console, user):
    console.cookies["django_language"] = "zh-hans"

    page = parse(console.post(BUY, {**BUY_DATA, "review": "1"}).content)

    assert cost_of(page) == {"price": "99.00 元", "months": "6个月", "total": "594.00 元"}
    assert page.find("h1").text == "确认购买"


@pytest.mark.parametrize("action", ["renew", "convert"])
def test_renew_and_convert_show_the_cost_and_confirm_it_without_javascript(console, user, action):
    charge_type = "PrePaid" if action == "renew" else "PostPaid"
    target = InstanceFactory(owner=user, product_id="sas", charge_type=charge_type)

    form_page = parse(console.get(url(target, action)).content)
    assert cost_of(form_page) == {"price": "RMB 34.00", "months": "12 months", "total": "RMB 408.00"}

    confirm = parse(console.post(url(target, action), {"period_months": "3", "review": "1"}).content)
    assert cost_of(confirm) == {"price": "RMB 34.00", "months": "3 months", "total": "RMB 102.00"}
    assert confirm.find(data_instance_id=target.instance_id) is not None
    assert fresh(target).orders.count() == 1  # only the purchase so far

    assert console.post(url(target, action), {"period_months": "3"}).status_code == 302
    assert str(fresh(target).orders.latest("created_time", "id").amount_rmb) == "102.00"


def test_bandwidth_and_power_actions_show_no_cost(console, instance):
    for action in ("bandwidth", "stop"):
        page = parse(console.get(url(instance, action)).content)
        assert page.find("section", class_="cost-summary") is None
