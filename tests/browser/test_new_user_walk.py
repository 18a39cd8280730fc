"""Issue 28, in the browser: what got in a new user's way on a walk through the console, in
English and Chinese. axe-core (npm, ``package-lock.json``; ``make install`` runs ``npm ci``) is read
from ``node_modules`` and run in the page: never a CDN."""

from __future__ import annotations

import os
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.filings.materials import CREDIT_CODE as CREDIT_CODE_OF_WALK

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LANGUAGES = ("en", "zh-hans")
WIDTHS = (1280, 640)

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " :: " + n.failureSummary.replace(/\\s+/g, " ")),
  }));
}"""

# A table wider than the box it is drawn in (its .table-wrap, or the page's main column).
OVERFLOWING_TABLES = """() => Array.from(document.querySelectorAll("main table")).filter(table => {
  const box = (table.closest(".table-wrap") || table.parentElement).getBoundingClientRect();
  return table.getBoundingClientRect().right > Math.min(box.right, window.innerWidth) + 1
    || table.scrollWidth > (table.closest(".table-wrap") || table.parentElement).clientWidth + 1;
}).map(t => (t.closest("section, main").querySelector("h2, h1") || {}).textContent || t.className)"""


def _axe_source() -> str:
    if not AXE.is_file():
        message = f"{AXE} is missing: run `make install` (npm ci)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def demo_world(db):
    call_command("seed_demo", stdout=StringIO())


def _logged_in(new_context, live_server, username: str, *, language: str, width: int):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    context = new_context(viewport={"width": width, "height": 900})
    context.add_cookies(
        [
            {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )
    return context.new_page()


def _console_pages() -> dict[str, list[str]]:
    from filings.models import FilingOrder

    order = FilingOrder.objects.filter(account__username="demo").order_by("-pk").first()
    review = FilingOrder.objects.exclude(status="draft").order_by("-pk").first()
    return {
        "demo": [
            "/console/",
            "/console/instances/",
            "/console/instances/buy/",
            "/console/icp/application/",
            "/console/icp/codes/",
            "/console/filings/",
            f"/console/filings/{order.pk}/",
            "/console/filings/new/",
            "/console/filings/transfer-in/",
            "/console/filings/claim/",
            "/console/subjects/",
            "/console/inbox/",
            "/console/domains/",
            "/console/operation-log/",
            "/console/access-keys/",
            "/accounts/password/",
            "/icp-records/?domain=demo-example.cn",
            "/console/icp/review/",  # the 403 page
            "/console/no-such-page/",  # the 404 page
        ],
        "admin": ["/console/icp/review/", f"/console/icp/review/{review.pk}/"],
    }


def test_every_console_page_passes_axe_and_fits_1280_in_both_languages(new_context, live_server, demo_world):
    source = _axe_source()
    problems = []
    for username, urls in _console_pages().items():
        for language in LANGUAGES:
            for width in WIDTHS:
                page = _logged_in(new_context, live_server, username, language=language, width=width)
                for url in urls:
                    page.goto(url)
                    assert page.locator("html").get_attribute("lang") == language, url
                    page.evaluate(source)
                    for violation in page.evaluate(RUN_AXE, WCAG_21_A_AA):
                        problems.append(f"{username} {language} {width}px {url}: {violation}")
                    if width == 1280:
                        for table in page.evaluate(OVERFLOWING_TABLES):
                            problems.append(f"{username} {language} 1280px {url}: table overflows: {table}")
                        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
                            problems.append(f"{username} {language} 1280px {url}: the page scrolls sideways")
                page.context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_after_apply_the_result_is_announced_and_focused(new_context, live_server, demo_world, language):
    page = _logged_in(new_context, live_server, "demo", language=language, width=1280)
    page.goto("/console/icp/application/")
    page.locator("a[data-apply]").first.click()
    with page.expect_navigation():
        page.get_by_role("dialog").locator("[data-confirm-ok]").click()

    status = page.locator("[data-messages] [role=status]")
    assert status.count() == 1 and status.first.is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-messages')")


def test_a_table_that_scrolls_can_be_reached_with_the_keyboard(new_context, live_server, demo_world):
    page = _logged_in(new_context, live_server, "demo", language="en", width=640)
    page.goto("/console/icp/codes/")
    wrap = page.locator(".table-wrap").first
    assert page.evaluate("(w) => w.scrollWidth > w.clientWidth", wrap.element_handle())
    assert wrap.get_attribute("tabindex") == "0" and wrap.get_attribute("role") == "region"
    assert wrap.get_attribute("aria-label")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function("() => !document.querySelector('.table-wrap').hasAttribute('tabindex')")


HOLDER_TEXTS = [("en", "registered at GoDaddy"), ("zh-hans", "注册在 GoDaddy")]


@pytest.mark.parametrize(("language", "registrar_text"), HOLDER_TEXTS)
def test_a_holder_mismatch_at_another_registrar_says_where_to_fix_it(
    new_context, live_server, user, staff, instance, language, registrar_text
):
    from registrar.services import domain_add_external
    from tests.filings import flows

    flows.file_first(user, staff=staff, instance=instance)
    domain_add_external(
        actor=staff,
        domain="walk-elsewhere.cn",
        registrar="GoDaddy",
        holder_name="Someone Else Trading Ltd.",
        holder_certificate_number="91330106MA2CDEM01J",
    )
    page = _logged_in(new_context, live_server, user.username, language=language, width=1280)
    page.goto("/console/filings/new/")
    page.locator("input[name=certificate_number]").fill(CREDIT_CODE_OF_WALK)
    page.locator("input[name=domain]").fill("walk-elsewhere.cn")
    with page.expect_navigation():
        page.locator("form.form button[type=submit]").first.click()

    reason = page.locator('[data-reason-code="DOMAIN_HOLDER_MISMATCH"]')
    assert reason.count() == 1
    assert registrar_text in reason.inner_text()
    # Nothing in this console fixes it: no link to a Domains page that does not list the domain.
    assert reason.locator("a").count() == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_at_risk_website_keeps_a_remedy_and_rebinding_offers_only_qualifying_instances(
    new_context, live_server, user, staff, instance, language
):
    import datetime as dt

    from icpconsole.core import clock
    from icpconsole.core.clock import clock_advance
    from instances.models import Instance
    from tests.factories import InstanceFactory
    from tests.filings import flows

    filed = flows.file_first(user, staff=staff, instance=instance)
    good = InstanceFactory(owner=user)
    hongkong = InstanceFactory(owner=user, region_id="cn-hongkong")
    Instance.objects.filter(pk=instance.pk).update(expired_time=clock.now() + dt.timedelta(days=1))
    clock_advance(actor=staff, days=20)  # the access-health sweep marks the website at risk
    page = _logged_in(new_context, live_server, user.username, language=language, width=1280)

    page.goto("/console/subjects/")
    warning = page.locator('[data-warning="access-at-risk"]')
    assert warning.locator('[data-action="renew-instance"]').count() == 1
    with page.expect_navigation():
        warning.locator('[data-action="rebind-website"]').click()
    assert page.url.endswith(f"/console/websites/{filed['website'].pk}/change/")
    offered = page.locator("select[name=instance_id] option").evaluate_all("os => os.map(o => o.value)")
    assert good.instance_id in offered and hongkong.instance_id not in offered
    page.locator('[data-section="not-qualifying"] summary').click()
    refused = page.locator(f'[data-not-qualifying="{hongkong.instance_id}"]')
    assert refused.is_visible() and refused.locator('[data-reason-code="REGION_NOT_MAINLAND"]').count() == 1

    # With another order open, the rebind link gives way to a note saying when it comes back.
    flows.register_for(user, "walk-second.cn")
    from filings import services
    from tests.filings.materials import website_materials

    second = {"domain": "walk-second.cn", "instance_id": good.instance_id, **website_materials()}
    services.filing_create_add_website(actor=user, website=second)
    page.goto("/console/subjects/")
    warning = page.locator('[data-warning="access-at-risk"]')
    assert warning.locator('[data-action="rebind-website"]').count() == 0
    assert warning.locator('[data-note="rebind-after-open-order"]').is_visible()
    assert warning.locator('[data-action="renew-instance"]').count() == 1
