"""``make bench``: how the simulator's cost grows with its data and its load (issue 7).

Every number is set against the cheapest thing this stack can do on the same machine in the same
run (the floors in ``bench/views.py``), so the ratios travel between machines better than the
milliseconds do.

1. Pages at scale: one account with 100, 1,000 and 10,000 instances (and their codes), a fresh
   database per scale; page 1 of ICP No. Application, ICP No. Management, the instances page and
   ``GET /api/v1/instances/``, requested in-process with Django's test client: median and p95
   latency, queries per request, ratio to the floor (a plain Django view rendering the same 20
   rows from the same table with no eligibility).
2. Contention (gunicorn): 100 parallel applies across 20 instances, and on one instance: time to
   settle, codes issued (exactly the quota), errors; then apply throughput (wrk) as a ratio to a
   bare DRF endpoint that inserts one row.
3. Filing throughput (gunicorn): first filings driven through the API to approval, per second.

SQLite always; PostgreSQL (127.0.0.1:5432, user postgres) when it answers or can be started.
``--quick`` is a smoke run with few repetitions. A full run writes ``docs/performance.md``;
raw results go to ``bench/results/`` (git-ignored).
"""

# ruff: noqa: S603, S607 - the subprocesses are this project's own tools, apt-get, pg_ctlcluster and wrk,
# run with fixed argument lists (nothing comes from outside).

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# The run's parts live in their own modules (bench/harness.py, machine.py, load_phase.py, table.py);
# this file is the command line, the pages at scale, the sandbox reset and the fixture.
from bench.harness import (  # noqa: E402
    PG_BASE,
    PG_TEMPLATE,
    PY,
    RESULTS,
    Database,
    fresh_cache,
    log,
    pg_connect,
    prepare_templates,
    worker,
)
from bench.load_phase import run_load  # noqa: E402
from bench.machine import ensure_postgres, ensure_wrk, machine_info  # noqa: E402
from bench.table import build_table, render_text, write_docs  # noqa: E402


