"""The read side of the filing API (SPEC 4.2): messages, subjects, websites, the public registry
query, and constant query counts as lists grow."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from .factories import (
    FilingOrderFactory,
    OrderEventFactory,
    PhoneMessageFactory,
    RegistryRecordFactory,
    SubjectFactory,
    WebsiteFactory,
)


@pytest.mark.django_db
class TestShapes:
    def test_messages_are_newest_first_with_their_secret(self, api, user, other_user):
        now = timezone.now()
        older = PhoneMessageFactory(account=user, sent_time=now - dt.timedelta(hours=1))
        newer = PhoneMessageFactory(
            account=user, kind="filing_password", secret="Pw", text="password", sent_time=now
        )
        PhoneMessageFactory(account=other_user)

        results = api.get("/api/v1/messages/").json()["results"]

        assert [m["id"] for m in results] == [newer.pk, older.pk]
        assert set(results[0]) == {"id", "kind", "to_number", "text", "secret", "sent_time"}
        assert results[0]["kind"] == "filing_password"
        assert results[0]["secret"] == "Pw"

    def test_a_ram_user_reads_its_accounts_phone(self, api_client_for, ram_user, user):
        PhoneMessageFactory(account=user)

        assert api_client_for(ram_user).get("/api/v1/messages/").json()["count"] == 1

    def test_subjects_and_websites_of_the_account(self, api, user, other_user):
        website = WebsiteFactory(subject=SubjectFactory(account=user), domain="shop.cn")
        WebsiteFactory(subject=SubjectFactory(account=other_user))

        subjects = api.get("/api/v1/subjects/").json()
        websites = api.get("/api/v1/websites/").json()

        assert subjects["count"] == 1
        subject = subjects["results"][0]
        assert {k: subject[k] for k in ("id", "name", "kind", "province", "icp_number", "status")} == {
            "id": website.subject.pk,
            "name": website.subject.name,
            "kind": "enterprise",
            "province": "zhejiang",
            "icp_number": website.subject.icp_number,
            "status": "active",
        }
        assert websites["count"] == 1
        site = websites["results"][0]
        assert {
            k: site[k]
            for k in (
                "id",
                "domain",
                "icp_number",
                "status",
                "service_code",
                "instance_id",
                "commercial_license",
                "ecommerce",
            )
        } == {
            "id": website.pk,
            "domain": "shop.cn",
            "icp_number": website.icp_number,
            "status": "active",
            "service_code": website.service_code.code,
            "instance_id": website.instance.instance_id,
            "commercial_license": "",
            "ecommerce": False,
        }

    def test_another_accounts_subject_and_website_are_404(self, api, other_user):
        website = WebsiteFactory(subject=SubjectFactory(account=other_user))

        assert api.get(f"/api/v1/subjects/{website.subject.pk}/").status_code == 404
        assert api.get(f"/api/v1/websites/{website.pk}/").status_code == 404


@pytest.mark.django_db
class TestRegistryQuery:
    def test_is_public(self, anon_api):
        record = RegistryRecordFactory(
            domain="elsewhere.cn",
            subject_icp_number="粤ICP备10000001号",
            icp_number="粤ICP备10000001号-1",
            subject_name="Elsewhere Ltd.",
        )
        approved = record.filed_time.astimezone(dt.timezone(dt.timedelta(hours=8))).date().isoformat()

        response = anon_api.get("/api/v1/icp-records/", {"domain": "ELSEWHERE.cn"})

        assert response.status_code == 200
        assert response.json() == {
            "count": 1,
            "next": None,
            "previous": None,
            "results": [
                {
                    "domain": "elsewhere.cn",
                    "icp_number": "粤ICP备10000001号-1",
                    "subject_name": "Elsewhere Ltd.",
                    "subject_kind": "enterprise",
                    "status": "valid",
                    "access_provider": "Tencent Cloud",
                    # SPEC 3.13: the public record as the MIIT's query answers it.
                    "website_name": "",
                    "approval_date": approved,
                    "access_restricted": False,
                }
            ],
        }

    def test_an_unfiled_domain_gives_an_empty_list(self, anon_api):
        response = anon_api.get("/api/v1/icp-records/", {"domain": "never-filed.cn"})

        assert response.status_code == 200
        assert response.json()["results"] == []
        assert response.json()["count"] == 0

    def test_a_cancelled_filing_is_not_listed(self, anon_api):
        RegistryRecordFactory(domain="gone.cn", status="cancelled")

        assert anon_api.get("/api/v1/icp-records/", {"domain": "gone.cn"}).json()["count"] == 0

    def test_the_domain_is_required(self, anon_api):
        response = anon_api.get("/api/v1/icp-records/")

        assert response.status_code == 400
        assert response.json()["code"] == "DOMAIN_REQUIRED"

    def test_a_malformed_domain_is_400(self, anon_api):
        response = anon_api.get("/api/v1/icp-records/", {"domain": "http://x"})

        assert response.status_code == 400
        assert response.json()["code"] == "DOMAIN_INVALID"


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"page_size": 100})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
class TestConstantQueries:
    """Three rows or thirty: the same number of queries."""

    @staticmethod
    def _order(user):
        # One live subject per account: the extra rows hang off withdrawn subjects.
        order = FilingOrderFactory(account=user, subject=SubjectFactory(account=user, status="withdrawn"))
        OrderEventFactory(order=order, from_status="draft", to_status="submitted")

    @staticmethod
    def _website(user):
        WebsiteFactory(subject=SubjectFactory(account=user, status="cancelled"))

    @pytest.mark.parametrize(
        ("url", "make"),
        [
            ("/api/v1/filings/", "_order"),
            ("/api/v1/subjects/", "_website"),
            ("/api/v1/websites/", "_website"),
            ("/api/v1/messages/", None),
        ],
    )
    def test_lists_do_not_grow_with_rows(self, api, user, url, make):
        def add(n):
            for _ in range(n):
                if make:
                    getattr(self, make)(user)
                else:
                    PhoneMessageFactory(account=user)

        add(3)
        few = _count_queries(api, url)
        add(27)
        many = _count_queries(api, url)

        assert many == few

    def test_staff_list_of_every_order_is_constant_too(self, staff_api):
        for _ in range(3):
            FilingOrderFactory()
        few = _count_queries(staff_api, "/api/v1/filings/")
        for _ in range(27):
            FilingOrderFactory()
        assert _count_queries(staff_api, "/api/v1/filings/") == few
