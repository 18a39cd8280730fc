"""The simulated phone, and the public ICP record query (no login)."""

import pytest

from filings.models import MessageKind
from tests.console.html import parse
from tests.filings import flows
from tests.filings.factories import RegistryRecordFactory

pytestmark = pytest.mark.django_db


class TestInbox:
    def test_lists_the_sms_code_with_its_secret(self, console, user, staff, draft_order):
        flows.to_pending_sms(draft_order, staff=staff)

        page = parse(console.get("/console/inbox/").content)

        message = page.find("li", data_kind="sms_code")
        assert message.find(data_secret=True).text == flows.latest_secret(user)
        assert f"/console/filings/{draft_order.pk}/" in message.links()

    def test_newest_first_with_the_filing_password(self, console, user, filed):
        page = parse(console.get("/console/inbox/").content)

        kinds = [node.get("data-kind") for node in page.find_all("li", data_kind=True)]
        assert kinds == ["filing_approved", "filing_password", "sms_code"]  # SPEC 3.12: the approval SMS
        assert page.find("li", data_kind="filing_password").find(data_secret=True).text == filed["password"]

    def test_a_ram_user_reads_the_accounts_phone(self, client, ram_user, user, filed):
        client.force_login(ram_user)

        page = parse(client.get("/console/inbox/").content)

        assert len(page.find_all("li", data_kind=True)) == 3

    def test_another_accounts_messages_are_not_shown(self, client, other_user, filed):
        client.force_login(other_user)

        page = parse(client.get("/console/inbox/").content)

        assert page.find("li", data_kind=True) is None
        assert other_user.phone_messages.filter(kind=MessageKind.SMS_CODE).count() == 0


class TestPublicQuery:
    def test_finds_a_domain_filed_here(self, client, filed):
        response = client.get("/icp-records/", {"domain": "WWW.example.cn"})

        page = parse(response.content)
        row = page.find("tr", data_domain="example.cn")
        assert row is not None
        assert row.get("data-icp-number") == filed["website"].icp_number
        assert filed["subject"].name in row.text and "Alibaba Cloud" in row.text

    def test_matches_the_api(self, client, filed):
        api = client.get("/api/v1/icp-records/", {"domain": "example.cn"}).json()["results"]
        page = parse(client.get("/icp-records/", {"domain": "example.cn"}).content)

        assert [r.get("data-icp-number") for r in page.find_all("tr", data_icp_number=True)] == [
            r["icp_number"] for r in api
        ]

    def test_finds_a_filing_made_with_another_provider(self, client):
        record = RegistryRecordFactory(domain="moved.cn")

        page = parse(client.get("/icp-records/", {"domain": "moved.cn"}).content)

        assert record.access_provider in page.find("tr", data_domain="moved.cn").text

    def test_says_not_filed_otherwise(self, client):
        response = client.get("/icp-records/", {"domain": "nothing.cn"})

        assert response.status_code == 200
        result = parse(response.content).find(data_result="not-filed")
        assert result is not None and "nothing.cn" in result.text

    def test_a_bad_domain_is_a_readable_error(self, client):
        response = client.get("/icp-records/", {"domain": "http://bad domain"})

        assert response.status_code == 200
        page = parse(response.content)
        assert "is not a valid domain name" in page.find(class_="errorlist").text
        assert page.find(data_section="results") is None
        assert list(response.context["form"].errors) == ["domain"]  # on the field it names

    def test_an_app_name_the_registry_refuses_is_an_error_on_its_field(self, client):
        name = "A" * 40  # the form takes it; the registry's rule allows at most 30 characters
        response = client.get("/icp-records/", {"app_name": name})

        assert response.status_code == 200
        assert response.context["app_form"].errors == {
            "app_name": ["The app name is required, at most 30 characters."]
        }
        page = parse(response.content)
        assert "at most 30 characters" in page.find(class_="errorlist").text
        assert page.find(data_section="results") is None

    def test_an_empty_search_asks_for_a_domain(self, client):
        response = client.get("/icp-records/", {"domain": ""})

        assert response.status_code == 200
        assert parse(response.content).find(class_="errorlist") is not None
