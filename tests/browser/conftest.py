"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's ``live_server``.

Never a downloaded browser (``playwright install`` is blocked here): the tests launch
``/usr/bin/chromium`` (or ``$CHROMIUM_PATH``) and skip, with the reason, where it or Playwright is
missing; ``.ci/run`` installs Chromium so CI always runs them.

Fixtures: ``browser`` (one Chromium per session), ``new_context`` (isolated browser profiles,
1280x800, English, closed after the test), ``page`` (logged in as ``user`` by handing over a test
client's session cookie: fast, for tests about one page), ``login_page`` (logs in through the real
log-on form), ``staff_page`` (a second profile logged in as staff through /admin/login/).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

from tests.factories import DEFAULT_PASSWORD

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 800}
# A test run never writes tracked files: screenshots go to build/screenshots/ (ignored) unless
# ``make screenshots`` sets SCREENSHOTS_DIR=docs/screenshots to refresh the committed ones.
SCREENSHOTS = Path(
    os.environ.get("SCREENSHOTS_DIR") or Path(__file__).resolve().parents[2] / "build" / "screenshots"
).resolve()
TIMEOUT_MS = 15_000

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests and
# fixtures make from that thread are still synchronous and safe. Only the browser tests set this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _missing(reason: str):
    """Skip where a piece is missing; in CI (which provides both pieces) that is a failure."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI must run the browser tests: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright import sync_api as playwright_api
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[dev]')")
    if not os.path.isfile(CHROMIUM) or not os.access(CHROMIUM, os.X_OK):
        _missing(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium (apt-get install -y chromium) "
            "or set CHROMIUM_PATH; .ci/run installs it"
        )
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser, live_server):
    """Make isolated browser profiles on the live server; all are closed after the test."""
    contexts = []

    def make(**kwargs):
        options = {"base_url": live_server.url, "viewport": VIEWPORT, "locale": "en-US", **kwargs}
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context, live_server, client, user):
    """A browser page logged in as ``user`` (the test client's session cookie, handed over)."""
    client.force_login(user)
    context = new_context()
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context.new_page()


def log_in(page, username: str, password: str = DEFAULT_PASSWORD) -> None:
    """Log on through the console's log-on form, as a person would."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Log on").click()
    assert "/accounts/login/" not in page.url, f"log-on as {username} failed: {page.url}"


def admin_log_in(page, username: str, password: str = DEFAULT_PASSWORD) -> None:
    """Log on to the admin site through its own log-in form."""
    page.goto("/admin/login/?next=/admin/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("input[type=submit], button[type=submit]").first.click()
    assert page.url.rstrip("/").endswith("/admin"), f"admin log-in as {username} failed: {page.url}"


@pytest.fixture
def login_page(new_context, user):
    """A browser page of a fresh profile, logged in as ``user`` through the real log-on form."""
    page = new_context().new_page()
    log_in(page, user.username)
    return page


@pytest.fixture
def staff_page(new_context, staff):
    """A second browser profile: ``staff`` logged in to the admin site through /admin/login/."""
    page = new_context().new_page()
    admin_log_in(page, staff.username)
    return page


@functools.cache
def cjk_font_installed() -> bool:
    """Every console page shows Chinese (the language switch, ICP numbers, region names)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False)  # noqa: S603
    return bool(found.stdout.strip())


def screenshot(page, name: str) -> Path | None:
    """Save the viewport (1280x800, PNG) as <SCREENSHOTS>/<name>; ``make screenshots`` refreshes
    docs/screenshots/.

    Without a CJK font Chromium draws the Chinese text as empty boxes: the committed screenshot
    is then kept, with a warning (``.ci/run`` installs fonts-wqy-microhei)."""
    if not cjk_font_installed():
        warnings.warn(
            f"no CJK font (apt-get install -y fonts-wqy-microhei): {SCREENSHOTS / name} not refreshed",
            stacklevel=2,
        )
        return None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=str(path), full_page=False, animations="disabled", caret="hide")
    return path
