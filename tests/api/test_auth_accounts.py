"""Tokens, 401/403, /me and account creation (SPEC 3.1, 4.2)."""

import pytest

from icpconsole.accounts.models import User
from tests.factories import DEFAULT_PASSWORD

INSTANCE = "i-bp1aaaaaaaaaaaaaaaaa"
CODE = "32a43232-a888-88e8-b9ec-00888be8888f"

# Every endpoint of the foundation and service-code API, as (method, path).
ENDPOINTS = [
    ("get", "/api/v1/me/"),
    ("post", "/api/v1/accounts/"),
    ("get", "/api/v1/regions/"),
    ("get", "/api/v1/products/"),
    ("get", "/api/v1/instances/"),
    ("post", "/api/v1/instances/"),
    ("get", f"/api/v1/instances/{INSTANCE}/"),
    ("post", f"/api/v1/instances/{INSTANCE}/renew/"),
    ("post", f"/api/v1/instances/{INSTANCE}/convert-to-prepaid/"),
    ("post", f"/api/v1/instances/{INSTANCE}/modify-bandwidth/"),
    ("post", f"/api/v1/instances/{INSTANCE}/stop/"),
    ("post", f"/api/v1/instances/{INSTANCE}/start/"),
    ("post", f"/api/v1/instances/{INSTANCE}/release/"),
    ("post", f"/api/v1/instances/{INSTANCE}/service-codes/"),
    ("get", "/api/v1/service-codes/"),
    ("get", f"/api/v1/service-codes/{CODE}/"),
    ("get", "/api/v1/clock/"),
    ("post", "/api/v1/clock/"),
    ("get", "/api/v1/audit-events/"),
]


