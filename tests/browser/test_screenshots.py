"""Screenshots of the key pages for the README (docs/screenshots/, 1280x800 PNG, the viewport
only), taken on the demo world of ``seed_demo``: instances showing every reason next to eligible
ones. The filing pages (wizard, order, subject) are captured by test_filing_journey.py.
Each run overwrites them, so CI keeps them current."""

from io import StringIO

import pytest
from django.core.management import call_command

from servicecodes.models import ServiceCode
from simulator.management.commands.seed_demo import DEMO_PASSWORD
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_screenshots_of_the_log_on_application_dialog_and_codes_pages_on_the_demo_world(new_context):
    call_command("seed_demo", stdout=StringIO())
    page = new_context().new_page()

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("demo")
    screenshot(page, "login.png")
    log_in(page, "demo", DEMO_PASSWORD)

    page.goto("/console/icp/application/")
    assert page.locator("a[data-apply]").count() >= 2
    assert page.locator("[data-reason-code]").count() >= 5
    screenshot(page, "icp-application.png")

    page.locator("a[data-apply]").first.click()
    assert page.get_by_role("dialog").is_visible()
    screenshot(page, "apply-dialog.png")
    codes_before = ServiceCode.objects.count()
    with page.expect_navigation():
        page.get_by_role("dialog").get_by_role("button", name="OK").click()
    assert ServiceCode.objects.count() == codes_before + 1

    page.goto("/console/icp/codes/")
    assert page.locator("tr[data-service-code]").count() >= 2
    screenshot(page, "icp-codes.png")

    page.goto("/console/icp/application/")
    with page.expect_navigation():
        page.locator('.lang-switch button[value="zh-hans"]').click()
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    screenshot(page, "icp-application-zh.png")
