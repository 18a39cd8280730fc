"""Every link the console offers works: the demo world, each of its accounts (and staff), every
console page reachable by following links, in English and Chinese. A link that answers a server
error, a 404 or a 403 to the account that was shown it is a defect the pages' own tests miss."""

from __future__ import annotations

from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings

from icpconsole.accounts.models import User
from simulator.services import simulator_reset
from tests.console.html import parse

# A crawl stays in the console; links that leave it (the admin, the API's documents, downloads of
# files served elsewhere) have their own tests. Log-out and language switches change the session.
_SKIP = ("/console/logout", "/i18n/")
_MAX_PAGES = 400


def _links(html: bytes) -> list[str]:
    found = []
    for link in parse(html).links():
        href = urldefrag(link)[0]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/console/"):
            continue
        if any(parts.path.startswith(prefix) for prefix in _SKIP):
            continue
        found.append(href)
    return found


def _crawl(client) -> tuple[int, list[str]]:
    """Follow every console link from the overview; answers the pages seen and the failures."""
    seen = {"/console/"}
    queue = deque([("/console/", "(start)")])
    failures = []
    while queue and len(seen) <= _MAX_PAGES:
        url, found_on = queue.popleft()
        response = client.get(url)
        if response.status_code not in (200, 301, 302):
            failures.append(f"{url} -> {response.status_code} (linked from {found_on})")
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for link in _links(response.content):
            if link not in seen:
                seen.add(link)
                queue.append((link, url))
    return len(seen), failures


@pytest.fixture
def demo_world(db, staff):
    simulator_reset(actor=staff, world_name="demo")
    return staff


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_console_link_of_every_demo_account_works(client, demo_world, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    accounts = list(User.objects.filter(is_active=True).order_by("username"))
    assert len(accounts) >= 4, "the demo world has several accounts"
    crawled = {}
    failures = []
    for account in accounts:
        client.force_login(account)
        crawled[account.username], failed = _crawl(client)
        failures += [f"{account.username}: {failure}" for failure in failed]

    assert not failures, "\n".join(failures)
    # The crawl reached the console's pages, not just the overview.
    assert max(crawled.values()) >= 15, crawled
    assert all(count < _MAX_PAGES for count in crawled.values()), crawled
