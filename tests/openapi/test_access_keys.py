"""AccessKey pairs: the services, /api/v1/access-keys/ and the console page (SPEC 4.5)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from icpconsole.core.errors import Conflict, NotFound
from icpconsole.core.models import AuditEvent
from openapi import services
from openapi.crypto import decrypt_secret
from openapi.models import AccessKey

KEY_ID = re.compile(r"^LTAI[A-Za-z0-9]{20}$")


# --- services ----------------------------------------------------------------------------------
def test_create_returns_the_secret_and_stores_it_encrypted(user):
    key, secret = services.access_key_create(actor=user)
    assert KEY_ID.match(key.access_key_id)
    assert len(secret) == 30 and secret.isalnum()
    assert secret not in key.secret_encrypted
    assert decrypt_secret(key.secret_encrypted) == secret
    event = AuditEvent.objects.get(action="access_key.create")
    assert event.target_id == key.access_key_id and secret not in str(event.details)


def test_a_third_pair_is_refused(user):
    services.access_key_create(actor=user)
    services.access_key_create(actor=user)
    with pytest.raises(Conflict) as exc:
        services.access_key_create(actor=user)
    assert exc.value.code == "ACCESS_KEY_LIMIT"


def test_the_limit_is_per_login_ram_users_included(user, ram_user):
    for owner in (user, user, ram_user, ram_user):
        services.access_key_create(actor=owner)
    assert AccessKey.objects.filter(owner=ram_user).count() == 2


def test_disable_enable_delete_are_audited(user):
    key, _ = services.access_key_create(actor=user)
    services.access_key_disable(actor=user, access_key_id=key.access_key_id)
    with pytest.raises(Conflict) as exc:
        services.access_key_disable(actor=user, access_key_id=key.access_key_id)
    assert exc.value.code == "ACCESS_KEY_ALREADY_INACTIVE"
    services.access_key_enable(actor=user, access_key_id=key.access_key_id)
    services.access_key_delete(actor=user, access_key_id=key.access_key_id)
    assert not AccessKey.objects.exists()
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["access_key.create", "access_key.disable", "access_key.enable", "access_key.delete"]


def test_another_logins_key_is_not_found(user, other_user):
    key, _ = services.access_key_create(actor=other_user)
    with pytest.raises(NotFound):
        services.access_key_disable(actor=user, access_key_id=key.access_key_id)


# --- REST API ----------------------------------------------------------------------------------
def test_api_create_shows_the_secret_once(api):
    response = api.post("/api/v1/access-keys/")
    assert response.status_code == 201
    created = response.json()
    assert set(created) == {"access_key_id", "access_key_secret", "status", "created_time", "last_used_time"}
    assert created["status"] == "Active"
    assert response["Cache-Control"] == "no-store"
    listed = api.get("/api/v1/access-keys/").json()
    assert listed["count"] == 1
    assert "access_key_secret" not in listed["results"][0]
    assert (
        created["access_key_secret"]
        not in api.get(f"/api/v1/access-keys/{created['access_key_id']}/").content.decode()
    )


def test_api_limit_disable_enable_delete(api):
    ids = [api.post("/api/v1/access-keys/").json()["access_key_id"] for _ in range(2)]
    refused = api.post("/api/v1/access-keys/")
    assert refused.status_code == 409 and refused.json()["code"] == "ACCESS_KEY_LIMIT"
    assert api.post(f"/api/v1/access-keys/{ids[0]}/disable/").json()["status"] == "Inactive"
    again = api.post(f"/api/v1/access-keys/{ids[0]}/disable/")
    assert again.status_code == 409 and again.json()["code"] == "ACCESS_KEY_ALREADY_INACTIVE"
    assert api.post(f"/api/v1/access-keys/{ids[0]}/enable/").json()["status"] == "Active"
    assert api.delete(f"/api/v1/access-keys/{ids[0]}/").status_code == 204
    assert api.get("/api/v1/access-keys/").json()["count"] == 1


def test_api_another_logins_key_is_404(api, other_user):
    key, _ = services.access_key_create(actor=other_user)
    for response in (
        api.get(f"/api/v1/access-keys/{key.access_key_id}/"),
        api.post(f"/api/v1/access-keys/{key.access_key_id}/disable/"),
        api.delete(f"/api/v1/access-keys/{key.access_key_id}/"),
    ):
        assert response.status_code == 404
        assert response.json()["code"] == "ACCESS_KEY_NOT_FOUND"
    assert api.get("/api/v1/access-keys/").json()["count"] == 0


def test_api_needs_login(anon_api):
    assert anon_api.get("/api/v1/access-keys/").status_code == 401
    assert anon_api.post("/api/v1/access-keys/").status_code == 401


def test_api_ram_user_manages_its_own_keys(api_client_for, ram_user, user):
    services.access_key_create(actor=user)
    ram_api = api_client_for(ram_user)
    assert ram_api.post("/api/v1/access-keys/").status_code == 201
    assert ram_api.get("/api/v1/access-keys/").json()["count"] == 1


# --- console -----------------------------------------------------------------------------------
URL = "/console/access-keys/"


def test_console_needs_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")


def test_console_create_shows_the_secret_only_once(console, user):
    created = console.post(URL)
    # Post/redirect/get: reloading the page that shows the secret creates no other pair.
    assert created.status_code == 302 and created["Location"] == URL
    response = console.get(URL)
    assert response.status_code == 200
    key = AccessKey.objects.get(owner=user)
    secret = decrypt_secret(key.secret_encrypted)
    html = response.content.decode()
    assert secret in html and key.access_key_id in html
    assert response["Cache-Control"] == "no-store"
    again = console.get(URL).content.decode()
    assert key.access_key_id in again and secret not in again
    assert AccessKey.objects.filter(owner=user).count() == 1


def test_console_hides_create_at_the_limit_and_refuses_it(console, user):
    services.access_key_create(actor=user)
    services.access_key_create(actor=user)
    assert b"data-create-access-key" not in console.get(URL).content
    response = console.post(URL, follow=True)
    assert response.status_code == 200
    assert AccessKey.objects.filter(owner=user).count() == 2
    assert "at most 2" in response.content.decode()


def test_console_disable_enable_delete(console, user):
    key, _ = services.access_key_create(actor=user)
    console.post(f"{URL}{key.access_key_id}/disable/")
    key.refresh_from_db()
    assert key.status == "Inactive"
    assert (
        f'data-access-key-id="{key.access_key_id}" data-status="Inactive"'
        in console.get(URL).content.decode()
    )
    console.post(f"{URL}{key.access_key_id}/enable/")
    key.refresh_from_db()
    assert key.status == "Active"
    confirm = console.get(f"{URL}{key.access_key_id}/delete/")
    assert confirm.status_code == 200 and b"csrfmiddlewaretoken" in confirm.content
    response = console.post(f"{URL}{key.access_key_id}/delete/", follow=True)
    assert response.status_code == 200
    assert not AccessKey.objects.exists()


def test_console_another_logins_key_is_not_found_and_unchanged(console, other_user):
    key, _ = services.access_key_create(actor=other_user)
    for action in ("disable", "enable", "delete"):
        assert console.post(f"{URL}{key.access_key_id}/{action}/").status_code == 404
    assert console.get(f"{URL}{key.access_key_id}/delete/").status_code == 404
    key.refresh_from_db()
    assert key.status == "Active"


def test_console_page_has_no_inline_script(console, user):
    services.access_key_create(actor=user)
    html = console.get(URL).content.decode()
    assert "<script>" not in html and " onclick=" not in html


def test_console_page_in_chinese(console):
    console.cookies["django_language"] = "zh-hans"
    assert console.get(URL).status_code == 200


def test_console_list_query_count_is_constant(console, user, ram_user):
    services.access_key_create(actor=user)
    with CaptureQueriesContext(connection) as one:
        console.get(URL)
    services.access_key_create(actor=user)
    with CaptureQueriesContext(connection) as two:
        console.get(URL)
    assert len(two.captured_queries) == len(one.captured_queries)


def test_api_schema_documents_every_access_key_operation_without_warnings():
    from django.urls import include, path
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.validation import validate_schema

    patterns = [path("api/v1/", include("openapi.api.urls"))]
    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        schema = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)
    problems = dict(GENERATOR_STATS._warn_cache) | dict(GENERATOR_STATS._error_cache)
    GENERATOR_STATS.reset()
    assert not problems, problems
    validate_schema(schema)
    operations = {(route, method): op for route, ops in schema["paths"].items() for method, op in ops.items()}
    assert set(operations) == {
        ("/api/v1/access-keys/", "get"),
        ("/api/v1/access-keys/", "post"),
        ("/api/v1/access-keys/{access_key_id}/", "get"),
        ("/api/v1/access-keys/{access_key_id}/", "delete"),
        ("/api/v1/access-keys/{access_key_id}/disable/", "post"),
        ("/api/v1/access-keys/{access_key_id}/enable/", "post"),
    }
    for (route, method), operation in operations.items():
        assert "401" in operation["responses"], (method, route)


def test_admin_lists_keys_without_their_secrets_and_cannot_change_them(client, staff, user):
    key, secret = services.access_key_create(actor=user)
    client.force_login(staff)
    listing = client.get("/admin/openapi/accesskey/")
    assert listing.status_code == 200 and key.access_key_id in listing.content.decode()
    detail = client.get(f"/admin/openapi/accesskey/{key.pk}/change/")
    assert detail.status_code == 200
    assert secret not in detail.content.decode() and key.secret_encrypted not in detail.content.decode()
    assert client.get("/admin/openapi/accesskey/add/").status_code == 403
    assert client.get("/admin/openapi/servicecodegrant/").status_code == 200
