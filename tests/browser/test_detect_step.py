"""The wizard starts from the filing type (SPEC 3.13), in English and in Chinese: the certificate
and the domain (or the app's name) first; the next step names the type found and explains it in
the reader's language."""

import pytest
from django.utils import translation

from filings.filing_type import explanation_text
from registrar.certificates import with_check_character
from tests.filings import flows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CREDIT_CODE = with_check_character("91330106MA2DTCT01")
LANGUAGES = ["en", "zh-hans"]


def open_in(page, live_server, language: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])


def expected(language: str, item: str) -> str:
    with translation.override(language):
        return explanation_text("first_filing", {"number": CREDIT_CODE, "item": item})


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_website_wizard_starts_from_the_certificate_and_the_domain(page, live_server, user, language):
    flows.register_for(user, "detect-tea.cn", "Detect Tea Co., Ltd.")
    open_in(page, live_server, language)
    page.goto("/console/filings/new/")
    assert page.locator("html").get_attribute("lang") == language
    page.locator('[name="certificate_number"]').fill(CREDIT_CODE)
    page.locator('[name="domain"]').fill("www.detect-tea.cn")
    with page.expect_navigation():
        page.locator('form[action="/console/filings/new/"] button[type="submit"]').click()

    assert page.url.endswith("/console/filings/new/product/")
    assert page.locator(".wizard-facts").get_attribute("data-filing-type") == "first_filing"
    note = page.locator('[data-explanation="first_filing"]')
    assert note.inner_text() == expected(language, "website")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_app_wizard_starts_from_the_certificate_and_the_app_name(page, live_server, language):
    open_in(page, live_server, language)
    page.goto("/console/filings/new/app/")
    page.locator('[name="certificate_number"]').fill(CREDIT_CODE)
    page.locator('[name="app_name"]').fill("茶馆应用")
    with page.expect_navigation():
        page.locator('form[action="/console/filings/new/app/"] button[type="submit"]').click()

    assert page.url.endswith("/console/filings/new/product/")
    facts = page.locator(".wizard-facts")
    assert facts.get_attribute("data-filing-type") == "first_filing"
    assert "茶馆应用" in facts.inner_text()
    assert page.locator('[data-explanation="first_filing"]').inner_text() == expected(language, "app")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refusal_of_the_detect_step_is_shown_in_the_readers_language(page, live_server, language):
    open_in(page, live_server, language)
    page.goto("/console/filings/new/app/")
    page.locator('[name="certificate_number"]').fill("123")
    page.locator('[name="app_name"]').fill("茶馆应用")
    with page.expect_navigation():
        page.locator('form[action="/console/filings/new/app/"] button[type="submit"]').click()

    assert page.url.endswith("/console/filings/new/app/")
    with translation.override(language):
        from filings.refusals import CERTIFICATE_NOT_RECOGNISED

        text = str(CERTIFICATE_NOT_RECOGNISED.message) % {"number": "123"}
    assert text in page.locator("main").inner_text()
