"""What the ``icp_simulator`` fixture costs a user's suite (issue 26): start-up, and a test's reset.

Run as a user's suite meets it: outside Django (this process never configures it), the plugin's
child server (``python -m simulator.testserver``) started and stopped as a session would, first
with no template database (it migrates, and keeps the template), then with the template; then
the reset every test starts with (``icp_simulator.reset()``: the empty world) and a reset to the
demo world. Prints one JSON document; ``make bench`` (``bench/run.py``) reports it.

    .venv/bin/python bench/fixture.py [--starts 3] [--resets 20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _start_stop(plugin) -> tuple[float, object]:
    started = time.perf_counter()
    server = plugin._ChildServer()
    took = time.perf_counter() - started
    return took, server


def _timed(call, times: int) -> list[float]:
    out = []
    for _ in range(times):
        started = time.perf_counter()
        call()
        out.append((time.perf_counter() - started) * 1000)
    return out


def measure(starts: int = 3, resets: int = 20) -> dict:
    from simulator import pytest_plugin as plugin

    assert "django" not in sys.modules  # noqa: S101 - the user's process never imports Django
    result: dict = {}
    with tempfile.TemporaryDirectory(prefix="icp-bench-templates-") as folder:
        for label, templates in (("without template", ""), ("first start (writes the template)", folder)):
            os.environ["ICP_SIMULATOR_TEMPLATES"] = templates
            took, server = _start_stop(plugin)
            server.stop()
            result[label] = round(took * 1000)
        os.environ["ICP_SIMULATOR_TEMPLATES"] = folder
        warm = []
        for _ in range(starts):
            took, server = _start_stop(plugin)
            warm.append(took * 1000)
            server.stop()
        result["with the template"] = round(statistics.median(warm))
        took, server = _start_stop(plugin)
        try:
            simulator = server.simulator
            simulator.reset()
            empty = _timed(simulator.reset, resets)
            demo = _timed(lambda: simulator.reset("demo"), max(3, resets // 2))
        finally:
            server.stop()
    result["reset to the empty world (each test)"] = round(statistics.median(empty), 1)
    result["reset to the demo world"] = round(statistics.median(demo), 1)
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--resets", type=int, default=20)
    args = parser.parse_args(argv)
    os.chdir(REPO)
    print(json.dumps(measure(args.starts, args.resets)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
