"""Issue 27 point 5: every bad document is a 400 JSON naming the field, and changes nothing;
what ``snapshot`` gives, ``restore`` takes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from icpconsole.accounts.models import User
from icpconsole.core.bodies import DEFAULT_LIMIT
from icpconsole.core.models import AuditEvent
from simulator.world import writing

pytestmark = pytest.mark.django_db

BASE = {"format": "icp-simulator-world", "version": 1}


def _restore(staff_api, document, **kwargs):
    return staff_api.post("/api/v1/simulator/restore/", document, format="json", **kwargs)


def _refused(response, where: str) -> None:
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == "INVALID_WORLD"
    assert any(e.startswith(where) for e in body["errors"]), body["errors"]


def test_yaml_nested_too_deeply_is_a_400(staff_api, user):
    text = "accounts: " + "[" * 5000 + "]" * 5000
    response = staff_api.generic(
        "POST", "/api/v1/simulator/restore/", text.encode(), content_type="application/yaml"
    )
    _refused(response, "document")
    assert User.objects.filter(username="alice").exists()


def test_a_list_where_a_username_belongs_names_the_field(staff_api, user):
    response = _restore(
        staff_api, {**BASE, "accounts": [{"username": ["a", "b"], "password": "x-Passw0rd!"}]}
    )
    _refused(response, "accounts[0].username")
    assert User.objects.filter(username="alice").exists()


def test_a_list_where_a_reference_belongs_names_the_field(staff_api, user):
    document = {
        **BASE,
        "accounts": [{"username": "bob"}],
        "access_keys": [{"owner": ["bob"], "secret": "s" * 20}],
    }
    _refused(_restore(staff_api, document), "access_keys[0].owner")


@pytest.mark.parametrize("offset", [10**30, -1, 10**12])
def test_an_impossible_clock_offset_names_the_field(staff_api, user, offset):
    _refused(_restore(staff_api, {**BASE, "clock": {"offset_seconds": offset}}), "clock.offset_seconds")


def _with_document(name: str) -> dict:
    return {
        **BASE,
        "accounts": [{"username": "bob"}],
        "instances": [
            {
                "instance_id": "i-bob",
                "owner": "bob",
                "product": "ecs",
                "region": "cn-hangzhou",
                "charge_type": "PostPaid",
            }
        ],
        "filing_orders": [{"id": 1, "account": "bob", "created_by": "bob", "type": "first_filing"}],
        "filing_documents": [
            {
                "order": 1,
                "kind": "verification_photo",
                "file": name,
                "content_type": "image/jpeg",
                "width": 800,
                "height": 600,
                "size": 1000,
                "uploaded_time": "2026-12-01T00:00:00Z",
            }
        ],
    }


@pytest.mark.parametrize(
    "name",
    [
        "filings/1/" + "x" * 200 + ".jpg",
        "../../x",
        "filings/../../etc/passwd",
        "/etc/passwd",
        "filings/1/a b.jpg",
    ],
)
def test_a_bad_document_name_names_the_field(staff_api, user, name):
    _refused(_restore(staff_api, _with_document(name)), "filing_documents[0].file")
    assert User.objects.filter(username="alice").exists()


def test_a_missing_document_is_redrawn_no_larger_than_the_cap(staff_api):
    import copy

    from django.core.files.storage import default_storage
    from PIL import Image

    from simulator import world

    document = copy.deepcopy(world.demo_document())
    row = document["filing_documents"][0]
    row.update(width=2**31 - 1, height=2**31 - 1)
    response = _restore(staff_api, document)
    assert response.status_code == 200, response.content[:300]
    with default_storage.open(row["file"]) as stored:
        assert Image.open(stored).size == (writing.MAX_PLACEHOLDER_SIDE, writing.MAX_PLACEHOLDER_SIDE)


def test_the_placeholder_keeps_the_stated_proportions():
    assert writing._placeholder_size(8000, 4000) == (2000, 1000)
    assert writing._placeholder_size(800, 600) == (800, 600)


def test_what_snapshot_gives_restore_takes_over_django_s_body_limit(staff_api, user):
    """A snapshot of the demo plus some activity, over Django's 2.5 MB body limit, restores."""
    assert staff_api.post("/api/v1/simulator/reset/", {"world": "demo"}, format="json").status_code == 200
    user = User.objects.create_user(username="busy")
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=user,
            account=user,
            action="clock.advance",
            target_type="clock",
            target_id=str(i),
            details={"note": "x" * 300},
            sim_time=timezone.now() - dt.timedelta(minutes=i),
        )
        for i in range(9000)
    )
    snapshot = staff_api.get("/api/v1/simulator/snapshot/")
    assert len(snapshot.content) > DEFAULT_LIMIT  # Django's own 2.5 MB, every other route's limit
    response = _restore(staff_api, snapshot.json())
    assert response.status_code == 200, response.content[:300]
    assert staff_api.get("/api/v1/simulator/snapshot/").json() == snapshot.json()


def test_a_document_over_the_restore_limit_is_a_413(staff_api, monkeypatch):
    from simulator import world

    monkeypatch.setattr(world, "MAX_DOCUMENT_BYTES", 1000)
    response = _restore(staff_api, {**BASE, "comment": "x" * 2000})
    assert response.status_code == 413
    assert response.json()["code"] == "REQUEST_TOO_LARGE"
