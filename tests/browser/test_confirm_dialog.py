"""The Apply confirmation dialog (seeds 001, 003: "In the dialog box that appears, click OK")."""

import pytest

from servicecodes.models import ServiceCode
from tests.factories import InstanceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_apply_opens_a_dialog_escape_and_cancel_close_it_ok_applies(page, user):
    instance = InstanceFactory(owner=user)
    page.goto("/console/icp/application/")
    apply = page.locator(f'tr[data-instance-id="{instance.instance_id}"] a[data-apply]')
    dialog = page.locator("#confirm-dialog")

    apply.click()
    assert dialog.is_visible()
    assert page.evaluate("document.activeElement.textContent") == "OK"
    assert instance.instance_id in dialog.inner_text()

    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.getAttribute('data-apply')") is not None

    apply.click()
    page.locator("#confirm-dialog [data-confirm-cancel]").click()
    assert not dialog.is_visible()
    assert ServiceCode.objects.count() == 0

    apply.click()
    with page.expect_navigation():
        page.locator("#confirm-dialog [data-confirm-ok]").click()
    assert page.url.endswith("/console/icp/application/")
    code = ServiceCode.objects.get()
    assert code.code in page.locator(".msg-success").inner_text()


def test_stop_in_the_instance_list_asks_first_like_release(page, user):
    """Issue 18: Stop was the only instance action taken without a confirmation."""
    instance = InstanceFactory(owner=user)
    page.goto("/console/instances/")
    stop = page.locator(f'tr[data-instance-id="{instance.instance_id}"] [data-action="stop"]')
    dialog = page.locator("#confirm-dialog")

    stop.click()
    assert dialog.is_visible() and instance.instance_id in dialog.inner_text()
    page.locator("#confirm-dialog [data-confirm-cancel]").click()
    instance.refresh_from_db()
    assert instance.status == "Running"

    stop.click()
    with page.expect_navigation():
        page.locator("#confirm-dialog [data-confirm-ok]").click()
    assert page.url.endswith("/console/instances/")
    instance.refresh_from_db()
    assert instance.status == "Stopped"
