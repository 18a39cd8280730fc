"""The pre-check through the API (SPEC 3.9): create refused with every reason and nothing
stored, precheck without writing, PATCH completing a draft, submit naming every missing item,
documents judged by their content."""

import os

import pytest
from django.utils import translation

from filings.models import FilingDocument, FilingOrder, Subject
from icpconsole.core.errors import DomainError
from registrar.models import Domain
from servicecodes.models import ServiceCode
from tests.factories import InstanceFactory

from . import flows
from .materials import CREDIT_CODE, LEADER, WEBSITE_LEADER, png_bytes, upload, website_materials

pytestmark = pytest.mark.django_db


def body(domain="example.cn", *, instance=None, subject=None, **website):
    site = {"domain": domain, **website_materials(), **website}
    if instance is not None:
        site["instance_id"] = instance.instance_id
    return {"type": "first_filing", "subject": subject or flows.subject_data(), "website": site}


def reason_codes(response) -> list[str]:
    return [reason["code"] for reason in response.json()["reasons"]]


class TestCreate:
    def test_an_unregistered_domain_with_a_bad_certificate_is_refused_with_every_reason_and_nothing_stored(
        self, api, instance
    ):
        response = api.post(
            "/api/v1/filings/",
            body(
                "example.io",
                instance=instance,
                subject=flows.subject_data(certificate_number="91330100MA2KXXXX10"),
            ),
            format="json",
        )
        assert response.status_code == 409
        data = response.json()
        assert data["code"] == "FILING_CHECK_FAILED"
        assert reason_codes(response) == [
            "DOMAIN_TLD_NOT_APPROVED",
            "DOMAIN_NOT_REGISTERED",
            "CERTIFICATE_NUMBER_INVALID",
        ]
        for reason in data["reasons"]:
            assert reason["message"] and reason["remedy"] and reason["remedy_action"]
        assert not FilingOrder.objects.exists() and not Subject.objects.exists()
        assert not ServiceCode.objects.exists()

    def test_the_refusal_speaks_the_callers_language(self, api, instance):
        response = api.post(
            "/api/v1/filings/", body(instance=instance), format="json", HTTP_ACCEPT_LANGUAGE="zh-hans"
        )
        assert response.status_code == 409
        (reason,) = response.json()["reasons"]
        assert reason["code"] == "DOMAIN_NOT_REGISTERED"
        assert "未在任何注册商注册" in reason["message"] and "域名页面" in reason["remedy"]

    @pytest.mark.parametrize(
        "holder,verified,expired,expected",
        [
            ("Someone Else Ltd.", True, False, ["DOMAIN_HOLDER_MISMATCH"]),
            (flows.SUBJECT_NAME, False, False, ["DOMAIN_NOT_VERIFIED"]),
            (flows.SUBJECT_NAME, True, True, ["DOMAIN_EXPIRED"]),
        ],
    )
    def test_each_registration_check(
        self, api, user, instance, advance_clock, holder, verified, expired, expected
    ):
        row = flows.register_for(user, "example.cn", holder)
        if not verified:
            row.real_name_status = "failed"
            row.save()
        if expired:
            advance_clock(6 * 366)
        response = api.post("/api/v1/filings/", body(instance=instance), format="json")
        assert response.status_code == 409
        assert reason_codes(response) == expected

    def test_following_the_remedy_the_filing_goes_through(self, api, instance):
        flows.api_register(api, "example.cn", "Someone Else Ltd.")
        assert reason_codes(api.post("/api/v1/filings/", body(instance=instance), format="json")) == [
            "DOMAIN_HOLDER_MISMATCH"
        ]
        fixed = api.post(
            "/api/v1/domains/example.cn/holder/",
            {"holder_name": flows.SUBJECT_NAME, "holder_certificate_number": CREDIT_CODE},
            format="json",
        )
        assert fixed.status_code == 200
        assert api.post("/api/v1/filings/", body(instance=instance), format="json").status_code == 201

    def test_a_change_order_checks_the_changed_name(self, api, user, staff, instance):
        filed = flows.file_first(user, staff=staff, instance=instance)
        response = api.post(
            "/api/v1/filings/",
            {
                "type": "change",
                "website_id": filed["website"].pk,
                "icp_password": filed["password"],
                "changes": {"name": "12345"},
            },
            format="json",
        )
        assert response.status_code == 409
        assert reason_codes(response) == ["WEBSITE_NAME_INVALID"]
        assert FilingOrder.objects.count() == 1


