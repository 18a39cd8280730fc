"""The over-the-network half of the benchmark: gunicorn serving ``bench.settings``, driven by
wrk (raw throughput) or by Python threads (the flows: parallel applies, filings).

Nothing here imports Django: the runner and the drivers are plain HTTP clients, so the numbers
include everything a real client pays (HTTP parsing, authentication, throttling, rendering).
"""

# ruff: noqa: S603 - gunicorn and wrk are started with fixed argument lists.

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def request(port: int, method: str, path: str, *, token: str | None = None, body=None, timeout: float = 60,
            files: dict | None = None):
    """One request on a fresh connection (gunicorn's sync workers close each one); returns
    ``(status, parsed JSON or None)``. ``files`` ({name: (filename, bytes, type)}) sends ``body``'s
    fields and the files as multipart/form-data."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    payload = None
    if files is not None:
        boundary = "----bench" + os.urandom(8).hex()
        parts = []
        for name, value in (body or {}).items():
            field = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            parts.append(field.encode())
        for name, (filename, data, content_type) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n".encode() + data + b"\r\n"
            )
        payload = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
    elif body is not None:
        payload = json.dumps(body)
        headers["Content-Type"] = "application/json"
    try:
        conn.request(method, path, body=payload, headers=headers)
        response = conn.getresponse()
        raw = response.read()
    finally:
        conn.close()
    try:
        data = json.loads(raw) if raw else None
    except ValueError:
        data = None
    return response.status, data


#: The worker ``make serve`` runs (gunicorn.conf.py): gthread that reads requests in before a thread
#: runs them. Its threads per worker are SERVE_THREADS.
SERVE_WORKER = "icpconsole.serving.BufferingThreadWorker"


@contextmanager
def gunicorn(repo: Path, env: dict, *, workers: int, log: Path, worker_class: str = "sync", threads: int = 1):
    """gunicorn serving ``bench.wsgi`` on a free port; stopped (by its own pid) on exit."""
    port = free_port()
    cmd = [str(repo / ".venv" / "bin" / "gunicorn"), "bench.wsgi:application", "--bind", f"{HOST}:{port}",
           "--workers", str(workers), "--worker-class", worker_class, "--threads", str(threads),
           "--log-level", "warning", "--no-control-socket",
           "--chdir", str(repo), "--timeout", "120", "--graceful-timeout", "5"]
    with open(log, "ab") as log_file:
        proc = subprocess.Popen(cmd, env=env, cwd=repo, stdout=log_file, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"gunicorn exited with {proc.returncode}: see {log}")
                try:
                    if request(port, "GET", "/healthz", timeout=5)[0] == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not answer /healthz within 60 s: see {log}")
                time.sleep(0.2)
            yield port
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


# --- parallel applies ---------------------------------------------------------------------------
def parallel_applies(port: int, token: str, targets: list[str]) -> dict:
    """One thread per apply, all released at once; time until the last answer arrives."""
    results: list[tuple[int, object, float]] = [None] * len(targets)  # type: ignore[list-item]
    start = {}
    barrier = threading.Barrier(len(targets), action=lambda: start.setdefault("t", time.perf_counter()))

    def one(k: int, instance_id: str) -> None:
        barrier.wait()
        try:
            status, data = request(port, "POST", f"/api/v1/instances/{instance_id}/service-codes/",
                                   token=token, body={})
        except OSError as exc:
            status, data = 0, {"error": str(exc)}
        results[k] = (status, data, time.perf_counter())

    threads = [threading.Thread(target=one, args=(k, iid)) for k, iid in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    settle = max(r[2] for r in results) - start["t"]
    issued = sum(1 for status, _, _ in results if status == 201)
    refused = sum(1 for status, data, _ in results
                  if status == 409 and isinstance(data, dict) and data.get("code") == "NOT_ELIGIBLE")
    errors = [(status, data) for status, data, _ in results
              if status != 201 and not (status == 409 and isinstance(data, dict)
                                        and data.get("code") == "NOT_ELIGIBLE")]
    return {"settle_s": settle, "issued": issued, "refused": refused, "errors": len(errors),
            "error_samples": [f"{s} {json.dumps(d)[:160]}" for s, d in errors[:3]]}


# --- raw throughput -----------------------------------------------------------------------------
_WRK_COMMON = r"""
wrk.method = "POST"
wrk.body = "{}"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Token %(token)s"
local threads = {}
local counter = 1
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
function init(args)
  created = 0
  other = 0
  nthreads = tonumber(args[1])
  first = tonumber(args[2])
  last = tonumber(args[3])
  sent = 0
end
function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    o = o + t:get("other")
  end
  io.write(string.format("BENCH created=%%d other=%%d\n", c, o))
end
"""

_WRK_APPLY = r"""
ids = {%(ids)s}
function request()
  -- Each thread walks its own share of the slice, one apply per instance per pass, so parallel
  -- requests rarely meet on one instance (that is the contention phase's subject, not this one's).
  local span = last - first + 1
  local k = (sent * nthreads) + (tid - 1)
  sent = sent + 1
  local id = ids[first + (k %% span)]
  return wrk.format(nil, "/api/v1/instances/" .. id .. "/service-codes/")
