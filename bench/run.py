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
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench import load  # noqa: E402

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

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
SERVE_THREADS = 2

TARGET_PAGE_RATIO = 2.0
# Issue 26: the instances API within 1.6x of the floor; the other pages within 2x.
TARGET_PAGE_RATIOS = {"application": 2.0, "management": 2.0, "instances_page": 2.0, "api_instances": 1.6}
TARGET_FROM_SCALE = 1000  # the targets hold at every scale from 1,000 instances
TARGET_SETTLE_S = 1.0
TARGET_APPLY_SHARE = 0.30
TARGET_FILINGS_PER_S = 10.0

PAGE_LABELS = {
    "floor": "floor: plain Django view, same 20 rows",
    "floor_codes": "floor for codes: plain Django view, 20 codes",
    "floor_api": "floor: bare DRF list, same 20 rows",
    "application": "ICP No. Application",
    "management": "ICP No. Management (to the codes floor)",
    "instances_page": "Instances page",
    "api_instances": "GET /api/v1/instances/",
}
PRODUCT_PAGES = ["application", "management", "instances_page", "api_instances"]


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- machine ------------------------------------------------------------------------------------
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


def _pg_connect(dbname: str = "postgres"):
    import psycopg

    return psycopg.connect(f"{PG_BASE}/{dbname}", autocommit=True, connect_timeout=3)


def ensure_postgres() -> str | None:
    """The server's version when PostgreSQL answers (started from its Debian cluster if need be)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return None

    def version():
        try:
            with _pg_connect() as conn:
                return conn.execute("SHOW server_version").fetchone()[0]
        except Exception:  # noqa: BLE001 - any failure means "not reachable"
            return None

    found = version()
    if found or not Path("/etc/postgresql").is_dir() or not shutil.which("pg_ctlcluster"):
        return found
    for cluster in sorted(os.listdir("/etc/postgresql")):
        log(f"starting PostgreSQL cluster {cluster}/main")
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "start"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
    versions = json.loads(subprocess.run(
        [PY, "-c", "import json, django, rest_framework, sqlite3, platform; print(json.dumps({"
                   "'python': platform.python_version(), 'django': django.get_version(), "
                   "'drf': rest_framework.VERSION, 'sqlite': sqlite3.sqlite_version}))"],
        capture_output=True, text=True, check=True).stdout)
    gunicorn_version = subprocess.run([str(REPO / ".venv" / "bin" / "gunicorn"), "--version"],
                                      capture_output=True, text=True).stdout.strip()
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


# --- databases ----------------------------------------------------------------------------------
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
            with _pg_connect() as conn:
                conn.execute(f'CREATE DATABASE "{self.name}" TEMPLATE "{PG_TEMPLATE}"')
        return self

    def drop(self) -> None:
        if self.vendor == "sqlite":
            for suffix in ("", "-wal", "-shm", "-journal"):
                (RESULTS / f"{self.name}.sqlite3{suffix}").unlink(missing_ok=True)
        else:
            with _pg_connect() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def fresh_cache() -> None:
    """Start a phase with an empty cache: the file cache lists its whole folder on every write
    (the throttles write on every API request), so leftovers of an earlier phase would slow the
    next one's API requests (docs/performance.md)."""
    shutil.rmtree(RESULTS / "cache", ignore_errors=True)


def worker(db_url: str, *args: str, stdin: str | None = None) -> dict:
    env = {**os.environ, **BENCH_ENV, "DATABASE_URL": db_url}
    proc = subprocess.run([PY, "-m", "bench.worker", *args], cwd=REPO, env=env, input=stdin,
                          capture_output=True, text=True)
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
        with _pg_connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{PG_TEMPLATE}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{PG_TEMPLATE}"')
        took = worker(f"{PG_BASE}/{PG_TEMPLATE}", "migrate")["seconds"]
        log(f"postgresql: migrated the template database {PG_TEMPLATE} in {took:.1f} s")


