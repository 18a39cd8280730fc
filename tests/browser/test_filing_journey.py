"""A first filing from the wizard to its ICP number (seed 004; SPEC 3.7, 3.9): the wizard refuses
the unregistered domain and the user follows the remedy to the Domains page and back, gives the
leaders and the website's materials, uploads the documents on the order's page and submits; staff
approve the initial review in the admin, the user enters the SMS code from the phone inbox (sent
to the leader's mobile), staff approve the bureau's review, and the subject has its number and the
website its ``-1``."""

import re

import pytest

from filings.models import FilingOrder, Stage
from registrar.certificates import with_check_character
from tests.browser.conftest import screenshot
from tests.factories import InstanceFactory
from tests.filings.materials import LEADER, png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOST = "www.lakeside-tea.cn"
DOMAIN = "lakeside-tea.cn"  # filed under its main domain
CREDIT_CODE = with_check_character("91330106MA2LAKE01")
SUBJECT_ICP_RE = re.compile(r"^浙ICP备\d{8,10}号$")


def approve_in_admin(staff_page, order_id: int, *, expected: str) -> None:
    """Staff select the order on the admin's list and run "Approve (current review stage)"."""
    staff_page.goto("/admin/filings/filingorder/")
    staff_page.locator(f'input[name="_selected_action"][value="{order_id}"]').check()
    staff_page.locator('select[name="action"]').select_option(label="Approve (current review stage)")
    with staff_page.expect_navigation():
        staff_page.locator('button[name="index"]').click()
    message = staff_page.locator(".messagelist .success").inner_text()
    # The admin names the stage the order reached by its label (the value is ``expected``).
    assert f"Order #{order_id}:" in message and f"→ {Stage(expected).label}" in message, message


def _register_the_domain_through_the_refusal(page) -> None:
    # Step 1: the domain. It is not registered: the wizard says so, with the remedy.
    page.goto("/console/filings/new/")
    page.get_by_role("textbox", name="Certificate number").fill(CREDIT_CODE)
    page.get_by_role("textbox", name="Domain").fill(HOST)
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    assert page.url.endswith("/console/filings/new/")
    refusal = page.locator('[data-reason-code="DOMAIN_NOT_REGISTERED"]')
    assert DOMAIN in refusal.inner_text()
    screenshot(page, "filing-precheck-refusal.png")

    # The remedy: register the domain on the Domains page, then come back to the wizard.
    with page.expect_navigation():
        refusal.locator('[data-remedy-action="register_domain"]').click()
    assert "/console/domains/" in page.url
    assert page.get_by_label("Domain").input_value() == DOMAIN
    page.get_by_label("Holder name").fill("Lakeside Tea Co., Ltd.")
    page.get_by_label("Holder certificate number").fill(CREDIT_CODE)
    with page.expect_navigation():
        page.get_by_role("button", name="Register").click()
    assert "/console/filings/new/" in page.url
    page.get_by_role("textbox", name="Certificate number").fill(CREDIT_CODE)
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    assert page.url.endswith("/console/filings/new/product/")
    assert page.locator(".wizard-facts").get_attribute("data-filing-type") == "first_filing"


def _choose_the_instance(page, instance) -> None:
    # Step 2: product verification with one of the account's instances.
    page.get_by_label("Use one of my instances").check()
    page.locator(f"#instance-{instance.instance_id}").check()
    screenshot(page, "filing-wizard.png")
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    assert page.url.endswith("/console/filings/new/details/")


def _give_the_subject_and_website(page) -> None:
    # Step 3: the subject, its leader and the website. A name of Latin letters only is refused.
    page.get_by_label("Enterprise").check()
    page.get_by_label("Subject name").fill("Lakeside Tea Co., Ltd.")
    page.locator('[name="subject-certificate_number"]').fill(CREDIT_CODE)
    page.get_by_label("Province").select_option("zhejiang")
    page.locator('[name="subject-address"]').fill("浙江省杭州市西湖区文三路90号")
    for key, value in LEADER.items():
        page.locator(f'[name="leader-{key}"]').fill(value)
    page.get_by_label("Website name").fill("Lakeside Tea")
    page.get_by_label("Content category").select_option("company")
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    assert page.locator('[data-reason-code="WEBSITE_NAME_INVALID"]').count() == 1
    page.get_by_label("Website name").fill("湖畔茶 Lakeside Tea")
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    assert page.url.endswith("/console/filings/new/confirm/")


