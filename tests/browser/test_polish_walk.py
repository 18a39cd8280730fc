"""Issue 28 points 2, 3, 11 and 14, and issue 23's camera page, in Chromium, in English and Chinese:
the wizard's last step says the order starts as a draft and names the leaders and the content
category, with Cancel beside Next and Back; reloading after creating an AccessKey creates no other
key; the 403 and 404 pages are the console's, in the reader's language; a status badge never wraps;
the camera page's failure (glasses) says why and how to retake it, and a pass ends the step."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from filings.models import FilingOrder, MessageKind, PhoneMessage, Stage
from openapi.models import AccessKey
from tests.filings import flows
from tests.filings.console import wizard
from tests.filings.materials import LEADER, upload_documents

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ("en", "zh-hans")
TEXTS = {
    "en": {
        "draft": "draft",
        "category": "Company website",
        "denied": "Access denied",
        "not_found": "Page not found",
        "failed": "The picture failed.",
        "glasses": "glasses",
    },
    "zh-hans": {
        "draft": "草稿",
        "category": "企业官网",
        "denied": "拒绝访问",
        "not_found": "页面不存在",
        "failed": "拍摄未通过。",
        "glasses": "眼镜",
    },
}


def browser_for(new_context, live_server, client: Client, language: str):
    """A browser page sharing the test client's session (what the client did, the page sees)."""
    context = new_context()
    context.add_cookies(
        [
            {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )
    return context.new_page()


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_wizard_s_last_step_says_draft_and_cancel_sits_beside_next(
    new_context, live_server, user, instance, language
):
    client = logged_in(user)
    wizard.run_to_confirm(client, domain="walk-draft.cn", instance=instance, subject=flows.subject_data())
    page = browser_for(new_context, live_server, client, language)

    page.goto("/console/filings/new/confirm/")

    assert TEXTS[language]["draft"] in page.locator("[data-confirm-outcome]").inner_text()
    assert page.locator("[data-content-category]").inner_text() == TEXTS[language]["category"]
    assert LEADER["name"] in page.locator("[data-subject-leader]").inner_text()
    create = page.locator('.form-actions button[type="submit"]:not([data-wizard-cancel])').bounding_box()
    cancel = page.locator("[data-wizard-cancel]").bounding_box()
    assert abs(create["y"] - cancel["y"]) < 2 and cancel["x"] > create["x"]
    with page.expect_navigation():
        page.locator('.form-actions button[type="submit"]:not([data-wizard-cancel])').click()
    order = FilingOrder.objects.get(account=user)
    assert order.status == Stage.DRAFT
    assert page.locator("[data-order-status]").get_attribute("data-order-status") == "draft"


@pytest.mark.parametrize("language", LANGUAGES)
def test_cancel_the_wizard_from_its_button_row(new_context, live_server, user, instance, language):
    client = logged_in(user)
    wizard.run_to_confirm(client, domain="walk-cancel.cn", instance=instance, subject=flows.subject_data())
    page = browser_for(new_context, live_server, client, language)
    page.goto("/console/filings/new/details/")

    with page.expect_navigation():
        page.locator("[data-wizard-cancel]").click()

    assert not FilingOrder.objects.exists()
    page.goto("/console/filings/new/confirm/")
    assert not page.url.endswith("/confirm/")  # the wizard starts over


@pytest.mark.parametrize("language", LANGUAGES)
def test_reloading_after_creating_an_access_key_creates_no_other(new_context, live_server, user, language):
    page = browser_for(new_context, live_server, logged_in(user), language)
    page.goto("/console/access-keys/")

    with page.expect_navigation():
        page.locator("[data-create-access-key]").click()
    assert page.locator("[data-access-key-secret]").inner_text().strip()
    page.reload()
    page.reload()

    assert AccessKey.objects.filter(owner=user).count() == 1
    assert page.locator("[data-access-key-secret]").count() == 0  # the secret is shown once


@pytest.mark.parametrize("language", LANGUAGES)
def test_403_and_404_pages_are_the_console_s_in_the_reader_s_language(
    new_context, live_server, user, language
):
    page = browser_for(new_context, live_server, logged_in(user), language)

    response = page.goto("/console/icp/review/")
    assert response.status == 403
    assert page.locator('[data-error-page="403"]').count() == 1
    assert page.locator("h1").inner_text() == TEXTS[language]["denied"]
    assert page.locator("html").get_attribute("lang") == ("zh-hans" if language != "en" else "en")
    assert page.locator("nav").count() >= 1  # the console's layout, not a bare page

    response = page.goto("/console/filings/999999/")
    assert response.status == 404
    assert page.locator('[data-error-page="404"]').count() == 1
    assert page.locator("h1").inner_text() == TEXTS[language]["not_found"]


def test_status_badges_stay_on_one_line_in_chinese(new_context, live_server, user, staff, instance):
    flows.file_first(user, staff=staff, instance=instance)
    page = browser_for(new_context, live_server, logged_in(user), "zh-hans")
    page.set_viewport_size({"width": 1280, "height": 900})

    for url in ("/console/subjects/", "/console/filings/", "/console/icp/codes/"):
        page.goto(url)
        heights = page.locator("main .badge").evaluate_all(
            "bs => bs.filter(b => b.offsetParent).map(b => [b.textContent, b.getClientRects().length])"
        )
        assert heights, url
        assert [text for text, lines in heights if lines != 1] == [], url


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_camera_page_fails_for_glasses_then_passes(new_context, live_server, user, instance, language):
    order = flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={"domain": "walk-camera.cn", "instance_id": instance.instance_id},
    )
    upload_documents(order, kinds=flows.needed_documents(order))
    page = browser_for(new_context, live_server, logged_in(user), language)
    texts = TEXTS[language]

    page.goto(f"/console/filings/{order.pk}/")
    with page.expect_navigation():
        page.locator('[data-action="send-verification-link"]').click()
    link = PhoneMessage.objects.get(order=order, kind=MessageKind.VERIFICATION_LINK).params["url"]
    page.goto(link)
    left = int(page.locator("[data-attempts-left]").get_attribute("data-attempts-left"))

    page.locator('input[name="outcome"][value="glasses"]').check()
    with page.expect_navigation():
        page.locator('[data-action="take-picture"]').click()
    failed = page.locator('[data-verification="failed"]')
    assert failed.get_attribute("data-reason") == "VERIFICATION_GLASSES"
    assert texts["failed"] in failed.inner_text() and texts["glasses"] in failed.inner_text()
    assert failed.locator("[data-remedy]").inner_text().strip()
    assert int(page.locator("[data-attempts-left]").get_attribute("data-attempts-left")) == left - 1

    page.locator('input[name="outcome"][value="pass"]').check()
    with page.expect_navigation():
        page.locator('[data-action="take-picture"]').click()
    assert page.locator('[data-verification="passed"]').count() == 1

    page.goto(f"/console/filings/{order.pk}/")
    assert page.locator("[data-verification-status]").get_attribute("data-verification-status") == "passed"
    with page.expect_navigation():
        page.locator('[data-action="submit"]').click()
    assert FilingOrder.objects.get(pk=order.pk).status == Stage.SUBMITTED
