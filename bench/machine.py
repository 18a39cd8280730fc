"""The machine ``make bench`` (``bench/run.py``) runs on: wrk (installed from Debian when allowed),
PostgreSQL (started from its Debian cluster when it does not answer), and what the report says of
the machine and the versions measured."""

# ruff: noqa: S603, S607 - the subprocesses are this project's own tools, apt-get, pg_ctlcluster and wrk,
# run with fixed argument lists (nothing comes from outside).

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import time
from pathlib import Path

from bench import load
from bench.harness import PY, REPO, log, pg_connect


def ensure_wrk(allow_install: bool) -> bool:
    if load.wrk_available():
        return True
    if not allow_install or not shutil.which("apt-get") or os.geteuid() != 0:
        return False
    log("wrk is missing: installing Debian's wrk")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}
    if subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], **quiet).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], **quiet)
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], **quiet)
    return load.wrk_available()


def ensure_postgres() -> str | None:
    """The server's version when PostgreSQL answers (started from its Debian cluster if need be)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return None

    def version():
        try:
            with pg_connect() as conn:
                return conn.execute("SHOW server_version").fetchone()[0]
        except Exception:  # noqa: BLE001 - any failure means "not reachable"
            return None

    found = version()
    if found or not Path("/etc/postgresql").is_dir() or not shutil.which("pg_ctlcluster"):
        return found
    for cluster in sorted(os.listdir("/etc/postgresql")):
        log(f"starting PostgreSQL cluster {cluster}/main")
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "start"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    for _ in range(30):
        found = version()
        if found:
            return found
        time.sleep(1)
    return None


def machine_info(pg_version: str | None, wrk: bool) -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = json.loads(
        subprocess.run(
            [
                PY,
                "-c",
                "import json, django, rest_framework, sqlite3, platform; print(json.dumps({"
                "'python': platform.python_version(), 'django': django.get_version(), "
                "'drf': rest_framework.VERSION, 'sqlite': sqlite3.sqlite_version}))",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    gunicorn_version = subprocess.run(
        [str(REPO / ".venv" / "bin" / "gunicorn"), "--version"], capture_output=True, text=True
    ).stdout.strip()
    wrk_version = ""
    if wrk:
        probe = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
        first_line = ((probe.stdout or probe.stderr or "wrk").splitlines() or ["wrk"])[0]
        wrk_version = " ".join(first_line.split()[:2])
    return {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "kernel": platform.release(),
        **versions,
        "postgresql": pg_version or "not available",
        "gunicorn": gunicorn_version,
        "wrk": wrk_version or "not installed (Python driver used)",
    }
