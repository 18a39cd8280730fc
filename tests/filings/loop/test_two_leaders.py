"""SPEC 3.12: when the website leader is another person than the subject leader, each gets an SMS
code and both are needed, one at a time or both at once; ``sms_awaited`` names who is awaited."""

import pytest

from filings import services
from filings.models import FilingOrder, MessageKind, PhoneMessage, Stage
from tests.filings import flows
from tests.filings.materials import LEADER, WEBSITE_LEADER

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(user, staff, instance):
    order = flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={
            "domain": "example.cn",
            "instance_id": instance.instance_id,
            "leader_is_subject_leader": False,
            "leader": WEBSITE_LEADER,
        },
    )
    flows.submit(actor=user, order_id=order.pk)
    services.filing_review(actor=staff, order_id=order.pk, decision="approve")
    return FilingOrder.objects.get(pk=order.pk)


def code_sent_to(order, mobile: str) -> str:
    return (
        PhoneMessage.objects.filter(order=order, kind=MessageKind.SMS_CODE, to_number=mobile)
        .order_by("-sent_time", "-id")
        .first()
        .secret
    )


def post(api, order, data):
    return api.post(f"/api/v1/filings/{order.pk}/verify-sms/", data, format="json")


def test_each_leader_gets_a_code_and_both_are_needed_one_at_a_time(api, waiting):
    assert api.get(f"/api/v1/filings/{waiting.pk}/").json()["sms_awaited"] == [
        "subject_leader",
        "website_leader",
    ]
    subject_code = code_sent_to(waiting, LEADER["mobile"])
    website_code = code_sent_to(waiting, WEBSITE_LEADER["mobile"])

    first = post(api, waiting, {"code": website_code})

    assert first.status_code == 200, first.json()
    assert (first.json()["status"], first.json()["sms_awaited"]) == ("pending_sms", ["subject_leader"])
    second = post(api, waiting, {"code": subject_code})
    assert (second.json()["status"], second.json()["sms_awaited"]) == ("bureau_review", [])


def test_both_codes_at_once(api, waiting):
    codes = {
        "subject_leader": code_sent_to(waiting, LEADER["mobile"]),
        "website_leader": code_sent_to(waiting, WEBSITE_LEADER["mobile"]),
    }

    response = post(api, waiting, {"codes": codes})

    assert response.json()["status"] == "bureau_review"


def test_a_wrong_code_counts_and_a_swapped_pair_is_wrong(api, waiting):
    codes = {
        "subject_leader": code_sent_to(waiting, WEBSITE_LEADER["mobile"]),
        "website_leader": code_sent_to(waiting, LEADER["mobile"]),
    }
    if codes["subject_leader"] == codes["website_leader"]:
        pytest.skip("the two generated codes happen to be equal")

    response = post(api, waiting, {"codes": codes})

    assert (response.status_code, response.json()["code"]) == (400, "SMS_CODE_INVALID")
    assert response.json()["attempts_left"] == 4
    assert FilingOrder.objects.get(pk=waiting.pk).status == Stage.PENDING_SMS


def test_one_leader_gets_one_code(api, staff_api, instance):
    order = flows.api_first_filing(api, instance=instance).json()
    api.post(f"/api/v1/filings/{order['id']}/submit/")
    staff_api.post(f"/api/v1/filings/{order['id']}/review/", {"decision": "approve"}, format="json")

    body = api.get(f"/api/v1/filings/{order['id']}/").json()

    assert body["sms_awaited"] == ["website_leader"]
    assert PhoneMessage.objects.filter(order_id=order["id"], kind=MessageKind.SMS_CODE).count() == 1


def test_codes_must_name_the_roles(api, waiting):
    response = post(api, waiting, {"codes": {"boss": "123456"}})
    assert response.status_code == 400
    neither = post(api, waiting, {})
    assert neither.status_code == 400
