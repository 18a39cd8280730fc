"""SPEC 3.12 in the console: when the two leaders are different people the order page has a code
box per leader; one code at a time (the other still awaited) or both at once move the order on."""

import pytest

from filings.models import FilingOrder, Stage
from tests.filings.loop.test_two_leaders import code_sent_to, waiting  # noqa: F401 - the fixture
from tests.filings.materials import LEADER, WEBSITE_LEADER

pytestmark = pytest.mark.django_db


def verify(console, order, data, **headers):
    return console.post(f"/console/filings/{order.pk}/verify-sms/", data, follow=True, **headers)


def test_the_page_has_a_box_per_leader_naming_each_one(console, waiting):  # noqa: F811
    page = console.get(f"/console/filings/{waiting.pk}/").content.decode()

    assert 'data-sms-leaders="subject_leader website_leader"' in page
    assert 'name="subject_leader"' in page and 'name="website_leader"' in page
    assert 'name="code"' not in page
    assert LEADER["name"] in page and WEBSITE_LEADER["name"] in page
    assert f"{WEBSITE_LEADER['mobile'][:3]}****{WEBSITE_LEADER['mobile'][-4:]}" in page


def test_one_code_at_a_time_then_the_other(console, waiting):  # noqa: F811
    response = verify(console, waiting, {"website_leader": code_sent_to(waiting, WEBSITE_LEADER["mobile"])})

    assert "still awaited" in response.content.decode()
    assert FilingOrder.objects.get(pk=waiting.pk).sms_awaited == ["subject_leader"]
    page = response.content.decode()
    assert 'name="subject_leader"' in page and 'name="website_leader"' not in page

    verify(console, waiting, {"subject_leader": code_sent_to(waiting, LEADER["mobile"])})
    assert FilingOrder.objects.get(pk=waiting.pk).status == Stage.BUREAU_REVIEW


def test_both_codes_at_once_in_chinese(console, waiting):  # noqa: F811
    response = verify(
        console,
        waiting,
        {
            "subject_leader": code_sent_to(waiting, LEADER["mobile"]),
            "website_leader": code_sent_to(waiting, WEBSITE_LEADER["mobile"]),
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    assert FilingOrder.objects.get(pk=waiting.pk).status == Stage.BUREAU_REVIEW
    assert "管局" in response.content.decode()


def test_a_wrong_code_counts_and_no_code_is_a_form_error(console, waiting):  # noqa: F811
    empty = verify(console, waiting, {"subject_leader": "", "website_leader": ""})
    assert "Enter the code of at least one leader." in empty.content.decode()
    assert FilingOrder.objects.get(pk=waiting.pk).sms_failures == 0

    wrong = verify(console, waiting, {"subject_leader": code_sent_to(waiting, WEBSITE_LEADER["mobile"])})
    assert "Attempts left: 4" in wrong.content.decode()
    order = FilingOrder.objects.get(pk=waiting.pk)
    assert (order.status, order.sms_failures) == (Stage.PENDING_SMS, 1)
