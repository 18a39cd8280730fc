"""Issue 28 for apps and hosting, in the console: platforms read as labels (Android, iOS), the app
leader's hint names the app leader, and a website or an app whose instance expired is warned of
from the expiry on (the access-health sweep marks a website at risk only 15 days later)."""

import datetime as dt

import pytest

from icpconsole.core import clock
from instances.models import Instance
from tests.console.html import parse
from tests.filings.console import wizard

from . import apps
from .test_console import step_app

pytestmark = pytest.mark.django_db


def test_platforms_read_as_labels_on_the_subject_page(console, user, staff, filed, second_instance):
    app = apps.add_app(user, staff=staff, instance=second_instance).website

    row = parse(console.get("/console/subjects/").content).find(data_app_id=str(app.pk))

    assert "Android, iOS" in row.text and "android" not in row.text


def test_the_app_leader_hint_names_the_app_leader(console, filed, second_instance):
    step_app(console)  # SPEC 3.13: the certificate and the app's name first
    wizard.step_product(console, instance=second_instance)

    page = parse(console.get(wizard.WIZARD + "details/").content).text

    assert "sent to the app leader's mobile" in page
    assert "website leader" not in page


def expire(instance, *, days_ago: int) -> None:
    Instance.objects.filter(pk=instance.pk).update(expired_time=clock.now() - dt.timedelta(days=days_ago))


def test_a_website_is_warned_of_on_its_instance_s_expiry(console, filed, instance):
    expire(instance, days_ago=1)

    page = parse(console.get("/console/subjects/").content)

    warning = page.find(data_warning="instance-expired", data_website_id=str(filed["website"].pk))
    assert warning is not None and instance.instance_id in warning.text
    assert warning.find(data_action="renew-instance") is not None
    assert page.find(data_warning="access-at-risk") is None


def test_an_app_on_an_expired_instance_is_warned_of_in_chinese(console, user, staff, filed, second_instance):
    app = apps.add_app(user, staff=staff, instance=second_instance).website
    expire(second_instance, days_ago=20)

    page = parse(console.get("/console/subjects/", HTTP_ACCEPT_LANGUAGE="zh-hans").content)

    warning = page.find(data_warning="instance-expired", data_app_id=str(app.pk))
    assert warning is not None and second_instance.instance_id in warning.text
    assert "续费" in warning.text


def test_a_healthy_instance_gives_no_warning(console, filed):
    page = parse(console.get("/console/subjects/").content)

    assert page.find(data_warning="instance-expired") is None


def test_the_app_form_offers_an_app_s_categories_not_a_website_s(console, filed, second_instance):
    step_app(console)  # SPEC 3.13: the certificate and the app's name first
    wizard.step_product(console, instance=second_instance)

    page = parse(console.get(wizard.WIZARD + "details/").content)

    offered = {
        option.get("value") for option in page.find("select", name="app-content_category").find_all("option")
    }
    assert {"tools", "lifestyle", "social", "games"} <= offered
    assert not offered & {"general", "blog", "company", "forum"}


def test_the_app_form_lists_every_broken_rule_at_once(console, filed, second_instance):
    from .test_console import step_app_details

    step_app(console)  # SPEC 3.13: the certificate and the app's name first
    wizard.step_product(console, instance=second_instance)

    response = step_app_details(console, package_name="1bad", signature_md5="123", bundle_id="")

    page = parse(response.content)
    listed = page.find(data_check_reasons=True)
    assert listed is not None
    codes = [item.get("data-reason-code") for item in listed.find_all("li")]
    assert codes == ["APP_PACKAGE_NAME_INVALID", "APP_SIGNATURE_INVALID", "APP_PLATFORM_IDENTIFIER_MISSING"]
    targets = {item.get("data-reason-target") for item in listed.find_all("li")}
    assert targets == {"package_name", "signature_md5", "bundle_id"}
    assert listed.find("a", href="#id_app-package_name") is not None
