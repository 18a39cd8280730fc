"""ICP No. Application (seeds 000, 001, 003): the Apply button, the reasons it is missing, and applying."""

from urllib.parse import quote

import pytest
from django.test import override_settings

from servicecodes.models import ServiceCode
from tests.console.html import apply_buttons, parse, reason_codes, row_for
from tests.factories import InstanceFactory, ServiceCodeFactory

pytestmark = pytest.mark.django_db

APPLICATION = "/console/icp/application/"
NEXT = f"?next={quote(APPLICATION, safe='')}"


def apply_url(instance) -> str:
    return f"/console/icp/application/{instance.instance_id}/apply/"


def instance_url(instance, action: str) -> str:
    return f"/console/instances/{instance.instance_id}/{action}/"


@pytest.fixture
def world(user):
    """One instance of ``user`` per reason, plus an eligible one."""
    quota_used = InstanceFactory(owner=user, name="quota-used")
    for _ in range(5):
        ServiceCodeFactory(instance=quota_used)
    return {
        "eligible": InstanceFactory(owner=user, name="eligible"),
        "hongkong": InstanceFactory(owner=user, region_id="cn-hongkong"),
        "postpaid": InstanceFactory(owner=user, charge_type="PostPaid"),
        "short": InstanceFactory(owner=user, months=1),
        "stopped": InstanceFactory(owner=user, status="Stopped"),
        "no_ip": InstanceFactory(owner=user, internet_max_bandwidth_out=0, public_ip_address=None),
        "quota": quota_used,
        "slb": InstanceFactory(owner=user, product_id="slb"),
    }


def remedy(row, action: str):
    nodes = row.find_all(data_remedy_action=action)
    assert len(nodes) == 1, (action, nodes)
    return nodes[0]


def test_eligible_row_has_one_apply_button_leading_to_the_confirmation(console, world):
    page = parse(console.get(APPLICATION).content)

    row = row_for(page, world["eligible"].instance_id)
    buttons = apply_buttons(row)
    assert len(buttons) == 1
    assert buttons[0].tag == "a"
    assert buttons[0].get("href") == apply_url(world["eligible"])
    assert buttons[0].has("data-confirm")
    assert reason_codes(row) == []
    assert row.get("data-can-apply") == "true"
    assert row.find(data_codes=True).get("data-codes") == "0/5"


@pytest.mark.parametrize(
    ("key", "codes", "action", "href"),
    [
        ("hongkong", ["REGION_NOT_MAINLAND"], "none", None),
        ("postpaid", ["PAY_AS_YOU_GO"], "convert_to_prepaid", "convert"),
        ("short", ["SUBSCRIPTION_TOO_SHORT"], "renew", "renew"),
        ("no_ip", ["NO_PUBLIC_IP"], "modify_bandwidth", "bandwidth"),
        ("quota", ["QUOTA_EXHAUSTED"], "buy_instance", "/console/instances/buy/"),
        ("slb", ["PRODUCT_NOT_SUPPORTED"], "buy_instance", "/console/instances/buy/"),
    ],
)
def test_ineligible_row_shows_reasons_and_remedy_link_without_apply(console, world, key, codes, action, href):
    instance = world[key]

    page = parse(console.get(APPLICATION).content)

    row = row_for(page, instance.instance_id)
    assert apply_buttons(row) == []
    assert row.get("data-can-apply") == "false"
    assert reason_codes(row) == codes
    node = remedy(row, action)
    if href is None:
        assert node.tag == "span"
    elif href.startswith("/"):
        assert node.get("href") == href + NEXT
    else:
        assert node.get("href") == instance_url(instance, href) + NEXT


def test_reason_texts_follow_the_seeds(console, world):
    page = parse(console.get(APPLICATION).content)

    hong_kong = row_for(page, world["hongkong"].instance_id).find(data_reason_code="REGION_NOT_MAINLAND")
    assert "Hong Kong does not need ICP filing" in hong_kong.text
    no_ip = row_for(page, world["no_ip"].instance_id).find(data_reason_code="NO_PUBLIC_IP")
    assert "No available IPs for this ECS instance" in no_ip.text
    quota = row_for(page, world["quota"].instance_id)
    assert quota.find(data_codes=True).get("data-codes") == "5/5"