end
"""


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def wrk_run(port: int, path: str, token: str, *, seconds: int, threads: int, connections: int,
            ids: list[str] | None = None, first: int = 1, last: int = 1) -> dict:
    script = _WRK_COMMON % {"token": token}
    if ids is not None:
        script += _WRK_APPLY % {"ids": ",".join(f'"{i}"' for i in ids)}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
        script_path = handle.name
    try:
        cmd = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "30s",
               "-s", script_path, f"http://{HOST}:{port}{path}", "--", str(threads), str(first), str(last)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script_path)
    match = re.search(r"BENCH created=(\d+) other=(\d+)", out)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    created, other = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"created_per_s": created / seconds, "requests_per_s": float(rps.group(1)) if rps else 0.0,
            "created": created, "other": other, "socket_errors": errors.group(1) if errors else ""}


def python_run(port: int | list[int], path_for, token: str, *, seconds: float, threads: int) -> dict:
    """The fallback when wrk is missing: ``threads`` Python clients for ``seconds``. With a list of
    ports (several nodes), request ``k`` goes to ``ports[k % len(ports)]``, as a round-robin load
    balancer would send it."""
    ports = port if isinstance(port, list) else [port]
    counts = {"created": 0, "other": 0}
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def loop(tid: int) -> None:
        k = tid
        while time.perf_counter() < stop_at:
            try:
                status, _ = request(ports[k % len(ports)], "POST", path_for(k), token=token, body={})
            except OSError:
                status = 0
            k += threads
            with lock:
                counts["created" if status == 201 else "other"] += 1

    workers = [threading.Thread(target=loop, args=(t,)) for t in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    return {"created_per_s": counts["created"] / elapsed,
            "requests_per_s": (counts["created"] + counts["other"]) / elapsed, **counts, "socket_errors": ""}


# --- first filings ------------------------------------------------------------------------------
class FlowError(Exception):
    pass


def _expect(step: str, answer, *codes: int):
    status, data = answer
    if status not in codes:
        raise FlowError(f"{step}: HTTP {status} {json.dumps(data)[:200]}")
    return data


def _document_png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (230, 230, 230)).save(buffer, format="PNG")
    return buffer.getvalue()


BENCH_LEADER = {"name": "张三", "certificate_number": "330102199001011234", "mobile": "13800138000",
                "email": "bench@example.cn"}


def first_filing(port: int, filer: dict, staff_token: str, k: int) -> None:
    """A first filing from draft to approved, through the API only (SPEC 4.2, 3.9): the domain is
    registered and verified for the subject, the draft carries its leader and materials and its
    documents are uploaded before it is submitted."""
    from stdnum.cn import uscc

    token = filer["token"]
    name = f"Bench Filer {k} Co., Ltd."
    first17 = f"91330100MA2B{k:05d}"[:17]
    code = first17 + uscc.calc_check_digit(first17 + "0")
    main = filer["domain"].removeprefix("www.")
    _expect("register domain", request(port, "POST", "/api/v1/domains/", token=token, body={
        "domain": main, "holder_name": name, "holder_certificate_number": code, "period_years": 1}), 201, 409)
    body = {
        "type": "first_filing",
        "subject": {"kind": "enterprise", "name": name, "certificate_number": code, "province": "zhejiang",
                    "leader": BENCH_LEADER},
        "website": {"domain": filer["domain"], "instance_id": filer["instance_id"], "name": "压测网站",
                    "content_category": "company", "leader_is_subject_leader": True},
    }
    order = _expect("create", request(port, "POST", "/api/v1/filings/", token=token, body=body), 201)
    order_id = order["id"]
    image = _document_png()
    for kind in ("subject_certificate", "leader_id_front", "leader_id_back"):
        uploaded = request(port, "POST", f"/api/v1/filings/{order_id}/documents/", token=token,
                           body={"kind": kind}, files={"file": ("doc.png", image, "image/png")})
        _expect(f"upload {kind}", uploaded, 201)
    # SPEC 3.12: the authenticity verification is a step of its own, taken on the phone.
    _expect("verification", request(port, "POST", f"/api/v1/filings/{order_id}/verification/attempt/",
                                    token=token, body={"outcome": "pass"}), 200)
    _expect("submit", request(port, "POST", f"/api/v1/filings/{order_id}/submit/", token=token, body={}), 200)
    _expect("initial review", request(port, "POST", f"/api/v1/filings/{order_id}/review/", token=staff_token,
                                      body={"decision": "approve"}), 200)
    inbox = _expect("messages", request(port, "GET", "/api/v1/messages/", token=token), 200)
    sms = [m for m in inbox.get("results", []) if m.get("kind") == "sms_code"]
    if not sms:
        raise FlowError("messages: no sms_code in the inbox")
    _expect("verify-sms", request(port, "POST", f"/api/v1/filings/{order_id}/verify-sms/", token=token,
                                  body={"code": sms[0]["secret"]}), 200)
    final = _expect("bureau review", request(port, "POST", f"/api/v1/filings/{order_id}/review/",
                                             token=staff_token, body={"decision": "approve"}), 200)
    if final.get("status") != "approved":
        raise FlowError(f"bureau review: order is {final.get('status')!r}, not 'approved'")


def filings_run(port: int, filers: list[dict], staff_token: str, *, threads: int, offset: int = 0) -> dict:
    """Drive ``len(filers)`` first filings with ``threads`` concurrent users; filings per second."""
    queue = list(enumerate(filers, start=offset))
    lock = threading.Lock()
    failures: list[str] = []
    done = [0]

    def worker() -> None:
        while True:
            with lock:
                if not queue:
                    return
                k, filer = queue.pop(0)
            try:
                first_filing(port, filer, staff_token, k)
            except (FlowError, OSError) as exc:
                with lock:
                    failures.append(str(exc))
            else:
                with lock:
                    done[0] += 1

    started = time.perf_counter()
    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - started
    return {"approved": done[0], "failed": len(failures), "seconds": elapsed,
            "per_s": done[0] / elapsed if elapsed else 0.0, "failure_samples": failures[:3]}


def median(values):
    return statistics.median(values) if values else 0.0
