"""Sandbox reset at demo size (issue 14, SPEC 4.6): ``POST /api/v1/simulator/reset/`` to the demo
against Django's own way of getting the same data back, ``flush`` then ``loaddata`` of a fixture
that ``dumpdata`` wrote from the same world, in one run on one database.

    .venv/bin/python bench/reset.py                  # SQLite file database (and PostgreSQL if given)
    .venv/bin/python bench/reset.py --pg postgres://postgres@127.0.0.1:5432/icp_bench_reset

Each side runs ``--repeat`` times (after one warm-up); the medians and their ratio are printed and
written to ``bench/results/reset-<vendor>.json``. ``make bench`` runs it too (``--only reset``).
"""

# ruff: noqa: S603 - runs this project's own manage.py with fixed arguments

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"

MEASURE = r"""
import io, json, statistics, sys, time
from django.core.management import call_command
from simulator import world

repeat = int(sys.argv[-1])
world.reset(world="demo")
fixture = sys.argv[-2]
with open(fixture, "w", encoding="utf-8") as out:
    # Every app a world has rows in (the registrar's domains and the access provider's reports
    # too): both sides bring back the same rows.
    apps = sorted({table.model._meta.app_label for table in world.TABLES} | {"core", "authtoken"})
    call_command("dumpdata", *apps, stdout=out)
counts = world.counts()

def reset():
    world.reset(world="demo")

def flush_and_load():
    call_command("flush", interactive=False, verbosity=0)
    call_command("loaddata", fixture, verbosity=0)

timings = {"reset": [], "flush_loaddata": []}
for name, step in (("reset", reset), ("flush_loaddata", flush_and_load)):
    step()  # warm-up
for _ in range(repeat):
    for name, step in (("reset", reset), ("flush_loaddata", flush_and_load)):
        started = time.perf_counter()
        step()
        timings[name].append((time.perf_counter() - started) * 1000)
assert world.counts() == counts, (world.counts(), counts)
print(json.dumps({"counts": counts, "timings_ms": timings}))
"""


def measure(database_url: str, repeat: int) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "icpconsole.settings",
        "DATABASE_URL": database_url,
        "CACHE_URL": "locmemcache://",
        "PYTHONWARNINGS": "ignore",
    }
    env.pop("SIMULATOR_WORLD", None)
    manage = [sys.executable, str(REPO / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], check=True, env=env, cwd=REPO)
    with tempfile.TemporaryDirectory() as folder:
        fixture = str(Path(folder) / "demo.json")
        runner = "import django; django.setup(); exec(open(0).read())"
        out = subprocess.run(
            [sys.executable, "-c", runner, fixture, str(repeat)],
            input=MEASURE,
            check=True,
            env=env,
            cwd=REPO,
            capture_output=True,
            text=True,
        )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    reset_ms = statistics.median(result["timings_ms"]["reset"])
    django_ms = statistics.median(result["timings_ms"]["flush_loaddata"])
    result.update(reset_median_ms=round(reset_ms, 1), flush_loaddata_median_ms=round(django_ms, 1))
    result["ratio"] = round(django_ms / reset_ms, 2)
    result["rows"] = sum(result["counts"].values())
    return result


def report(vendor: str, result: dict) -> str:
    return (
        f"{vendor}: reset to the demo ({result['rows']} rows) median {result['reset_median_ms']} ms; "
        f"flush + loaddata of the same data median {result['flush_loaddata_median_ms']} ms; "
        f"ratio {result['ratio']}x"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--pg", default="", help="a PostgreSQL database URL to measure too (must exist)")
    args = parser.parse_args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    runs = {}
    with tempfile.TemporaryDirectory() as folder:
        runs["sqlite"] = measure(f"sqlite:///{Path(folder) / 'reset.sqlite3'}", args.repeat)
    if args.pg:
        runs["postgresql"] = measure(args.pg, args.repeat)
    for vendor, result in runs.items():
        (RESULTS / f"reset-{vendor}.json").write_text(json.dumps(result, indent=1))
        print(report(vendor, result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
