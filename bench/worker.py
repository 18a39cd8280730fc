"""The in-process half of the benchmark: ``python -m bench.worker COMMAND ...`` inside a Django
configured by ``bench.settings`` and the ``DATABASE_URL`` the runner gives it; prints one JSON
document on stdout.

Commands: ``migrate``; ``seed-account``; ``seed-load``; ``pages`` (latency and queries of one page
of each list, requested with Django's test ``Client``, no network); ``codes-issued`` (the codes
each instance holds, read from the database after a load run).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

# name -> (URL, authenticated by "session" or "token")
PAGES = {
    "floor": ("/bench/floor/", "session"),
    "floor_codes": ("/bench/floor-codes/", "session"),
    "floor_api": ("/bench/floor-api/", "token"),
    "application": ("/console/icp/application/", "session"),
    "management": ("/console/icp/codes/", "session"),
    "instances_page": ("/console/instances/", "session"),
    "api_instances": ("/api/v1/instances/", "token"),
}

# The floor each page is divided by: the same rows from the same table (instances by default).
FLOOR_OF = {"management": "floor_codes"}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def _paired_ratio(values: list[float], floor: list[float]) -> float:
    return round(statistics.median(v / f for v, f in zip(values, floor, strict=True) if f > 0), 3)


def cmd_migrate(args) -> dict:
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    return {"seconds": round(time.perf_counter() - started, 2)}


def _analyze() -> None:
    """What autovacuum does soon after a bulk load on PostgreSQL: without fresh statistics the
    planner takes the freshly loaded tables for empty and sorts the whole account for one page.
    SQLite is left as the product leaves it (Django never runs ANALYZE there)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def cmd_seed_account(args) -> dict:
    from bench.data import seed_account

    started = time.perf_counter()
    result = seed_account(args.username, args.n, ip_start=args.ip_start)
    _analyze()
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result


def cmd_seed_load(args) -> dict:
    from bench.data import seed_load

    world = seed_load(contention_sets=args.contention_sets, contention_width=args.contention_width,
                      throughput_instances=args.throughput_instances, filing_accounts=args.filing_accounts)
    _analyze()
    return world


def cmd_pages(args) -> dict:
    from rest_framework.authtoken.models import Token

    from icpconsole.accounts.models import User

    user = User.objects.get(username=args.username)
    token = Token.objects.get(user=user).key
    session = Client()
    session.force_login(user)
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    clients = {"session": session, "token": api}
    names = args.pages.split(",") if args.pages else list(PAGES)
    query = f"?page={args.page}" if args.page else ""

    def hit(name):
        url, auth = PAGES[name]
        response = clients[auth].get(url + query)
        if response.status_code != 200:
            raise SystemExit(f"{url}{query} answered {response.status_code}")
        return response

    for _ in range(args.warmup):
        for name in names:
            hit(name)
    results = {}
    for name in names:
        with CaptureQueriesContext(connection) as ctx:
            hit(name)
        slowest = sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:3]
        results[name] = {
            "url": PAGES[name][0] + query,
            "queries": len(ctx),
            "slowest_sql": [{"ms": round(float(q["time"]) * 1000, 2), "sql": q["sql"][:400]}
                            for q in slowest],
        }
    # Rounds interleave the pages, so a busy moment on the machine hits all of them alike.
    wall = {name: [] for name in names}
    cpu = {name: [] for name in names}
    for _ in range(args.reps):
        for name in names:
            started, started_cpu = time.perf_counter(), time.process_time()
            hit(name)
            wall[name].append((time.perf_counter() - started) * 1000)
            cpu[name].append((time.process_time() - started_cpu) * 1000)
    for name, entry in results.items():
        entry.update(median_ms=round(statistics.median(wall[name]), 2),
                     p95_ms=round(_percentile(wall[name], 0.95), 2),
                     cpu_ms=round(statistics.median(cpu[name]), 2), n=len(wall[name]))
        if "floor" in wall:
            # Taken within each round (the median of those), since a busy moment on a shared
            # machine slows a page and its floor alike; CPU time (this process: the app, and
            # SQLite) is steadier still when other processes compete for the cores.
            floor = FLOOR_OF.get(name, "floor")
            floor = floor if floor in wall else "floor"
            entry["floor"] = floor
            entry["ratio"] = _paired_ratio(wall[name], wall[floor])
            entry["cpu_ratio"] = _paired_ratio(cpu[name], cpu[floor])
    return {"vendor": connection.vendor, "pages": results}


def cmd_profile(args) -> dict:
    """Where one page's time goes (cProfile, cumulative), printed on stderr: a diagnosis aid."""
    import cProfile
    import pstats

    from rest_framework.authtoken.models import Token

    from icpconsole.accounts.models import User

    user = User.objects.get(username=args.username)
    url, auth = PAGES[args.page_name]
    if auth == "token":
        client = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.get(user=user).key}")
    else:
        client = Client()
        client.force_login(user)
    for _ in range(3):
        client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.reps):
        client.get(url)
    profiler.disable()
    pstats.Stats(profiler, stream=sys.stderr).sort_stats(args.sort).print_stats(args.top)
    return {"page": args.page_name, "reps": args.reps}


def cmd_codes_issued(args) -> dict:
    from servicecodes.models import ServiceCode

    wanted = json.loads(sys.stdin.read())
    counts = {}
    for instance_id in wanted:
        counts[instance_id] = ServiceCode.objects.filter(instance__instance_id=instance_id).count()
    return {"counts": counts}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="bench.worker")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate")
    p = sub.add_parser("seed-account")
    p.add_argument("--username", required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--ip-start", type=int, default=0)
    p = sub.add_parser("seed-load")
    p.add_argument("--contention-sets", type=int, required=True)
    p.add_argument("--contention-width", type=int, required=True)
    p.add_argument("--throughput-instances", type=int, required=True)
    p.add_argument("--filing-accounts", type=int, required=True)
    p = sub.add_parser("pages")
    p.add_argument("--username", required=True)
    p.add_argument("--reps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--page", type=int, default=0)
    p.add_argument("--pages", default="")
    sub.add_parser("codes-issued")
    p = sub.add_parser("profile")
    p.add_argument("--username", required=True)
    p.add_argument("--page-name", required=True, choices=list(PAGES))
    p.add_argument("--reps", type=int, default=20)
    p.add_argument("--sort", default="cumulative")
    p.add_argument("--top", type=int, default=45)
    args = parser.parse_args(argv)
    handler = {
        "migrate": cmd_migrate,
        "seed-account": cmd_seed_account,
        "seed-load": cmd_seed_load,
        "pages": cmd_pages,
        "codes-issued": cmd_codes_issued,
        "profile": cmd_profile,
    }[args.command]
    json.dump(handler(args), sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
