"""The admin's Simulator page (SPEC 4.6): the same controls, reset only after a confirmation."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from instances.models import Instance
from simulator.models import FaultRule, InjectedFault
from tests.factories import InstanceFactory

from .test_world import FILED_WORLD

pytestmark = pytest.mark.django_db

PAGE = "/admin/simulator/simulatorsettings/"


@pytest.fixture
def admin_client(client, staff):
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    return client


def test_the_page_shows_the_world_and_every_control(admin_client, instance):
    page = admin_client.get(PAGE)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-table="instances">1<' in html
    for control in ("simulator/simulatorsettings/reset/", "snapshot/", "restore/", "faultrule/"):
        assert control in html


def test_reset_asks_for_confirmation_first(admin_client, instance):
    asked = admin_client.post(PAGE + "reset/", {"world": "empty"})
    assert asked.status_code == 200
    assert b"Yes, reset the world" in asked.content
    assert Instance.objects.exists()

    done = admin_client.post(PAGE + "reset/", {"world": "empty", "confirm": "yes"})
    assert done.status_code == 302
    assert not Instance.objects.exists()


def test_snapshot_download_and_restore_upload(admin_client, user):
    InstanceFactory(owner=user)
    snapshot = admin_client.get(PAGE + "snapshot/")
    assert snapshot["Content-Disposition"].startswith("attachment;")
    document = json.loads(snapshot.content)
    Instance.objects.all().delete()

    upload = SimpleUploadedFile("snap.json", json.dumps(document).encode(), content_type="application/json")
    restored = admin_client.post(PAGE + "restore/", {"document": upload, "confirm": "on"})
    assert restored.status_code == 302
    assert Instance.objects.count() == 1

    world_file = SimpleUploadedFile("filed.yaml", FILED_WORLD.encode())
    assert admin_client.post(PAGE + "restore/", {"document": world_file, "confirm": "on"}).status_code == 302
    bad = SimpleUploadedFile("bad.yaml", b"format: icp-simulator-world\nversion: 9\n")
    refused = admin_client.post(PAGE + "restore/", {"document": bad, "confirm": "on"})
    assert refused.status_code == 200
    assert "version" in refused.content.decode()


def test_settings_and_fault_rules_through_the_admin(admin_client):
    saved = admin_client.post(
        PAGE,
        {
            "review_mode": "auto",
            "access_at_risk_days": 10,
            "access_cancel_after_days": 20,
            "order_expire_days": 45,
            "order_remind_days": 30,
            "order_second_remind_days": 40,
        },
    )
    assert saved.status_code == 302
    added = admin_client.post(
        "/admin/simulator/faultrule/add/",
        {
            "target": "DescribeRegions",
            "error": "Throttling.User",
            "probability": 1,
            "latency_ms": 0,
            "times": 2,
        },
    )
    assert added.status_code == 302, added.content.decode()[:2000]
    assert FaultRule.objects.get().remaining == 2
    refused = admin_client.post(
        "/admin/simulator/faultrule/add/",
        {"target": "Nope", "error": "Throttling.User", "probability": 1, "latency_ms": 0},
    )
    assert refused.status_code == 200
    assert FaultRule.objects.count() == 1
    InjectedFault.objects.create(
        target="DescribeRegions", interface="rpc", error="Throttling.User", status=400
    )
    assert b"DescribeRegions" in admin_client.get("/admin/simulator/injectedfault/").content


def test_non_staff_are_sent_to_log_in_and_nothing_is_reset(client, user, instance):
    client.force_login(user)
    assert client.get(PAGE).status_code == 302
    assert client.post(PAGE + "reset/", {"world": "empty", "confirm": "yes"}).status_code == 302
    assert Instance.objects.filter(pk=instance.pk).exists()