# --- part 1: pages at scale ---------------------------------------------------------------------
def run_pages(vendor: str, scales: list[int], quick: bool) -> list[dict]:
    rows = []
    for scale in scales:
        db = Database(vendor, f"{PG_TEMPLATE}_pages_{scale}").create()
        fresh_cache()
        try:
            seeded = worker(db.url, "seed-account", "--username", "bench", "--n", str(scale))
            # Another account's rows in the same tables, so every read has something to skip.
            worker(db.url, "seed-account", "--username", "neighbour", "--n", str(max(100, scale // 10)),
                   "--ip-start", "1000000")
            reps = 5 if quick else (20 if scale >= 10_000 else 30)
            log(f"{vendor}: seeded {scale} instances in {seeded['seconds']:.0f} s")
            warmup = 1 if quick else 5
            log(f"{vendor}: pages at {scale} instances ({seeded['codes']} codes): {reps} rounds")
            measured = worker(db.url, "pages", "--username", "bench", "--reps", str(reps),
                              "--warmup", str(warmup))
            rows.append({"vendor": vendor, "scale": scale, "codes": seeded["codes"], "reps": reps,
                         "pages": measured["pages"]})
        finally:
            db.drop()
    return rows


# --- parts 2 and 3: under load ------------------------------------------------------------------
def redis_available() -> bool:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1, socket_timeout=1).ping()
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        return False
    return True


def run_load(vendor: str, quick: bool, wrk: bool, worker_model: str = "serve",
             filings_only: bool = False) -> dict:
    workers = 2 * (os.cpu_count() or 1) + 1
    served = ({"worker_class": load.SERVE_WORKER, "threads": SERVE_THREADS} if worker_model == "serve"
              else {"worker_class": "sync", "threads": 1})
    contention_reps = 2 if quick else 5
    tp_reps, tp_seconds, tp_slice = (1, 3, 300) if quick else (3, 10, 1500)
    filing_reps, filings_per_rep, filing_threads = (1, 4, 4) if quick else (3, 12, 4)
    filing_warmup = 2
    width = 20
    db = Database(vendor, f"{PG_TEMPLATE}_load").create()
    fresh_cache()
    out: dict = {"vendor": vendor, "workers": workers, "worker_class": served["worker_class"],
                 "threads": served["threads"]}
    try:
        world = worker(db.url, "seed-load", "--contention-sets", str(contention_reps + 1),
                       "--contention-width", str(width),
                       "--throughput-instances", str((tp_reps + 3) * tp_slice),
                       "--filing-accounts", str(filing_warmup + filing_reps * filings_per_rep))
        env = {**os.environ, **BENCH_ENV, "DATABASE_URL": db.url}
        log(f"{vendor}: gunicorn with {workers} workers ({served['worker_class']}, "
            f"{served['threads']} threads)")
        gunicorn_log = RESULTS / f"gunicorn-{vendor}.log"
        with load.gunicorn(REPO, env, workers=workers, log=gunicorn_log, **served) as port:
            token = world["loader_token"]
            # Warm every worker: imports, connections, first queries.
            for _ in range(workers * 4):
                load.request(port, "GET", "/api/v1/me/", token=token)

            if not filings_only:  # --only filings: the filing throughput alone
                # 2a. 100 parallel applies across 20 instances, then on one instance; the first round
                # warms up. Codes are counted in the database afterwards, not only from the answers.
                sets, singles = world["contention_sets"], world["single_instances"]
                wide, single = [], []
                for rep in range(contention_reps + 1):
                    wide_run = load.parallel_applies(port, token, [sets[rep][k % width] for k in range(100)])
                    single_run = load.parallel_applies(port, token, [singles[rep]] * 100)
                    wide_run["instances"], single_run["instances"] = sets[rep], [singles[rep]]
                    if rep:
                        wide.append(wide_run)
                        single.append(single_run)
                used = [iid for run in wide + single for iid in run["instances"]]
                counts = worker(db.url, "codes-issued", stdin=json.dumps(used))["counts"]
                for run in wide + single:
                    run["in_db"] = sum(counts[iid] for iid in run.pop("instances"))
                out["contention_wide"], out["contention_single"] = wide, single
                log(f"{vendor}: parallel applies settled in "
                    f"{load.median([r['settle_s'] for r in wide]):.2f} s (20 instances), "
                    f"{load.median([r['settle_s'] for r in single]):.2f} s (one instance)")

                # 2b. Throughput: bare insert vs apply, same driver, same connections.
                ids = world["throughput_instances"]
                threads, conns = 2, 8
                insert_runs, apply_runs = [], []
                for rep in range(tp_reps + 1):
                    first, last = rep * tp_slice + 1, (rep + 1) * tp_slice
                    seconds = 2 if rep == 0 else tp_seconds
                    if wrk:
                        ins = load.wrk_run(port, "/bench/insert/", token, seconds=seconds, threads=threads,
                                           connections=conns)
                        app = load.wrk_run(port, "/api/v1/instances/x/service-codes/", token,
                                           seconds=seconds, threads=threads, connections=conns, ids=ids,
                                           first=first, last=last)
                    else:
                        ins = load.python_run(port, lambda k: "/bench/insert/", token, seconds=seconds,
                                              threads=conns)
                        slice_ids = ids[first - 1:last]
                        app = load.python_run(
                            port, lambda k, s=slice_ids: f"/api/v1/instances/{s[k % len(s)]}/service-codes/",
                            token, seconds=seconds, threads=conns)
                    if rep:
                        insert_runs.append(ins)
                        apply_runs.append(app)
                out["throughput"] = {"driver": "wrk" if wrk else "python threads", "threads": threads,
                                     "connections": conns, "seconds": tp_seconds,
                                     "insert": insert_runs, "apply": apply_runs}
                log(f"{vendor}: bare insert {load.median([r['created_per_s'] for r in insert_runs]):.0f}/s, "
                    f"apply {load.median([r['created_per_s'] for r in apply_runs]):.0f}/s")

            # 3. First filings through the API, to approval.
            filers = world["filers"]
            try:
                load.first_filing(port, filers[0], world["staff_token"], 0)
                load.first_filing(port, filers[1], world["staff_token"], 1)
            except (load.FlowError, OSError) as exc:
                out["filings"] = {"skipped": str(exc)}
                log(f"{vendor}: filings skipped: {exc}")
            else:
                runs = []
                for rep in range(filing_reps):
                    start = filing_warmup + rep * filings_per_rep
                    runs.append(load.filings_run(port, filers[start:start + filings_per_rep],
                                                 world["staff_token"], threads=filing_threads, offset=start))
                out["filings"] = {"threads": filing_threads, "per_rep": filings_per_rep, "runs": runs}
                per_s = load.median([r["per_s"] for r in runs])
                log(f"{vendor}: {per_s:.1f} first filings approved per second")

        # 4. The fleet: the same floor and applies with the cache on Redis, on one node and on two
        # (round-robin over two gunicorns, as a load balancer would), with the Python driver.
        if filings_only:
            pass
        elif redis_available():
            out["fleet"] = run_fleet(vendor, env, world, workers, served, tp_reps + 1, tp_slice,
                                     seconds=tp_seconds, reps=tp_reps)
        else:
            out["fleet"] = {"skipped": f"Redis not reachable at {REDIS_URL}"}
    finally:
        db.drop()
    return out


def run_fleet(vendor, env, world, workers, served, first_slice, tp_slice, *, seconds, reps) -> dict:
    import redis

    prefix = f"bench-{os.getpid()}"
    renv = {**env, "CACHE_URL": f"{REDIS_URL}?key_prefix={prefix}"}
    token, ids, conns = world["loader_token"], world["throughput_instances"], 8
    one = ids[first_slice * tp_slice:(first_slice + 1) * tp_slice]
    two = ids[(first_slice + 1) * tp_slice:(first_slice + 2) * tp_slice]

    def apply_path(slice_ids):
        return lambda k: f"/api/v1/instances/{slice_ids[k % len(slice_ids)]}/service-codes/"

    out: dict = {"driver": "python threads", "connections": conns, "seconds": seconds}
    try:
        log(f"{vendor}: fleet on Redis, one node")
        with load.gunicorn(REPO, renv, workers=workers, log=RESULTS / f"gunicorn-{vendor}-redis.log",
                           **served) as port:
            for _ in range(workers * 4):
                load.request(port, "GET", "/api/v1/me/", token=token)
            out["insert"] = [load.python_run(port, lambda k: "/bench/insert/", token, seconds=seconds,
                                             threads=conns) for _ in range(reps)]
            out["apply_one"] = [load.python_run(port, apply_path(one[r::reps]), token, seconds=seconds,
                                                threads=conns) for r in range(reps)]
        log(f"{vendor}: fleet on Redis, two nodes")
        with load.gunicorn(REPO, renv, workers=workers, log=RESULTS / f"gunicorn-{vendor}-node1.log",
                           **served) as p1, \
                load.gunicorn(REPO, renv, workers=workers, log=RESULTS / f"gunicorn-{vendor}-node2.log",
                              **served) as p2:
            for _ in range(workers * 4):
                load.request(p1, "GET", "/api/v1/me/", token=token)
                load.request(p2, "GET", "/api/v1/me/", token=token)
            out["apply_two"] = [load.python_run([p1, p2], apply_path(two[r::reps]), token, seconds=seconds,
                                                threads=conns) for r in range(reps)]
        log(f"{vendor}: Redis floor {load.median([r['created_per_s'] for r in out['insert']]):.0f}/s, "
            f"applies {load.median([r['created_per_s'] for r in out['apply_one']]):.0f}/s on one node, "
            f"{load.median([r['created_per_s'] for r in out['apply_two']]):.0f}/s on two")
    except (RuntimeError, OSError) as exc:
        out = {"skipped": str(exc).splitlines()[0][:200]}
    finally:
        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)
    return out


