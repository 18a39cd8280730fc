"""Production-facing basics: health check, security headers, locked-out log-ins."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_503_when_the_database_fails(client, monkeypatch):
    from django.db import connection

    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_every_page_carries_a_csp_without_inline_scripts(client):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert response["X-Frame-Options"] == "DENY"


def test_swagger_ui_uses_no_inline_script_and_no_cdn(client):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<script>" not in html.replace(" ", "")
    assert "cdn." not in html and "unpkg" not in html


@override_settings(AXES_FAILURE_LIMIT=3)
def test_console_login_locks_out_after_repeated_failures(client, user, password):
    for _ in range(3):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    locked = client.post("/accounts/login/", {"username": "alice", "password": password})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_still_works_below_the_limit(client, user, password):
    client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    ok = client.post("/accounts/login/", {"username": "alice", "password": password})
    assert ok.status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_token_endpoint_locks_out_after_repeated_failures(anon_api, user, password):
    for _ in range(3):
        anon_api.post("/api/v1/auth/token/", {"username": "alice", "password": "wrong"}, format="json")
    locked = anon_api.post("/api/v1/auth/token/", {"username": "alice", "password": password}, format="json")
    assert locked.status_code == 429, locked.content
    assert locked.json()["code"] == "LOGIN_LOCKED"


@pytest.mark.parametrize(
    "path",
    [
        "/console/instances/%00/renew/",
        "/console/icp/application/%00/apply/",
        "/console/access-keys/%00/delete/",
        "/console/instances/i-bp1%E2%80%AE/renew/",
    ],
)
def test_an_id_no_resource_can_have_is_a_404_not_a_500(console, path):
    """A NUL byte in an id made PostgreSQL raise (a 500); ids are matched by the URL converter now."""
    assert console.get(path).status_code == 404
