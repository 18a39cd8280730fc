"""Issue 27 point 6: stored documents never outlive their rows."""

from __future__ import annotations

import copy
import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from filings.models import FilingDocument
from simulator import files, world

pytestmark = pytest.mark.django_db


def test_sweep_files_removes_only_files_no_row_names(staff_api):
    assert staff_api.post("/api/v1/simulator/reset/", {"world": "demo"}, format="json").status_code == 200
    named = set(FilingDocument.objects.values_list("file", flat=True))
    assert named and all(default_storage.exists(name) for name in named)
    orphan = default_storage.save("filings/999/verification_photo-dead.jpg", ContentFile(b"x"))
    out = io.StringIO()
    call_command("simulator", "sweep-files", "--older-than", "0", stdout=out)
    assert json.loads(out.getvalue())["removed"] == [orphan]
    assert not default_storage.exists(orphan)
    assert all(default_storage.exists(name) for name in named)


def test_a_young_orphan_may_be_an_upload_in_flight_and_stays(db):
    orphan = default_storage.save("filings/999/verification_photo-young.jpg", ContentFile(b"x"))
    assert files.sweep_orphan_files() == []
    assert default_storage.exists(orphan)


def test_a_restore_removes_the_replaced_world_s_files(staff_api, django_capture_on_commit_callbacks):
    assert staff_api.post("/api/v1/simulator/reset/", {"world": "demo"}, format="json").status_code == 200
    demo_files = set(FilingDocument.objects.values_list("file", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_api.post("/api/v1/simulator/reset/", {"world": "empty"}, format="json")
    assert response.status_code == 200
    assert not any(default_storage.exists(name) for name in demo_files)
    assert files.stored_names() == []


def test_a_restore_of_the_same_world_keeps_its_files(staff_api):
    assert staff_api.post("/api/v1/simulator/reset/", {"world": "demo"}, format="json").status_code == 200
    snapshot = staff_api.get("/api/v1/simulator/snapshot/").json()
    assert staff_api.post("/api/v1/simulator/restore/", snapshot, format="json").status_code == 200
    assert sorted(FilingDocument.objects.values_list("file", flat=True)) == files.stored_names()


def test_a_refused_restore_leaves_no_placeholder_behind(staff_api, monkeypatch):
    from simulator.world import writing

    document = copy.deepcopy(world.demo_document())

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(writing.ClockState.objects, "update_or_create", broken)
    with pytest.raises(RuntimeError):
        staff_api.post("/api/v1/simulator/restore/", document, format="json")
    assert files.stored_names() == []