def test_stopped_row_offers_start_as_a_confirmed_link_returning_to_the_page(console, world):
    """Like every other remedy, Start is a link to its action (issue 18, item 10); it asks for
    confirmation (a dialog with JavaScript, the action's page without) and comes back here."""
    row = row_for(parse(console.get(APPLICATION).content), world["stopped"].instance_id)

    assert reason_codes(row) == ["NOT_RUNNING"]
    assert apply_buttons(row) == []
    link = remedy(row, "start")
    assert link.tag == "a"
    assert link.get("href") == instance_url(world["stopped"], "start") + NEXT
    assert link.has("data-confirm")
    assert "Start instance" in link.get("data-confirm-title")
    page = parse(console.get(link.get("href")).content)
    assert page.find("p", class_="confirm-question").text.strip() == "Start this instance?"


def test_expired_instance_shows_expired_with_renew(console, user, advance_clock):
    expired = InstanceFactory(owner=user, months=1)
    still_fine = InstanceFactory(owner=user, months=12)
    advance_clock(40)

    page = parse(console.get(APPLICATION).content)

    row = row_for(page, expired.instance_id)
    assert reason_codes(row) == ["EXPIRED"]
    assert remedy(row, "renew").get("href") == instance_url(expired, "renew") + NEXT
    assert len(apply_buttons(row_for(page, still_fine.instance_id))) == 1


def test_released_and_other_accounts_instances_are_not_listed(console, user, other_user):
    released = InstanceFactory(
        owner=user, status="Released", internet_max_bandwidth_out=0, public_ip_address=None
    )
    foreign = InstanceFactory(owner=other_user)
    mine = InstanceFactory(owner=user)

    page = parse(console.get(APPLICATION).content)

    listed = [tr.get("data-instance-id") for tr in page.find_all("tr", data_instance_id=True)]
    assert listed == [mine.instance_id]
    assert released.instance_id not in listed and foreign.instance_id not in listed


def test_ram_user_sees_parents_instances_without_apply(client, ram_user, user):
    instance = InstanceFactory(owner=user)
    postpaid = InstanceFactory(owner=user, charge_type="PostPaid")
    client.force_login(ram_user)

    page = parse(client.get(APPLICATION).content)

    row = row_for(page, instance.instance_id)
    assert apply_buttons(row) == []
    assert reason_codes(row) == ["NOT_PURCHASER_ACCOUNT"]
    login = remedy(row, "login_as_purchaser")
    form = login.parent
    assert form.get("action") == "/accounts/logout/"
    assert form.find("input", name="next").get("value") == f"/accounts/login/?next={APPLICATION}"
    # A RAM user cannot change instances: other remedies are shown as text, not links.
    other = row_for(page, postpaid.instance_id)
    assert reason_codes(other) == ["NOT_PURCHASER_ACCOUNT", "PAY_AS_YOU_GO"]
    assert remedy(other, "convert_to_prepaid").tag == "span"
    assert page.find(data_note="ram-read-only") is not None


def test_log_on_as_purchaser_logs_out_and_returns_to_the_login_page(client, ram_user, user):
    InstanceFactory(owner=user)
    client.force_login(ram_user)

    response = client.post("/accounts/logout/", {"next": f"/accounts/login/?next={APPLICATION}"})

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={APPLICATION}"
    assert client.get(APPLICATION).status_code == 302


def test_duration_rule_in_force_is_noted(console, user):
    InstanceFactory(owner=user)

    page = parse(console.get(APPLICATION).content)
    assert page.find(data_duration_rule="remaining") is not None

    with override_settings(ICP_DURATION_RULE="cumulative"):
        page = parse(console.get(APPLICATION).content)
    note = page.find(data_duration_rule="cumulative")
    assert "total subscription purchased" in note.text


def test_confirmation_page_has_ok_and_cancel_and_issues_nothing(console, instance):
    response = console.get(apply_url(instance))

    assert response.status_code == 200
    page = parse(response.content)
    form = page.find("main").find("form", action=apply_url(instance))
    assert form.get("method") == "post"
    assert form.find("button", type="submit").text == "OK"
    cancel = form.find("a", href=APPLICATION)
    assert cancel is not None and cancel.text == "Cancel"
    assert ServiceCode.objects.count() == 0


def test_confirmation_page_of_an_ineligible_instance_has_reasons_and_no_ok(console, user):
    postpaid = InstanceFactory(owner=user, charge_type="PostPaid")

    page = parse(console.get(apply_url(postpaid)).content)

    main = page.find("main")
    assert main.find("form", action=apply_url(postpaid)) is None
    assert reason_codes(main) == ["PAY_AS_YOU_GO"]


