"""SPEC 3.12 on the order page: a draft or returned order shows when it is deleted if left alone
and when the reminders come; after a reminder the notice is a warning that says how long the order
has been left; the numbers follow the simulator's settings; an order in review shows none."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from simulator.services import simulator_settings_update
from tests.filings import flows
from tests.filings.loop.test_expiry import draft  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def notice(console, order, language="en") -> str:
    page = console.get(f"/console/filings/{order.pk}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    found = re.search(r'<div class="msg [^"]*" data-warning="order-expiry".*?</div>', page, re.S)
    return found.group(0) if found else ""


def test_a_draft_shows_its_deletion_date_and_the_reminders(console, draft):  # noqa: F811
    shown = notice(console, draft)

    assert 'data-reminders-sent="0"' in shown and "msg-info" in shown
    expires = timezone.localtime((draft.touched_time or draft.updated_time) + dt.timedelta(days=45))
    assert "(45 days unchanged)" in shown
    assert "after 30, 40 days unchanged" in shown
    assert "Reminder:" not in shown
    assert f"deleted on {expires:%Y-%m-%d %H:%M}" in shown


def test_after_a_reminder_the_notice_warns_in_both_languages(console, draft, advance_clock):  # noqa: F811
    advance_clock(31)

    shown = notice(console, draft)
    assert 'data-reminders-sent="1"' in shown and "msg-warning" in shown
    assert "Reminder: this order has not been changed for 31 days." in shown
    chinese = notice(console, draft, "zh-hans")
    assert "31 天" in chinese and "45 天" in chinese


def test_the_notice_follows_the_settings(console, staff, draft):  # noqa: F811
    simulator_settings_update(
        actor=staff, changes={"order_expire_days": 10, "order_remind_days": 3, "order_second_remind_days": 7}
    )

    shown = notice(console, draft)
    assert "(10 days unchanged)" in shown and "after 3, 7 days unchanged" in shown


def test_an_order_in_review_has_no_deadline(console, user, draft):  # noqa: F811
    flows.submit(actor=user, order_id=draft.pk)

    assert notice(console, draft) == ""
