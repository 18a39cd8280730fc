"""Issue 18 (a new user's walk through the console): one form layout everywhere, long values,
the served address, remedies and links, and the small things."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from tests.console.html import parse, row_for
from tests.factories import InstanceFactory
from tests.filings import flows
from tests.filings.console import wizard

pytestmark = pytest.mark.django_db

WIZARD = "/console/filings/new/"


def in_chinese(client):
    client.cookies["django_language"] = "zh-hans"
    return client


def field_groups(page) -> list:
    return page.find("main").find_all("div", predicate=lambda n: "field" in (n.get("class") or "").split())


# --- item 5: one form layout (label, help, field, error) ---------------------------------------
@pytest.fixture
def layout_pages(console, user, staff, instance):
    filed = flows.file_first(user, staff=staff, instance=InstanceFactory(owner=user))
    wizard.step_domain(console, "www.layout.cn")  # registered and verified first, as a user would
    console.post(WIZARD + "product/", {"method": "instance", "instance_id": instance.instance_id})
    return {
        "buy": "/console/instances/buy/",
        "renew": f"/console/instances/{instance.instance_id}/renew/",
        "bandwidth": f"/console/instances/{instance.instance_id}/bandwidth/",
        "wizard step 1": WIZARD,
        "wizard step 3": WIZARD + "details/",
        "transfer-in": "/console/filings/transfer-in/",
        "claim": "/console/filings/claim/",
        "change website": f"/console/websites/{filed['website'].pk}/change/",
        "record query": "/icp-records/",
    }


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_console_form_uses_the_one_field_layout(console, layout_pages, language):
    console.cookies["django_language"] = language
    for name, url in layout_pages.items():
        page = parse(console.get(url).content)
        groups = field_groups(page)
        assert groups, f"{name}: no field group"
        for group in groups:
            label = group.find("label", class_="field-label") or group.find("legend", class_="field-label")
            check = group.find("div", class_="field-check")
            assert label is not None or check is not None, f"{name}: {group.get('data-field')} has no label"
            text = (label or check).text
            # The label sits above its field (or after its checkbox): no colon, ASCII or full-width.
            assert not text.endswith((":", "：")), f"{name}: label {text!r} ends with a colon"


def test_field_group_order_is_label_help_field_error(console, user):
    response = console.post(WIZARD, {"domain": "http://bad"})
    group = parse(response.content).find(data_field="domain")

    kinds = [
        node.tag if node.tag != "div" else node.get("class")
        for node in group.children
        if not isinstance(node, str)
    ]

    assert kinds == ["label", "helptext", "input", "ul"]
    assert group.find("ul", class_="errorlist") is not None
    assert "field-invalid" in group.get("class")


def test_a_checkbox_sits_before_its_label(console, user, staff, instance):
    filed = flows.file_first(user, staff=staff, instance=instance)
    page = parse(console.get(f"/console/websites/{filed['website'].pk}/change/").content)

    check = page.find(data_field="ecommerce").find("div", class_="field-check")

    assert [n.tag for n in check.children if not isinstance(n, str)] == ["input", "label"]


# --- item 6: long values; the field's limit is the rule's ----------------------------------------
def test_domain_fields_do_not_cut_input_and_the_rule_reports_the_length(console, user):
    page = parse(console.get(WIZARD).content)
    assert page.find("input", name="domain").get("maxlength") is None
    long_domain = "a" * 60 + "." + "b" * 60 + "." + "c" * 60 + "." + "d" * 60 + ".example.cn"  # 255

    response = console.post(WIZARD, {"domain": long_domain})

    error = parse(response.content).find(data_field="domain").find("ul", class_="errorlist").text
    assert "longer than 253 characters" in error
    assert "dot" not in error


def test_record_query_does_not_cut_input_either(client):
    page = parse(client.get("/icp-records/").content)
    assert page.find("input", name="domain").get("maxlength") is None


def test_the_filing_pages_and_messages_wrap_long_values():
    css = open("static/css/console.css", encoding="utf-8").read()
    assert re.search(r"\.summary dd \{[^}]*overflow-wrap: anywhere", css)
    assert re.search(r"\.msg \{[^}]*overflow-wrap: anywhere", css)
    assert re.search(r"\.errorlist, \.field-errors \{[^}]*overflow-wrap: anywhere", css)


# --- item 8: the address actually served -------------------------------------------------------
def test_access_key_page_names_the_address_it_was_served_at(client, user):
    client.force_login(user)

    page = parse(client.get("/console/access-keys/", HTTP_HOST="127.0.0.1:8123").content)

    note = page.find(data_sdk_endpoint=True)
    assert note.get("data-sdk-endpoint") == "127.0.0.1:8123"
    assert 'endpoint="127.0.0.1:8123"' in note.text
    assert "8000" not in note.text


def test_seed_demo_prints_the_address_make_run_serves(db):
    out = StringIO()

    call_command("seed_demo", "--base-url", "http://127.0.0.1:8123", stdout=out)

    text = out.getvalue()
    assert "http://127.0.0.1:8123/console/" in text and "http://127.0.0.1:8123/admin/" in text
    assert "8000" not in text


def test_make_run_passes_its_address_to_seed_demo():
    makefile = open("Makefile", encoding="utf-8").read()
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "seed_demo --base-url http://$(HOST):$(PORT)" in run


# --- item 9 (template part): Chinese wording and region names -----------------------------------
def test_wizard_next_reads_next_step_in_chinese_and_pagination_next_page(console, user):
    in_chinese(console)
    page = parse(console.get(WIZARD).content)
    assert page.find("main").find("button", type="submit").text == "下一步"
    for _ in range(21):
        InstanceFactory(owner=user)
    pages = parse(console.get("/console/instances/").content)
    assert pages.find("a", rel="next").text == "下一页"


def test_region_names_do_not_break_inside_their_brackets(console, instance):
    in_chinese(console)
    row = row_for(parse(console.get("/console/icp/application/").content), instance.instance_id)
    assert row.find("span", class_="region-name").text == "华东1（杭州）"
    css = open("static/css/console.css", encoding="utf-8").read()
    assert re.search(r"\.region-name \{[^}]*word-break: keep-all", css)


# --- item 10: remedies and links ---------------------------------------------------------------
def test_buy_instance_in_wizard_step_two_comes_back_to_the_wizard(console, user, instance):
    wizard.step_domain(console, "www.comeback.cn")
    page = parse(console.get(WIZARD + "product/").content)

    link = page.find("a", data_buy_instance=True)
    assert link.get("href") == "/console/instances/buy/?next=/console/filings/new/product/"

    bought = console.post(
        link.get("href"),
        {
            "product": "ecs",
            "region_id": "cn-beijing",
            "charge_type": "PrePaid",
            "period_months": "12",
            "internet_max_bandwidth_out": "5",
            "next": WIZARD + "product/",
        },
    )
    assert bought.status_code == 302 and bought["Location"] == WIZARD + "product/"


# --- item 11: small things ---------------------------------------------------------------------
def test_favicon_is_served(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_pages_link_their_icon_and_the_api_reference(console):
    page = parse(console.get("/console/").content)
    assert page.find("link", rel="icon").get("href").endswith("favicon.ico")
    assert page.find("a", data_nav="api-docs").get("href") == "/api/docs/"


def test_ram_user_note_has_one_full_stop_after_the_company_name(client, ram_user, user):
    user.display_name = "Demo Company Ltd."
    user.save(update_fields=["display_name"])
    client.force_login(ram_user)

    text = parse(client.get("/console/icp/application/").content).find(data_note="ram-read-only").text

    assert "Ltd.." not in text and "Demo Company Ltd.: only the account" in text


def test_new_access_key_secret_has_a_copy_button(console, user):
    page = parse(console.post("/console/access-keys/", follow=True).content)

    secret = page.find("code", data_access_key_secret=True)
    button = page.find("button", data_copy_target=secret.get("id"))
    assert button is not None and button.get("type") == "button"
    assert button.has("hidden")  # shown by console.js; without JavaScript the text is selectable


def test_status_tabs_stay_on_one_line_and_icp_numbers_do_not_wrap():
    css = open("static/css/console.css", encoding="utf-8").read()
    assert re.search(r"\.tabs \{[^}]*flex-wrap: nowrap", css)
    codes = open("templates/servicecodes/codes.html", encoding="utf-8").read()
    assert '<td class="nowrap">{{ code.icp_number' in codes