class TestPrecheck:
    def test_answers_every_reason_without_writing(self, api):
        before = (FilingOrder.objects.count(), Subject.objects.count(), Domain.objects.count())
        response = api.post("/api/v1/filings/precheck/", body("example.io", name="12"), format="json")
        assert response.status_code == 200
        assert response.json()["ok"] is False
        assert reason_codes(response) == [
            "DOMAIN_TLD_NOT_APPROVED",
            "DOMAIN_NOT_REGISTERED",
            "WEBSITE_NAME_INVALID",
        ]
        assert (FilingOrder.objects.count(), Subject.objects.count(), Domain.objects.count()) == before

    def test_ok_when_everything_passes_and_no_code_is_needed_yet(self, api, user):
        flows.register_for(user, "example.cn")
        response = api.post("/api/v1/filings/precheck/", body(), format="json")
        assert response.json() == {"ok": True, "reasons": []}
        assert not ServiceCode.objects.exists()

    def test_a_malformed_body_is_a_400_as_for_create(self, api):
        response = api.post("/api/v1/filings/precheck/", body("http://x/"), format="json")
        assert response.status_code == 400 and response.json()["code"] == "DOMAIN_INVALID"


class TestCompleteAndSubmit:
    @pytest.fixture
    def draft(self, api, user, instance):
        flows.register_for(user, "example.cn")
        data = body(instance=instance, subject={**flows.subject_data(), "leader": {}})
        data["website"].pop("leader_is_subject_leader")
        response = api.post("/api/v1/filings/", data, format="json")
        assert response.status_code == 201, response.content
        return response.json()["id"]

    def test_submit_names_every_missing_item(self, api, draft):
        response = api.post(f"/api/v1/filings/{draft}/submit/")
        assert response.status_code == 409
        assert response.json()["code"] == "FILING_INCOMPLETE"
        assert [(r["code"], r["target"]) for r in response.json()["reasons"]] == [
            ("SUBJECT_LEADER_MISSING", "subject_leader"),
            ("WEBSITE_LEADER_MISSING", "website_leader"),
            ("DOCUMENT_MISSING", "subject_certificate"),
            ("DOCUMENT_MISSING", "leader_id_front"),
            ("DOCUMENT_MISSING", "leader_id_back"),
            ("VERIFICATION_MISSING", "verification"),
        ]
        assert FilingOrder.objects.get(pk=draft).status == "draft"

    def test_patch_completes_the_draft_and_then_it_submits(self, api, draft):
        response = api.patch(
            f"/api/v1/filings/{draft}/",
            {
                "subject": {"leader": LEADER},
                "website": {"leader": WEBSITE_LEADER, "content_category": "forum"},
            },
            format="json",
        )
        assert response.status_code == 200, response.content
        materials = response.json()["materials"]
        assert materials["subject_leader"] == LEADER and materials["website_leader"] == WEBSITE_LEADER
        assert materials["content_category"] == "forum"
        submit = api.post(f"/api/v1/filings/{draft}/submit/")
        assert [r["target"] for r in submit.json()["reasons"]] == [
            "subject_certificate",
            "leader_id_front",
            "leader_id_back",
            "website_leader_id_front",
            "website_leader_id_back",
            "verification",
        ]
        for kind in [r["target"] for r in submit.json()["reasons"]][:-1]:
            assert (
                api.post(
                    f"/api/v1/filings/{draft}/documents/",
                    {"kind": kind, "file": upload()},
                    format="multipart",
                ).status_code
                == 201
            )
        flows.api_pass_verification(api, draft)
        assert api.post(f"/api/v1/filings/{draft}/submit/").json()["status"] == "submitted"

    def test_a_patch_that_fails_the_check_changes_nothing(self, api, draft):
        bad = {**LEADER, "mobile": "12345", "email": "nope"}
        response = api.patch(f"/api/v1/filings/{draft}/", {"subject": {"leader": bad}}, format="json")
        assert response.status_code == 409
        assert reason_codes(response) == ["MOBILE_INVALID", "EMAIL_INVALID"]
        assert FilingOrder.objects.get(pk=draft).subject_leader == {}

    def test_patch_refuses_unknown_fields_and_non_drafts(self, api, draft):
        assert api.patch(f"/api/v1/filings/{draft}/", {"domain": "x.cn"}, format="json").status_code == 400
        FilingOrder.objects.filter(pk=draft).update(status="submitted")
        response = api.patch(f"/api/v1/filings/{draft}/", {"website": {"name": "示例官网"}}, format="json")
        assert response.status_code == 409 and response.json()["code"] == "ORDER_NOT_DRAFT"

    def test_another_accounts_draft_is_a_404(self, api_client_for, other_user, draft):
        other = api_client_for(other_user)
        assert (
            other.patch(
                f"/api/v1/filings/{draft}/", {"website": {"name": "示例官网"}}, format="json"
            ).status_code
            == 404
        )
        response = other.post(
            f"/api/v1/filings/{draft}/documents/",
            {"kind": "leader_id_front", "file": upload()},
            format="multipart",
        )
        assert response.status_code == 404