# --- part 1: pages at scale ---------------------------------------------------------------------
def run_pages(vendor: str, scales: list[int], quick: bool) -> list[dict]:
    rows = []
    for scale in scales:
        db = Database(vendor, f"{PG_TEMPLATE}_pages_{scale}").create()
        fresh_cache()
        try:
            seeded = worker(db.url, "seed-account", "--username", "bench", "--n", str(scale))
            # Another account's rows in the same tables, so every read has something to skip.
            worker(
                db.url,
                "seed-account",
                "--username",
                "neighbour",
                "--n",
                str(max(100, scale // 10)),
                "--ip-start",
                "1000000",
            )
            reps = 5 if quick else (20 if scale >= 10_000 else 30)
            log(f"{vendor}: seeded {scale} instances in {seeded['seconds']:.0f} s")
            warmup = 1 if quick else 5
            log(f"{vendor}: pages at {scale} instances ({seeded['codes']} codes): {reps} rounds")
            measured = worker(
                db.url, "pages", "--username", "bench", "--reps", str(reps), "--warmup", str(warmup)
            )
            rows.append(
                {
                    "vendor": vendor,
                    "scale": scale,
                    "codes": seeded["codes"],
                    "reps": reps,
                    "pages": measured["pages"],
                }
            )
        finally:
            db.drop()
    return rows


# --- the sandbox reset and the fixture (part 5) -------------------------------------------------
def run_reset(vendors: list[str]) -> list[str]:
    """The sandbox reset to the demo against flush + loaddata (bench/reset.py), per database; the
    lines go to the console and the raw report (docs/performance.md quotes them by hand)."""
    from bench import reset

    lines = []
    for vendor in vendors:
        log(f"{vendor}: sandbox reset against flush + loaddata")
        if vendor == "sqlite":
            url = f"sqlite:///{RESULTS / 'reset.sqlite3'}"
            (RESULTS / "reset.sqlite3").unlink(missing_ok=True)
        else:
            with pg_connect() as conn:
                conn.execute('DROP DATABASE IF EXISTS "icp_bench_reset" WITH (FORCE)')
                conn.execute('CREATE DATABASE "icp_bench_reset"')
            url = f"{PG_BASE}/icp_bench_reset"
        try:
            lines.append(reset.report(vendor, reset.measure(url, repeat=15)))
        finally:
            if vendor != "sqlite":
                with pg_connect() as conn:
                    conn.execute('DROP DATABASE IF EXISTS "icp_bench_reset" WITH (FORCE)')
    return lines


def run_fixture() -> dict:
    """The icp_simulator fixture's cost as a user's suite meets it (bench/fixture.py)."""
    log("the icp_simulator fixture: start-up and a test's reset")
    proc = subprocess.run([PY, str(REPO / "bench" / "fixture.py")], cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        return {"skipped": (proc.stderr.strip().splitlines() or ["failed"])[-1][:200]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- the command line ---------------------------------------------------------------------------
def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: few repetitions, scales 100 and 1,000"
    )
    parser.add_argument(
        "--scales", default="", help="comma-separated instance counts (default 1000,10000,100000)"
    )
    parser.add_argument(
        "--only",
        default="pages,load,reset,fixture",
        help="parts to run: pages, load, reset, fixture; or filings (the load part's "
        "filing throughput alone)",
    )
    parser.add_argument(
        "--databases", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql (default both)"
    )
    parser.add_argument("--no-install", action="store_true", help="do not apt-get install wrk when missing")
    parser.add_argument(
        "--worker",
        choices=["serve", "sync"],
        default="serve",
        help="gunicorn workers for the load parts: serve (what make serve runs, the default) "
        "or sync (gunicorn's sync workers, as before issue 16)",
    )
    parser.add_argument(
        "--output",
        default="",
        help="Markdown report (default: docs/performance.md for a full run, "
        "bench/results/performance-quick.md for --quick)",
    )
    return parser


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()

    wrk = ensure_wrk(not args.no_install)
    wanted = set(args.databases.split(","))
    pg_version = ensure_postgres() if "postgresql" in wanted else None
    vendors = [v for v in ("sqlite", "postgresql") if v in wanted and (v == "sqlite" or pg_version)]
    if "postgresql" in wanted and not pg_version:
        log("PostgreSQL is not reachable: its parts are reported as skipped")
    parts = set(args.only.split(","))

    report = {
        "quick": args.quick,
        "machine": machine_info(pg_version, wrk),
        "pages": [],
        "load": [],
        "skipped": {},
    }
    if "postgresql" in wanted and not pg_version and "pages" in parts:
        report["skipped"]["postgresql"] = "PostgreSQL not reachable"
    if parts == {"reset"}:  # the sandbox reset alone: printed, never rewrites docs/performance.md
        for line in run_reset(vendors):
            print(line)
        return 0
    prepare_templates(vendors)
    try:
        _measure(report, args, parts, vendors, wrk, pg_missing="postgresql" in wanted and not pg_version)
    finally:
        if pg_version:
            with pg_connect() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{PG_TEMPLATE}" WITH (FORCE)')
    report["seconds"] = round(time.perf_counter() - started, 1)
    _write(report, args)
    return 0


def _measure(report: dict, args, parts: set[str], vendors: list[str], wrk: bool, *, pg_missing: bool) -> None:
    """Run the parts asked for, adding what each measured to ``report``."""
    default_scales = [100, 1000] if args.quick else [1000, 10_000, 100_000]
    scales = [int(s) for s in args.scales.split(",") if s] or default_scales
    if "pages" in parts:
        for vendor in vendors:
            report["pages"] += run_pages(vendor, scales, args.quick)
    if "load" in parts or "filings" in parts:
        for vendor in vendors:
            try:
                report["load"].append(
                    run_load(vendor, args.quick, wrk, args.worker, filings_only="load" not in parts)
                )
            except (RuntimeError, OSError) as exc:
                log(f"{vendor}: load phase failed: {exc}")
                report["load"].append({"vendor": vendor, "skipped": str(exc).splitlines()[0][:200]})
        if pg_missing:
            report["load"].append({"vendor": "postgresql", "skipped": "PostgreSQL not reachable"})
    if "reset" in parts:
        report["reset"] = run_reset(vendors)
    if "fixture" in parts:
        report["fixture"] = run_fixture()


def _write(report: dict, args) -> None:
    """Print the table, keep the raw report, and write the Markdown one."""
    rows = build_table(report)
    print(render_text(rows))
    for line in report.get("reset", []):
        print(line)
    machine = report["machine"]
    print(f"\n{machine['date']}, {machine['nproc']} cores ({machine['cpu']}); {report['seconds']:.0f} s")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    raw = RESULTS / f"report-{stamp}{'-quick' if args.quick else ''}.json"
    raw.write_text(json.dumps(report, indent=1))
    output = (
        Path(args.output)
        if args.output
        else (RESULTS / "performance-quick.md" if args.quick else REPO / "docs" / "performance.md")
    )
    write_docs(report, rows, output)
    log(f"wrote {output.relative_to(REPO) if output.is_relative_to(REPO) else output}")


if __name__ == "__main__":
    sys.exit(main())
