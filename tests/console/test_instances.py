"""Instances in the console: the list, buying, and each action through the services."""

import datetime as dt
from urllib.parse import quote

import pytest

from icpconsole.core.models import AuditEvent
from instances.models import Instance
from tests.console.html import parse, row_for
from tests.factories import InstanceFactory

pytestmark = pytest.mark.django_db

LIST = "/console/instances/"


def url(instance, action: str) -> str:
    return f"/console/instances/{instance.instance_id}/{action}/"


def messages_of(response, level: str) -> list[str]:
    return [li.text for li in parse(response.content).find_all("li", class_=f"msg msg-{level}")]


def fresh(instance) -> Instance:
    return Instance.objects.get(pk=instance.pk)


# --- the list ---------------------------------------------------------------------------------
def test_list_shows_the_accounts_instances_with_their_details(console, user, other_user):
    mine = InstanceFactory(owner=user, name="web-1", region_id="cn-shanghai")
    postpaid = InstanceFactory(
        owner=user, charge_type="PostPaid", internet_max_bandwidth_out=0, public_ip_address=None
    )
    foreign = InstanceFactory(owner=other_user)

    page = parse(console.get(LIST).content)

    row = row_for(page, mine.instance_id)
    assert "web-1" in row.text
    assert "ECS instance" in row.text
    assert "China (Shanghai)" in row.text
    assert "Subscription" in row.text
    assert "Running" in row.text
    assert mine.public_ip_address in row.text
    assert mine.expired_time.astimezone(dt.timezone(dt.timedelta(hours=8))).strftime("%Y-%m-%d") in row.text
    other = row_for(page, postpaid.instance_id)
    assert "Pay-as-you-go" in other.text and "no public IP" in other.text
    assert other.find(data_action="convert") is not None and other.find(data_action="renew") is None
    assert not page.find_all("tr", data_instance_id=foreign.instance_id)


def test_list_shows_expired_from_the_simulated_clock(console, user, advance_clock):
    instance = InstanceFactory(owner=user, months=1)
    advance_clock(40)

    row = row_for(parse(console.get(LIST).content), instance.instance_id)

    assert row.get("data-status") == "Expired"


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("Running", {"running"}),
        ("Stopped", {"stopped"}),
        ("Expired", {"expired"}),
        ("Released", {"released"}),
        ("", {"running", "stopped", "expired", "released"}),
        ("bogus", {"running", "stopped", "expired", "released"}),
    ],
)
def test_list_filters_by_status(console, user, advance_clock, status, expected):
    InstanceFactory(owner=user, name="running")
    InstanceFactory(owner=user, name="stopped", status="Stopped", months=24)
    InstanceFactory(owner=user, name="expired", months=1)
    InstanceFactory(
        owner=user, name="released", status="Released", internet_max_bandwidth_out=0, public_ip_address=None
    )
    advance_clock(40)

    page = parse(console.get(f"{LIST}?status={status}").content)

    names = {tr.find("span", class_="muted small").text for tr in page.find_all("tr", data_instance_id=True)}
    assert names == expected
    current = page.find("nav", class_="tabs").find("a", aria_current="page")
    assert current.get("data-status") == (
        status if status in ("Running", "Stopped", "Expired", "Released") else "all"
    )


def test_list_is_paginated_by_twenty_keeping_the_filter(console, user):
    for _ in range(21):
        InstanceFactory(owner=user, status="Stopped")

    first = parse(console.get(f"{LIST}?status=Stopped").content)
    second = parse(console.get(f"{LIST}?status=Stopped&page=2").content)

    assert len(first.find_all("tr", data_instance_id=True)) == 20
    assert len(second.find_all("tr", data_instance_id=True)) == 1
    assert first.find("a", rel="next").get("href") == "?status=Stopped&page=2"
    assert console.get(f"{LIST}?page=99").status_code == 200


def test_ram_user_sees_parents_instances_without_actions(client, ram_user, user):
    instance = InstanceFactory(owner=user)
    client.force_login(ram_user)

    page = parse(client.get(LIST).content)

    row = row_for(page, instance.instance_id)
    assert row.find_all(data_action=True) == []
    assert row.find_all("form") == []
    assert page.find(data_note="ram-read-only") is not None
    assert "/console/instances/buy/" not in page.find("main").links()


