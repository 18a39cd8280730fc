"""ICP No. Management has a search (issue 28 point 14): a part of the code, the instance ID or the
ICP number finds the account's codes, with the status filter kept; another account's codes are
never found; nothing found says so in the page's language."""

import pytest

from servicecodes.models import ServiceCode
from servicecodes.services import service_code_apply
from tests.console.html import parse
from tests.factories import InstanceFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/console/icp/codes/"


def shown(console, **params) -> set[str]:
    page = parse(console.get(URL, params).content)
    return {row.get("data-service-code") for row in page.find_all("tr", data_service_code=True)}


@pytest.fixture
def codes(user):
    first, second = InstanceFactory(owner=user), InstanceFactory(owner=user)
    a = service_code_apply(actor=user, instance_id=first.instance_id)
    b = service_code_apply(actor=user, instance_id=second.instance_id)
    ServiceCode.objects.filter(pk=b.pk).update(status="used", icp_number="浙ICP备12345678号-1")
    return {"a": a.code, "b": b.code, "first": first.instance_id}


def test_search_by_code_instance_and_icp_number(console, codes):
    assert shown(console) == {codes["a"], codes["b"]}
    assert shown(console, q=codes["a"][:8].upper()) == {codes["a"]}
    assert shown(console, q=codes["first"]) == {codes["a"]}
    assert shown(console, q="12345678号-1") == {codes["b"]}
    assert shown(console, q="12345678", status="unused") == set()
    assert shown(console, q="  ") == {codes["a"], codes["b"]}


def test_the_search_box_keeps_the_query_and_says_when_nothing_matches(console, codes):
    page = console.get(URL, {"q": "nothing-like-this"}, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert 'value="nothing-like-this"' in page and 'role="search"' in page
    assert "没有与“nothing-like-this”匹配的备案服务号" in page


def test_another_accounts_codes_are_not_found(console, codes):
    stranger = UserFactory()
    theirs = service_code_apply(actor=stranger, instance_id=InstanceFactory(owner=stranger).instance_id)

    assert shown(console, q=theirs.code) == set()


def test_a_search_counts_its_own_pages_not_the_accounts(console, user):
    """The tabs' totals give the paginator its count (issue 26), except under a search: 25 codes
    make two pages, but a search that finds one shows one page and no "Next"."""
    instances = [InstanceFactory(owner=user) for _ in range(5)]
    for instance in instances:
        for _ in range(5):
            service_code_apply(actor=user, instance_id=instance.instance_id)

    assert b'rel="next"' in console.get(URL).content
    found = console.get(URL, {"q": instances[0].instance_id}).content
    assert len(shown(console, q=instances[0].instance_id)) == 5
    assert b'rel="next"' not in found and b'class="pagination"' not in found
