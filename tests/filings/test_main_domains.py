"""A website is filed under its main domain, and that filing covers every host under it (SPEC 3.9)."""

import pytest

from filings.domains import main_domain, normalize_main_domain
from filings.models import RegistryRecord, Website
from icpconsole.core.errors import InvalidInput

from . import flows


@pytest.mark.parametrize(
    "host,main",
    [
        ("www.shop.example.com.cn", "example.com.cn"),
        ("example.cn", "example.cn"),
        ("a.b.example.co.uk", "example.co.uk"),
        ("www.xn--fsqu00a.xn--fiqs8s", "xn--fsqu00a.xn--fiqs8s"),  # www.例子.中国
        ("a.example.internal", "example.internal"),  # a suffix the list does not know: the last label
        ("com.cn", ""),
    ],
)
def test_main_domain_is_the_domain_registered_under_the_public_suffix(host, main):
    assert main_domain(host) == main


@pytest.mark.parametrize("raw", ["WWW.Example.CN.", "www.example.cn", "blog.EXAMPLE.cn", "example.cn"])
def test_any_case_trailing_dot_or_host_is_one_main_domain(raw):
    assert normalize_main_domain(raw)[0] == "example.cn"


def test_a_unicode_domain_is_its_idna_main_domain():
    assert normalize_main_domain("www.例子.中国") == ("xn--fsqu00a.xn--fiqs8s", True)


def test_a_bare_public_suffix_is_refused():
    with pytest.raises(InvalidInput) as caught:
        normalize_main_domain("com.cn")
    assert caught.value.code == "DOMAIN_INVALID"


@pytest.mark.django_db
class TestFiling:
    def test_a_host_name_files_its_main_domain_and_the_answer_says_so(self, api, instance):
        response = flows.api_first_filing(api, instance=instance, domain="WWW.Example.cn")
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["website"]["domain"] == "example.cn"
        assert "www.example.cn" in body["notice"] and "example.cn" in body["notice"]

    def test_the_main_domain_itself_needs_no_notice(self, api, instance):
        response = flows.api_first_filing(api, instance=instance, domain="example.cn")
        assert response.status_code == 201
        assert "notice" not in response.json()

    def test_a_second_host_of_a_filed_main_domain_is_already_filed(self, api, filed, second_instance):
        response = flows.api_add_website(api, domain="shop.example.cn", instance=second_instance)
        assert response.status_code == 409
        assert response.json()["code"] == "FILING_CHECK_FAILED"
        assert [r["code"] for r in response.json()["reasons"]] == ["DOMAIN_ALREADY_FILED"]
        assert Website.objects.filter(domain="example.cn").count() == 1

    def test_the_public_query_finds_the_main_domains_record_for_any_host(self, anon_api, filed):
        for host in ("blog.example.cn", "WWW.EXAMPLE.CN.", "example.cn"):
            results = anon_api.get("/api/v1/icp-records/", {"domain": host}).json()["results"]
            assert [row["domain"] for row in results] == ["example.cn"], host
        assert RegistryRecord.objects.get().domain == "example.cn"
