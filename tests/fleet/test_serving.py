"""``make serve``'s serving model (gunicorn.conf.py, icpconsole/serving.py): slow clients cannot
stall it, and forwarded headers are believed only from TRUSTED_PROXIES (issue 16)."""

import json
import runpy
import subprocess
import sys
import time

import pytest

from icpconsole.core.bodies import DEFAULT_LIMIT, DOCUMENT_LIMIT, SNAPSHOT_LIMIT, body_limit
from icpconsole.serving import COMPLETE, MORE, REFUSED, Incoming
from tests.fleet import nodes

ROOT = nodes.ROOT


DOCS = b"POST /api/v1/filings/7/documents/ HTTP/1.1\r\n"
CHUNKED = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"


@pytest.mark.parametrize(
    ("data", "state"),
    [
        (b"GET / HTTP/1.1\r\nHost: a\r\n", MORE),
        (b"GET / HTTP/1.1\r\nHost: a\r\n\r\n", COMPLETE),
        (b"POST / HTTP/1.1\r\nContent-Length: 7\r\n\r\n{\"a\"", MORE),
        (b"POST / HTTP/1.1\r\ncontent-length: 7\r\n\r\n{\"a\":1}", COMPLETE),
        # A body of 100,000 bytes is read in whole before a thread sees it (issue 27).
        (b"POST /api/v1/auth/token/ HTTP/1.1\r\nContent-Length: 100000\r\n\r\n{", MORE),
        (CHUNKED, MORE),
        (CHUNKED + b"5\r\nhello\r\n", MORE),
        (CHUNKED + b"5;x=1\r\nhello\r\n0\r\n\r\n", COMPLETE),
        (CHUNKED + b"0\r\nX-Trailer: 1\r\n\r\n", COMPLETE),
        (CHUNKED + b"zz\r\n", COMPLETE),  # malformed: gunicorn's parser answers 400
        # Over the route's limit: by Content-Length at once, chunked as soon as the chunks pass it.
        (b"POST / HTTP/1.1\r\nContent-Length: %d\r\n\r\n" % (DEFAULT_LIMIT + 1), REFUSED),
        (DOCS + b"Content-Length: %d\r\n\r\n" % DOCUMENT_LIMIT, MORE),
        (DOCS + b"Content-Length: 2000000000\r\n\r\n", REFUSED),
        (CHUNKED + b"%x\r\n" % (DEFAULT_LIMIT + 1), REFUSED),
        (b"GET / HTTP/1.1\r\nX: " + b"a" * 70_000, COMPLETE),
    ],
)
def test_a_request_reaches_a_thread_only_once_it_is_in(data, state):
    assert Incoming(data).state == state


def test_each_route_has_its_body_limit():
    assert body_limit("/api/v1/filings/12/documents/") == DOCUMENT_LIMIT > 5 * 1024 * 1024
    assert body_limit("/console/filings/12/documents/") == DOCUMENT_LIMIT
    assert body_limit("/api/v1/simulator/restore/") == SNAPSHOT_LIMIT
    assert body_limit("/admin/simulator/simulatorsettings/restore/") == SNAPSHOT_LIMIT
    assert body_limit("/api/v1/auth/token/") == body_limit("/") == DEFAULT_LIMIT


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


def _serving_env(tmp_path) -> dict:
    return {
        "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "DJANGO_SETTINGS_MODULE": "icpconsole.settings",
        "DEBUG": "false", "SECRET_KEY": "serving-test-" + "k" * 50, "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false", "STATIC_MANIFEST": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "CACHE_URL": f"filecache://{tmp_path / 'cache'}",
        "GUNICORN_LOG_LEVEL": "warning", "PYTHONWARNINGS": "ignore",
    }


def _healthz_answers_at_once(port):
    for _ in range(3):
        started = time.perf_counter()
        status, _ = nodes.request(port, "GET", "/healthz", timeout=10)
        took = time.perf_counter() - started
        assert status == 200
        assert took < 1.0, f"/healthz took {took:.2f} s with stalled bodies connected"


@pytest.mark.timeout(120)
@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_stalled_bodies_do_not_stall_a_node(tmp_path, chunked):
    """Issue 27: 12 clients send a complete head announcing 100,000 bytes (or a chunked body) and
    then nothing. With gthread alone, 8 made /healthz time out at 40 s; here bodies are read in on
    the event loop and the node's threads (1 worker, 2 threads) stay free."""
    if not nodes.gunicorn_path():
        pytest.skip("gunicorn is not installed (it is in the default install: make install)")
    with nodes.fleet(_serving_env(tmp_path), log_dir=tmp_path, count=1, workers=1, threads=2) as (port,):
        with nodes.stalled_bodies(port, 12, chunked=chunked):
            time.sleep(1)
            _healthz_answers_at_once(port)


@pytest.mark.timeout(180)
def test_bodies_over_their_limit_are_refused_before_they_are_read(tmp_path):
    """Issue 27: a 2,000 MB upload was read whole into a temporary file before "larger than 5 MB".
    Now it is answered 413 at once, from its head, in each face's format; and a chunked body is
    refused as soon as it passes its route's limit."""
    if not nodes.gunicorn_path():
        pytest.skip("gunicorn is not installed (it is in the default install: make install)")
    env = _serving_env(tmp_path)
    # The console's refusal page is drawn in its layout, which reads the simulated clock: migrate.
    subprocess.run(  # noqa: S603 - a fixed argument list
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
    )
    with nodes.fleet(env, log_dir=tmp_path, count=1, workers=1, threads=2) as (port,):
        multipart = b"multipart/form-data; boundary=x"

        def head(path, framing=b"Content-Length: 2000000000", content_type=multipart):
            return (
                b"POST " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + content_type + b"\r\n"
                + framing + b"\r\n\r\n"
            )

        started = time.perf_counter()
        status, headers, body = nodes.raw_request(port, head(b"/api/v1/filings/1/documents/"))
        assert time.perf_counter() - started < 2
        assert status == 413
        answer = json.loads(body)
        assert answer["code"] == "REQUEST_TOO_LARGE" and answer["limit_bytes"] == DOCUMENT_LIMIT

        rpc = head(b"/?Action=DescribeRegions", content_type=b"application/x-www-form-urlencoded")
        status, headers, body = nodes.raw_request(port, rpc)
        envelope = json.loads(body)
        assert (status, envelope["Code"]) == (413, "RequestEntityTooLarge")
        assert envelope["RequestId"] == headers["x-acs-request-id"]

        status, headers, body = nodes.raw_request(port, head(b"/console/filings/1/documents/"))
        assert status == 413 and headers["content-type"].startswith("text/html")
        assert b'data-code="REQUEST_TOO_LARGE"' in body

        # Chunked, 1 MB at a time, with no Content-Length: refused once past 5.25 MB, not read on.
        chunk = b"100000\r\n" + b"x" * 0x100000 + b"\r\n"
        status, headers, body = nodes.raw_request(
            port, head(b"/api/v1/filings/1/documents/", framing=b"Transfer-Encoding: chunked"), [chunk] * 8
        )
        assert status == 413 and json.loads(body)["code"] == "REQUEST_TOO_LARGE"
        _healthz_answers_at_once(port)
