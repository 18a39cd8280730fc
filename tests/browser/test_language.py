"""English and Simplified Chinese on the same URLs, chosen with the header's switch (SPEC 4.1)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import InstanceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HANGZHOU_ZH = "华东1（杭州）"  # from the region catalogue, whatever the translations hold
HANGZHOU_EN = "China (Hangzhou)"
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.mo"


def chinese_heading() -> str | None:
    """The page's heading in Chinese, if the compiled catalogue translates it (it is being filled in)."""
    if not CATALOGUE.exists():
        return None
    with translation.override("zh-hans"):
        heading = translation.gettext("ICP No. Application")
    return heading if heading != "ICP No. Application" else None


def test_header_switch_changes_the_language_and_the_choice_survives_a_new_page_load(page, user):
    instance = InstanceFactory(owner=user, region_id="cn-hangzhou")
    page.goto("/console/icp/application/")
    row = page.locator(f'tr[data-instance-id="{instance.instance_id}"]')
    assert page.locator("html").get_attribute("lang") == "en"
    assert HANGZHOU_EN in row.inner_text()

    with page.expect_navigation():
        page.locator('.lang-switch button[value="zh-hans"]').click()
    assert page.url.endswith("/console/icp/application/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert HANGZHOU_ZH in row.inner_text()
    assert page.locator('.lang-switch button[value="zh-hans"]').get_attribute("aria-pressed") == "true"
    heading = chinese_heading()
    if heading:
        assert page.locator("h1").inner_text() == heading

    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies.get(settings.LANGUAGE_COOKIE_NAME) == "zh-hans"
    page.goto("/console/icp/application/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert HANGZHOU_ZH in row.inner_text()

    with page.expect_navigation():
        page.locator('.lang-switch button[value="en"]').click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert HANGZHOU_EN in row.inner_text()
    assert page.locator("h1").inner_text() == "ICP No. Application"
    page.goto("/console/icp/application/")
    assert page.locator("html").get_attribute("lang") == "en"
