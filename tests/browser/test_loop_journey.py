"""SPEC 3.12 in Chromium, in English and in Chinese: staff reject an order in the review
workbench; the applicant reads the reasons, modifies the materials, replaces a document and
resubmits; staff see round 2 in the workbench with what changed."""

import pytest

from filings.models import FilingOrder, Stage
from tests.filings.materials import png_bytes
from tests.filings.reviews.conftest import submitted_first_filing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "en": {"returned": "returned for correction", "resubmit": "Resubmit", "modify": "Modify"},
    "zh-hans": {"returned": "退回修改", "resubmit": "重新提交", "modify": "修改"},
}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_reject_modify_replace_resubmit_and_see_round_two(
    new_context, staff_page, user, live_server, language
):
    order = submitted_first_filing(user)
    texts = TEXTS[language]

    # Staff reject the initial review in the workbench, with a catalogued reason.
    staff_page.goto(f"/console/icp/review/{order.pk}/")
    staff_page.locator('input[name="decision"][value="reject"]').check()
    staff_page.locator('select[name="reason_code"]').select_option("MATERIALS_UNCLEAR")
    with staff_page.expect_navigation():
        staff_page.locator('[data-action="decide"]').click()
    assert FilingOrder.objects.get(pk=order.pk).status == Stage.RETURNED

    # The applicant, in their language, reads the reasons on the order page.
    from tests.browser.conftest import log_in

    context = new_context()
    page = context.new_page()
    log_in(page, user.username)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(f"/console/filings/{order.pk}/")
    returned = page.locator('[data-section="returned"]')
    assert texts["returned"] in returned.inner_text()
    assert page.locator("[data-return-reasons]").inner_text().strip()

    # Modify: the form is prefilled; change the website's name and save.
    with page.expect_navigation():
        page.locator('[data-action="modify"]').click()
    name = page.locator('input[name="website-name"]')
    assert name.input_value() == "示例网站"
    name.fill("新的示例网站")
    with page.expect_navigation():
        page.locator('[data-action="save-modify"]').click()
    assert f"/console/filings/{order.pk}/" in page.url

    # Replace the front of the leader's ID card.
    form = page.locator('form[data-upload="leader_id_front"]')
    form.locator('input[type="file"]').set_input_files(
        {"name": "id-front.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    with page.expect_navigation():
        form.locator('button[type="submit"]').click()

    # Resubmit.
    resubmit = page.locator('[data-action="resubmit"]')
    assert resubmit.inner_text().strip() == texts["resubmit"]
    with page.expect_navigation():
        resubmit.click()
    assert page.locator("[data-order-round]").get_attribute("data-order-round") == "2"
    assert FilingOrder.objects.get(pk=order.pk).status == Stage.SUBMITTED

    # Staff see round 2 and what changed.
    staff_page.goto(f"/console/icp/review/{order.pk}/")
    changes = staff_page.locator('[data-section="round-changes"]')
    assert changes.locator('[data-changed-field="website_name"]').inner_text().count("示例网站") == 2
    assert changes.locator('[data-changed-document="leader_id_front"]').count() == 1
