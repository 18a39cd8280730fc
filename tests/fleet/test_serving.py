"""``make serve``'s serving model (gunicorn.conf.py, icpconsole/serving.py): slow clients cannot
stall it, and forwarded headers are believed only from TRUSTED_PROXIES (issue 16)."""

import runpy
import time

import pytest

from icpconsole.serving import MAX_BUFFERED_BODY, request_complete
from tests.fleet import nodes

ROOT = nodes.ROOT


@pytest.mark.parametrize(
    ("data", "complete"),
    [
        (b"GET / HTTP/1.1\r\nHost: a\r\n", False),
        (b"GET / HTTP/1.1\r\nHost: a\r\n\r\n", True),
        (b"POST / HTTP/1.1\r\nContent-Length: 7\r\n\r\n{\"a\"", False),
        (b"POST / HTTP/1.1\r\ncontent-length: 7\r\n\r\n{\"a\":1}", True),
        (b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", True),
        (b"POST / HTTP/1.1\r\nContent-Length: %d\r\n\r\n" % (MAX_BUFFERED_BODY + 1), True),
        (b"GET / HTTP/1.1\r\nX: " + b"a" * 70_000, True),
    ],
)
def test_a_request_reaches_a_thread_only_once_it_is_in(data, complete):
    assert request_complete(data) is complete


def test_gunicorn_trusts_forwarded_headers_only_from_trusted_proxies(monkeypatch):
    monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    assert runpy.run_path(str(ROOT / "gunicorn.conf.py"))["forwarded_allow_ips"] == ""
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/8")
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["forwarded_allow_ips"] == "10.0.0.0/8"
    assert config["worker_class"] == "icpconsole.serving.BufferingThreadWorker"
    assert "*" not in (ROOT / "Makefile").read_text().split("\nserve:")[1].split("\n\n")[0]


@pytest.mark.timeout(120)
def test_slow_clients_do_not_stall_a_node(tmp_path):
    """Many more slow clients than threads (1 worker, 2 threads): /healthz still answers at once,
    where the sync workers took 33.6 s. /healthz needs only a database connection: an empty SQLite
    file and a file cache do, so this runs wherever gunicorn is installed."""
    if not nodes.gunicorn_path():
        pytest.skip("gunicorn is not installed (it is in the default install: make install)")
    env = {
        "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "DJANGO_SETTINGS_MODULE": "icpconsole.settings",
        "DEBUG": "false", "SECRET_KEY": "serving-test-" + "k" * 50, "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false", "STATIC_MANIFEST": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "CACHE_URL": f"filecache://{tmp_path / 'cache'}",
        "GUNICORN_LOG_LEVEL": "warning", "PYTHONWARNINGS": "ignore",
    }
    with nodes.fleet(env, log_dir=tmp_path, count=1, workers=1, threads=2) as (port,):
        with nodes.slow_clients(port, 20):
            time.sleep(1)
            for _ in range(3):
                started = time.perf_counter()
                status, _ = nodes.request(port, "GET", "/healthz", timeout=10)
                took = time.perf_counter() - started
                assert status == 200
                assert took < 1.0, f"/healthz took {took:.2f} s with slow clients connected"