# --- report -------------------------------------------------------------------------------------
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
            with _pg_connect() as conn:
                conn.execute('DROP DATABASE IF EXISTS "icp_bench_reset" WITH (FORCE)')
                conn.execute('CREATE DATABASE "icp_bench_reset"')
            url = f"{PG_BASE}/icp_bench_reset"
        try:
            lines.append(reset.report(vendor, reset.measure(url, repeat=15)))
        finally:
            if vendor != "sqlite":
                with _pg_connect() as conn:
                    conn.execute('DROP DATABASE IF EXISTS "icp_bench_reset" WITH (FORCE)')
    return lines


def run_fixture() -> dict:
    """The icp_simulator fixture's cost as a user's suite meets it (bench/fixture.py)."""
    log("the icp_simulator fixture: start-up and a test's reset")
    proc = subprocess.run([PY, str(REPO / "bench" / "fixture.py")], cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        return {"skipped": (proc.stderr.strip().splitlines() or ["failed"])[-1][:200]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def fixture_lines(report: dict) -> list[str]:
    fixture = report.get("fixture")
    if not fixture:
        return []
    if "skipped" in fixture:
        return ["", f"The `icp_simulator` fixture: skipped ({fixture['skipped']})."]
    return ["", "The `icp_simulator` fixture in a user's suite (`bench/fixture.py`, ms): "
            + "; ".join(f"{what} {value:g}" for what, value in fixture.items()) + "."]


def _fmt_ms(value: float) -> str:
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def _mark(ok: bool) -> str:
    return "yes" if ok else "**no**"


def build_table(report: dict) -> list[list[str]]:
    header = ["Part", "DB", "What", "Instances", "Median ms", "p95 ms", "Queries", "Ratio to floor",
              "CPU ratio", "Target met"]
    rows = [header]
    for vendor, why in report.get("skipped", {}).items():
        rows.append(["1 pages", vendor, f"skipped: {why}", "", "", "", "", "", "", ""])
    largest = max((e["scale"] for e in report["pages"]), default=0)
    for entry in report["pages"]:
        pages = entry["pages"]
        for name in ["floor", "floor_api", "floor_codes", *PRODUCT_PAGES]:
            page = pages[name]
            ratio = page.get("ratio", 1.0)
            target = "-"
            if name in PRODUCT_PAGES and (entry["scale"] >= TARGET_FROM_SCALE or entry["scale"] == largest):
                same_db = [e for e in report["pages"] if e["vendor"] == entry["vendor"]]
                counts = {e["pages"][name]["queries"] for e in same_db}
                ok = ratio <= TARGET_PAGE_RATIOS.get(name, TARGET_PAGE_RATIO) and len(counts) == 1
                target = _mark(ok) + ("" if len(counts) == 1 else " (queries vary with scale)")
            rows.append(["1 pages", entry["vendor"], PAGE_LABELS[name], f"{entry['scale']:,}",
                         _fmt_ms(page["median_ms"]), _fmt_ms(page["p95_ms"]), str(page["queries"]),
                         f"{ratio:.2f}x", f"{page.get('cpu_ratio', 1.0):.2f}x", target])
    for entry in report["load"]:
        vendor = entry["vendor"]
        if "skipped" in entry:
            rows.append(["2 contention", vendor, f"skipped: {entry['skipped']}", "", "", "", "", "", "", ""])
            continue
        for key, label, quota in (("contention_wide", "100 parallel applies on 20 instances", 100),
                                  ("contention_single", "100 parallel applies on 1 instance", 5)):
            if key not in entry:  # --only filings
                continue
            runs = entry[key]
            settle = [r["settle_s"] * 1000 for r in runs]
            issued = sorted({r["issued"] for r in runs})
            in_db = sorted({r["in_db"] for r in runs})
            errors = sum(r["errors"] for r in runs)
            ok = (load.median(settle) < TARGET_SETTLE_S * 1000 and errors == 0
                  and issued == [quota] and in_db == [quota])
            what = (f"{label}: time to settle; codes issued {'/'.join(map(str, issued))} (in the DB "
                    f"{'/'.join(map(str, in_db))}, quota {quota}); errors {errors}")
            rows.append(["2 contention", vendor, what, "-", _fmt_ms(load.median(settle)),
                         _fmt_ms(max(settle)), "-", "-", "-", _mark(ok)])
        tp = entry.get("throughput")
        insert = load.median([r["created_per_s"] for r in tp["insert"]]) if tp else 0.0
        if tp:
            apply = load.median([r["created_per_s"] for r in tp["apply"]])
            share = apply / insert if insert else 0.0
            rows.append(["2 throughput", vendor, f"bare DRF insert (floor), {tp['driver']}: rows/s", "-",
                         f"{insert:.0f}/s", "-", "-", "1.00x", "-", "-"])
            rows.append(["2 throughput", vendor, f"POST .../service-codes/ (apply), {tp['driver']}: codes/s",
                         "-", f"{apply:.0f}/s", "-", "-", f"{share:.2f}x", "-",
                         _mark(share >= TARGET_APPLY_SHARE)])
        filings = entry.get("filings", {})
        if "skipped" in filings:
            rows.append(["3 filings", vendor, f"skipped: {filings['skipped']}", "", "", "", "", "", "", ""])
        elif filings:
            runs = filings["runs"]
            per_s = load.median([r["per_s"] for r in runs])
            failed = sum(r["failed"] for r in runs)
            what = (f"first filings, draft to approved through the API ({filings['threads']} users in "
                    f"parallel, 11 requests each: domain, create, 3 uploads, verification, submit, review, "
                    f"inbox, SMS code, review): filings/s; failed {failed}")
            rows.append(["3 filings", vendor, what, "-", f"{per_s:.1f}/s", "-", "-", "-", "-",
                         _mark(per_s >= TARGET_FILINGS_PER_S)])
        fleet = entry.get("fleet", {})
        if "skipped" in fleet:
            rows.append(["4 fleet", vendor, f"skipped: {fleet['skipped']}", "", "", "", "", "", "", ""])
        elif fleet:
            file_floor = insert
            floor = load.median([r["created_per_s"] for r in fleet["insert"]])
            one = load.median([r["created_per_s"] for r in fleet["apply_one"]])
            two = load.median([r["created_per_s"] for r in fleet["apply_two"]])
            drove = ", which wrk drove" if tp["driver"] == "wrk" else ""
            rows.append(["4 fleet", vendor, f"bare DRF insert, cache on Redis ({fleet['driver']}): rows/s "
                         f"(ratio to the file-cache floor above{drove})", "-", f"{floor:.0f}/s", "-", "-",
                         f"{floor / file_floor if file_floor else 0:.2f}x", "-", "-"])
            rows.append(["4 fleet", vendor, "applies, cache on Redis, one node: codes/s (ratio to the "
                         "Redis floor)", "-", f"{one:.0f}/s", "-", "-", f"{one / floor if floor else 0:.2f}x",
                         "-", "-"])
            rows.append(["4 fleet", vendor, "applies, cache on Redis, two nodes round-robin on the same "
                         "cores: codes/s (ratio to one node)", "-", f"{two:.0f}/s", "-", "-",
                         f"{two / one if one else 0:.2f}x", "-", "-"])
    return rows


def render_text(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for k, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def render_markdown(rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join("---" for _ in rows[0]) + "|"]
    out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows[1:]]
    return "\n".join(out)


BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def generated_section(report: dict, rows: list[list[str]]) -> str:
    m = report["machine"]
    return "\n".join([
        BEGIN,
        "<!-- Written by `make bench` (bench/run.py); edit outside these markers. -->",
        "",
        f"Measured {m['date']} by `make bench{' BENCH_ARGS=--quick' if report['quick'] else ''}` "
        f"({report['seconds']:.0f} s) on {m['nproc']} cores ({m['cpu']}), Linux {m['kernel']}; "
        f"Python {m['python']}, Django {m['django']}, DRF {m['drf']}, SQLite {m['sqlite']}, "
        f"PostgreSQL {m['postgresql']}, {m['gunicorn']}, {m['wrk']}.",
        "",
        "Targets (reported, not asserted): from 1,000 instances up, the console pages within "
        f"{TARGET_PAGE_RATIO:g}x of the floor and `GET /api/v1/instances/` within "
        f"{TARGET_PAGE_RATIOS['api_instances']:g}x, with a query count that does not change with the "
        f"scale; parallel applies settle in under {TARGET_SETTLE_S:g} s with no errors and exactly the "
        f"quota issued; apply throughput at least {TARGET_APPLY_SHARE:.0%} of the bare insert; first "
        f"filings at least {TARGET_FILINGS_PER_S:g} a second.",
        *fixture_lines(report),
        "",
        render_markdown(rows),
        END,
    ])


def write_docs(report: dict, rows: list[list[str]], path: Path) -> None:
    """Replace the generated block of ``path`` (the text around it is written by hand), or start
    the file with just that block."""
    section = generated_section(report, rows)
    text = path.read_text() if path.exists() else ""
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = f"# Performance\n\n{section}\n"
    path.write_text(text)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: few repetitions, scales 100 and 1,000")
    parser.add_argument("--scales", default="",
                        help="comma-separated instance counts (default 1000,10000,100000)")
    parser.add_argument("--only", default="pages,load,reset,fixture",
                        help="parts to run: pages, load, reset, fixture; or filings (the load part's "
                             "filing throughput alone)")
    parser.add_argument("--databases", default="sqlite,postgresql",
                        help="comma-separated: sqlite, postgresql (default both)")
    parser.add_argument("--no-install", action="store_true", help="do not apt-get install wrk when missing")
    parser.add_argument("--worker", choices=["serve", "sync"], default="serve",
                        help="gunicorn workers for the load parts: serve (what make serve runs, the default) "
                             "or sync (gunicorn's sync workers, as before issue 16)")
    parser.add_argument("--output", default="",
                        help="Markdown report (default: docs/performance.md for a full run, "
                             "bench/results/performance-quick.md for --quick)")
    args = parser.parse_args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()

    wrk = ensure_wrk(not args.no_install)
    wanted = set(args.databases.split(","))
    pg_version = ensure_postgres() if "postgresql" in wanted else None
    vendors = [v for v in ("sqlite", "postgresql") if v in wanted and (v == "sqlite" or pg_version)]
    if "postgresql" in wanted and not pg_version:
        log("PostgreSQL is not reachable: its parts are reported as skipped")
    default_scales = [100, 1000] if args.quick else [1000, 10_000, 100_000]
    scales = [int(s) for s in args.scales.split(",") if s] or default_scales
    parts = set(args.only.split(","))

    report = {"quick": args.quick, "machine": machine_info(pg_version, wrk), "pages": [], "load": [],
              "skipped": {}}
    if "postgresql" in wanted and not pg_version and "pages" in parts:
        report["skipped"]["postgresql"] = "PostgreSQL not reachable"
    if parts == {"reset"}:  # the sandbox reset alone: printed, never rewrites docs/performance.md
        for line in run_reset(vendors):
            print(line)
        return 0
    prepare_templates(vendors)
    try:
        if "pages" in parts:
            for vendor in vendors:
                report["pages"] += run_pages(vendor, scales, args.quick)
        if "load" in parts or "filings" in parts:
            for vendor in vendors:
                try:
                    report["load"].append(run_load(vendor, args.quick, wrk, args.worker,
                                                   filings_only="load" not in parts))
                except (RuntimeError, OSError) as exc:
                    log(f"{vendor}: load phase failed: {exc}")
                    report["load"].append({"vendor": vendor, "skipped": str(exc).splitlines()[0][:200]})
            if "postgresql" in wanted and not pg_version:
                report["load"].append({"vendor": "postgresql", "skipped": "PostgreSQL not reachable"})
        if "reset" in parts:
            report["reset"] = run_reset(vendors)
        if "fixture" in parts:
            report["fixture"] = run_fixture()
    finally:
        if pg_version:
            with _pg_connect() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{PG_TEMPLATE}" WITH (FORCE)')
    report["seconds"] = round(time.perf_counter() - started, 1)

    rows = build_table(report)
    print(render_text(rows))
    for line in report.get("reset", []):
        print(line)
    print(f"\n{report['machine']['date']}, {report['machine']['nproc']} cores ({report['machine']['cpu']}); "
          f"{report['seconds']:.0f} s")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    raw = RESULTS / f"report-{stamp}{'-quick' if args.quick else ''}.json"
    raw.write_text(json.dumps(report, indent=1))
    output = Path(args.output) if args.output else (
        RESULTS / "performance-quick.md" if args.quick else REPO / "docs" / "performance.md")
    write_docs(report, rows, output)
    log(f"wrote {output.relative_to(REPO) if output.is_relative_to(REPO) else output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
