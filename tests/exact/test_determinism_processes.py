"""Deterministic across processes (SPEC 4.8, issue 25): with ``SIMULATOR_SEED`` the generated values
come from counts kept in the database, so ``createsuperuser`` in one process, then a server of two
gunicorn workers in others, give the same values in two runs over fresh databases, and never a
duplicate (the uid of the command's account was a 500 for the server's first account before)."""

# ruff: noqa: S603 - this checkout's manage.py and gunicorn, with fixed argument lists.

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.fleet import nodes

pytestmark = pytest.mark.timeout(240)

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path, name: str, seed: str) -> dict:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "icpconsole.settings",
        "DEBUG": "false",
        "SECRET_KEY": "determinism-" + uuid.uuid4().hex * 2,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_MANIFEST": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / name}.sqlite3",
        "SIMULATOR_SEED": seed,
        "GUNICORN_LOG_LEVEL": "warning",
        "PYTHONWARNINGS": "ignore",
    }


def _manage(env: dict, *args: str) -> None:
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    subprocess.run(command, check=True, env=env, cwd=ROOT, timeout=180)


def _token(port: int, username: str, password: str) -> str:
    credentials = {"username": username, "password": password}
    status, body = nodes.request(port, "POST", "/api/v1/auth/token/", body=credentials)
    assert status == 200, body
    return body["token"]


def _run(tmp_path: Path, name: str, seed: str) -> dict:
    env = _env(tmp_path, name, seed)
    _manage(env, "migrate", "-v0")
    _manage(
        {
            **env,
            "DJANGO_SUPERUSER_USERNAME": "root",
            "DJANGO_SUPERUSER_EMAIL": "root@example.com",
            "DJANGO_SUPERUSER_PASSWORD": "Root-passw0rd-1",
        },
        "createsuperuser",
        "--noinput",
    )
    values: dict = {"uids": [], "instances": [], "codes": []}
    with nodes.fleet(env, log_dir=tmp_path, count=1, workers=2, threads=2) as (port,):
        root = _token(port, "root", "Root-passw0rd-1")
        status, me = nodes.request(port, "GET", "/api/v1/me/", token=root)
        values["uids"].append(me["uid"])
        # Sequential requests, each on a new connection: gunicorn hands them to either worker.
        for username in ("alice", "bob", "carol"):
            status, body = nodes.request(
                port,
                "POST",
                "/api/v1/accounts/",
                token=root,
                body={"username": username, "password": f"Passw0rd-{username}-1", "display_name": username},
            )
            assert status == 201, body
            values["uids"].append(body["uid"])
        alice = _token(port, "alice", "Passw0rd-alice-1")
        for _ in range(2):
            status, body = nodes.request(
                port,
                "POST",
                "/api/v1/instances/",
                token=alice,
                body={
                    "product": "ecs",
                    "region_id": "cn-hangzhou",
                    "charge_type": "PrePaid",
                    "period_months": 3,
                    "internet_max_bandwidth_out": 5,
                },
            )
            assert status == 201, body
            values["instances"].append((body["instance_id"], body["public_ip_address"]))
            status, body = nodes.request(
                port, "POST", f"/api/v1/instances/{body['instance_id']}/service-codes/", token=alice
            )
            assert status == 201, body
            values["codes"].append(body["code"])
    return values


def test_createsuperuser_then_two_workers_give_the_same_values_in_two_runs(tmp_path):
    if not nodes.gunicorn_path():
        pytest.skip("gunicorn is not installed (it is in the default install: make install)")
    first = _run(tmp_path, "a", "1234")
    second = _run(tmp_path, "b", "1234")

    assert first == second
    assert len(set(first["uids"])) == 4  # the command's account and the server's three: no duplicate
    assert len({i for i, _ in first["instances"]}) == 2 and len(set(first["codes"])) == 2
