"""Apps through the REST API (SPEC 3.11, 4.2): filed end to end, numbered ``-NA`` beside the
websites, found by the public query, cancelled; bad input refused with nothing written; the
apps list scoped to the caller in a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from filings.models import FilingOrder, Subject, Website
from servicecodes.models import CodeStatus, ServiceCode
from tests.filings import flows
from tests.filings.factories import SubjectFactory, WebsiteFactory

from . import apps

pytestmark = pytest.mark.django_db


def _app(instance, **overrides) -> dict:
    return {**apps.app_data(**overrides), "instance_id": instance.instance_id}


def _counts() -> tuple:
    return (
        FilingOrder.objects.count(),
        Subject.objects.count(),
        Website.objects.count(),
        ServiceCode.objects.count(),
        ServiceCode.objects.exclude(status=CodeStatus.UNUSED).count(),
    )


def test_first_filing_with_an_app_end_to_end(api, staff_api, anon_api, instance):
    created = api.post(
        "/api/v1/filings/",
        {"type": "first_filing", "subject": flows.subject_data(), "app": _app(instance)},
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["website"] is None
    assert body["app"]["name"] == "示例应用" and body["app"]["icp_number"] is None
    assert body["app"]["platforms"] == ["android", "ios"]
    code = body["service_code"]
    assert ServiceCode.objects.get(code=code).status == CodeStatus.FILING

    done = apps.api_approve(api, staff_api, body["id"])

    subject = Subject.objects.get(pk=done["subject"]["id"])
    number = f"{subject.icp_number}-1A"
    assert done["status"] == "approved" and done["app"]["icp_number"] == number
    used = ServiceCode.objects.get(code=code)
    assert used.status == CodeStatus.USED and used.icp_number == number

    listed = api.get("/api/v1/apps/").json()
    assert listed["count"] == 1
    row = listed["results"][0]
    assert row["icp_number"] == number and row["service_code"] == code
    assert row["instance_id"] == instance.instance_id
    assert row["package_name"] == "cn.example.shop" and row["signature_md5"] == apps.MD5
    assert api.get("/api/v1/websites/").json()["count"] == 0

    found = anon_api.get("/api/v1/icp-records/", {"app_name": "示例应用"})
    assert found.status_code == 200
    assert [r for r in found.json()["results"]] == [
        {
            "app_name": "示例应用",
            "icp_number": number,
            "subject_name": subject.name,
            "subject_kind": "enterprise",
            "status": "valid",
            "access_provider": "Alibaba Cloud",
            # SPEC 3.13: the public record names the app, its approval date and access.
            "website_name": "示例应用",
            "approval_date": found.json()["results"][0]["approval_date"],
            "access_restricted": False,
        }
    ]
    assert anon_api.get("/api/v1/icp-records/", {"app_name": "Other"}).json()["count"] == 0
    assert anon_api.get("/api/v1/icp-records/", {"app_name": " "}).json()["code"] == "APP_NAME_REQUIRED"


def test_add_app_shares_n_with_websites_and_cancel_app_deletes_its_code(
    api, staff_api, anon_api, user, staff, filed, second_instance, third_instance
):
    subject = filed["subject"]
    created = api.post("/api/v1/filings/", {"type": "add_app", "app": _app(second_instance)}, format="json")
    assert created.status_code == 201, created.content
    done = apps.api_approve(api, staff_api, created.json()["id"])
    app_number = f"{subject.icp_number}-2A"
    assert done["type"] == "add_app" and done["app"]["icp_number"] == app_number

    flows.api_add_website(api, domain="second.cn", instance=third_instance)
    website_order = FilingOrder.objects.get(type="add_website")
    flows.approve(website_order, staff=staff)
    numbers = sorted(Website.objects.filter(subject=subject).values_list("icp_number", flat=True))
    assert numbers == sorted([f"{subject.icp_number}-1", app_number, f"{subject.icp_number}-3"])
    assert [r["icp_number"] for r in api.get("/api/v1/apps/").json()["results"]] == [app_number]

    app_id = done["app"]["id"]
    code = done["service_code"]
    wrong = api.post(
        "/api/v1/filings/", {"type": "cancel_app", "app_id": app_id, "icp_password": "nope"}, format="json"
    )
    assert wrong.status_code == 400 and wrong.json()["code"] == "FILING_PASSWORD_INVALID"
    cancel = api.post(
        "/api/v1/filings/",
        {"type": "cancel_app", "app_id": app_id, "icp_password": filed["password"]},
        format="json",
    )
    assert cancel.status_code == 201, cancel.content
    assert cancel.json()["app"]["icp_number"] == app_number
    assert ServiceCode.objects.get(code=code).status == CodeStatus.USED
    flows.approve(FilingOrder.objects.get(pk=cancel.json()["id"]), staff=staff)

    assert ServiceCode.objects.get(code=code).status == CodeStatus.DELETED
    assert api.get(f"/api/v1/apps/{app_id}/").json()["status"] == "cancelled"
    assert anon_api.get("/api/v1/icp-records/", {"app_name": "示例应用"}).json()["count"] == 0
    # The website is untouched.
    assert ServiceCode.objects.get(pk=filed["website"].service_code_id).status == CodeStatus.USED


def test_cancel_website_does_not_take_an_app(api, user, staff, filed, second_instance):
    app = apps.add_app(user, staff=staff, instance=second_instance).website
    response = api.post(
        "/api/v1/filings/",
        {"type": "cancel_website", "website_id": app.pk, "icp_password": filed["password"]},
        format="json",
    )
    assert response.status_code == 404 and response.json()["code"] == "WEBSITE_NOT_FOUND"
    response = api.post(
        "/api/v1/filings/",
        {"type": "cancel_app", "app_id": filed["website"].pk, "icp_password": filed["password"]},
        format="json",
    )
    assert response.status_code == 404 and response.json()["code"] == "APP_NOT_FOUND"


def test_cancel_subject_deletes_the_apps_code(user, staff, filed, second_instance):
    from filings import services

    app = apps.add_app(user, staff=staff, instance=second_instance).website
    order = services.filing_create_cancel(
        actor=user, type="cancel_subject", icp_password=filed["password"], subject_id=filed["subject"].pk
    )
    flows.approve(order, staff=staff)
    app.refresh_from_db()
    assert app.status == "cancelled"
    assert ServiceCode.objects.get(pk=app.service_code_id).status == CodeStatus.DELETED


def test_abandoning_an_app_order_returns_its_code(api, filed, second_instance):
    created = api.post("/api/v1/filings/", {"type": "add_app", "app": _app(second_instance)}, format="json")
    code = created.json()["service_code"]
    assert api.post(f"/api/v1/filings/{created.json()['id']}/abandon/").status_code == 200
    assert ServiceCode.objects.get(code=code).status == CodeStatus.UNUSED


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"package_name": "example"}, "APP_PACKAGE_NAME_INVALID", "app.package_name"),
        ({"package_name": "cn.1example.shop"}, "APP_PACKAGE_NAME_INVALID", "app.package_name"),
        ({"bundle_id": "cn.example_shop"}, "APP_BUNDLE_ID_INVALID", "app.bundle_id"),
        ({"signature_md5": "0123"}, "APP_SIGNATURE_INVALID", "app.signature_md5"),
        ({"signature_sha1": "z" * 40}, "APP_SIGNATURE_INVALID", "app.signature_sha1"),
        ({"bundle_id": ""}, "APP_PLATFORM_IDENTIFIER_MISSING", "app.bundle_id"),
        ({"platforms": ["android"], "bundle_id": "", "signature_sha1": ""}, None, None),
        (
            {"platforms": ["harmonyos"], "bundle_id": "", "signature_sha1": "", "signature_md5": ""},
            "APP_PLATFORM_IDENTIFIER_MISSING",
            "app.signature_md5",
        ),
        ({"platforms": []}, "APP_PLATFORM_INVALID", "app.platforms"),
        ({"platforms": ["windows"]}, "APP_PLATFORM_INVALID", "app.platforms"),
        ({"name": ""}, "APP_NAME_INVALID", "app.name"),
    ],
)
def test_bad_app_input_is_400_and_writes_nothing(api, filed, second_instance, overrides, code, field):
    before = _counts()
    response = api.post(
        "/api/v1/filings/", {"type": "add_app", "app": _app(second_instance, **overrides)}, format="json"
    )
    if code is None:
        assert response.status_code == 201, response.content
        return
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == code and body["message"]
    assert field in body.get("fields", {field: None})
    assert _counts() == before


def test_first_filing_with_a_bad_app_writes_nothing(api, instance):
    before = _counts()
    response = api.post(
        "/api/v1/filings/",
        {
            "type": "first_filing",
            "subject": flows.subject_data(),
            "app": _app(instance, signature_md5="x" * 32),
        },
        format="json",
    )
    assert response.status_code == 400 and response.json()["code"] == "APP_SIGNATURE_INVALID"
    assert _counts() == before


def test_a_first_filing_with_both_or_neither_is_400(api, instance):
    both = api.post(
        "/api/v1/filings/",
        {
            "type": "first_filing",
            "subject": flows.subject_data(),
            "app": _app(instance),
            "website": {"domain": "example.cn", "instance_id": instance.instance_id},
        },
        format="json",
    )
    neither = api.post(
        "/api/v1/filings/", {"type": "first_filing", "subject": flows.subject_data()}, format="json"
    )
    assert both.status_code == neither.status_code == 400
    assert both.json()["code"] == neither.json()["code"] == "VALIDATION_ERROR"
    assert "website" in both.json()["fields"]
    assert FilingOrder.objects.count() == 0


def test_an_app_name_filed_by_the_subject_is_409(api, user, staff, filed, second_instance, third_instance):
    apps.add_app(user, staff=staff, instance=second_instance)
    before = _counts()
    response = api.post("/api/v1/filings/", {"type": "add_app", "app": _app(third_instance)}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "APP_NAME_TAKEN"
    assert _counts() == before
    renamed = api.post(
        "/api/v1/filings/", {"type": "add_app", "app": _app(third_instance, name="另一个应用")}, format="json"
    )
    assert renamed.status_code == 201


def test_an_app_goes_through_the_precheck(api, filed, second_instance):
    response = api.post(
        "/api/v1/filings/precheck/",
        {"type": "add_app", "app": {**apps.app_data(content_category="news")}},
        format="json",
    )
    assert response.status_code == 200
    assert [r["code"] for r in response.json()["reasons"]] == ["PRE_APPROVAL_REQUIRED"]
    assert response.json()["reasons"][0]["target"] == "app"


def test_apps_list_is_scoped_with_constant_queries(api, user, other_user):
    subject = SubjectFactory(account=user)
    WebsiteFactory(subject=SubjectFactory(account=other_user), domain="", service_type="app", name="X")
    WebsiteFactory(subject=subject, domain="site.cn")

    def add(n):
        for i in range(n):
            WebsiteFactory(
                subject=subject, domain="", service_type="app", name=f"App {Website.objects.count()}{i}"
            )

    add(1)
    with CaptureQueriesContext(connection) as small:
        assert api.get("/api/v1/apps/").json()["count"] == 1
    add(5)
    with CaptureQueriesContext(connection) as large:
        body = api.get("/api/v1/apps/").json()
    assert body["count"] == 6
    assert len(large) == len(small)
    assert api.get("/api/v1/websites/").json()["count"] == 1


def test_an_app_has_no_public_security_filing(api, user, staff, filed, second_instance):
    """SPEC 3.10's public security filing is a website's: an app's id is not a website there."""
    app = apps.add_app(user, staff=staff, instance=second_instance).website
    assert app.public_security_due_time is None
    response = api.post(f"/api/v1/websites/{app.pk}/public-security-filing/", format="json")
    assert response.status_code == 404
    assert response.json()["code"] == "WEBSITE_NOT_FOUND"
    app.refresh_from_db()
    assert app.public_security_number == ""


@pytest.mark.parametrize("name", ["bad\x00name", "line\nbreak", "x" * 201])
def test_the_public_query_refuses_an_app_name_no_app_could_have(anon_api, name):
    response = anon_api.get("/api/v1/icp-records/", {"app_name": name})
    assert response.status_code == 400
    assert response.json()["code"] == "APP_NAME_INVALID"
