"""The residence permit in the console (SPEC 3.13): a Beijing ID number filing in Zhejiang is told
at the wizard's summary, asked for the permit on the order's page, and submits once it is there."""

import pytest

from filings.models import FilingOrder, Subject
from registrar.certificates import with_check_character
from tests.filings.materials import upload

from . import wizard

pytestmark = pytest.mark.django_db

BEIJING_ID = with_check_character("11010519850312123", kind="individual")
ADDRESS = "浙江省杭州市西湖区文三路90号"
INDIVIDUAL = {
    "kind": "individual",
    "name": "张三",
    "certificate_number": BEIJING_ID,
    "province": "zhejiang",
    "address": ADDRESS,
}


def test_a_beijing_id_filing_in_zhejiang_uploads_its_residence_permit(console, instance):
    wizard.run_to_confirm(console, domain="zhangsan.cn", instance=instance, subject=INDIVIDUAL)
    summary = console.get(wizard.WIZARD + "confirm/").content.decode()
    assert 'data-notice="residence_permit"' in summary
    assert "Beijing" in summary and "Zhejiang" in summary
    assert f"data-subject-address>{ADDRESS}<" in summary

    response = wizard.confirm(console, complete=False)
    order = FilingOrder.objects.get()
    assert response.url == f"/console/filings/{order.pk}/"
    assert Subject.objects.get().address == ADDRESS
    wizard.upload_documents(console, order.pk)  # the ID card, the verification: not the permit yet
    page = console.get(f"/console/filings/{order.pk}/").content.decode()
    assert 'data-reason-code="RESIDENCE_PERMIT_REQUIRED"' in page
    console.post(f"/console/filings/{order.pk}/submit/")
    order.refresh_from_db()
    assert order.status == "draft"

    uploaded = console.post(
        f"/console/filings/{order.pk}/documents/", {"kind": "residence_permit", "file": upload("permit.png")}
    )
    assert uploaded.status_code == 302
    console.post(f"/console/filings/{order.pk}/submit/")
    order.refresh_from_db()
    assert order.status == "submitted"


def test_the_summary_says_it_in_chinese(console, instance):
    wizard.run_to_confirm(console, domain="zhangsan.cn", instance=instance, subject=INDIVIDUAL)
    console.cookies["django_language"] = "zh-hans"
    summary = console.get(wizard.WIZARD + "confirm/").content.decode()
    assert "居住证" in summary and "北京" in summary and "浙江" in summary


def test_an_individual_of_the_province_gets_no_notice(console, instance):
    zhejiang = {
        **INDIVIDUAL,
        "certificate_number": with_check_character("33010619750612041", kind="individual"),
    }
    wizard.run_to_confirm(console, domain="zhangsan.cn", instance=instance, subject=zhejiang)
    assert 'data-notice="residence_permit"' not in console.get(wizard.WIZARD + "confirm/").content.decode()


def test_the_wizard_asks_for_the_address(console, instance):
    wizard.step_domain(console, "zhangsan.cn", holder_name="张三", certificate_number=BEIJING_ID)
    wizard.step_product(console, instance=instance)
    response = wizard.step_details(console, subject={**INDIVIDUAL, "address": "杭州"})
    assert response.status_code == 200
    assert 'data-reason-code="SUBJECT_ADDRESS_INCOMPLETE"' in response.content.decode()
