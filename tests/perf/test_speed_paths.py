"""The shortcuts of issue 26 decide exactly what the slower ways decided.

``status_counts`` counts index ranges instead of aggregating every row; the instances page takes
its paginator's count from it; ``{% memo %}`` reuses the navigation's HTML per path, language and
kind of user.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Count
from django.template import Context, Template
from django.test import override_settings
from django.utils import timezone, translation

from icpconsole.core import clock
from icpconsole.core.templatetags import memo
from instances import rules
from instances.models import Instance, InstanceQuerySet, InstanceStatus
from tests.factories import InstanceFactory

pytestmark = pytest.mark.django_db


def _varied(user):
    past = timezone.now() - dt.timedelta(days=3)
    InstanceFactory.create_batch(3, owner=user)
    InstanceFactory(owner=user, status="Stopped")
    InstanceFactory(owner=user, expired_time=past)  # reads Expired
    InstanceFactory(owner=user, status="Stopped", expired_time=past)  # Expired too
    InstanceFactory(owner=user, status="Released", expired_time=past)  # Released wins
    InstanceFactory(owner=user, charge_type=rules.POSTPAID)  # no expiry at all
    InstanceFactory(owner=user, charge_type=rules.POSTPAID, status="Stopped")
    InstanceFactory()  # another account's


def test_status_counts_match_the_status_filters(user):
    _varied(user)
    now = clock.now()
    qs = Instance.objects.filter(owner=user)
    counts = qs.status_counts(now)
    assert counts == {s.value: qs.with_status(s.value, now).count() for s in InstanceStatus}
    assert counts == {"Running": 4, "Stopped": 2, "Expired": 2, "Released": 1}
    # The conditional aggregate it replaced, over every row.
    old = qs.order_by().aggregate(
        **{s.value: Count("id", filter=InstanceQuerySet.status_q(s.value, now)) for s in InstanceStatus}
    )
    assert counts == old


@pytest.mark.parametrize("status, expected", [("", 9), ("Expired", 2), ("Running", 4), ("Released", 1)])
def test_instances_page_pages_by_the_tab_counts(console, user, status, expected):
    _varied(user)
    response = console.get("/console/instances/", {"status": status} if status else {})
    assert response.status_code == 200
    page = response.context["page_obj"]
    assert page.paginator.count == expected
    assert len(page.object_list) == expected
    assert response.content.decode().count("<tr data-instance-id=") == expected


def test_an_out_of_range_page_of_a_tab_is_its_last_page(console, user):
    _varied(user)
    response = console.get("/console/instances/", {"status": "Expired", "page": "7"})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1


@override_settings(DEBUG=False)
def test_memo_renders_once_per_argument_and_language():
    memo.clear()
    template = Template("{% load memo %}{% memo key %}{{ value }}{% endmemo %}")
    assert template.render(Context({"key": 1, "value": "first"})) == "first"
    assert template.render(Context({"key": 1, "value": "second"})) == "first"
    assert template.render(Context({"key": 2, "value": "second"})) == "second"
    with translation.override("zh-hans"):
        assert template.render(Context({"key": 1, "value": "third"})) == "third"
    memo.clear()
    assert template.render(Context({"key": 1, "value": "fourth"})) == "fourth"


@override_settings(DEBUG=True)
def test_memo_renders_every_time_with_debug():
    memo.clear()
    template = Template("{% load memo %}{% memo key %}{{ value }}{% endmemo %}")
    assert template.render(Context({"key": 1, "value": "first"})) == "first"
    assert template.render(Context({"key": 1, "value": "second"})) == "second"


def test_the_memoised_navigation_follows_the_page_and_the_user(console, staff, client):
    memo.clear()
    instances = console.get("/console/instances/").content.decode()
    assert '<a href="/console/instances/" aria-current="page">' in instances
    codes = console.get("/console/icp/codes/").content.decode()
    assert '<a href="/console/instances/">' in codes
    assert 'href="/console/icp/codes/" aria-current="page"' in codes
    assert 'data-nav="review-workbench"' not in codes
    client.force_login(staff)
    assert 'data-nav="review-workbench"' in client.get("/console/icp/codes/").content.decode()


def test_code_status_counts_match_a_group_by(user, other_user):
    from servicecodes.models import CodeStatus, ServiceCode
    from servicecodes.selectors import code_status_counts
    from tests.factories import ServiceCodeFactory

    for status in ["unused", "unused", "filing", "used", "deleted", "used", "unused"]:
        ServiceCodeFactory(instance=InstanceFactory(owner=user), account=user, status=status)
    ServiceCodeFactory(instance=InstanceFactory(owner=other_user), account=other_user)
    grouped = dict(
        ServiceCode.objects.filter(account=user).order_by().values_list("status").annotate(n=Count("id"))
    )
    counts = code_status_counts(user)
    assert counts == {s: grouped.get(s, 0) for s in CodeStatus.values}
    assert counts == {"unused": 3, "filing": 1, "used": 2, "deleted": 1}


@pytest.mark.parametrize("status, expected", [("", 3), ("unused", 2), ("deleted", 0)])
def test_codes_page_pages_by_the_tab_counts(console, user, status, expected):
    from tests.factories import ServiceCodeFactory

    for code_status in ["unused", "unused", "used"]:
        ServiceCodeFactory(instance=InstanceFactory(owner=user), account=user, status=code_status)
    response = console.get("/console/icp/codes/", {"status": status} if status else {})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == expected
    assert len(response.context["page_obj"].object_list) == expected
