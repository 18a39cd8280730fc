"""SPEC 3.12's SMS step: a code is resent at most twice a round and not within 60 seconds of the
last one; an approval sends an SMS naming the number filed."""

import datetime as dt

import pytest
import time_machine

from filings.models import MessageKind, PhoneMessage
from tests.filings import flows

pytestmark = pytest.mark.django_db


def post(client, order_id, action, data=None):
    return client.post(f"/api/v1/filings/{order_id}/{action}/", data or {}, format="json")


@pytest.fixture
def waiting(api, staff_api, instance):
    order = flows.api_first_filing(api, instance=instance).json()
    post(api, order["id"], "submit")
    post(staff_api, order["id"], "review", {"decision": "approve"})
    return order["id"]


def test_an_immediate_resend_is_too_soon_then_two_resends_a_round(api, waiting):
    with time_machine.travel(dt.datetime.now(dt.UTC), tick=False) as traveller:
        too_soon = post(api, waiting, "resend-sms")
        assert (too_soon.status_code, too_soon.json()["code"]) == (409, "SMS_RESEND_TOO_SOON")
        assert 1 <= too_soon.json()["retry_after"] <= 60

        traveller.shift(61)
        assert post(api, waiting, "resend-sms").status_code == 200
        traveller.shift(61)
        assert post(api, waiting, "resend-sms").status_code == 200
        traveller.shift(61)
        third = post(api, waiting, "resend-sms")

    assert (third.status_code, third.json()["code"]) == (409, "SMS_RESEND_LIMIT")
    assert PhoneMessage.objects.filter(order_id=waiting, kind=MessageKind.SMS_CODE).count() == 3


def test_a_new_round_may_resend_again(api, staff_api, waiting):
    with time_machine.travel(dt.datetime.now(dt.UTC), tick=False) as traveller:
        for _ in range(2):
            traveller.shift(61)
            post(api, waiting, "resend-sms")
        for _ in range(5):
            post(api, waiting, "verify-sms", {"code": "000000"})
        assert post(api, waiting, "submit").json()["round"] == 2
        post(staff_api, waiting, "review", {"decision": "approve"})
        traveller.shift(61)

        assert post(api, waiting, "resend-sms").status_code == 200


def test_an_approval_sends_the_number_by_sms(api, staff_api, user, waiting):
    post(api, waiting, "verify-sms", {"code": flows.latest_secret(user.owner_account)})

    approved = post(staff_api, waiting, "review", {"decision": "approve"}).json()

    message = PhoneMessage.objects.get(order_id=waiting, kind=MessageKind.FILING_APPROVED)
    assert approved["website"]["icp_number"] in message.text
    assert message.to_number == "13800138000"
