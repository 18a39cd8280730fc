"""Provinces (SPEC 3.13): an organisation files only in the province of its credit code; an
individual files elsewhere than the province of the ID number only with a residence permit."""

import datetime as dt

import pytest
from django.utils import translation

from filings import precheck, services
from filings.models import Stage
from filings.precheck import FilingFacts, Leader
from icpconsole.core.errors import Conflict
from registrar.certificates import with_check_character
from tests.filings import flows
from tests.filings.materials import LEADER, upload, upload_documents, website_materials

TODAY = dt.date(2026, 12, 5)
BEIJING_CODE = with_check_character("91110105MA01XXXX1")
ZHEJIANG_CODE = with_check_character("91330106MA2CDEM01")
BEIJING_ID = with_check_character("11010519850312123", kind="individual")
ZHEJIANG_ID = with_check_character("33010619750612041", kind="individual")


def facts(kind, number, province, documents=()):
    return FilingFacts(
        subject_kind=kind,
        subject_name="x",
        today=TODAY,
        subject_certificate_number=number,
        subject_leader=Leader(
            name="张三", certificate_number=ZHEJIANG_ID, mobile="13800000000", email="a@b.cn"
        ),
        documents=frozenset(documents),
        subject_province=province,
    )


def all_reasons(f):
    return precheck.codes(precheck.precheck(f) + precheck.missing(f, new_subject=True))


def test_a_beijing_credit_code_filing_in_zhejiang_is_a_province_mismatch():
    found = precheck.precheck(facts("enterprise", BEIJING_CODE, "zhejiang"))
    assert precheck.codes(found) == ["PROVINCE_MISMATCH"]
    assert found[0].target == "subject"
    assert "Beijing" in found[0].message and "Zhejiang" in found[0].message
    with translation.override("zh-hans"):
        found = precheck.precheck(facts("enterprise", BEIJING_CODE, "zhejiang"))
        assert "北京" in found[0].message and "浙江" in found[0].message


def test_a_credit_code_files_in_its_own_province():
    assert precheck.precheck(facts("enterprise", ZHEJIANG_CODE, "zhejiang")) == []
    assert precheck.precheck(facts("enterprise", BEIJING_CODE, "beijing")) == []


def test_a_beijing_id_number_filing_in_zhejiang_needs_the_residence_permit_and_passes_with_it():
    f = facts("individual", BEIJING_ID, "zhejiang")
    assert "residence_permit" in precheck.required_documents(f, new_subject=True)
    assert precheck.precheck(f) == []  # not a refusal: a document submit asks for
    assert "RESIDENCE_PERMIT_REQUIRED" in all_reasons(f)
    assert "PROVINCE_MISMATCH" not in all_reasons(f)
    have = {"leader_id_front", "leader_id_back", "residence_permit"}
    assert all_reasons(facts("individual", BEIJING_ID, "zhejiang", have)) == []


def test_an_individual_of_the_province_needs_no_residence_permit():
    f = facts("individual", ZHEJIANG_ID, "zhejiang", {"leader_id_front", "leader_id_back"})
    assert "residence_permit" not in precheck.required_documents(f, new_subject=True)
    assert all_reasons(f) == []


def test_a_filed_subject_is_not_judged_again():
    assert precheck.required_documents(facts("individual", BEIJING_ID, "zhejiang"), new_subject=False) == []
    f = FilingFacts(subject_kind="enterprise", subject_name="x", today=TODAY, subject_province="zhejiang")
    assert precheck.precheck(f) == []


def test_the_residence_permit_is_an_uploadable_document_kind():
    assert "residence_permit" in precheck.UPLOAD_KINDS
    assert "RESIDENCE_PERMIT_REQUIRED" in precheck.REASONS and "PROVINCE_MISMATCH" in precheck.REASONS


def individual(number):
    return {
        "kind": "individual",
        "name": "张三",
        "certificate_number": number,
        "province": "zhejiang",
        "leader": {**LEADER, "name": "张三", "certificate_number": number},
    }


@pytest.mark.django_db
def test_the_service_refuses_a_beijing_enterprise_in_zhejiang(user, instance):
    data = flows.subject_data(certificate_number=BEIJING_CODE)
    flows.register_for(user, "example.cn", data["name"])
    website = {"domain": "example.cn", "instance_id": instance.instance_id, **website_materials()}
    with pytest.raises(Conflict) as raised:
        services.filing_create_first(actor=user, subject=data, website=website)
    assert "PROVINCE_MISMATCH" in [r["code"] for r in raised.value.as_dict()["reasons"]]


@pytest.mark.django_db
def test_submit_asks_a_beijing_individual_in_zhejiang_for_the_residence_permit(user, instance):
    data = individual(BEIJING_ID)
    flows.register_for(user, "example.cn", data["name"])
    website = {
        "domain": "example.cn",
        "instance_id": instance.instance_id,
        **website_materials(name="张三的生活记录", content_category="blog"),
    }
    order = services.filing_create_first(actor=user, subject=data, website=website)
    upload_documents(order)
    with pytest.raises(Conflict) as raised:
        services.filing_submit(actor=user, order_id=order.pk)
    assert [r["code"] for r in raised.value.as_dict()["reasons"]] == ["RESIDENCE_PERMIT_REQUIRED"]
    services.filing_document_upload(actor=user, order_id=order.pk, kind="residence_permit", file=upload())
    assert services.filing_submit(actor=user, order_id=order.pk).status == Stage.SUBMITTED
