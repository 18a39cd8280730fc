"""Change orders, complete (SPEC 3.13): the subject's leader, contacts, address and name, a
website's and an app's materials, each through the pre-check, the verification when the leader
is another person, the reviews, and corrected when returned."""

import pytest

from filings import services
from filings.models import FilingOrder, PhoneMessage, Stage
from icpconsole.core.errors import Conflict
from registrar.certificates import with_check_character
from tests.filings import flows
from tests.filings.apps import apps
from tests.filings.materials import LEADER, upload

NEW_LEADER = {
    "name": "王五",
    "certificate_number": with_check_character("33010619750612041", kind="individual"),
    "mobile": "13700137000",
    "email": "wangwu@example.cn",
}
ADDRESS = "浙江省杭州市西湖区文三路90号"


def create(client, payload):
    return client.post("/api/v1/filings/", payload, format="json")


def change(client, filed, **target_and_changes):
    target = {
        key: target_and_changes.pop(key) for key in ("website_id", "app_id") if key in target_and_changes
    }
    target = target or {"subject_id": filed["subject"].pk}
    return create(
        client,
        {"type": "change", "icp_password": filed["password"], **target, "changes": target_and_changes},
    )


def submit(client, order_id):
    return client.post(f"/api/v1/filings/{order_id}/submit/", format="json")


def approve_with_two_leaders(order: FilingOrder, *, staff) -> FilingOrder:
    """A website's or app's new leader is another person than the subject's: each gets a code
    (SPEC 3.12), both are entered."""
    flows.complete_change(order)
    services.filing_submit(actor=order.created_by, order_id=order.pk)
    services.filing_review(actor=staff, order_id=order.pk, decision="approve")
    sent = PhoneMessage.objects.filter(account=order.account, kind="sms_code").order_by("-id")[:2]
    assert {message.to_number for message in sent} == {LEADER["mobile"], NEW_LEADER["mobile"]}
    for message in sent:
        services.filing_verify_sms(actor=order.created_by, order_id=order.pk, code=message.secret)
    return services.filing_review(actor=staff, order_id=order.pk, decision="approve")


def codes(response) -> list[str]:
    return [reason["code"] for reason in response.json()["reasons"]]


@pytest.mark.django_db
class TestSubjectLeader:
    def test_a_new_leader_goes_through_verification_and_review_and_is_on_the_subject(
        self, api, user, staff, filed
    ):
        response = change(api, filed, leader=NEW_LEADER)
        assert response.status_code == 201, response.json()
        order_id = response.json()["id"]

        refused = submit(api, order_id)
        assert refused.status_code == 409
        assert refused.json()["code"] == "FILING_INCOMPLETE"
        assert codes(refused) == ["DOCUMENT_MISSING", "DOCUMENT_MISSING", "VERIFICATION_MISSING"]

        for kind in ("leader_id_front", "leader_id_back"):
            uploaded = api.post(
                f"/api/v1/filings/{order_id}/documents/", {"kind": kind, "file": upload()}, format="multipart"
            )
            assert uploaded.status_code == 201, uploaded.content
        flows.api_pass_verification(api, order_id)
        assert submit(api, order_id).status_code == 200
        order = FilingOrder.objects.get(pk=order_id)
        services.filing_review(actor=staff, order_id=order_id, decision="approve")
        # The SMS code goes to the new leader's mobile.
        sms = PhoneMessage.objects.filter(account=user, kind="sms_code").order_by("-id").first()
        assert sms.to_number == NEW_LEADER["mobile"]
        services.filing_verify_sms(actor=user, order_id=order_id, code=sms.secret)
        services.filing_review(actor=staff, order_id=order_id, decision="approve")

        order.refresh_from_db()
        filed["subject"].refresh_from_db()
        assert order.status == Stage.APPROVED
        assert filed["subject"].leader == NEW_LEADER
        assert api.get(f"/api/v1/subjects/{filed['subject'].pk}/").json()["leader"] == NEW_LEADER

    def test_contacts_change_the_leaders_mobile_without_a_verification(self, api, staff, filed):
        response = change(api, filed, contacts={"mobile": "13600136000"})
        assert response.status_code == 201, response.json()
        assert response.json()["changes"] == {"leader": {**LEADER, "mobile": "13600136000"}}

        flows.approve(FilingOrder.objects.get(pk=response.json()["id"]), staff=staff)
        filed["subject"].refresh_from_db()
        assert filed["subject"].leader == {**LEADER, "mobile": "13600136000"}

    def test_an_invalid_new_leader_is_refused_by_the_precheck(self, api, filed):
        response = change(api, filed, leader={**NEW_LEADER, "mobile": "12345"})
        assert response.status_code == 409
        assert response.json()["code"] == "FILING_CHECK_FAILED"
        assert codes(response) == ["MOBILE_INVALID"]
        assert not FilingOrder.objects.filter(type="change").exists()