def test_post_apply_issues_exactly_one_code_and_shows_it(console, instance):
    response = console.post(apply_url(instance))

    assert response.status_code == 302
    assert response["Location"] == APPLICATION
    code = ServiceCode.objects.get()
    assert code.instance == instance and code.status == "unused"
    page = parse(console.get(APPLICATION).content)
    message = page.find("li", class_="msg msg-success")
    assert message.find(data_service_code=code.code) is not None
    assert message.find("a", href="/console/icp/codes/") is not None
    assert row_for(page, instance.instance_id).find(data_codes=True).get("data-codes") == "1/5"


def test_post_apply_for_an_ineligible_instance_lists_reasons_and_creates_nothing(console, user):
    stopped = InstanceFactory(
        owner=user, status="Stopped", internet_max_bandwidth_out=0, public_ip_address=None
    )

    response = console.post(apply_url(stopped), follow=True)

    assert response.status_code == 200
    assert ServiceCode.objects.count() == 0
    message = parse(response.content).find("li", class_="msg msg-error")
    assert message.get("role") == "alert"
    assert "does not qualify" in message.text
    assert reason_codes(message) == ["NOT_RUNNING", "NO_PUBLIC_IP"]


def test_ram_user_post_apply_is_refused_with_not_purchaser(client, ram_user, user):
    instance = InstanceFactory(owner=user)
    client.force_login(ram_user)

    response = client.post(apply_url(instance), follow=True)

    assert ServiceCode.objects.count() == 0
    message = parse(response.content).find("li", class_="msg msg-error")
    assert reason_codes(message) == ["NOT_PURCHASER_ACCOUNT"]


def test_sixth_apply_is_refused_when_the_quota_is_used(console, instance):
    for _ in range(5):
        assert console.post(apply_url(instance)).status_code == 302

    response = console.post(apply_url(instance), follow=True)

    assert ServiceCode.objects.filter(instance=instance).count() == 5
    assert reason_codes(parse(response.content).find("li", class_="msg msg-error")) == ["QUOTA_EXHAUSTED"]


def test_another_accounts_instance_is_404_for_confirm_and_apply(console, other_user):
    foreign = InstanceFactory(owner=other_user)

    assert console.get(apply_url(foreign)).status_code == 404
    assert console.post(apply_url(foreign)).status_code == 404
    assert console.get("/console/icp/application/i-bp1doesnotexist00000/apply/").status_code == 404
    assert ServiceCode.objects.count() == 0


def test_released_instance_apply_is_refused_with_a_message(console, user):
    released = InstanceFactory(
        owner=user, status="Released", internet_max_bandwidth_out=0, public_ip_address=None
    )

    response = console.post(apply_url(released), follow=True)

    assert response.status_code == 200
    assert "has been released" in parse(response.content).find("li", class_="msg msg-error").text
    assert ServiceCode.objects.count() == 0


def test_remedy_round_trip_renew_then_apply(console, user):
    short = InstanceFactory(owner=user, months=1)
    page = parse(console.get(APPLICATION).content)
    renew_href = remedy(row_for(page, short.instance_id), "renew").get("href")

    form_page = parse(console.get(renew_href).content)
    assert form_page.find("main").find("input", name="next").get("value") == APPLICATION
    response = console.post(renew_href, {"period_months": "6", "next": APPLICATION})

    assert response["Location"] == APPLICATION
    row = row_for(parse(console.get(APPLICATION).content), short.instance_id)
    assert reason_codes(row) == []
    assert len(apply_buttons(row)) == 1


def test_remedy_round_trip_start_returns_to_the_application_page(console, user):
    stopped = InstanceFactory(owner=user, status="Stopped")

    response = console.post(instance_url(stopped, "start") + NEXT)

    assert response["Location"] == APPLICATION
    row = row_for(parse(console.get(APPLICATION).content), stopped.instance_id)
    assert len(apply_buttons(row)) == 1


def test_application_page_is_paginated(console, user):
    for _ in range(21):
        InstanceFactory(owner=user)

    first = parse(console.get(APPLICATION).content)
    second = parse(console.get(APPLICATION + "?page=2").content)

    assert len(first.find_all("tr", data_instance_id=True)) == 20
    assert len(second.find_all("tr", data_instance_id=True)) == 1
    assert first.find("a", rel="next").get("href") == "?page=2"


def test_confirmation_page_of_a_released_instance_has_no_ok(console, user):
    released = InstanceFactory(
        owner=user, status="Released", internet_max_bandwidth_out=5, public_ip_address="47.100.0.1"
    )

    main = parse(console.get(apply_url(released)).content).find("main")

    assert main.find("form", action=apply_url(released)) is None
    assert "has been released" in main.text
