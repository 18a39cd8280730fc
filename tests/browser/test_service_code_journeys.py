"""The seeds' journeys in a real browser (seeds 000, 001, 003; SPEC 3.5, 4.1): buy an instance,
apply for a service code through the confirmation dialog, find it on ICP No. Management; and an
instance that does not qualify, made to qualify by following its remedy."""

import re

import pytest

from instances.models import Instance
from servicecodes.models import ServiceCode
from tests.factories import InstanceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERVICE_CODE_RE = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")

# Where the focus is: "dialog:<text>" inside the open dialog, "none" when no element of the page
# has it (it went to the browser's own UI), "page:<tag>" for anything behind the dialog.
FOCUS_PROBE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return "none";
  if (el.closest("dialog[open]")) return "dialog:" + el.textContent.trim();
  return "page:" + el.tagName.toLowerCase();
}"""


def focus_cycle(page, key: str, presses: int) -> list[str]:
    seen = []
    for _ in range(presses):
        page.keyboard.press(key)
        seen.append(page.evaluate(FOCUS_PROBE))
    return seen


def test_bought_instance_gets_a_code_through_the_apply_dialog_and_it_shows_on_icp_no_management(
    login_page, user
):
    page = login_page
    assert page.url.endswith("/console/")

    page.goto("/console/instances/buy/")
    page.get_by_label("Product").select_option("ecs")
    page.get_by_label("Region").select_option("cn-hangzhou")
    page.get_by_label("Subscription", exact=True).check()
    page.get_by_label("Subscription period").select_option("3")
    page.get_by_label("Public bandwidth (Mbps)").fill("5")
    page.get_by_label("Instance name").fill("seeds-journey")
    with page.expect_navigation():
        page.get_by_role("button", name="Buy", exact=True).click()
    instance = Instance.objects.get(owner=user, name="seeds-journey")
    assert page.locator(".msg-success").inner_text().count(instance.instance_id) == 1

    page.get_by_role("link", name="ICP No. Application").first.click()
    page.wait_for_url("**/console/icp/application/")
    row = page.locator(f'tr[data-instance-id="{instance.instance_id}"]')
    apply = row.get_by_role("link", name="Apply", exact=True)
    assert apply.is_visible()
    assert row.locator("[data-reason-code]").count() == 0

    apply.click()
    dialog = page.get_by_role("dialog")
    assert dialog.is_visible()
    assert instance.instance_id in dialog.inner_text()
    assert page.evaluate(FOCUS_PROBE) == "dialog:OK"
    # Focus-trapped: Tab and Shift+Tab wrap between the dialog's buttons and never leave it.
    forward = focus_cycle(page, "Tab", 6)
    backward = focus_cycle(page, "Shift+Tab", 6)
    for seen in (forward, backward):
        assert set(seen) == {"dialog:OK", "dialog:Cancel"}, seen
    assert ServiceCode.objects.count() == 0

    page.get_by_role("dialog").get_by_role("button", name="OK").focus()
    with page.expect_navigation():
        page.get_by_role("dialog").get_by_role("button", name="OK").click()
    assert page.url.endswith("/console/icp/application/")
    message = page.locator(".msg-success").inner_text()
    issued = SERVICE_CODE_RE.findall(message)
    code = ServiceCode.objects.get()
    assert issued == [code.code]
    assert code.code == code.code.lower() and len(code.code) == 36

    with page.expect_navigation():
        page.locator(".msg-success").get_by_role("link", name="View it in ICP No. Management").click()
    assert page.url.endswith("/console/icp/codes/")
    assert page.locator("h1").inner_text() == "ICP No. Management"
    listed = page.locator(f'tr[data-service-code="{code.code}"]')
    assert listed.get_attribute("data-status") == "unused"
    assert instance.instance_id in listed.inner_text()


def test_too_short_subscription_shows_its_reason_and_the_renew_remedy_brings_apply_back(page, user):
    instance = InstanceFactory(owner=user, months=1, name="one-month-left")
    page.goto("/console/icp/application/")
    row = page.locator(f'tr[data-instance-id="{instance.instance_id}"]')
    assert row.get_attribute("data-can-apply") == "false"
    assert row.locator("[data-reason-code]").evaluate_all("els => els.map(e => e.dataset.reasonCode)") == [
        "SUBSCRIPTION_TOO_SHORT"
    ]
    assert row.locator("a[data-apply]").count() == 0

    with page.expect_navigation():
        row.locator('[data-reason-code="SUBSCRIPTION_TOO_SHORT"] a[data-remedy-action="renew"]').click()
    assert f"/console/instances/{instance.instance_id}/renew/" in page.url
    page.get_by_label("Subscription period").select_option("12")
    with page.expect_navigation():
        page.get_by_role("button", name="Renew").click()

    assert page.url.endswith("/console/icp/application/")
    assert "renewed" in page.locator(".msg-success").inner_text()
    row = page.locator(f'tr[data-instance-id="{instance.instance_id}"]')
    assert row.get_attribute("data-can-apply") == "true"
    assert row.locator("[data-reason-code]").count() == 0
    assert row.get_by_role("link", name="Apply", exact=True).is_visible()
