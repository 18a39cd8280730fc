"""SPEC 3.12 under concurrency, on PostgreSQL (real row locks, parallel connections): a
resubmission racing the expiry sweep, two resubmissions at once, and a staff decision racing the
automatic review on a resubmitted order each leave exactly one outcome."""

import datetime as dt

import pytest

from filings import services
from filings.models import FilingOrder, OrderEvent, Stage
from filings.services.loop import expiry_sweep
from icpconsole.core import clock
from simulator.models import SimulatorSettings
from simulator.services import simulator_settle
from tests.factories import StaffFactory
from tests.filings.reviews.conftest import submitted_first_filing
from tests.filings.test_race_postgres import _client, _in_parallel, _outcomes

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def returned_order(*, idle_days: int = 0):
    order = submitted_first_filing()
    services.filing_review(actor=StaffFactory(), order_id=order.pk, decision="reject", reason="Blurry scan.")
    if idle_days:
        FilingOrder.objects.filter(pk=order.pk).update(
            touched_time=clock.now() - dt.timedelta(days=idle_days)
        )
    return FilingOrder.objects.get(pk=order.pk)


@pytest.mark.parametrize("round_", range(3))
def test_a_resubmission_racing_the_expiry_sweep_has_one_outcome(round_):
    order = returned_order(idle_days=46)
    applicant = _client(order.created_by)

    response, swept = _in_parallel(
        lambda: applicant.post(f"/api/v1/filings/{order.pk}/submit/", {}, format="json"),
        lambda: expiry_sweep(now=clock.now()),
    )

    assert not isinstance(swept, Exception), swept
    order.refresh_from_db()
    if response.status_code == 200:
        assert swept == 0
        assert (order.status, order.round) == (Stage.SUBMITTED, 2)
        assert order.service_code.status == "filing"
    else:
        assert (response.status_code, response.json()["code"]) == (409, "INVALID_STAGE")
        assert swept == 1
        assert order.status == Stage.EXPIRED
        assert order.service_code.status == "unused"
    assert OrderEvent.objects.filter(order=order, from_status=Stage.RETURNED).count() == 1


@pytest.mark.parametrize("round_", range(2))
def test_two_resubmissions_at_once_make_one_round(round_):
    order = returned_order()
    applicant = _client(order.created_by)
    url = f"/api/v1/filings/{order.pk}/submit/"

    responses = _in_parallel(
        lambda: applicant.post(url, {}, format="json"), lambda: applicant.post(url, {}, format="json")
    )

    assert _outcomes(responses) == [(200, None), (409, "INVALID_STAGE")]
    order.refresh_from_db()
    assert order.round == 2 and len(order.rounds) == 2


@pytest.mark.parametrize("round_", range(3))
def test_a_staff_decision_racing_the_automatic_review_on_a_resubmission_decides_once(round_):
    order = returned_order()
    services.filing_submit(actor=order.created_by, order_id=order.pk)
    FilingOrder.objects.filter(pk=order.pk).update(due_time=clock.now() - dt.timedelta(hours=1))
    SimulatorSettings.objects.update_or_create(pk=1, defaults={"review_mode": "auto"})
    reviewer = _client(StaffFactory())

    response, settled = _in_parallel(
        lambda: reviewer.post(
            f"/api/v1/filings/{order.pk}/review/", {"decision": "reject", "reason": "Blurry"}, format="json"
        ),
        lambda: simulator_settle(actor=None),
    )

    assert not isinstance(settled, Exception), settled
    order.refresh_from_db()
    if response.status_code == 200:
        assert settled["auto_review"] == 0
        assert order.status == Stage.RETURNED
        assert [entry["decision"] for entry in order.rounds] == ["returned", "returned"]
    else:
        assert (response.status_code, response.json()["code"]) == (409, "INVALID_STAGE")
        assert settled["auto_review"] == 1
        assert order.status == Stage.PENDING_SMS
    # Round 2 was decided once: one move out of the initial review since the resubmission.
    assert OrderEvent.objects.filter(order=order, from_status=Stage.SUBMITTED).count() == 2
