"""Start gunicorn nodes as ``make serve`` does (gunicorn.conf.py), for the two-node test.

Every node is a process group of its own (the gunicorn master and its workers), stopped by its own
pid at the end, whatever happened."""

# ruff: noqa: S603 - gunicorn is started with a fixed argument list.

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from tests import races

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"


def gunicorn_path() -> str | None:
    local = ROOT / ".venv" / "bin" / "gunicorn"
    return str(local) if local.exists() else shutil.which("gunicorn")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def request(port: int, method: str, path: str, *, token: str | None = None, body=None, timeout: float = 30):
    """One request on a fresh connection: ``(status, parsed JSON or None)``."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    headers = {"Accept": "application/json", "Connection": "close"}
    if token:
        headers["Authorization"] = f"Token {token}"
    payload = None
    if body is not None:
        payload = json.dumps(body)
        headers["Content-Type"] = "application/json"
    try:
        conn.request(method, path, body=payload, headers=headers)
        response = conn.getresponse()
        raw = response.read()
    finally:
        conn.close()
    try:
        return response.status, json.loads(raw) if raw else None
    except ValueError:
        return response.status, None


def _start(env: dict, *, log: Path, workers: int, threads: int):
    port = free_port()
    full_env = {**env, "PORT": str(port), "HOST": HOST, "WORKERS": str(workers), "THREADS": str(threads)}
    with open(log, "ab") as log_file:
        proc = subprocess.Popen(
            [gunicorn_path(), "--config", str(ROOT / "gunicorn.conf.py"), "--chdir", str(ROOT)],
            env=full_env, cwd=ROOT, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )
    return proc, port


def _wait_ready(proc, port: int, log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if request(port, "GET", "/healthz", timeout=5)[0] == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"no answer from /healthz in 60 s:\n{log.read_text()[-3000:]}")
        time.sleep(0.2)


def _stop(procs) -> None:
    """SIGTERM to every master (which stops its workers), then the whole group of any that lingers."""
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=25)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@contextmanager
def fleet(env: dict, *, log_dir: Path, count: int = 2, workers: int = 2, threads: int = 4):
    """``count`` nodes, started together; yields their ports once every ``/healthz`` answers 200."""
    started = []
    try:
        for k in range(1, count + 1):
            log = log_dir / f"node{k}.log"
            started.append((*_start(env, log=log, workers=workers, threads=threads), log))
        for proc, port, log in started:
            _wait_ready(proc, port, log)
        yield [port for _, port, _ in started]
    finally:
        _stop([proc for proc, _, _ in started])


def in_parallel(calls: list) -> list:
    """Run the zero-argument ``calls`` at once, one thread each; their results, in order (a
    connection error reads as status 0)."""
    return [
        (0, {"error": str(result)}) if isinstance(result, OSError) else result
        for result in races.in_parallel(*calls)
    ]


@contextmanager
def slow_clients(port: int, count: int, *, interval: float = 4.0):
    """``count`` connections that send a request head one header line every ``interval`` seconds."""
    socks = []
    stop = threading.Event()
    try:
        for _ in range(count):
            sock = socket.create_connection((HOST, port), timeout=5)
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            socks.append(sock)

        def drip():
            while not stop.wait(interval):
                for sock in socks:
                    try:
                        sock.sendall(b"X-Slow: 1\r\n")
                    except OSError:
                        pass

        dripper = threading.Thread(target=drip, daemon=True)
        dripper.start()
        yield
    finally:
        stop.set()
        for sock in socks:
            sock.close()


@contextmanager
def stalled_bodies(port: int, count: int, *, path: str = "/api/v1/auth/token/", chunked: bool = False):
    """``count`` connections that send a complete request head announcing a body (100,000 bytes, or
    chunked with a first chunk begun), then nothing."""
    if chunked:
        framing = b"Transfer-Encoding: chunked\r\n\r\n186a0\r\n" + b"x" * 100
    else:
        framing = b"Content-Length: 100000\r\n\r\n"
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n".encode() + framing
    )
    socks = []
    try:
        for _ in range(count):
            sock = socket.create_connection((HOST, port), timeout=5)
            sock.sendall(head)
            socks.append(sock)
        yield socks
    finally:
        for sock in socks:
            sock.close()


def raw_request(port: int, head: bytes, body_chunks=(), *, timeout: float = 30) -> tuple[int, dict, bytes]:
    """Send ``head`` then each of ``body_chunks`` (stopping when the server answers or closes);
    ``(status, headers, body)`` of the answer."""
    sock = socket.create_connection((HOST, port), timeout=timeout)
    try:
        sock.sendall(head)
        for chunk in body_chunks:
            try:
                sock.sendall(chunk)
            except OSError:  # the server answered and closed: read what it said
                break
        response = http.client.HTTPResponse(sock)
        response.begin()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        sock.close()
