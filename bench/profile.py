"""Where a first filing's time goes: each request of ``bench.load.first_filing`` (domain, create,
three uploads, verification, submit, review, inbox, SMS code, review) run in-process with Django's
test client under cProfile, over a database the benchmark seeds (``seed-load``).

    DATABASE_URL=sqlite:////tmp/f.sqlite3 .venv/bin/python -m bench.worker migrate
    DATABASE_URL=... .venv/bin/python -m bench.profile --filings 8 [--top 30] [--sort tottime]

Prints the milliseconds and queries per step (median over the filings after the first), then
the profile's top entries over all of them (docs/performance.md quotes them). Pages are profiled
with ``python -m bench.worker profile``.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import json
import os
import pstats
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import load  # noqa: E402
from bench.data import seed_load  # noqa: E402

_step = {"name": "", "times": collections.defaultdict(list), "queries": collections.defaultdict(list)}
_STEPS = {"/api/v1/domains/": "register domain", "/documents/": "upload", "/verification/": "verification",
          "/submit/": "submit", "/review/": "review", "/api/v1/messages/": "inbox",
          "/verify-sms/": "verify-sms"}


def _name(method: str, path: str) -> str:
    if method == "POST" and path == "/api/v1/filings/":
        return "create"
    return next((label for part, label in _STEPS.items() if part in path), path)


def in_process(port, method, path, *, token=None, body=None, timeout=60, files=None):
    """``bench.load.request`` over Django's test client (no network)."""
    client = Client(HTTP_AUTHORIZATION=f"Token {token}") if token else Client()
    if files is not None:
        data = dict(body or {})
        for name, (filename, content, content_type) in files.items():
            from django.core.files.uploadedfile import SimpleUploadedFile

            data[name] = SimpleUploadedFile(filename, content, content_type=content_type)
        call = lambda: client.post(path, data)  # noqa: E731
    elif method == "GET":
        call = lambda: client.get(path)  # noqa: E731
    else:
        call = lambda: client.generic(method, path, data=json.dumps(body or {}),  # noqa: E731
                                      content_type="application/json")
    name = _name(method, path)
    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        response = call()
        took = (time.perf_counter() - started) * 1000
    _step["times"][name].append(took)
    _step["queries"][name].append(len(ctx))
    raw = response.content
    return response.status_code, (json.loads(raw) if raw else None)



def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--filings", type=int, default=8)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--no-profile", action="store_true",
                        help="no cProfile: the CPU time and queries per filing as they are")
    args = parser.parse_args(argv)
    world = seed_load(contention_sets=0, contention_width=1, throughput_instances=0,
                      filing_accounts=args.filings)
    load.request = in_process
    filers = world["filers"]
    load.first_filing(0, filers[0], world["staff_token"], 0)  # warm-up
    _step["times"].clear()
    _step["queries"].clear()
    profiler = cProfile.Profile()
    started, cpu = time.perf_counter(), time.process_time()
    if not args.no_profile:
        profiler.enable()
    for k, filer in enumerate(filers[1:], start=1):
        load.first_filing(0, filer, world["staff_token"], k)
    profiler.disable()
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    count = len(filers) - 1
    queries = sum(map(sum, _step["queries"].values())) / count
    where = "" if args.no_profile else " under the profiler"
    print(f"{count} first filings in-process in {took:.2f} s{where} "
          f"({count / took:.1f}/s); CPU {cpu / count * 1000:.0f} ms and {queries:.0f} queries a filing; "
          "per step, median ms / queries:")
    for name, times in _step["times"].items():
        queries = sorted(set(_step["queries"][name]))
        print(f"  {name:16} {statistics.median(times):7.1f} ms  x{len(times) // count}  "
              f"queries {'/'.join(map(str, queries))}")
    if not args.no_profile:
        pstats.Stats(profiler, stream=sys.stdout).sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