def test_row_actions_match_the_state(console, user):
    running = InstanceFactory(owner=user)
    stopped = InstanceFactory(owner=user, status="Stopped")
    released = InstanceFactory(
        owner=user, status="Released", internet_max_bandwidth_out=0, public_ip_address=None
    )

    page = parse(console.get(LIST).content)

    def actions(instance):
        return {
            node.get("data-action") for node in row_for(page, instance.instance_id).find_all(data_action=True)
        }

    assert actions(running) == {"renew", "bandwidth", "stop", "release"}
    assert actions(stopped) == {"renew", "bandwidth", "start", "release"}
    assert actions(released) == set()
    release = row_for(page, running.instance_id).find(data_action="release")
    assert release.has("data-confirm")
    assert release.get("href") == url(running, "release") + "?next=" + quote(LIST)


# --- actions ----------------------------------------------------------------------------------
def test_renew_extends_the_expiry_and_returns_to_the_list(console, instance):
    before = instance.expired_time

    response = console.post(url(instance, "renew"), {"period_months": "6"})

    assert response.status_code == 302
    assert response["Location"] == LIST
    assert fresh(instance).expired_time > before
    assert AuditEvent.objects.filter(action="instance.renew", target_id=instance.instance_id).count() == 1
    assert any("renewed" in m for m in messages_of(console.get(LIST), "success"))


def test_renew_form_offers_one_to_thirty_six_months(console, instance):
    page = parse(console.get(url(instance, "renew")).content)

    select = page.find("select", name="period_months")
    assert [o.get("value") for o in select.find_all("option")] == [str(m) for m in range(1, 37)]
    assert page.find("label", **{"for": select.get("id")}) is not None


def test_renew_of_a_pay_as_you_go_instance_shows_the_error_and_changes_nothing(console, user):
    postpaid = InstanceFactory(owner=user, charge_type="PostPaid")

    response = console.post(url(postpaid, "renew"), {"period_months": "6"})

    assert response.status_code == 200
    assert messages_of(response, "error") == [
        "A pay-as-you-go instance cannot be renewed; switch it to subscription first."
    ]
    assert fresh(postpaid).expired_time is None


def test_renew_with_an_out_of_range_period_is_a_form_error(console, instance):
    before = instance.expired_time

    response = console.post(url(instance, "renew"), {"period_months": "37"})

    assert response.status_code == 200
    assert parse(response.content).find("ul", class_="errorlist") is not None
    assert fresh(instance).expired_time == before


def test_convert_switches_pay_as_you_go_to_subscription(console, user):
    postpaid = InstanceFactory(owner=user, charge_type="PostPaid")

    response = console.post(url(postpaid, "convert"), {"period_months": "3"})

    assert response.status_code == 302
    changed = fresh(postpaid)
    assert changed.charge_type == "PrePaid" and changed.expired_time is not None


def test_convert_of_a_subscription_shows_the_error(console, instance):
    response = console.post(url(instance, "convert"), {"period_months": "3"})

    assert response.status_code == 200
    assert messages_of(response, "error") == ["The instance is already billed by subscription."]


def test_bandwidth_change_assigns_and_removes_the_public_ip(console, user):
    no_ip = InstanceFactory(owner=user, internet_max_bandwidth_out=0, public_ip_address=None)

    assert console.post(url(no_ip, "bandwidth"), {"internet_max_bandwidth_out": "10"}).status_code == 302
    assert fresh(no_ip).internet_max_bandwidth_out == 10 and fresh(no_ip).public_ip_address
    assert console.post(url(no_ip, "bandwidth"), {"internet_max_bandwidth_out": "0"}).status_code == 302
    assert fresh(no_ip).public_ip_address is None


def test_bandwidth_change_of_an_expired_instance_shows_the_error(console, user, advance_clock):
    expired = InstanceFactory(owner=user, months=1)
    advance_clock(40)

    response = console.post(url(expired, "bandwidth"), {"internet_max_bandwidth_out": "10"})

    assert response.status_code == 200
    assert messages_of(response, "error") == [
        "The subscription has expired; renew it before starting or changing the instance."
    ]
    assert fresh(expired).internet_max_bandwidth_out == 5


def test_bandwidth_above_one_hundred_is_a_form_error(console, instance):
    response = console.post(url(instance, "bandwidth"), {"internet_max_bandwidth_out": "101"})

    assert response.status_code == 200
    page = parse(response.content)
    assert page.find("input", name="internet_max_bandwidth_out").get("aria-invalid") == "true"
    assert fresh(instance).internet_max_bandwidth_out == 5


