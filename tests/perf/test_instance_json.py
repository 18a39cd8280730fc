"""The instance JSON built by hand (``instances/api/represent.py``) is the JSON DRF's fields give.

Every kind of row a list can hold (each eligibility reason, codes issued, account-wide quota,
released, pay-as-you-go without an expiry, several orders, no public IP), in both languages, and
in another time zone than the default one.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIRequestFactory

from icpconsole.core import clock
from instances.api.extensions import annotate_instances
from instances.api.serializers import InstanceSerializer
from instances.models import Instance, InstanceOrder
from instances.selectors import instances_visible_to
from tests.factories import InstanceFactory, ServiceCodeFactory

from .test_query_counts import INSTANCE_KINDS

pytestmark = pytest.mark.django_db


def _world(user):
    for kind in INSTANCE_KINDS:
        InstanceFactory(owner=user, **kind)
    InstanceFactory(owner=user, expired_time=timezone.now() - dt.timedelta(days=1))
    renewed = InstanceFactory(owner=user)
    InstanceOrder.objects.create(instance=renewed, kind="renewal", charge_type="PrePaid", months=3,
                                 amount_rmb=Decimal("297.5"), created_time=timezone.now())
    ServiceCodeFactory.create_batch(2, instance=renewed, account=user)
    InstanceFactory(owner=user, product_id="elastic_web_hosting")


def _both(user):
    request = APIRequestFactory().get("/api/v1/instances/")
    request.user = user
    now = clock.now()
    rows = list(instances_visible_to(user))
    annotate_instances(rows, viewer=user, now=now)
    serializer = InstanceSerializer(context={"request": request, "now": now})
    render = JSONRenderer().render
    return ([render(serializer.to_representation(i)) for i in rows],
            [render(serializer.drf_representation(i)) for i in rows])


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("zone", ["Asia/Shanghai", "UTC"])
def test_the_hand_built_json_is_drfs(user, language, zone):
    _world(user)
    with translation.override(language), timezone.override(zone):
        by_hand, by_drf = _both(user)
    assert len(by_hand) == Instance.objects.filter(owner=user).count() > 10
    assert by_hand == by_drf
    documents = [json.loads(doc) for doc in by_hand]
    assert {d["status"] for d in documents} >= {"Running", "Stopped", "Expired", "Released"}
    assert any(d["expired_time"] is None for d in documents)
    assert any(d["public_ip_address"] is None for d in documents)
    assert any(len(d["orders"]) == 2 for d in documents)
    assert any(d["service_codes_issued"] == 2 for d in documents)
    assert any(d["eligibility"]["reasons"] for d in documents)
    if zone == "UTC":
        assert all(d["created_time"].endswith("Z") for d in documents)


def test_the_list_endpoint_answers_the_hand_built_json(api, user):
    _world(user)
    listed = api.get("/api/v1/instances/", {"page_size": 100}).json()["results"]
    one = api.get(f"/api/v1/instances/{listed[0]['instance_id']}/").json()
    assert one == listed[0]
    _, by_drf = _both(user)
    assert listed == [json.loads(doc) for doc in by_drf]
