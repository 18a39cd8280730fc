"""Review decisions under concurrency, on PostgreSQL (real row locks, parallel connections): two
decisions on one order, a staff decision against the automatic review, two clock moves at once.
Exactly one decision wins; the other is 409 ``INVALID_STAGE`` or leaves the order alone."""

import datetime as dt

import pytest

from filings.models import FilingOrder, MessageKind, OrderEvent, PhoneMessage, Stage
from icpconsole.core import clock
from icpconsole.core.models import AuditEvent
from simulator.models import SimulatorSettings
from simulator.services import simulator_settle
from tests.factories import StaffFactory
from tests.filings.test_race_postgres import _client, _in_parallel, _outcomes

from .conftest import submitted_first_filing

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _auto():
    SimulatorSettings.objects.update_or_create(pk=1, defaults={"review_mode": "auto"})


def _decisions(order) -> int:
    return OrderEvent.objects.filter(order=order, from_status=Stage.SUBMITTED).count()


@pytest.mark.parametrize("round_", range(3))
def test_two_reviewers_deciding_one_order_exactly_one_wins(round_):
    order = submitted_first_filing()
    alice, bob = _client(StaffFactory()), _client(StaffFactory())
    url = f"/api/v1/filings/{order.pk}/review/"

    responses = _in_parallel(
        lambda: alice.post(url, {"decision": "approve"}, format="json"),
        lambda: bob.post(url, {"decision": "reject", "reason_code": "MATERIALS_UNCLEAR"}, format="json"),
    )

    assert _outcomes(responses) == [(200, None), (409, "INVALID_STAGE")]
    assert _decisions(order) == 1
    order.refresh_from_db()
    assert order.status in (Stage.PENDING_SMS, Stage.RETURNED)
    assert PhoneMessage.objects.filter(order=order).count() == 1  # the code or the rejection


@pytest.mark.parametrize("round_", range(3))
def test_a_reviewer_and_the_automatic_review_at_once_decide_once(round_):
    order = submitted_first_filing()
    FilingOrder.objects.filter(pk=order.pk).update(due_time=clock.now() - dt.timedelta(hours=1))
    _auto()
    reviewer = _client(StaffFactory())

    response, settled = _in_parallel(
        lambda: reviewer.post(
            f"/api/v1/filings/{order.pk}/review/", {"decision": "reject", "reason": "Blurry"}, format="json"
        ),
        lambda: simulator_settle(actor=None),
    )

    assert not isinstance(settled, Exception), settled
    if response.status_code == 200:
        assert settled["auto_review"] == 0
        assert FilingOrder.objects.get(pk=order.pk).status == Stage.RETURNED
    else:
        assert (response.status_code, response.json()["code"]) == (409, "INVALID_STAGE")
        assert settled["auto_review"] == 1
        assert FilingOrder.objects.get(pk=order.pk).status == Stage.PENDING_SMS
    assert _decisions(order) == 1


def test_two_clock_moves_at_once_settle_each_due_review_once():
    orders = [submitted_first_filing(domain=f"race{n}.cn") for n in range(3)]
    _auto()

    results = _in_parallel(
        lambda: clock.clock_advance(actor=None, days=2), lambda: clock.clock_advance(actor=None, days=2)
    )

    assert not any(isinstance(result, Exception) for result in results), results
    # The moves queue on the clock row: the first decides each initial review once, the second
    # finds the codes waiting and the simulated applicant enters each once.
    for order in orders:
        assert _decisions(order) == 1
        assert OrderEvent.objects.filter(order=order, from_status=Stage.PENDING_SMS).count() == 1
        assert FilingOrder.objects.get(pk=order.pk).status == Stage.BUREAU_REVIEW
        assert PhoneMessage.objects.filter(order=order, kind=MessageKind.SMS_CODE).count() == 1
    assert AuditEvent.objects.filter(action="filing.initial_review.approve").count() == 3
    assert AuditEvent.objects.filter(action="filing.sms.verify").count() == 3
