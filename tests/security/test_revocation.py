"""Revocation and deactivation (issue 17): a RAM user is active only while its parent is, on
every face; API tokens can be revoked, rotated and expire, and a password change (by the login
itself or by staff in the admin) or a console log-out ends them."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from icpconsole.accounts.models import User
from icpconsole.core.models import AuditEvent
from openapi.services import access_key_create
from tests.factories import DEFAULT_PASSWORD
from tests.openapi.signed import Rpc

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-fresh-Passw0rd!"  # noqa: S105


def _deactivate(user: User) -> None:
    user.is_active = False
    user.save(update_fields=["is_active"])


def _token_client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _log_in(username: str, password: str = DEFAULT_PASSWORD) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": password})
    assert response.status_code == 302, response.content[:300]
    return client


# --- one rule: a login is active only while it and its parent are -----------------------------
@pytest.mark.parametrize(
    "own, parent, expected",
    [
        (True, None, True),
        (False, None, False),
        (True, True, True),
        (True, False, False),
        (False, True, False),
    ],
)
def test_a_login_is_active_only_while_it_and_its_parent_are(own, parent, expected):
    login = User(is_active=own)
    if parent is not None:
        login.parent = User(pk=1, is_active=parent)

    assert login.is_login_active is expected


# --- a deactivated account's RAM user ------------------------------------------------------------
def test_a_deactivated_accounts_ram_user_cannot_log_on_to_the_console(user, ram_user):
    _deactivate(user)
    client = Client()

    response = client.post("/accounts/login/", {"username": ram_user.username, "password": DEFAULT_PASSWORD})

    assert response.status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in client.session
    assert client.get("/console/instances/").status_code == 302


def test_a_ram_users_console_session_ends_when_its_parent_is_deactivated(user, ram_user, instance):
    client = _log_in(ram_user.username)
    assert client.get("/console/instances/").status_code == 200

    _deactivate(user)
    response = client.get("/console/instances/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("path", ["/api/v1/instances/", "/api/v1/messages/", "/api/v1/me/"])
def test_a_ram_users_token_stops_working_when_its_parent_is_deactivated(
    api_client_for, user, ram_user, instance, path
):
    ram = api_client_for(ram_user)
    assert ram.get(path).status_code == 200

    _deactivate(user)
    response = ram.get(path)

    assert response.status_code == 401
    assert response.json()["code"] == "AUTHENTICATION_FAILED"


def test_a_deactivated_accounts_ram_user_gets_no_token(anon_api, user, ram_user):
    _deactivate(user)

    response = anon_api.post(
        "/api/v1/auth/token/", {"username": ram_user.username, "password": DEFAULT_PASSWORD}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "INVALID_CREDENTIALS"


def test_a_ram_users_access_key_stops_working_when_its_parent_is_deactivated(client, user, ram_user):
    key, secret = access_key_create(actor=ram_user)
    rpc = Rpc(client, key.access_key_id, secret)
    assert rpc.ecs("DescribeInstances", RegionId="cn-hangzhou").status_code == 200

    _deactivate(user)
    response = rpc.ecs("DescribeInstances", RegionId="cn-hangzhou")

    assert response.status_code == 404
    assert response.json()["Code"] == "InvalidAccessKeyId.NotFound"


def test_reactivating_the_parent_lets_its_ram_user_back_in(api_client_for, user, ram_user):
    ram = api_client_for(ram_user)
    _deactivate(user)
    assert ram.get("/api/v1/me/").status_code == 401

    user.is_active = True
    user.save(update_fields=["is_active"])

    assert ram.get("/api/v1/me/").status_code == 200


# --- API tokens: revoke, rotate, expiry ----------------------------------------------------------
def _obtain(username="alice", password=DEFAULT_PASSWORD) -> str:
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": username, "password": password}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


def test_a_revoked_token_stops_working_and_logging_in_again_gives_a_new_one(user):
    key = _obtain()
    client = _token_client(key)

    assert client.post("/api/v1/auth/token/revoke/").status_code == 204

    response = client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["code"] == "AUTHENTICATION_FAILED"
    assert _obtain() != key
    assert AuditEvent.objects.filter(action="account.token.revoke", target_id=str(user.pk)).exists()


def test_a_rotated_token_replaces_the_old_one_at_once(user):
    old = _obtain()

    response = _token_client(old).post("/api/v1/auth/token/rotate/")

    assert response.status_code == 200
    new = response.json()["token"]
    assert new != old
    assert _token_client(old).get("/api/v1/me/").status_code == 401
    assert _token_client(new).get("/api/v1/me/").json()["username"] == "alice"


def test_logging_in_again_returns_the_same_token_while_it_is_valid(user):
    assert _obtain() == _obtain()


def test_a_token_expires_after_its_lifetime_and_the_next_log_in_issues_a_new_one(user, settings):
    settings.API_TOKEN_TTL_DAYS = 30
    key = _obtain()
    assert _token_client(key).get("/api/v1/me/").status_code == 200

    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=30, minutes=1)):
        response = _token_client(key).get("/api/v1/me/")
        fresh = _obtain()

    assert response.status_code == 401
    assert response.json()["code"] == "TOKEN_EXPIRED"
    assert fresh != key
    assert _token_client(fresh).get("/api/v1/me/").status_code == 200


def test_a_console_log_out_revokes_the_api_token(user):
    key = _obtain()
    console = _log_in("alice")

    console.post("/accounts/logout/")

    assert _token_client(key).get("/api/v1/me/").status_code == 401


@pytest.mark.parametrize("key", ["a\x00b", "x" * 41, "not-hex-at-all"])
def test_a_malformed_token_is_refused_before_the_database(anon_api, key):
    anon_api.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    response = anon_api.get("/api/v1/me/")

    assert response.status_code == 401
    assert response.json()["code"] == "AUTHENTICATION_FAILED"


# --- password changes end the other sessions and every token ------------------------------------
def test_staff_changing_a_password_in_the_admin_revokes_the_accounts_token(user, staff):
    key = _obtain()
    admin = Client()
    admin.force_login(staff)

    response = admin.post(
        f"/admin/accounts/user/{user.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )

    assert response.status_code == 302, response.content[:500]
    assert _token_client(key).get("/api/v1/me/").status_code == 401
    assert _obtain(password=NEW_PASSWORD) != key


def test_changing_ones_password_through_the_api_ends_other_sessions_and_tokens(user):
    key = _obtain()
    browser = _log_in("alice")

    response = _token_client(key).post(
        "/api/v1/auth/password/",
        {"old_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD},
        format="json",
    )

    assert response.status_code == 200
    new_key = response.json()["token"]
    assert new_key != key
    assert _token_client(key).get("/api/v1/me/").status_code == 401
    assert _token_client(new_key).get("/api/v1/me/").status_code == 200
    assert browser.get("/console/instances/").status_code == 302
    assert _obtain(password=NEW_PASSWORD) == new_key
    assert AuditEvent.objects.filter(action="account.password.change", actor=user).count() == 1


def test_a_session_caller_changing_its_password_through_the_api_stays_logged_in(user):
    browser = _log_in("alice")

    response = browser.post(
        "/api/v1/auth/password/",
        {"old_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert browser.get("/api/v1/me/").status_code == 200


@pytest.mark.parametrize(
    "body, code, field",
    [
        ({"old_password": "wrong", "new_password": NEW_PASSWORD}, "WRONG_PASSWORD", "old_password"),
        ({"old_password": DEFAULT_PASSWORD, "new_password": "123"}, "INVALID_PASSWORD", "new_password"),
        ({"old_password": DEFAULT_PASSWORD}, "VALIDATION_ERROR", "new_password"),
    ],
)
def test_a_refused_password_change_changes_nothing(user, body, code, field):
    key = _obtain()

    response = _token_client(key).post("/api/v1/auth/password/", body, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert field in response.json()["fields"]
    assert _token_client(key).get("/api/v1/me/").status_code == 200
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)


def test_the_console_password_page_changes_the_password_and_keeps_this_session(user):
    key = _obtain()
    other_browser = _log_in("alice")
    console = _log_in("alice")
    assert console.get("/accounts/password/").status_code == 200

    wrong = console.post(
        "/accounts/password/",
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 200
    assert 'aria-invalid="true"' in wrong.content.decode()

    response = console.post(
        "/accounts/password/",
        {"old_password": DEFAULT_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    assert response.status_code == 200
    assert "Your password has been changed" in response.content.decode()
    assert console.get("/console/instances/").status_code == 200
    assert other_browser.get("/console/instances/").status_code == 302
    assert not Token.objects.filter(key=key).exists()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_ram_user_can_change_its_own_password(api_client_for, ram_user):
    response = api_client_for(ram_user).post(
        "/api/v1/auth/password/",
        {"old_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD},
        format="json",
    )

    assert response.status_code == 200
    ram_user.refresh_from_db()
    assert ram_user.check_password(NEW_PASSWORD)
