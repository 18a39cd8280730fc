"""SPEC 3.12 in Chromium, English and Chinese: when the website leader is another person than the
subject leader, the order page has a code box per leader; one code, then the other, moves the order
to the bureau's review."""

import pytest

from filings import services
from filings.models import FilingOrder, Stage
from tests.browser.test_polish_walk import browser_for, logged_in
from tests.filings import flows
from tests.filings.loop.test_two_leaders import code_sent_to
from tests.filings.materials import LEADER, WEBSITE_LEADER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STILL_AWAITED = {"en": "still awaited", "zh-hans": "仍在等待另一位负责人"}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_box_per_leader_one_code_then_the_other(new_context, live_server, user, staff, instance, language):
    order = flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={
            "domain": "walk-leaders.cn",
            "instance_id": instance.instance_id,
            "leader_is_subject_leader": False,
            "leader": WEBSITE_LEADER,
        },
    )
    flows.submit(actor=user, order_id=order.pk)
    services.filing_review(actor=staff, order_id=order.pk, decision="approve")
    page = browser_for(new_context, live_server, logged_in(user), language)

    page.goto(f"/console/filings/{order.pk}/")
    box = page.locator('[data-section="sms"] form[data-sms-leaders]')
    assert box.get_attribute("data-sms-leaders") == "subject_leader website_leader"
    box.locator('input[name="website_leader"]').fill(code_sent_to(order, WEBSITE_LEADER["mobile"]))
    with page.expect_navigation():
        box.locator('[data-action="verify-sms"]').click()

    assert STILL_AWAITED[language] in page.locator("main").inner_text()
    box = page.locator('[data-section="sms"] form[data-sms-leaders]')
    assert box.get_attribute("data-sms-leaders") == "subject_leader"
    box.locator('input[name="subject_leader"]').fill(code_sent_to(order, LEADER["mobile"]))
    with page.expect_navigation():
        box.locator('[data-action="verify-sms"]').click()
    assert FilingOrder.objects.get(pk=order.pk).status == Stage.BUREAU_REVIEW
    assert page.locator("[data-order-status]").get_attribute("data-order-status") == "bureau_review"