def test_stop_and_start(console, instance):
    assert console.post(url(instance, "stop"), {"next": LIST}).status_code == 302
    assert fresh(instance).status == "Stopped"
    assert console.post(url(instance, "start"), {"next": LIST}).status_code == 302
    assert fresh(instance).status == "Running"


def test_stop_of_a_stopped_instance_shows_the_error(console, user):
    stopped = InstanceFactory(owner=user, status="Stopped")

    response = console.post(url(stopped, "stop"))

    assert response.status_code == 200
    assert messages_of(response, "error") == ["The instance is already Stopped."]


def test_start_of_an_expired_instance_shows_the_error(console, user, advance_clock):
    stopped = InstanceFactory(owner=user, status="Stopped", months=1)
    advance_clock(40)

    response = console.post(url(stopped, "start"))

    assert messages_of(response, "error") == [
        "The subscription has expired; renew it before starting or changing the instance."
    ]
    assert fresh(stopped).status == "Stopped"


def test_release_confirmation_page_then_release(console, instance):
    page = parse(console.get(url(instance, "release") + "?next=" + quote(LIST, safe="")).content)
    form = page.find("main").find("form", method="post")
    assert form.find("button", type="submit").text == "OK"
    assert form.find("a").text == "Cancel"
    assert fresh(instance).status == "Running"

    response = console.post(url(instance, "release") + "?next=" + quote(LIST, safe=""))

    assert response["Location"] == LIST
    released = fresh(instance)
    assert released.status == "Released" and released.public_ip_address is None


def test_release_of_a_released_instance_shows_the_error(console, user):
    released = InstanceFactory(
        owner=user, status="Released", internet_max_bandwidth_out=0, public_ip_address=None
    )

    response = console.post(url(released, "release"))

    assert response.status_code == 200
    assert messages_of(response, "error") == [f"Instance {released.instance_id} has been released."]


def test_ram_user_action_is_refused_with_the_message(client, ram_user, user):
    instance = InstanceFactory(owner=user)
    client.force_login(ram_user)

    response = client.post(url(instance, "stop"))

    assert response.status_code == 200
    assert "cannot buy, create or change them" in messages_of(response, "error")[0]
    assert fresh(instance).status == "Running"


@pytest.mark.parametrize("action", ["renew", "convert", "bandwidth", "stop", "start", "release"])
def test_another_accounts_instance_is_404(console, other_user, action):
    foreign = InstanceFactory(owner=other_user)

    assert console.get(url(foreign, action)).status_code == 404
    assert (
        console.post(
            url(foreign, action), {"period_months": "3", "internet_max_bandwidth_out": "1"}
        ).status_code
        == 404
    )
    assert fresh(foreign).status == "Running"


def test_next_must_stay_on_this_site(console, instance):
    response = console.post(url(instance, "stop"), {"next": "https://evil.example/"})

    assert response["Location"] == LIST


def test_action_returns_to_a_local_next(console, instance):
    response = console.post(url(instance, "stop") + "?next=/console/icp/application/")

    assert response["Location"] == "/console/icp/application/"


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


def cost_of(page) -> dict[str, str]:
    box = page.find("section", class_="cost-summary")
    assert box is not None, "no cost summary on the page"
    return {
        "price": box.find(data_cost_price=True).text,
        "months": box.find(data_cost_months=True).text,
        "total": box.find(data_cost_total=True).text,
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


# --- actions offered by the instance's state (issue 18, item 11) ------------------------------
def test_an_expired_instance_is_not_offered_a_bandwidth_change(console, user, advance_clock):
    expired = InstanceFactory(owner=user, months=1)
    advance_clock(40)

    row = row_for(parse(console.get(LIST).content), expired.instance_id)
    offered = {node.get("data-action") for node in row.find_all(data_action=True)}

    assert offered == {"renew", "stop", "release"}
    page = parse(console.get(url(expired, "bandwidth")).content)
    assert page.find(data_refusal=True).text == (
        "The subscription has expired; renew it before starting or changing the instance."
    )
    assert page.find("main").find("form", method="post") is None


def test_stop_in_the_list_asks_for_confirmation_like_release(console, instance):
    stop = row_for(parse(console.get(LIST).content), instance.instance_id).find(data_action="stop")

    assert stop.tag == "a" and stop.has("data-confirm")
    assert stop.get("href") == url(instance, "stop") + "?next=" + quote(LIST)
    assert instance.instance_id in stop.get("data-confirm-message")
    page = parse(console.get(stop.get("href")).content)
    assert page.find("p", class_="confirm-question") is not None
    assert fresh(instance).status == "Running"
