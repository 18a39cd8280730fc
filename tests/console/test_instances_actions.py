"""Instances in the console: each action through the services."""

from urllib.parse import quote

import pytest

from icpconsole.core.models import AuditEvent
from tests.console.html import parse
from tests.console.instances_helpers import LIST, fresh, messages_of, url
from tests.factories import InstanceFactory

pytestmark = pytest.mark.django_db


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