class TestDocuments:
    @pytest.fixture
    def draft(self, api, user, instance):
        flows.register_for(user, "example.cn")
        return api.post("/api/v1/filings/", body(instance=instance), format="json").json()["id"]

    def media_files(self, settings) -> list[str]:
        found = []
        for root, _dirs, files in os.walk(settings.MEDIA_ROOT):
            found += [os.path.join(root, name) for name in files]
        return found

    def post(self, api, draft, data, name="photo.png", content_type="image/png", kind="leader_id_front"):
        file = upload(name, data, content_type)
        return api.post(
            f"/api/v1/filings/{draft}/documents/", {"kind": kind, "file": file}, format="multipart"
        )

    @pytest.mark.parametrize(
        "data,name,content_type,why",
        [
            (b"%PDF-1.4 not an image", "photo.png", "image/png", "not a JPEG or PNG"),
            (png_bytes(399, 300), "photo.png", "image/png", "399 x 300"),
            (png_bytes(400, 299), "photo.png", "image/png", "400 x 299"),
            (png_bytes(400, 300, "GIF"), "photo.png", "image/png", "not a JPEG or PNG"),
            (b"\x89PNG\r\n\x1a\n" + b"0" * (5 * 1024 * 1024), "photo.png", "image/png", "larger than 5 MB"),
        ],
    )
    def test_refused_by_content_whatever_the_name_and_nothing_stored(
        self, api, draft, settings, data, name, content_type, why
    ):
        before = self.media_files(settings)
        response = self.post(api, draft, data, name, content_type)
        assert response.status_code == 400
        assert response.json()["code"] == "DOCUMENT_INVALID" and why in response.json()["message"]
        assert FilingDocument.objects.filter(kind="leader_id_front").count() == 0
        assert self.media_files(settings) == before

    def test_a_jpeg_named_like_anything_is_taken_and_a_new_upload_replaces_it(self, api, draft, settings):
        response = self.post(
            api, draft, png_bytes(800, 600, "JPEG"), name="scan.txt", content_type="text/plain"
        )
        assert response.status_code == 201, response.content
        assert (response.json()["content_type"], response.json()["width"]) == ("image/jpeg", 800)
        first = FilingDocument.objects.get(order_id=draft, kind="leader_id_front").file.name
        assert self.post(api, draft, png_bytes()).status_code == 201
        document = FilingDocument.objects.get(order_id=draft, kind="leader_id_front")
        assert document.content_type == "image/png" and document.file.name != first
        listed = api.get(f"/api/v1/filings/{draft}/documents/").json()
        assert {row["kind"] for row in listed} >= {"leader_id_front"}

    def test_an_unknown_kind_is_refused(self, api, draft):
        response = self.post(api, draft, png_bytes(), kind="selfie")
        assert response.status_code == 400


