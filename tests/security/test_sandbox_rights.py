"""Issue 27 point 3: driving the sandbox is a right of its own. Reviewers (plain staff) keep
reviewing and get 403 on every control; snapshots carry no staff account and no inbox secret in
clear; no AccessKey is made for staff."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Permission

from icpconsole.accounts.models import User
from tests.factories import StaffFactory, UserFactory

CONTROLS = [
    ("post", "/api/v1/simulator/reset/", {"world": "empty"}),
    ("get", "/api/v1/simulator/snapshot/", None),
    ("post", "/api/v1/simulator/restore/", {"format": "icp-simulator-world", "version": 1}),
    ("get", "/api/v1/simulator/settings/", None),
    ("patch", "/api/v1/simulator/settings/", {"review_mode": "auto"}),
    ("get", "/api/v1/simulator/faults/", None),
    ("post", "/api/v1/simulator/faults/", {"target": "DescribeRegions", "error": "InternalError"}),
    ("delete", "/api/v1/simulator/faults/", None),
    ("get", "/api/v1/simulator/faults/log/", None),
    ("get", "/api/v1/simulator/info/", None),
    ("post", "/api/v1/simulator/access-keys/", {"username": "alice"}),
    ("post", "/api/v1/clock/", {"advance_days": 1}),
]


def grant_sandbox(user) -> None:
    user.user_permissions.add(
        Permission.objects.get(codename="drive_sandbox", content_type__app_label="simulator")
    )


@pytest.fixture
def reviewer(db):
    return StaffFactory(username="reviewer", is_superuser=False)


@pytest.mark.parametrize(("method", "path", "body"), CONTROLS, ids=[f"{m} {p}" for m, p, _b in CONTROLS])
def test_a_reviewer_gets_403_on_every_sandbox_control(api_client_for, reviewer, user, method, path, body):
    response = getattr(api_client_for(reviewer), method)(path, body, format="json")
    assert response.status_code == 403, response.content


def test_a_reviewer_keeps_reviewing(api_client_for, reviewer):
    assert api_client_for(reviewer).get("/api/v1/filings/review-reasons/").status_code == 200


@pytest.mark.parametrize(("method", "path", "body"), CONTROLS, ids=[f"{m} {p}" for m, p, _b in CONTROLS])
def test_staff_given_the_right_drive_the_sandbox(api_client_for, reviewer, user, method, path, body):
    grant_sandbox(reviewer)
    reviewer = User.objects.get(pk=reviewer.pk)  # permissions are cached on the instance
    response = getattr(api_client_for(reviewer), method)(path, body, format="json")
    assert response.status_code in (200, 201, 204), response.content


def test_the_admin_simulator_page_refuses_a_reviewer(client, reviewer):
    client.force_login(reviewer)
    assert client.get("/admin/simulator/simulatorsettings/").status_code == 403
    assert client.get("/admin/simulator/simulatorsettings/snapshot/").status_code == 403
    assert (
        client.post(
            "/admin/simulator/simulatorsettings/reset/", {"world": "empty", "confirm": "yes"}
        ).status_code
        == 403
    )


@pytest.mark.parametrize("flag", ["is_staff", "is_superuser"])
def test_no_access_key_is_made_for_a_staff_account(staff_api, flag):
    UserFactory(username="boss", **{flag: True})
    response = staff_api.post("/api/v1/simulator/access-keys/", {"username": "boss"}, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "STAFF_ACCESS_KEY_REFUSED"


def test_a_snapshot_carries_no_staff_account_and_no_inbox_secret_in_clear(staff_api, staff, user):
    from filings.models import PhoneMessage

    PhoneMessage.objects.create(
        account=user,
        kind="sms_code",
        text="[ICP Filing] Your verification code for filing order 1 is 914276.",
        params={"id": 1, "code": "914276"},
        secret="914276",
        sent_time="2026-12-01T00:00:00Z",
    )
    snapshot = staff_api.get("/api/v1/simulator/snapshot/").json()
    text = json.dumps(snapshot)
    assert [a["username"] for a in snapshot["accounts"]] == ["alice"]
    assert staff.password not in text and "914276" not in text
    assert "secret" not in snapshot["phone_messages"][0]
    assert snapshot["phone_messages"][0]["secret_encrypted"]

    PhoneMessage.objects.all().delete()
    assert staff_api.post("/api/v1/simulator/restore/", snapshot, format="json").status_code == 200
    message = PhoneMessage.objects.get()
    assert (message.secret, message.params["code"]) == ("914276", "914276")
    assert message.text.endswith("is 914276.")
    assert staff_api.get("/api/v1/simulator/snapshot/").json() == snapshot


def test_an_inbox_secret_sealed_under_another_secret_key_is_refused(staff_api, user, settings):
    from filings.models import PhoneMessage

    PhoneMessage.objects.create(
        account=user,
        kind="sms_code",
        text="code 914276",
        params={},
        secret="914276",
        sent_time="2026-12-01T00:00:00Z",
    )
    snapshot = staff_api.get("/api/v1/simulator/snapshot/").json()
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    response = staff_api.post("/api/v1/simulator/restore/", snapshot, format="json")
    assert response.status_code == 400
    assert any(e.startswith("phone_messages[0].secret_encrypted:") for e in response.json()["errors"])
