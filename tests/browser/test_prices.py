"""Prices on the buy, renew and switch-to-subscription forms (issue 18, item 4): the price per
month and the order total follow the choices (static/js/instances.js), in English and Chinese;
without JavaScript the order is priced on a confirmation page before it is placed."""

import pytest

from instances.models import Instance, InstanceOrder
from tests.browser.conftest import screenshot
from tests.factories import InstanceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "en": {
        "money": "RMB {}",
        "months": {6: "6 months", 3: "3 months"},
        "buy": "Buy",
        "renew": "Renew",
        "convert": "Switch to subscription",
        "postpaid": "Pay-as-you-go",
    },
    "zh-hans": {
        "money": "{} 元",
        "months": {6: "6个月", 3: "3个月"},
        "buy": "购买",
        "renew": "续费",
        "convert": "转为包年包月",
        "postpaid": "按量付费",
    },
}


def open_in(new_context, live_server, client, user, language: str, **options):
    client.force_login(user)
    context = new_context(**options)
    context.add_cookies(
        [
            {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url},
            {"name": "django_language", "value": language, "url": live_server.url},
        ]
    )
    return context.new_page()


def cost(page) -> dict[str, str]:
    box = page.locator(".cost-summary")
    return {
        "price": box.locator("[data-cost-price]").inner_text(),
        "months": box.locator("[data-cost-months]").inner_text(),
        "total": box.locator("[data-cost-total]").inner_text(),
    }


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_buy_form_total_follows_product_period_and_billing_method(
    new_context, live_server, client, user, language
):
    text = TEXTS[language]
    money = text["money"].format
    page = open_in(new_context, live_server, client, user, language)
    page.goto("/console/instances/buy/")
    assert page.locator("input[name=review]").count() == 0  # the script prices the form itself
    assert cost(page)["total"] == money("1188.00")

    page.locator("select[name=period_months]").select_option("6")
    assert cost(page) == {"price": money("99.00"), "months": text["months"][6], "total": money("594.00")}
    page.locator("select[name=product]").select_option("marketplace_site")
    assert cost(page) == {"price": money("9.00"), "months": text["months"][6], "total": money("54.00")}
    if language == "en":
        page.locator(".form-actions").scroll_into_view_if_needed()
        screenshot(page, "buy-instance.png")

    page.get_by_label(text["postpaid"]).check()
    assert page.locator("select[name=period_months]").is_disabled()
    assert cost(page)["total"] == money("0.00")
    assert page.locator("[data-cost-postpaid]").is_visible()
    page.locator("input[name=charge_type][value=PrePaid]").check()
    assert page.locator("select[name=period_months]").is_enabled()
    assert cost(page)["total"] == money("54.00")

    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.url.endswith("/console/instances/")
    order = InstanceOrder.objects.get(instance__owner=user)
    assert (order.months, str(order.amount_rmb)) == (6, "54.00")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("action", ["renew", "convert"])
def test_renew_and_convert_total_follows_the_period(new_context, live_server, client, user, language, action):
    text = TEXTS[language]
    money = text["money"].format
    instance = InstanceFactory(
        owner=user, product_id="sas", charge_type="PrePaid" if action == "renew" else "PostPaid"
    )
    page = open_in(new_context, live_server, client, user, language)
    page.goto(f"/console/instances/{instance.instance_id}/{action}/")
    assert cost(page)["total"] == money("408.00")

    page.locator("select[name=period_months]").select_option("3")
    assert cost(page) == {"price": money("34.00"), "months": text["months"][3], "total": money("102.00")}

    with page.expect_navigation():
        page.get_by_role("button", name=text[action]).click()
    latest = InstanceOrder.objects.filter(instance=instance).latest("created_time", "id")
    assert (latest.months, str(latest.amount_rmb)) == (3, "102.00")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_without_javascript_the_order_is_priced_on_a_confirmation_first(
    new_context, live_server, client, user, language
):
    text = TEXTS[language]
    money = text["money"].format
    page = open_in(new_context, live_server, client, user, language, java_script_enabled=False)
    page.goto("/console/instances/buy/")
    page.locator("select[name=period_months]").select_option("6")
    assert cost(page)["total"] == money("1188.00")  # no script: the form's summary stays as served

    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("[data-page=confirm-order]").is_visible()
    assert cost(page) == {"price": money("99.00"), "months": text["months"][6], "total": money("594.00")}
    assert not Instance.objects.filter(owner=user).exists()
    if language == "zh-hans":
        screenshot(page, "confirm-order-zh.png")

    with page.expect_navigation():
        page.locator("[data-confirm-order]").click()
    assert page.url.endswith("/console/instances/")
    assert str(InstanceOrder.objects.get(instance__owner=user).amount_rmb) == "594.00"