def test_the_sms_code_goes_to_the_website_leaders_mobile(api, user, staff, instance):
    flows.register_for(user, "example.cn")
    data = body(instance=instance)
    data["website"] = {**data["website"], "leader_is_subject_leader": False, "leader": WEBSITE_LEADER}
    order_id = flows.api_complete(api, api.post("/api/v1/filings/", data, format="json")).json()["id"]
    order = FilingOrder.objects.get(pk=order_id)
    flows.to_pending_sms(order, staff=staff)
    # SPEC 3.12: two leaders, a code each; the website leader's goes to their mobile.
    messages = api.get("/api/v1/messages/").json()["results"]
    assert {m["kind"] for m in messages} == {"sms_code"}
    assert WEBSITE_LEADER["mobile"] in {m["to_number"] for m in messages} and len(messages) == 2


def test_an_added_website_of_another_instance_needs_only_the_photo(api, user, staff, instance):
    flows.file_first(user, staff=staff, instance=instance)
    response = flows.api_add_website(api, domain="shop.cn", instance=InstanceFactory(owner=user))
    assert response.status_code == 201
    assert [d["kind"] for d in response.json()["materials"]["documents"]] == []
    assert api.post(f"/api/v1/filings/{response.json()['id']}/submit/").json()["status"] == "submitted"


def test_the_precheck_of_a_transfer_in_judges_its_input_and_has_no_new_website_checks(api):
    body = {
        "type": "transfer_in",
        "icp_number": "x",
        "icp_password": "y",
        "website": {"domain": "example.io"},
    }
    # Issue 27: the pre-check and create share one rule: an unknown record is refused by both.
    assert api.post("/api/v1/filings/precheck/", body, format="json").json()["code"] == "ICP_RECORD_NOT_FOUND"
    body["website"]["domain"] = "http://x/"
    assert api.post("/api/v1/filings/precheck/", body, format="json").json()["code"] == "DOMAIN_INVALID"


@pytest.mark.parametrize(
    "field,value", [("leader_is_subject_leader", "yes"), ("ecommerce", 0), ("content_category", "casino")]
)
def test_materials_of_the_wrong_type_are_a_400(api, field, value):
    response = api.post("/api/v1/filings/precheck/", body(**{field: value}), format="json")
    assert response.status_code == 400


class TestOneTextPerCode:
    """A certificate number or website name too long to check is refused by the services (the
    console's and the RPC's path; the API's serializer answers VALIDATION_ERROR first) with the
    pre-check's own code and its one text (issue 22: the code once had a second text here)."""

    @pytest.mark.parametrize("language,words", [("en", "at most 64 characters"), ("zh-hans", "最多64个字符")])
    def test_a_missing_certificate_number_in_its_one_text(self, user, instance, language, words):
        with translation.override(language), pytest.raises(DomainError) as refused:
            flows.create_first(
                actor=user,
                subject=flows.subject_data(certificate_number="  "),
                website={"domain": "example.cn", "instance_id": instance.instance_id},
            )
        assert refused.value.code == "CERTIFICATE_NUMBER_INVALID"
        assert words in refused.value.message and refused.value.extra["remedy"]
        assert not FilingOrder.objects.exists()

    def test_a_website_name_over_200_characters_names_the_rule(self, user, instance):
        with pytest.raises(DomainError) as refused:
            flows.create_first(
                actor=user,
                subject=flows.subject_data(),
                website={"domain": "example.cn", "instance_id": instance.instance_id, "name": "名" * 201},
            )
        assert refused.value.code == "WEBSITE_NAME_INVALID"
        assert "200 characters" in refused.value.message and "名" * 24 + "…" in refused.value.message
        assert not FilingOrder.objects.exists()
