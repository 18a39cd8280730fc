"""The ``icp_simulator`` pytest fixture (SPEC 4.6), registered by the package's ``pytest11`` entry
point: installing the project is enough to use it, as moto's server mode is for AWS.

::

    def test_codes(icp_simulator):
        icp_simulator.load("tests/worlds/filed.yaml")
        key = icp_simulator.access_key("acme")
        client = Client(icp_simulator.sdk_config(key))  # alibabacloud_bsn20150512.client.Client
        icp_simulator.fault("GetBsnByResource", error="Throttling.User", times=1)
        ...

Where it runs:

* In a project whose Django settings are this simulator's (this repository's own suite, under
  pytest-django), the fixture uses pytest-django's ``live_server`` over the test database, which
  pytest-django empties after each test.
* Anywhere else (a user's suite, with or without Django of its own) it starts one simulator per
  test session in a child process (``python -m simulator.testserver``: a fresh SQLite database on
  a free loopback port) and puts the world back before each test: empty, or the world file named
  by the ``icp_simulator_world`` ini option (or ``SIMULATOR_WORLD``). It never configures Django
  in the test process.

The plugin only registers fixtures and one ini option: importing it imports nothing of Django.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

READY = "ICP_SIMULATOR_READY"


@dataclass(frozen=True)
class Account:
    username: str
    password: str
    uid: str


@dataclass(frozen=True)
class AccessKeyPair:
    access_key_id: str
    access_key_secret: str

    def __iter__(self):  # ``ak, secret = icp_simulator.access_key(...)``
        return iter((self.access_key_id, self.access_key_secret))


class SimulatorError(AssertionError):
    """A control call the simulator refused: the status and its JSON answer."""

    def __init__(self, status: int, body: Any) -> None:
        self.status = status
        self.body = body
        super().__init__(f"HTTP {status}: {body}")


class IcpSimulator:
    """A running simulator and the staff controls a test needs."""

    def __init__(self, base_url: str, staff_token: str) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"not an http(s) URL: {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self.staff_token = staff_token

    @property
    def endpoint(self) -> str:
        """``host:port`` for the SDKs' ``endpoint`` (with ``protocol="http"``)."""
        return self.base_url.split("://", 1)[1]

    # --- HTTP ------------------------------------------------------------------------------------
    def request(
        self, method: str, path: str, body: Any = None, *, token: str | None = None, raw=None, ctype=None
    ):
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        headers = {"Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = ctype or "application/json"
        headers["Authorization"] = f"Token {token or self.staff_token}"
        request = urllib.request.Request(  # noqa: S310 - http(s) to the simulator only
            self.base_url + path, data=data, method=method, headers=headers
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - our own loopback server
                text = response.read()
                return json.loads(text) if text else None
        except urllib.error.HTTPError as exc:
            text = exc.read()
            try:
                payload = json.loads(text)
            except ValueError:
                payload = text.decode("utf-8", "replace")
            raise SimulatorError(exc.code, payload) from None

    # --- controls --------------------------------------------------------------------------------
    def reset(self, world: str = "empty") -> dict:
        """The world back to ``empty`` or the ``demo`` (staff kept, clock at real time, no faults)."""
        return self.request("POST", "/api/v1/simulator/reset/", {"world": world})

    def load(self, world: str | os.PathLike | dict) -> dict:
        """Replace the world by a world file (a path to JSON or YAML) or a document (a dict)."""
        if isinstance(world, dict):
            return self.request("POST", "/api/v1/simulator/restore/", world)
        path = Path(world)
        ctype = "application/yaml" if path.suffix in (".yaml", ".yml") else "application/json"
        return self.request("POST", "/api/v1/simulator/restore/", raw=path.read_bytes(), ctype=ctype)

    def snapshot(self) -> dict:
        return self.request("GET", "/api/v1/simulator/snapshot/")

    def restore(self, document: dict) -> dict:
        return self.request("POST", "/api/v1/simulator/restore/", document)

    def create_account(
        self, username: str | None = None, password: str | None = None, *, parent_uid=None
    ) -> Account:
        """A new account (or a RAM user of ``parent_uid``) that can log in with ``password``."""
        username = username or f"user-{secrets.token_hex(4)}"
        password = password or f"Pw-{secrets.token_urlsafe(12)}"
        body = {"username": username, "password": password}
        if parent_uid:
            body["parent_uid"] = parent_uid
        created = self.request("POST", "/api/v1/accounts/", body)
        return Account(username=created["username"], password=password, uid=created["uid"])

    def access_key(self, account: Account | str) -> AccessKeyPair:
        """A new AccessKey pair of ``account`` (an :class:`Account` or a username)."""
        username = account.username if isinstance(account, Account) else account
        pair = self.request("POST", "/api/v1/simulator/access-keys/", {"username": username})
        return AccessKeyPair(pair["access_key_id"], pair["access_key_secret"])

    def token(self, account: Account) -> str:
        """A REST API token of ``account``."""
        answer = self.request(
            "POST", "/api/v1/auth/token/", {"username": account.username, "password": account.password}
        )
        return answer["token"]

    def advance_clock(self, days: int) -> dict:
        return self.request("POST", "/api/v1/clock/", {"advance_days": days})

    def fault(
        self, target: str, *, error: str | int = "", probability: float = 1.0, latency_ms: int = 0, times=None
    ):
        """Make ``target`` (an RPC action or a REST route name) fail or slow down."""
        rule = {"target": target, "error": str(error), "probability": probability, "latency_ms": latency_ms}
        if times is not None:
            rule["times"] = times
        return self.request("POST", "/api/v1/simulator/faults/", rule)

    def clear_faults(self) -> None:
        self.request("DELETE", "/api/v1/simulator/faults/")

    def injected_faults(self) -> list[dict]:
        return self.request("GET", "/api/v1/simulator/faults/log/?page_size=100")["results"]

    def settings(self, **changes) -> dict:
        if changes:
            return self.request("PATCH", "/api/v1/simulator/settings/", changes)
        return self.request("GET", "/api/v1/simulator/settings/")

    def sdk_config(self, key: AccessKeyPair, **options):
        """An ``alibabacloud_tea_openapi`` ``Config`` pointed at this simulator (plain HTTP)."""
        from alibabacloud_tea_openapi import models as open_api_models

        values = {
            "access_key_id": key.access_key_id,
            "access_key_secret": key.access_key_secret,
            "endpoint": self.endpoint,
            "protocol": "http",
            "region_id": "cn-hangzhou",
        }
        values.update(options)
        return open_api_models.Config(**values)


# --- where the simulator runs ------------------------------------------------------------------
def _django_is_this_simulator() -> bool:
    """Is Django already set up, by pytest-django, with this simulator's settings?"""
    if "django" not in sys.modules:
        return False
    from django.conf import settings

    try:
        return settings.configured and "simulator" in settings.INSTALLED_APPS
    except Exception:  # noqa: BLE001 - settings that cannot even be read are not ours
        return False


class _ChildServer:
    def __init__(self) -> None:
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        self.process = subprocess.Popen(  # noqa: S603 - this package's own module
            [sys.executable, "-m", "simulator.testserver"],
            stdout=subprocess.PIPE,
            stderr=None,
            env=env,
            text=True,
        )
        line = ""
        while self.process.poll() is None:
            line = self.process.stdout.readline()
            if line.startswith(READY):
                break
        if not line.startswith(READY):
            raise RuntimeError(f"the simulator did not start (exit status {self.process.poll()})")
        _ready, port, token = line.split()
        self.simulator = IcpSimulator(f"http://127.0.0.1:{port}", token)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            self.process.kill()
        self.process.stdout.close()


def pytest_addoption(parser):
    parser.addini(
        "icp_simulator_world",
        "A world file (JSON or YAML) every test using icp_simulator starts from (default: an empty world).",
        default="",
    )


def pytest_collection_modifyitems(config, items):
    """Under pytest-django with this simulator's settings, a test using ``icp_simulator`` needs a
    transactional database (the live server runs in another thread): mark it so."""
    if not _django_is_this_simulator():
        return
    for item in items:
        if "icp_simulator" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("django_db"):
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def _icp_simulator_child():
    server = _ChildServer()
    yield server.simulator
    server.stop()


def _start_world(request) -> str:
    world = request.config.getini("icp_simulator_world") or os.environ.get("SIMULATOR_WORLD", "")
    if world and not Path(world).is_absolute():
        world = str(Path(request.config.rootpath) / world)
    return world


@pytest.fixture
def icp_simulator(request) -> IcpSimulator:
    """A live simulator over a fresh world, with the staff controls a test needs."""
    if _django_is_this_simulator():
        # The test carries django_db(transaction=True) (added at collection, below), so its
        # database is set up before this fixture runs and the live server sees its rows.
        live_server = request.getfixturevalue("live_server")
        from django.contrib.auth.models import Permission
        from rest_framework.authtoken.models import Token

        from icpconsole.accounts.models import User

        staff = User.objects.create_user(username=f"icp-simulator-staff-{secrets.token_hex(3)}")
        staff.is_staff = True
        staff.save()
        # Issue 27: the controls need their own right, not only staff status.
        staff.user_permissions.add(
            Permission.objects.get(codename="drive_sandbox", content_type__app_label="simulator")
        )
        simulator = IcpSimulator(live_server.url, Token.objects.create(user=staff).key)
        simulator.reset()
    else:
        simulator = request.getfixturevalue("_icp_simulator_child")
        simulator.reset()
    world = _start_world(request)
    if world:
        simulator.load(world)
    yield simulator
    _close_sdk_sessions()


def _close_sdk_sessions() -> None:
    """The Tea SDKs keep keep-alive sessions process-wide; close them between tests."""
    core = sys.modules.get("darabonba.core")
    if core is not None:
        for session in getattr(core.DaraCore, "_sessions", {}).values():
            session.close()
        getattr(core.DaraCore, "_sessions", {}).clear()