@pytest.mark.django_db
class TestSubjectNameAndAddress:
    def test_a_new_name_without_proof_is_refused_with_its_remedy(self, api, filed, settings):
        response = change(api, filed, name="Hangzhou Renamed Co., Ltd.")
        assert response.status_code == 201
        order_id = response.json()["id"]

        refused = submit(api, order_id)
        assert refused.status_code == 409
        assert refused.json()["code"] == "FILING_INCOMPLETE"
        (reason,) = refused.json()["reasons"]
        assert reason["code"] == "NAME_CHANGE_PROOF_REQUIRED"
        assert "Hangzhou Renamed Co., Ltd." in reason["message"]
        assert "proof of the name change" in reason["remedy"]
        assert reason["remedy_action"] == "upload_document"

        chinese = api.post(
            f"/api/v1/filings/{order_id}/submit/", format="json", HTTP_ACCEPT_LANGUAGE="zh-hans"
        )
        assert "名称变更证明" in chinese.json()["reasons"][0]["remedy"]

        proof = api.post(
            f"/api/v1/filings/{order_id}/documents/",
            {"kind": "name_change_proof", "file": upload()},
            format="multipart",
        )
        assert proof.status_code == 201, proof.content
        assert submit(api, order_id).status_code == 200

    def test_an_incomplete_address_is_refused_and_a_full_one_is_the_subjects_on_approval(
        self, api, staff, filed
    ):
        refused = change(api, filed, address="浙江省杭州市")
        assert refused.status_code == 409
        assert codes(refused) == ["SUBJECT_ADDRESS_INCOMPLETE"]

        response = change(api, filed, address=ADDRESS)
        assert response.status_code == 201, response.json()
        flows.approve(FilingOrder.objects.get(pk=response.json()["id"]), staff=staff)
        filed["subject"].refresh_from_db()
        assert filed["subject"].address == ADDRESS
        assert api.get(f"/api/v1/subjects/{filed['subject'].pk}/").json()["address"] == ADDRESS

    def test_the_filing_itself_cannot_be_changed(self, api, filed):
        response = change(api, filed, province="beijing")
        assert response.status_code == 400
        assert response.json()["code"] == "CHANGE_FIELD_INVALID"


