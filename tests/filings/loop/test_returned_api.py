"""SPEC 3.12 through the API: every rejection returns the order for correction with its reasons;
the applicant corrects it (PATCH, a replaced document) and resubmits it (round 2), and it can
then be approved."""

import pytest

from filings.models import FilingDocument, FilingOrder, MessageKind, PhoneMessage, Stage
from icpconsole.core.models import AuditEvent
from servicecodes.models import ServiceCode
from tests.filings import flows
from tests.filings.materials import upload

pytestmark = pytest.mark.django_db


def post(client, order_id, action, data=None):
    return client.post(f"/api/v1/filings/{order_id}/{action}/", data or {}, format="json")


def submitted(api, instance) -> dict:
    created = flows.api_first_filing(api, instance=instance).json()
    response = post(api, created["id"], "submit")
    assert response.status_code == 200, response.json()
    return response.json()


def sms_code(user) -> str:
    return flows.latest_secret(user.owner_account)


def test_an_initial_review_rejection_returns_the_order_with_its_reasons(api, staff_api, user, instance):
    order = submitted(api, instance)
    assert order["round"] == 1 and order["returned_from"] is None

    rejected = post(
        staff_api, order["id"], "review", {"decision": "reject", "reason_code": "MATERIALS_UNCLEAR"}
    )

    assert rejected.status_code == 200, rejected.json()
    body = api.get(f"/api/v1/filings/{order['id']}/").json()
    assert body["status"] == "returned"
    assert body["returned_from"] == "initial_review"
    assert [reason["code"] for reason in body["review_reasons"]] == ["MATERIALS_UNCLEAR"]
    assert body["review_reasons"][0]["message"]
    assert body["rounds"][0]["decision"] == "returned"
    assert body["rounds"][0]["reviewer"]
    # Open: its code stays in filing, its subject pending, and it is still the subject's order.
    assert ServiceCode.objects.get(code=body["service_code"]).status == "filing"
    assert body["subject"]["status"] == "pending"
    assert PhoneMessage.objects.filter(kind=MessageKind.REVIEW_RETURNED, order_id=order["id"]).count() == 1


def test_correct_replace_resubmit_and_approve(api, staff_api, user, instance):
    order = submitted(api, instance)
    post(staff_api, order["id"], "review", {"decision": "reject", "reason": "The photo is blurred."})
    first_photo = FilingDocument.objects.get(order_id=order["id"], kind="leader_id_front").pk

    patched = api.patch(f"/api/v1/filings/{order['id']}/", {"website": {"name": "示例网站二"}}, format="json")
    assert patched.status_code == 200, patched.json()
    assert patched.json()["website"]["name"] == "示例网站二"
    replaced = api.post(
        f"/api/v1/filings/{order['id']}/documents/",
        {"kind": "leader_id_front", "file": upload()},
        format="multipart",
    )
    assert replaced.status_code == 201, replaced.content
    assert FilingDocument.objects.filter(order_id=order["id"], kind="leader_id_front").count() == 1
    assert FilingDocument.objects.get(order_id=order["id"], kind="leader_id_front").pk != first_photo

    resubmitted = post(api, order["id"], "submit")

    assert resubmitted.status_code == 200, resubmitted.json()
    body = resubmitted.json()
    assert body["status"] == "submitted" and body["round"] == 2
    assert body["due_time"] is not None
    assert [entry["round"] for entry in body["rounds"]] == [1, 2]
    assert AuditEvent.objects.filter(action="filing.resubmit", target_id=str(order["id"])).count() == 1

    assert post(staff_api, order["id"], "review", {"decision": "approve"}).status_code == 200
    assert post(api, order["id"], "verify-sms", {"code": sms_code(user)}).status_code == 200
    approved = post(staff_api, order["id"], "review", {"decision": "approve"})
    assert approved.json()["status"] == "approved"
    assert approved.json()["rounds"][-1]["decision"] == "approved"
    assert approved.json()["website"]["icp_number"]


def test_a_bureau_rejection_comes_back_the_same_way(api, staff_api, user, instance):
    order = submitted(api, instance)
    post(staff_api, order["id"], "review", {"decision": "approve"})
    post(api, order["id"], "verify-sms", {"code": sms_code(user)})

    post(staff_api, order["id"], "review", {"decision": "reject", "reason_code": "MATERIALS_UNCLEAR"})

    body = api.get(f"/api/v1/filings/{order['id']}/").json()
    assert (body["status"], body["returned_from"]) == ("returned", "bureau_review")
    assert post(api, order["id"], "submit").json()["round"] == 2


def test_five_wrong_sms_codes_return_the_order(api, staff_api, user, instance):
    order = submitted(api, instance)
    post(staff_api, order["id"], "review", {"decision": "approve"})

    answers = [post(api, order["id"], "verify-sms", {"code": "000000"}).json() for _ in range(5)]

    assert answers[-1]["code"] == "SMS_CODE_INVALID"
    assert answers[-1]["order_status"] == "returned"
    body = api.get(f"/api/v1/filings/{order['id']}/").json()
    assert (body["status"], body["returned_from"]) == ("returned", "sms")
    assert body["review_reasons"][0]["code"] == "REVIEWER_NOTE"
    # The next round starts with a clean count of wrong codes.
    assert post(api, order["id"], "submit").json()["sms_failures"] == 0


def test_a_returned_order_can_be_abandoned_and_its_code_is_unused_again(api, staff_api, instance):
    order = submitted(api, instance)
    post(staff_api, order["id"], "review", {"decision": "reject", "reason": "Blurry scan."})

    abandoned = post(api, order["id"], "abandon")

    assert abandoned.json()["status"] == "abandoned"
    assert ServiceCode.objects.get(code=order["service_code"]).status == "unused"


def test_patching_an_order_in_review_is_refused(api, instance):
    order = submitted(api, instance)

    response = api.patch(
        f"/api/v1/filings/{order['id']}/", {"website": {"name": "另一个名字"}}, format="json"
    )

    assert (response.status_code, response.json()["code"]) == (409, "ORDER_NOT_DRAFT")
    assert FilingOrder.objects.get(pk=order["id"]).website_name == "示例网站"


def test_another_accounts_returned_order_is_not_found(api, staff_api, instance, api_client_for, other_user):
    order = submitted(api, instance)
    post(staff_api, order["id"], "review", {"decision": "reject", "reason": "Blurry scan."})
    other = api_client_for(other_user)

    assert other.patch(f"/api/v1/filings/{order['id']}/", {"website": {}}, format="json").status_code == 404
    assert post(other, order["id"], "submit").status_code == 404
    assert FilingOrder.objects.get(pk=order["id"]).status == Stage.RETURNED


def test_a_resubmission_passes_the_pre_check_again(api, staff_api, instance):
    order = submitted(api, instance)
    post(staff_api, order["id"], "review", {"decision": "reject", "reason": "Blurry scan."})
    FilingDocument.objects.filter(order_id=order["id"], kind="leader_id_front").delete()

    response = post(api, order["id"], "submit")

    assert (response.status_code, response.json()["code"]) == (409, "FILING_INCOMPLETE")
    assert FilingOrder.objects.get(pk=order["id"]).status == Stage.RETURNED
