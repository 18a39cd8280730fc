"""Issue 28 point 14 on the order page: a step the simulator decided (the automatic review) names
the system in the history, not "-"; an approval's words sit under the review it decided, not under
the SMS step that follows."""

import datetime as dt
import re

import pytest

from filings import services
from filings.models import FilingOrder
from icpconsole.core import clock
from simulator.models import SimulatorSettings
from simulator.services import simulator_settle
from tests.filings.reviews.conftest import submitted_first_filing

pytestmark = pytest.mark.django_db


def step(page: str, stage: str) -> str:
    return re.search(rf'<li class="timeline-step[^"]*" data-stage="{stage}".*?</li>', page, re.S).group(0)


def test_the_automatic_review_is_by_the_system(client, user):
    order = submitted_first_filing(user)
    FilingOrder.objects.filter(pk=order.pk).update(due_time=clock.now() - dt.timedelta(hours=1))
    SimulatorSettings.objects.update_or_create(pk=1, defaults={"review_mode": "auto"})
    simulator_settle(actor=None)
    client.force_login(user)

    english = client.get(f"/console/filings/{order.pk}/").content.decode()
    chinese = client.get(f"/console/filings/{order.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    history = english[english.index('id="history-title"') :]
    assert '<span data-actor="system">System</span>' in history
    assert "<td>-</td>" not in history
    assert '<span data-actor="system">系统</span>' in chinese


def test_an_approval_note_is_under_the_initial_review_not_the_sms_step(client, user, staff):
    order = submitted_first_filing(user)
    services.filing_review(actor=staff, order_id=order.pk, decision="approve", reason="Materials complete.")
    client.force_login(user)

    page = client.get(f"/console/filings/{order.pk}/").content.decode()

    assert "Materials complete." not in step(page, "pending_sms")
    assert "Materials complete." in step(page, "submitted")


def test_a_cancel_website_order_shows_the_website_s_service_code(console, filed):
    website = filed["website"]
    console.post(
        f"/console/websites/{website.pk}/cancel/", {"icp_password": filed["password"], "confirm": "on"}
    )
    order = FilingOrder.objects.get(type="cancel_website")

    page = console.get(f"/console/filings/{order.pk}/").content.decode()

    summary = page[: page.index("</dl>")]
    assert f'data-service-code="{website.service_code.code}"' in summary
    assert "<dd>-</dd>" not in summary