# --- token -------------------------------------------------------------------------------------
def test_token_is_issued_for_correct_credentials_and_authenticates(anon_api, user):
    response = anon_api.post(
        "/api/v1/auth/token/", {"username": "alice", "password": DEFAULT_PASSWORD}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    anon_api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert anon_api.get("/api/v1/me/").json()["username"] == "alice"


def test_token_is_the_same_on_a_second_login(anon_api, user):
    body = {"username": "alice", "password": DEFAULT_PASSWORD}
    first = anon_api.post("/api/v1/auth/token/", body, format="json").json()["token"]
    assert anon_api.post("/api/v1/auth/token/", body, format="json").json()["token"] == first


def test_token_with_a_wrong_password_is_400_invalid_credentials(anon_api, user):
    response = anon_api.post("/api/v1/auth/token/", {"username": "alice", "password": "wrong"}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "INVALID_CREDENTIALS"
    assert response.json()["message"]


def test_token_for_an_unknown_user_is_400_invalid_credentials(anon_api, db):
    response = anon_api.post("/api/v1/auth/token/", {"username": "nobody", "password": "x"}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "INVALID_CREDENTIALS"


def test_token_without_a_password_is_a_validation_error(anon_api, user):
    response = anon_api.post("/api/v1/auth/token/", {"username": "alice"}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "VALIDATION_ERROR"
    assert "password" in response.json()["fields"]


def test_token_endpoint_accepts_only_json(anon_api, user):
    response = anon_api.post(
        "/api/v1/auth/token/", {"username": "alice", "password": DEFAULT_PASSWORD}, format="multipart"
    )
    assert response.status_code == 415
    assert response.json()["code"] == "UNSUPPORTED_MEDIA_TYPE"


def test_token_endpoint_ignores_a_stale_token_header(anon_api, user):
    anon_api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = anon_api.post(
        "/api/v1/auth/token/", {"username": "alice", "password": DEFAULT_PASSWORD}, format="json"
    )
    assert response.status_code == 200


def test_token_endpoint_rejects_malformed_json(anon_api, user):
    response = anon_api.post("/api/v1/auth/token/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "MALFORMED_REQUEST"


# --- 401 / 403 ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_anonymous_caller_gets_401_with_www_authenticate(anon_api, method, path):
    response = getattr(anon_api, method)(path, {}, format="json")
    assert response.status_code == 401
    assert response.json()["code"] == "NOT_AUTHENTICATED"
    assert response["WWW-Authenticate"].startswith("Token")


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_an_invalid_token_gets_401(anon_api, method, path):
    anon_api.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    response = getattr(anon_api, method)(path, {}, format="json")
    assert response.status_code == 401
    assert response.json()["code"] == "AUTHENTICATION_FAILED"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/accounts/", {"username": "eve", "password": DEFAULT_PASSWORD}),
        ("/api/v1/clock/", {"advance_days": 1}),
    ],
)
def test_staff_only_endpoints_are_403_for_other_accounts(api, ram_api, path, body):
    for client in (api, ram_api):
        response = client.post(path, body, format="json")
        assert response.status_code == 403
        assert response.json()["code"] == "PERMISSION_DENIED"


def test_session_login_works_for_the_api(client, user):
    client.force_login(user)
    assert client.get("/api/v1/me/").json()["username"] == "alice"


# --- /me ---------------------------------------------------------------------------------------
def test_me_describes_an_account(api, user):
    response = api.get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json() == {
        "uid": user.uid,
        "username": "alice",
        "display_name": "Alice",
        "is_staff": False,
        "parent_uid": None,
        "certification": "personal",  # SPEC 3.14
    }
    assert isinstance(response.json()["uid"], str) and len(user.uid) == 16


def test_me_of_a_ram_user_names_its_parent(ram_api, user, ram_user):
    data = ram_api.get("/api/v1/me/").json()
    assert data["uid"] == ram_user.uid
    assert data["parent_uid"] == user.uid


def test_me_of_staff_says_so(staff_api):
    assert staff_api.get("/api/v1/me/").json()["is_staff"] is True


# --- account creation --------------------------------------------------------------------------
def test_staff_creates_an_account(staff_api, anon_api):
    response = staff_api.post(
        "/api/v1/accounts/",
        {"username": "bob", "password": DEFAULT_PASSWORD, "display_name": "Bob Ltd."},
        format="json",
    )
    assert response.status_code == 201
    data = response.json()
    assert set(data) == {"uid", "username", "display_name", "parent_uid"}
    assert data["username"] == "bob" and data["display_name"] == "Bob Ltd." and data["parent_uid"] is None
    assert len(data["uid"]) == 16 and data["uid"].isdigit()
    created = User.objects.get(username="bob")
    assert created.uid == data["uid"] and not created.is_staff
    token = anon_api.post(
        "/api/v1/auth/token/", {"username": "bob", "password": DEFAULT_PASSWORD}, format="json"
    )
    assert token.status_code == 200


def test_staff_creates_a_ram_user_of_an_account(staff_api, user, api_client_for):
    response = staff_api.post(
        "/api/v1/accounts/",
        {"username": "alice-ops", "password": DEFAULT_PASSWORD, "parent_uid": user.uid},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["parent_uid"] == user.uid
    ram = User.objects.get(username="alice-ops")
    assert ram.parent == user
    assert api_client_for(ram).get("/api/v1/me/").json()["parent_uid"] == user.uid


def test_account_creation_is_audited_in_the_parents_log(staff_api, user, api):
    staff_api.post(
        "/api/v1/accounts/",
        {"username": "alice-ops", "password": DEFAULT_PASSWORD, "parent_uid": user.uid},
        format="json",
    )
    actions = [e["action"] for e in api.get("/api/v1/audit-events/").json()["results"]]
    assert actions == ["account.create"]


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (
            {"username": "eve", "password": DEFAULT_PASSWORD, "parent_uid": "1234567890123456"},
            400,
            "INVALID_PARENT",
        ),
        ({"username": "alice", "password": DEFAULT_PASSWORD}, 409, "USERNAME_TAKEN"),
        ({"username": "ALICE", "password": DEFAULT_PASSWORD}, 409, "USERNAME_TAKEN"),
        ({"username": "eve", "password": "123"}, 400, "INVALID_PASSWORD"),
        ({"username": "eve"}, 400, "VALIDATION_ERROR"),
        ({"password": DEFAULT_PASSWORD}, 400, "VALIDATION_ERROR"),
        ({"username": "has space", "password": DEFAULT_PASSWORD}, 400, "VALIDATION_ERROR"),
        ({"username": "", "password": DEFAULT_PASSWORD}, 400, "VALIDATION_ERROR"),
        ({"username": True, "password": DEFAULT_PASSWORD}, 400, "VALIDATION_ERROR"),
        ([], 400, "VALIDATION_ERROR"),
    ],
)
def test_bad_account_creation_is_refused_and_changes_nothing(
    staff_api, user, db_unchanged, body, status, code
):
    with db_unchanged():
        response = staff_api.post("/api/v1/accounts/", body, format="json")
    assert response.status_code == status
    assert response.json()["code"] == code


def test_a_ram_user_cannot_parent_a_ram_user(staff_api, ram_user, db_unchanged):
    with db_unchanged():
        response = staff_api.post(
            "/api/v1/accounts/",
            {"username": "eve", "password": DEFAULT_PASSWORD, "parent_uid": ram_user.uid},
            format="json",
        )
    assert response.status_code == 400
    assert response.json()["code"] == "INVALID_PARENT"
    assert response.json()["fields"] == {"parent_uid": [response.json()["message"]]}


def test_accounts_endpoint_has_no_listing(staff_api):
    assert staff_api.get("/api/v1/accounts/").status_code == 405
