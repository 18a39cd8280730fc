"""What every part of ``make bench`` (``bench/run.py``) shares: the paths, the product's
environment as production sets it, the log, the benchmark databases and the worker process that
seeds and measures them."""

# ruff: noqa: S603 - the subprocess is this project's own worker, run with a fixed argument list.

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
VENV_PY = REPO / ".venv" / "bin" / "python"
PY = str(VENV_PY) if VENV_PY.exists() else sys.executable
PG_BASE = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
# Database names start with this (BENCH_DB_PREFIX), so two runs on one server need not collide.
PG_TEMPLATE = os.environ.get("BENCH_DB_PREFIX", "icp_bench")

# The product's own environment knobs, set as production would (DEBUG off), minus TLS.
BENCH_ENV = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "STATIC_MANIFEST": "false",
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "LOG_LEVEL": "ERROR",
    "PYTHONWARNINGS": "ignore",
    "CACHE_URL": f"filecache://{RESULTS / 'cache'}",
}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def pg_connect(dbname: str = "postgres"):
    import psycopg

    return psycopg.connect(f"{PG_BASE}/{dbname}", autocommit=True, connect_timeout=3)


class Database:
    """One benchmark database: a SQLite file copied from a migrated template, or a PostgreSQL
    database created from a migrated template database."""

    def __init__(self, vendor: str, name: str):
        self.vendor, self.name = vendor, name

    @property
    def url(self) -> str:
        if self.vendor == "sqlite":
            return f"sqlite:///{RESULTS / (self.name + '.sqlite3')}"
        return f"{PG_BASE}/{self.name}"

    def create(self) -> Database:
        self.drop()
        if self.vendor == "sqlite":
            shutil.copyfile(RESULTS / "template.sqlite3", RESULTS / f"{self.name}.sqlite3")
        else:
            with pg_connect() as conn:
                conn.execute(f'CREATE DATABASE "{self.name}" TEMPLATE "{PG_TEMPLATE}"')
        return self

    def drop(self) -> None:
        if self.vendor == "sqlite":
            for suffix in ("", "-wal", "-shm", "-journal"):
                (RESULTS / f"{self.name}.sqlite3{suffix}").unlink(missing_ok=True)
        else:
            with pg_connect() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def fresh_cache() -> None:
    """Start a phase with an empty cache: the file cache lists its whole folder on every write
    (the throttles write on every API request), so leftovers of an earlier phase would slow the
    next one's API requests (docs/performance.md)."""
    shutil.rmtree(RESULTS / "cache", ignore_errors=True)


def worker(db_url: str, *args: str, stdin: str | None = None) -> dict:
    env = {**os.environ, **BENCH_ENV, "DATABASE_URL": db_url}
    proc = subprocess.run(
        [PY, "-m", "bench.worker", *args], cwd=REPO, env=env, input=stdin, capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise RuntimeError(f"bench.worker {' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def prepare_templates(vendors: list[str]) -> None:
    if "sqlite" in vendors:
        for suffix in ("", "-wal", "-shm"):
            (RESULTS / f"template.sqlite3{suffix}").unlink(missing_ok=True)
        took = worker(Database("sqlite", "template").url, "migrate")["seconds"]
        log(f"sqlite: migrated the template database in {took:.1f} s")
    if "postgresql" in vendors:
        with pg_connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{PG_TEMPLATE}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{PG_TEMPLATE}"')
        took = worker(f"{PG_BASE}/{PG_TEMPLATE}", "migrate")["seconds"]
        log(f"postgresql: migrated the template database {PG_TEMPLATE} in {took:.1f} s")
