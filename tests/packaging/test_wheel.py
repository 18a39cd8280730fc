"""Installed like a tool (SPEC 4.8, issue 25): the wheel built from the project carries everything it
serves (templates, static files, translations, the demo world); installed into a fresh virtual
environment, its ``icp-simulator serve`` console script serves the console in both languages on an
embedded SQLite file, and the ``icp_simulator`` fixture example of ``docs/testing.md`` passes
unchanged from that install.

The wheel is built offline from a copy of the source (``pip wheel --no-deps --no-build-isolation``,
so the checkout gets no build folder); the fresh environment reaches this environment's
dependencies through a ``.pth`` line (nothing is downloaded), and the project itself only from the
wheel. About a minute: marked ``packaging``."""

# ruff: noqa: S603 - this interpreter, pip and the installed console script, with fixed arguments.

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import zipfile
from pathlib import Path

import pytest

pytestmark = [pytest.mark.packaging, pytest.mark.timeout(240)]

ROOT = Path(__file__).resolve().parents[2]
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "*.pyc", ".cache", ".pytest_cache",
    ".ruff_cache", ".hypothesis", "media", "staticfiles", "db.sqlite3*", ".icp-simulator", "node_modules",
    "_data", "bench",
)


def _run(*args, cwd: Path, env: dict | None = None, timeout: int = 180) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, (done.stdout[-3000:], done.stderr[-3000:])
    return done


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str, language: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Accept-Language": language})
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """The wheel, and a fresh virtual environment with it installed: its interpreter and script."""
    base = tmp_path_factory.mktemp("packaging")
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=IGNORED)
    _run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
        "-w", str(base / "dist"), str(source), cwd=base,
    )
    (wheel,) = (base / "dist").glob("icp_console_simulator-*.whl")
    venv = base / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", str(venv), cwd=base)
    python = venv / "bin" / "python"
    purelib = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    )
    # The dependencies from this environment (offline), after the fresh one's own site-packages.
    (purelib / "_icp_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run(
        sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q",
        str(wheel), cwd=base,
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_", "DATABASE_URL"))}
    env.pop("SIMULATOR_WORLD", None)
    script = venv / "bin" / "icp-simulator"
    return {"wheel": wheel, "python": python, "script": script, "base": base, "env": env}


def test_the_wheel_carries_templates_static_files_translations_and_the_demo_world(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    for name in (
        "icpconsole/_data/templates/base.html",
        "icpconsole/_data/static/css/console.css",
        "icpconsole/_data/locale/zh_Hans/LC_MESSAGES/django.mo",
        "simulator/worlds/demo.json",
    ):
        assert name in names


def test_the_installed_command_serves_the_console_in_both_languages(installed, tmp_path):
    where = _run(
        installed["python"], "-c", "import icpconsole; print(icpconsole.__file__)", cwd=tmp_path,
        env=installed["env"],
    ).stdout
    assert str(installed["base"] / "venv") in where  # the wheel's code, not the checkout's
    port = _free_port()
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [installed["script"], "--data-dir", str(tmp_path / "data"), "serve", "--port", str(port)],
            cwd=tmp_path, env=installed["env"], stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, log.read_text()[-3000:]
            try:
                status, chinese = _get(port, "/accounts/login/", "zh-CN")
                break
            except OSError:
                assert time.monotonic() < deadline, log.read_text()[-3000:]
                time.sleep(0.3)
        assert status == 200
        assert re.search(r"<title>登录", chinese)
        status, english = _get(port, "/accounts/login/", "en")
        assert status == 200 and re.search(r"<title>Log on", english)
        assert _get(port, "/static/css/console.css", "en")[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert (tmp_path / "data" / "db.sqlite3").exists()

    snapshot = tmp_path / "world.json"
    _run(installed["script"], "--data-dir", str(tmp_path / "data"), "snapshot", "-o", str(snapshot),
         cwd=tmp_path, env=installed["env"])
    assert '"icp-simulator-world"' in snapshot.read_text(encoding="utf-8")  # the demo world, seeded


def _block_after(text: str, label: str) -> str:
    match = re.search(re.escape(label) + r"[^\n]*\n\n```\w*\n(.*?)```", text, re.S)
    assert match, label
    return match.group(1)


def test_the_fixture_example_of_the_testing_guide_passes_from_the_install(installed, tmp_path):
    guide = (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")
    (tmp_path / "worlds").mkdir()
    world = _block_after(guide, "`worlds/filed.yaml`")
    (tmp_path / "worlds" / "filed.yaml").write_text(world, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text(_block_after(guide, "`pytest.ini`:"), encoding="utf-8")
    (tmp_path / "test_codes.py").write_text(_block_after(guide, "`test_codes.py`:"), encoding="utf-8")

    run = _run(
        installed["python"], "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_codes.py",
        cwd=tmp_path, env=installed["env"],
    )
    assert "passed" in run.stdout and "failed" not in run.stdout
