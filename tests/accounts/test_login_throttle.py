"""Failed log-ins are throttled per address before the password hash, in every face (issue 27
point 7): random usernames never reach django-axes' per-username limit."""

import pytest

from icpconsole.accounts.backends import AccountBackend

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _three_a_minute(settings):
    settings.LOGIN_FAILURES_PER_MINUTE = 3


@pytest.fixture
def hashes(monkeypatch):
    """How many times the password-checking backend ran (each run hashes a password)."""
    calls = []
    original = AccountBackend.authenticate

    def counted(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(AccountBackend, "authenticate", counted)
    return calls


def _fail_three_times(post):
    for k in range(3):
        post(f"random-{k}")


def test_the_api_token_refuses_an_address_that_failed_too_often_before_hashing(
    anon_api, user, password, hashes
):
    def post(username, secret="wrong", **extra):  # noqa: S107 - a wrong password on purpose
        body = {"username": username, "password": secret}
        return anon_api.post("/api/v1/auth/token/", body, format="json", **extra)

    _fail_three_times(post)
    assert len(hashes) == 3
    refused = post("alice", password)
    assert (refused.status_code, refused.json()["code"]) == (429, "LOGIN_THROTTLED")
    assert len(hashes) == 3  # no hash for the refused attempt, the right password included
    # Another address is not concerned.
    assert post("alice", password, REMOTE_ADDR="10.9.8.7").status_code == 200


def test_the_console_log_in_shows_the_throttle(client, user, password, hashes):
    _fail_three_times(lambda name: client.post("/accounts/login/", {"username": name, "password": "x"}))
    refused = client.post("/accounts/login/", {"username": "alice", "password": password})
    assert refused.status_code == 429
    assert b'data-code="LOGIN_THROTTLED"' in refused.content
    assert "_auth_user_id" not in client.session
    assert len(hashes) == 3


def test_the_admin_log_in_shows_the_throttle(client, hashes):
    _fail_three_times(lambda name: client.post("/admin/login/", {"username": name, "password": "x"}))
    refused = client.post("/admin/login/", {"username": "root", "password": "x"})
    assert refused.status_code == 429
    assert b'data-code="LOGIN_THROTTLED"' in refused.content
    assert len(hashes) == 3
