"""The console's face of SPEC 3.10: the subject and websites page records the public security
filing and warns of its deadline and of access at risk; the change form rebinds a website."""

import datetime as dt

import pytest

from filings.models import FilingOrder, MessageKind, Website
from icpconsole.core import clock
from instances.models import Instance
from tests.console.html import parse
from tests.factories import InstanceFactory

from . import conftest

pytestmark = pytest.mark.django_db


def _page(client, url="/console/subjects/"):
    response = client.get(url)
    assert response.status_code == 200
    return parse(response.content)


def test_the_page_shows_the_due_date_and_records_the_filing(console, filed):
    website = filed["website"]
    cell = _page(console).find("td", data_public_security="pending")
    assert (conftest.START + dt.timedelta(days=30)).date().isoformat() in cell.text

    response = console.post(f"/console/websites/{website.pk}/public-security-filing/")

    assert response.status_code == 302
    number = Website.objects.get(pk=website.pk).public_security_number
    assert number.startswith("浙公网安备33")
    page = _page(console)
    assert page.find(data_public_security_number=True).text == number
    assert page.find(data_action="record-public-security") is None


def test_an_overdue_filing_is_warned_of(console, staff, filed, advance_clock):
    advance_clock(31, actor=staff)
    page = _page(console)
    assert page.find(data_warning="public-security-overdue") is not None
    assert page.find("td", data_public_security="overdue") is not None


def test_a_ram_user_cannot_record(client, ram_user, filed):
    client.force_login(ram_user)
    assert _page(client).find(data_action="record-public-security") is None
    client.post(f"/console/websites/{filed['website'].pk}/public-security-filing/")
    assert Website.objects.get(pk=filed["website"].pk).public_security_number == ""


def test_another_accounts_website_is_a_404(client, other_user, filed):
    client.force_login(other_user)
    response = client.post(f"/console/websites/{filed['website'].pk}/public-security-filing/")
    assert response.status_code == 404


def test_access_at_risk_is_warned_of_with_the_date_and_the_remedies(
    console, staff, filed, instance, advance_clock
):
    Instance.objects.filter(pk=instance.pk).update(expired_time=clock.now() + dt.timedelta(hours=1))
    advance_clock(16, actor=staff)

    warning = _page(console).find(data_warning="access-at-risk")
    assert warning is not None
    cancel = Website.objects.get(pk=filed["website"].pk).access_cancel_time
    assert cancel.astimezone(dt.timezone(dt.timedelta(hours=8))).date().isoformat() in warning.text
    assert warning.find(data_action="renew-instance") is not None
    assert warning.find(data_action="rebind-website") is not None


def test_the_change_form_rebinds_the_website(console, user, filed):
    other = InstanceFactory(owner=user, created_time=clock.now())
    form = _page(console, f"/console/websites/{filed['website'].pk}/change/")
    options = [o.get("value") for o in form.find("select", name="instance_id").find_all("option")]
    assert other.instance_id in options
    assert filed["website"].instance.instance_id not in options

    response = console.post(
        f"/console/websites/{filed['website'].pk}/change/",
        {
            "name": filed["website"].name,
            "instance_id": other.instance_id,
            "icp_password": filed["password"],
            "confirm": "on",
        },
    )

    order = FilingOrder.objects.get(type="change")
    assert response.url == f"/console/filings/{order.pk}/"
    assert order.changes["instance_id"] == other.instance_id
    assert order.service_code.status == "filing"


def test_the_inbox_shows_the_notices_without_a_secret(console, staff, filed, advance_clock):
    advance_clock(31, actor=staff)
    page = _page(console, "/console/inbox/")
    item = page.find("li", data_kind=MessageKind.SECURITY_OVERDUE)
    assert item is not None
    assert item.find(data_secret=True) is None


def test_the_overview_counts_the_websites_that_need_the_owner(console, staff, filed, instance, advance_clock):
    assert _page(console, "/console/").find(data_note="websites-attention") is None
    Instance.objects.filter(pk=instance.pk).update(expired_time=clock.now() + dt.timedelta(hours=1))
    advance_clock(24, actor=staff)  # expired 23 days ago; public security due in 6 days

    page = _page(console, "/console/")
    assert page.find(data_count="websites-at-risk").text.strip().startswith("1 ")
    assert page.find(data_count="public-security-due").text.strip().startswith("1 ")
