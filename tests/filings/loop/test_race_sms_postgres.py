"""SPEC 3.12 under concurrency, on PostgreSQL: the SMS lapse sweep racing the applicant's
verify-sms on the same order leaves exactly one outcome: the order in the bureau's review (the
sweep found nothing to return) or returned for the lapse (verify-sms is refused), never both."""

import datetime as dt

import pytest

from filings import services
from filings.models import FilingOrder, OrderEvent, Stage
from filings.services.workflow import sms_lapse_sweep
from icpconsole.core.models import AuditEvent
from tests.factories import StaffFactory
from tests.filings import flows
from tests.filings.reviews.conftest import submitted_first_filing
from tests.races import api_client, in_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("round_", range(3))
def test_an_sms_lapse_racing_verify_sms_has_one_outcome(round_):
    order = submitted_first_filing()
    services.filing_review(actor=StaffFactory(), order_id=order.pk, decision="approve")
    order.refresh_from_db()
    code = flows.latest_secret(order.account)
    applicant = api_client(order.created_by)
    # The sweep runs at the code's lapse; the applicant enters it (by the clock) just before.
    lapse_time = order.sms_expires_time + dt.timedelta(seconds=1)

    response, swept = in_parallel(
        lambda: applicant.post(f"/api/v1/filings/{order.pk}/verify-sms/", {"code": code}, format="json"),
        lambda: sms_lapse_sweep(now=lapse_time),
    )

    assert not isinstance(swept, Exception), swept
    order.refresh_from_db()
    lapses = AuditEvent.objects.filter(action="filing.sms.lapse", target_id=str(order.pk)).count()
    if response.status_code == 200:
        assert (swept, lapses) == (0, 0)
        assert order.status == Stage.BUREAU_REVIEW
    else:
        assert (response.status_code, response.json()["code"]) == (409, "INVALID_STAGE")
        assert (swept, lapses) == (1, 1)
        assert (order.status, order.returned_from) == (Stage.RETURNED, "sms")
        assert order.sms_failures == 0  # the code entered was not counted as wrong
    assert OrderEvent.objects.filter(order=order, from_status=Stage.PENDING_SMS).count() == 1
    assert FilingOrder.objects.get(pk=order.pk).service_code.status == "filing"