@pytest.mark.django_db
class TestReturnedChange:
    def test_a_returned_change_is_corrected_and_resubmitted(self, api, user, staff, filed):
        response = change(api, filed, address=ADDRESS)
        order_id = response.json()["id"]
        assert submit(api, order_id).status_code == 200
        services.filing_review(
            actor=staff, order_id=order_id, decision="reject", reason_code="ADDRESS_INCORRECT"
        )
        assert FilingOrder.objects.get(pk=order_id).status == Stage.RETURNED

        wrong = api.patch(f"/api/v1/filings/{order_id}/", {"changes": {"address": "浙江省"}}, format="json")
        assert wrong.status_code == 409
        assert codes(wrong) == ["SUBJECT_ADDRESS_INCOMPLETE"]
        corrected = "浙江省杭州市余杭区文一西路969号"
        patched = api.patch(
            f"/api/v1/filings/{order_id}/", {"changes": {"address": corrected}}, format="json"
        )
        assert patched.status_code == 200, patched.json()
        assert patched.json()["changes"] == {"address": corrected}

        assert submit(api, order_id).status_code == 200
        order = FilingOrder.objects.get(pk=order_id)
        assert order.round == 2
        services.filing_review(actor=staff, order_id=order_id, decision="approve")
        services.filing_verify_sms(actor=user, order_id=order_id, code=flows.latest_secret(user))
        services.filing_review(actor=staff, order_id=order_id, decision="approve")
        filed["subject"].refresh_from_db()
        assert filed["subject"].address == corrected

    def test_a_new_leader_in_a_correction_asks_for_the_verification_again(self, api, user, filed):
        order = FilingOrder.objects.get(pk=change(api, filed, leader=NEW_LEADER).json()["id"])
        flows.complete_change(order)
        order.refresh_from_db()
        assert order.verification_status == "passed"
        other = {**NEW_LEADER, "name": "赵六"}
        assert (
            api.patch(
                f"/api/v1/filings/{order.pk}/", {"changes": {"leader": other}}, format="json"
            ).status_code
            == 200
        )
        order.refresh_from_db()
        assert order.verification_status == "not_started"


@pytest.mark.django_db
class TestWebsiteAndAppChanges:
    def test_a_website_changes_leader_name_category_and_pre_approval(self, api, user, staff, filed):
        website_id = filed["website"].pk
        refused = change(api, filed, website_id=website_id, content_category="news")
        assert refused.status_code == 409
        assert codes(refused) == ["PRE_APPROVAL_REQUIRED"]

        response = change(
            api,
            filed,
            website_id=website_id,
            content_category="news",
            pre_approval_number="浙新闻备字2026001号",
            name="示例新闻网",
            leader=NEW_LEADER,
        )
        assert response.status_code == 201, response.json()
        order = FilingOrder.objects.get(pk=response.json()["id"])
        with pytest.raises(Conflict):  # the new leader's ID card and the verification first
            services.filing_submit(actor=user, order_id=order.pk)
        assert approve_with_two_leaders(order, staff=staff).status == Stage.APPROVED

        website = api.get(f"/api/v1/websites/{website_id}/").json()
        assert (website["content_category"], website["pre_approval_number"], website["name"]) == (
            "news",
            "浙新闻备字2026001号",
            "示例新闻网",
        )
        assert website["leader"] == NEW_LEADER

    def test_an_app_changes_its_leader_and_category(self, api, user, staff, filed, second_instance):
        app = apps.add_app(user, staff=staff, instance=second_instance).website
        response = change(api, filed, app_id=app.pk, content_category="lifestyle", leader=NEW_LEADER)
        assert response.status_code == 201, response.json()
        approve_with_two_leaders(FilingOrder.objects.get(pk=response.json()["id"]), staff=staff)
        app.refresh_from_db()
        assert (app.content_category, app.leader) == ("lifestyle", NEW_LEADER)

    def test_an_app_may_not_take_a_websites_category(self, api, user, staff, filed, second_instance):
        app = apps.add_app(user, staff=staff, instance=second_instance).website
        response = change(api, filed, app_id=app.pk, content_category="company")
        assert response.status_code == 409
        assert codes(response) == ["CONTENT_CATEGORY_NOT_FOR_APP"]

    def test_an_app_may_not_change_what_a_website_does(self, api, user, staff, filed, second_instance):
        app = apps.add_app(user, staff=staff, instance=second_instance).website
        response = change(api, filed, app_id=app.pk, name="新名字应用")
        assert response.status_code == 400
        assert response.json()["code"] == "CHANGE_FIELD_INVALID"

    def test_another_accounts_website_is_a_404(self, api_client_for, other_user, filed):
        response = change(
            api_client_for(other_user), filed, website_id=filed["website"].pk, name="示例新闻网"
        )
        assert response.status_code == 404
