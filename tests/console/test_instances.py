"""Instances in the console: the list and the actions it offers by state."""

import datetime as dt
from urllib.parse import quote

import pytest

from tests.console.html import parse, row_for
from tests.console.instances_helpers import LIST, fresh, url
from tests.factories import InstanceFactory

pytestmark = pytest.mark.django_db


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
