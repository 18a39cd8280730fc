"""Parts 2 to 4 of ``make bench`` (``bench/run.py``), under load on gunicorn: parallel applies
(contention), apply throughput against a bare insert, first filings to approval, and the fleet
(the cache on Redis, one node and two)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from bench import load
from bench.harness import BENCH_ENV, PG_TEMPLATE, REPO, RESULTS, Database, fresh_cache, log, worker

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
SERVE_THREADS = 2


@dataclass(frozen=True)
class LoadPlan:
    """How much each part under load repeats: a smoke run (``--quick``) or a full one."""

    contention_reps: int
    tp_reps: int
    tp_seconds: int
    tp_slice: int
    filing_reps: int
    filings_per_rep: int
    filing_threads: int
    filing_warmup: int = 2
    width: int = 20

    @classmethod
    def of(cls, quick: bool) -> LoadPlan:
        contention_reps = 2 if quick else 5
        tp_reps, tp_seconds, tp_slice = (1, 3, 300) if quick else (3, 10, 1500)
        filing_reps, filings_per_rep, filing_threads = (1, 4, 4) if quick else (3, 12, 4)
        return cls(
            contention_reps, tp_reps, tp_seconds, tp_slice, filing_reps, filings_per_rep, filing_threads
        )


def redis_available() -> bool:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1, socket_timeout=1).ping()
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        return False
    return True


def run_load(
    vendor: str, quick: bool, wrk: bool, worker_model: str = "serve", filings_only: bool = False
) -> dict:
    workers = 2 * (os.cpu_count() or 1) + 1
    served = (
        {"worker_class": load.SERVE_WORKER, "threads": SERVE_THREADS}
        if worker_model == "serve"
        else {"worker_class": "sync", "threads": 1}
    )
    plan = LoadPlan.of(quick)
    db = Database(vendor, f"{PG_TEMPLATE}_load").create()
    fresh_cache()
    out: dict = {
        "vendor": vendor,
        "workers": workers,
        "worker_class": served["worker_class"],
        "threads": served["threads"],
    }
    try:
        world = _seed(db, plan)
        env = {**os.environ, **BENCH_ENV, "DATABASE_URL": db.url}
        log(
            f"{vendor}: gunicorn with {workers} workers ({served['worker_class']}, "
            f"{served['threads']} threads)"
        )
        gunicorn_log = RESULTS / f"gunicorn-{vendor}.log"
        with load.gunicorn(REPO, env, workers=workers, log=gunicorn_log, **served) as port:
            token = world["loader_token"]
            _warm(port, token, workers)
            if not filings_only:  # --only filings: the filing throughput alone
                out["contention_wide"], out["contention_single"] = _contention(
                    vendor, db, port, token, world, plan
                )
                out["throughput"] = _throughput(vendor, port, token, world, plan, wrk)
            out["filings"] = _filings(vendor, port, world, plan)

        # 4. The fleet: the same floor and applies with the cache on Redis, on one node and on two
        # (round-robin over two gunicorns, as a load balancer would), with the Python driver.
        if filings_only:
            pass
        elif redis_available():
            out["fleet"] = run_fleet(
                vendor,
                env,
                world,
                workers,
                served,
                plan.tp_reps + 1,
                plan.tp_slice,
                seconds=plan.tp_seconds,
                reps=plan.tp_reps,
            )
        else:
            out["fleet"] = {"skipped": f"Redis not reachable at {REDIS_URL}"}
    finally:
        db.drop()
    return out


def _seed(db: Database, plan: LoadPlan) -> dict:
    return worker(
        db.url,
        "seed-load",
        "--contention-sets",
        str(plan.contention_reps + 1),
        "--contention-width",
        str(plan.width),
        "--throughput-instances",
        str((plan.tp_reps + 3) * plan.tp_slice),
        "--filing-accounts",
        str(plan.filing_warmup + plan.filing_reps * plan.filings_per_rep),
    )


def _warm(port, token: str, workers: int) -> None:
    """Warm every worker: imports, connections, first queries."""
    for _ in range(workers * 4):
        load.request(port, "GET", "/api/v1/me/", token=token)


def _contention(
    vendor: str, db: Database, port, token: str, world: dict, plan: LoadPlan
) -> tuple[list, list]:
    """2a. 100 parallel applies across 20 instances, then on one instance; the first round warms
    up. Codes are counted in the database afterwards, not only from the answers."""
    sets, singles, width = world["contention_sets"], world["single_instances"], plan.width
    wide, single = [], []
    for rep in range(plan.contention_reps + 1):
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
    log(
        f"{vendor}: parallel applies settled in "
        f"{load.median([r['settle_s'] for r in wide]):.2f} s (20 instances), "
        f"{load.median([r['settle_s'] for r in single]):.2f} s (one instance)"
    )
    return wide, single


def _throughput(vendor: str, port, token: str, world: dict, plan: LoadPlan, wrk: bool) -> dict:
    """2b. Throughput: bare insert vs apply, same driver, same connections."""
    ids = world["throughput_instances"]
    threads, conns = 2, 8
    insert_runs, apply_runs = [], []
    for rep in range(plan.tp_reps + 1):
        first, last = rep * plan.tp_slice + 1, (rep + 1) * plan.tp_slice
        seconds = 2 if rep == 0 else plan.tp_seconds
        if wrk:
            ins = load.wrk_run(
                port, "/bench/insert/", token, seconds=seconds, threads=threads, connections=conns
            )
            app = load.wrk_run(
                port,
                "/api/v1/instances/x/service-codes/",
                token,
                seconds=seconds,
                threads=threads,
                connections=conns,
                ids=ids,
                first=first,
                last=last,
            )
        else:
            ins = load.python_run(port, lambda k: "/bench/insert/", token, seconds=seconds, threads=conns)
            slice_ids = ids[first - 1 : last]
            app = load.python_run(
                port,
                lambda k, s=slice_ids: f"/api/v1/instances/{s[k % len(s)]}/service-codes/",
                token,
                seconds=seconds,
                threads=conns,
            )
        if rep:
            insert_runs.append(ins)
            apply_runs.append(app)
    log(
        f"{vendor}: bare insert {load.median([r['created_per_s'] for r in insert_runs]):.0f}/s, "
        f"apply {load.median([r['created_per_s'] for r in apply_runs]):.0f}/s"
    )
    return {
        "driver": "wrk" if wrk else "python threads",
        "threads": threads,
        "connections": conns,
        "seconds": plan.tp_seconds,
        "insert": insert_runs,
        "apply": apply_runs,
    }


def _filings(vendor: str, port, world: dict, plan: LoadPlan) -> dict:
    """3. First filings through the API, to approval (the first two warm up)."""
    filers = world["filers"]
    try:
        load.first_filing(port, filers[0], world["staff_token"], 0)
        load.first_filing(port, filers[1], world["staff_token"], 1)
    except (load.FlowError, OSError) as exc:
        log(f"{vendor}: filings skipped: {exc}")
        return {"skipped": str(exc)}
    runs = []
    for rep in range(plan.filing_reps):
        start = plan.filing_warmup + rep * plan.filings_per_rep
        runs.append(
            load.filings_run(
                port,
                filers[start : start + plan.filings_per_rep],
                world["staff_token"],
                threads=plan.filing_threads,
                offset=start,
            )
        )
    per_s = load.median([r["per_s"] for r in runs])
    log(f"{vendor}: {per_s:.1f} first filings approved per second")
    return {"threads": plan.filing_threads, "per_rep": plan.filings_per_rep, "runs": runs}


def run_fleet(vendor, env, world, workers, served, first_slice, tp_slice, *, seconds, reps) -> dict:
    import redis

    prefix = f"bench-{os.getpid()}"
    renv = {**env, "CACHE_URL": f"{REDIS_URL}?key_prefix={prefix}"}
    token, ids, conns = world["loader_token"], world["throughput_instances"], 8
    one = ids[first_slice * tp_slice : (first_slice + 1) * tp_slice]
    two = ids[(first_slice + 1) * tp_slice : (first_slice + 2) * tp_slice]

    def apply_path(slice_ids):
        return lambda k: f"/api/v1/instances/{slice_ids[k % len(slice_ids)]}/service-codes/"

    out: dict = {"driver": "python threads", "connections": conns, "seconds": seconds}
    try:
        log(f"{vendor}: fleet on Redis, one node")
        with load.gunicorn(
            REPO, renv, workers=workers, log=RESULTS / f"gunicorn-{vendor}-redis.log", **served
        ) as port:
            for _ in range(workers * 4):
                load.request(port, "GET", "/api/v1/me/", token=token)
            out["insert"] = [
                load.python_run(port, lambda k: "/bench/insert/", token, seconds=seconds, threads=conns)
                for _ in range(reps)
            ]
            out["apply_one"] = [
                load.python_run(port, apply_path(one[r::reps]), token, seconds=seconds, threads=conns)
                for r in range(reps)
            ]
        log(f"{vendor}: fleet on Redis, two nodes")
        with (
            load.gunicorn(
                REPO, renv, workers=workers, log=RESULTS / f"gunicorn-{vendor}-node1.log", **served
            ) as p1,
            load.gunicorn(
                REPO, renv, workers=workers, log=RESULTS / f"gunicorn-{vendor}-node2.log", **served
            ) as p2,
        ):
            for _ in range(workers * 4):
                load.request(p1, "GET", "/api/v1/me/", token=token)
                load.request(p2, "GET", "/api/v1/me/", token=token)
            out["apply_two"] = [
                load.python_run([p1, p2], apply_path(two[r::reps]), token, seconds=seconds, threads=conns)
                for r in range(reps)
            ]
        log(
            f"{vendor}: Redis floor {load.median([r['created_per_s'] for r in out['insert']]):.0f}/s, "
            f"applies {load.median([r['created_per_s'] for r in out['apply_one']]):.0f}/s on one node, "
            f"{load.median([r['created_per_s'] for r in out['apply_two']]):.0f}/s on two"
        )
    except (RuntimeError, OSError) as exc:
        out = {"skipped": str(exc).splitlines()[0][:200]}
    finally:
        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)
    return out
