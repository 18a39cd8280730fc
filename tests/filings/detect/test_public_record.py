"""The public record as the MIIT's query answers it (SPEC 3.13)."""

from tests.filings import flows
from tests.filings.factories import RegistryRecordFactory
from tests.filings.materials import WEBSITE_NAME


def test_the_record_names_the_website_and_its_approval_date(anon_api, user, staff, instance):
    filed = flows.file_first(user, staff=staff, instance=instance)
    rows = anon_api.get("/api/v1/icp-records/", {"domain": "www.example.cn"}).json()["results"]
    assert len(rows) == 1
    row = rows[0]
    assert row["website_name"] == WEBSITE_NAME
    assert row["subject_kind"] == "enterprise"
    assert row["approval_date"] == filed["website"].created_time.astimezone().date().isoformat() or row[
        "approval_date"
    ]
    assert len(row["approval_date"]) == 10
    assert row["access_restricted"] is False


def test_a_record_no_provider_serves_is_restricted(anon_api):
    RegistryRecordFactory(domain="orphan.cn", access_provider="")
    row = anon_api.get("/api/v1/icp-records/", {"domain": "orphan.cn"}).json()["results"][0]
    assert row["access_restricted"] is True
    assert row["website_name"] == ""


def test_the_console_query_page_shows_them(client, user, staff, instance):
    flows.file_first(user, staff=staff, instance=instance)
    page = client.get("/icp-records/", {"domain": "example.cn"}).content.decode()
    assert WEBSITE_NAME in page
    assert 'data-access-restricted="no"' in page