def _confirm_upload_and_submit(page, user, instance) -> FilingOrder:
    # Step 4: confirm: the order is created in draft; its page asks for the documents.
    summary = page.locator('[data-section="confirm-summary"]').inner_text()
    assert DOMAIN in summary and "Lakeside Tea Co., Ltd." in summary and instance.instance_id in summary
    # The summary names the leaders and the content category, and says the order starts as a draft.
    assert page.locator("[data-content-category]").inner_text() == "Company website"
    assert LEADER["name"] in page.locator("[data-subject-leader]").inner_text()
    assert "draft" in page.locator("[data-confirm-outcome]").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Create the filing order").click()
    order = FilingOrder.objects.get(account=user)
    assert page.url.endswith(f"/console/filings/{order.pk}/")
    assert page.locator("[data-order-status]").get_attribute("data-order-status") == "draft"
    image = {"name": "scan.png", "mimeType": "image/png", "buffer": png_bytes(800, 600)}
    for kind in ("subject_certificate", "leader_id_front", "leader_id_back"):
        item = page.locator(f'[data-document-kind="{kind}"]')
        assert item.get_attribute("data-uploaded") == "no"
        item.locator('input[type="file"]').set_input_files(image)
        with page.expect_navigation():
            item.get_by_role("button", name="Upload").click()
        assert page.locator(f'[data-document-kind="{kind}"]').get_attribute("data-uploaded") == "yes"
    pass_verification(page, order.pk)
    screenshot(page, "filing-materials.png")
    with page.expect_navigation():
        page.locator('[data-action="submit"]').click()
    assert page.locator("[data-order-status]").get_attribute("data-order-status") == "submitted"
    return order


def _enter_the_sms_code(page, order) -> None:
    # The SMS code arrives on the simulated phone; the user enters it on the order's page.
    page.goto("/console/inbox/")
    sms = page.locator('li[data-kind="sms_code"]').first
    assert sms.locator(f'[data-to-number="{LEADER["mobile"]}"]').count() == 1
    code = sms.locator("[data-secret]").inner_text().strip()
    assert re.fullmatch(r"\d{6}", code), code
    with page.expect_navigation():
        sms.get_by_role("link", name=f"Order {order.pk}").click()
    assert page.locator("[data-order-status]").get_attribute("data-order-status") == "pending_sms"
    page.get_by_label("SMS verification code").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="Verify").click()
    assert page.locator("[data-order-status]").get_attribute("data-order-status") == "bureau_review"


def _check_the_numbers_and_the_password(page, order) -> None:
    """After the bureau approves: the order, the numbers on the Subjects page and the filing password."""
    page.goto(f"/console/filings/{order.pk}/")
    assert page.locator("[data-order-status]").get_attribute("data-order-status") == "approved"
    screenshot(page, "order-detail.png")

    page.goto("/console/subjects/")
    subject_number = page.locator("[data-subject-icp-number]").inner_text().strip()
    assert SUBJECT_ICP_RE.match(subject_number), subject_number
    website = page.locator(f'tr[data-domain="{DOMAIN}"]')
    assert website.get_attribute("data-status") == "active"
    assert website.locator("td").nth(1).inner_text().strip() == f"{subject_number}-1"
    screenshot(page, "subject.png")

    page.goto("/console/inbox/")
    password = page.locator('li[data-kind="filing_password"]')
    assert password.count() == 1
    assert password.locator("[data-secret]").inner_text().strip()


def test_first_filing_goes_from_the_wizard_through_admin_reviews_and_sms_to_an_icp_number(
    login_page, staff_page, user
):
    page = login_page
    instance = InstanceFactory(owner=user, name="tea-shop-web")

    _register_the_domain_through_the_refusal(page)
    _choose_the_instance(page, instance)
    _give_the_subject_and_website(page)
    order = _confirm_upload_and_submit(page, user, instance)

    approve_in_admin(staff_page, order.pk, expected="pending_sms")
    _enter_the_sms_code(page, order)

    approve_in_admin(staff_page, order.pk, expected="approved")
    _check_the_numbers_and_the_password(page, order)


def pass_verification(page, order_id: int) -> None:
    """SPEC 3.12: the authenticity verification on the phone: send the link from the order page,
    open it from the inbox, take a passing picture, and come back to the order."""
    assert page.locator("[data-verification-status]").get_attribute("data-verification-status") != "passed"
    with page.expect_navigation():
        page.locator('[data-action="send-verification-link"]').click()
    page.goto("/console/inbox/")
    with page.expect_navigation():
        page.locator("[data-verification-link]").first.click()
    page.locator('input[name="outcome"][value="pass"]').check()
    with page.expect_navigation():
        page.locator('[data-action="take-picture"]').click()
    assert page.locator('[data-verification="passed"]').count() == 1
    page.goto(f"/console/filings/{order_id}/")
    assert page.locator("[data-verification-status]").get_attribute("data-verification-status") == "passed"
