"""The filing pre-check (SPEC 3.9) from plain facts: no database."""

import datetime as dt

import pytest
from django.utils import translation

from filings import precheck
from filings.models import WebsiteStatus
from filings.precheck import FilingFacts, Leader, Registration, SiteFacts
from filings.rules import DomainFacts
from registrar.certificates import with_check_character

TODAY = dt.date(2026, 6, 1)
SUBJECT = "Hangzhou Example Co., Ltd."
CREDIT_CODE = with_check_character("91330106MA2CDEM01")
ID_ADULT = with_check_character("11010119900307123", kind="individual")
# Born 2008-06-01: 18 on 2026-06-01 exactly; born 2008-06-02: still 17 that day.
ID_EIGHTEEN_TODAY = with_check_character("11010120080601123", kind="individual")
ID_EIGHTEEN_TOMORROW = with_check_character("11010120080602123", kind="individual")


def off_by_one(number: str) -> str:
    last = number[-1]
    return number[:-1] + ("1" if last != "1" else "2")


LEADER = Leader(name="张三", certificate_number=ID_ADULT, mobile="13800138000", email="zhang@example.cn")
REGISTERED = Registration(registered=True, holder_name=SUBJECT, verified=True, expired=False)


def site(domain="example.cn", **overrides) -> SiteFacts:
    values = {"filing": DomainFacts(domain=domain), "registration": REGISTERED, **overrides}
    return SiteFacts(domain=domain, **values)


def facts(*sites, **overrides) -> FilingFacts:
    values = {
        "subject_kind": "enterprise",
        "subject_name": SUBJECT,
        "today": TODAY,
        "subject_certificate_number": CREDIT_CODE,
        "sites": sites or (site(),),
        **overrides,
    }
    return FilingFacts(**values)


def codes(f: FilingFacts) -> list[str]:
    return precheck.codes(precheck.precheck(f))


def test_a_complete_valid_filing_has_no_reasons():
    assert (
        codes(
            facts(site(name="示例公司官网", content_category="company", leader=LEADER), subject_leader=LEADER)
        )
        == []
    )


@pytest.mark.parametrize(
    "overrides,expected",
    [
        ({"domain": "example.io"}, ["DOMAIN_TLD_NOT_APPROVED"]),
        ({"domain": "example.dev"}, ["DOMAIN_TLD_NOT_APPROVED"]),
        ({"domain": "xn--fsqu00a.xn--fiqs8s"}, []),  # 例子.中国
        ({"domain": "example.top"}, []),
        ({"registration": Registration()}, ["DOMAIN_NOT_REGISTERED"]),
        ({"registration": Registration(True, SUBJECT, True, expired=True)}, ["DOMAIN_EXPIRED"]),
        ({"registration": Registration(True, SUBJECT, verified=False)}, ["DOMAIN_NOT_VERIFIED"]),
        ({"registration": Registration(True, "Someone Else", True)}, ["DOMAIN_HOLDER_MISMATCH"]),
        ({"registration": Registration(True, "ＨＡＮＧＺＨＯＵ  example co., ltd.", True)}, []),
        (
            {"filing": DomainFacts("example.cn", website_id=1, website_status=WebsiteStatus.ACTIVE)},
            ["DOMAIN_ALREADY_FILED"],
        ),
        (
            {"filing": DomainFacts("example.cn", record_id=3, record_access_provider="Tencent")},
            ["DOMAIN_ALREADY_FILED"],
        ),
        ({"filing": DomainFacts("example.cn", open_order_id=9)}, ["DOMAIN_IN_OPEN_ORDER"]),
    ],
)
def test_each_domain_check(overrides, expected):
    domain = overrides.pop("domain", "example.cn")
    if "filing" not in overrides:
        overrides["filing"] = DomainFacts(domain=domain)
    assert codes(facts(site(domain, **overrides))) == expected


def test_not_registered_hides_the_checks_that_compare_with_the_registration():
    assert codes(facts(site("example.io", registration=Registration()))) == [
        "DOMAIN_TLD_NOT_APPROVED",
        "DOMAIN_NOT_REGISTERED",
    ]


def test_every_failing_domain_check_in_the_spec_order():
    bad = site(
        "example.me",
        registration=Registration(True, "Someone Else", verified=False, expired=True),
        filing=DomainFacts("example.me", open_order_id=4),
    )
    assert codes(facts(bad)) == [
        "DOMAIN_TLD_NOT_APPROVED",
        "DOMAIN_EXPIRED",
        "DOMAIN_NOT_VERIFIED",
        "DOMAIN_HOLDER_MISMATCH",
        "DOMAIN_IN_OPEN_ORDER",
    ]


def test_a_change_order_site_skips_the_domain_checks():
    assert codes(facts(site(registration=Registration(), check_domain=False))) == []


def test_several_kinds_at_once_come_domain_certificate_leader_name_content():
    bad_leader = Leader(name="李四", certificate_number=ID_ADULT, mobile="12345", email="not-mail")
    f = facts(
        site(registration=Registration(), name="12345", content_category="news", leader=bad_leader),
        subject_certificate_number=off_by_one(CREDIT_CODE),
    )
    assert codes(f) == [
        "DOMAIN_NOT_REGISTERED",
        "CERTIFICATE_NUMBER_INVALID",
        "MOBILE_INVALID",
        "EMAIL_INVALID",
        "WEBSITE_NAME_INVALID",
        "PRE_APPROVAL_REQUIRED",
    ]


@pytest.mark.parametrize(
    "kind,number,expected",
    [
        ("enterprise", CREDIT_CODE, []),
        ("enterprise", "91350100M000100Y43", []),  # a published example code
        ("enterprise", off_by_one(CREDIT_CODE), ["CERTIFICATE_NUMBER_INVALID"]),
        ("enterprise", CREDIT_CODE[:-1], ["CERTIFICATE_NUMBER_INVALID"]),
        ("enterprise", "91330106MA2DEMO01X", ["CERTIFICATE_NUMBER_INVALID"]),  # O is not in the alphabet
        ("individual", ID_ADULT, []),
        ("individual", off_by_one(ID_ADULT), ["CERTIFICATE_NUMBER_INVALID"]),
        (
            "individual",
            with_check_character("11010119900230123", kind="individual"),
            ["CERTIFICATE_NUMBER_INVALID"],
        ),
        ("individual", ID_EIGHTEEN_TODAY, []),
        ("individual", ID_EIGHTEEN_TOMORROW, ["APPLICANT_UNDER_18"]),
        ("individual", CREDIT_CODE, ["CERTIFICATE_NUMBER_INVALID"]),
    ],
)
def test_certificate_check_characters_and_the_age_on_the_simulated_date(kind, number, expected):
    name = "王五" if kind == "individual" else SUBJECT
    f = facts(
        site(registration=Registration(True, name, True)),
        subject_kind=kind,
        subject_name=name,
        subject_certificate_number=number,
    )
    assert codes(f) == expected


def test_the_age_boundary_moves_with_the_simulated_date():
    f = facts(
        subject_kind="individual",
        subject_name="王五",
        subject_certificate_number=ID_EIGHTEEN_TOMORROW,
        sites=(site(registration=Registration(True, "王五", True)),),
    )
    assert codes(f) == ["APPLICANT_UNDER_18"]
    assert codes(facts(**{**f.__dict__, "today": TODAY + dt.timedelta(days=1)})) == []


def test_a_filed_subjects_certificate_is_not_checked_again():
    assert codes(facts(subject_certificate_number=None)) == []


@pytest.mark.parametrize(
    "leader,expected",
    [
        (LEADER, []),
        (
            Leader(name="", certificate_number=ID_ADULT, mobile="13800138000", email="a@b.cn"),
            ["LEADER_NAME_INVALID"],
        ),
        (
            Leader(
                name="张三", certificate_number=off_by_one(ID_ADULT), mobile="13800138000", email="a@b.cn"
            ),
            ["CERTIFICATE_NUMBER_INVALID"],
        ),
        (
            Leader(
                name="张三", certificate_number=ID_EIGHTEEN_TOMORROW, mobile="13800138000", email="a@b.cn"
            ),
            ["APPLICANT_UNDER_18"],
        ),
        (
            Leader(name="张三", certificate_number=ID_ADULT, mobile="12800138000", email="a@b.cn"),
            ["MOBILE_INVALID"],
        ),
        (
            Leader(name="张三", certificate_number=ID_ADULT, mobile="1380013800", email="a@b.cn"),
            ["MOBILE_INVALID"],
        ),
        (Leader(name="张三", certificate_number=ID_ADULT, mobile="19912345678", email="a@b.cn"), []),
        (
            Leader(name="张三", certificate_number=ID_ADULT, mobile="13800138000", email="a@"),
            ["EMAIL_INVALID"],
        ),
    ],
)
def test_leaders(leader, expected):
    assert codes(facts(subject_leader=leader)) == expected
    assert codes(facts(site(leader=leader))) == expected


def test_a_website_leader_who_is_the_subject_leader_is_not_checked_twice():
    bad = Leader(name="张三", certificate_number=ID_ADULT, mobile="1", email="a@b.cn")
    assert codes(facts(site(leader=bad, leader_is_subject_leader=True), subject_leader=LEADER)) == []


@pytest.mark.parametrize(
    "name,kind,rule",
    [
        ("示例官网", "enterprise", None),
        ("ABC 示例 (测试)", "enterprise", None),
        ("示例-博客", "individual", None),
        ("示例", "enterprise", "3 to 30"),
        ("示" * 31, "enterprise", "3 to 30"),
        ("123456", "enterprise", "only digits"),
        ("Example Homepage", "enterprise", "only Latin letters"),
        ("example.cn", "enterprise", "domain name"),
        ("示例官网!", "enterprise", "special characters"),
        ("示例_官网", "enterprise", "special characters"),
        ("张三的公司", "individual", "公司"),
        ("Zhang Official 博客", "individual", "official"),
        ("张三的公司", "enterprise", None),
    ],
)
def test_website_names(name, kind, rule):
    subject = "王五" if kind == "individual" else SUBJECT
    found = precheck.precheck(
        facts(
            site(name=name, registration=Registration(True, subject, True)),
            subject_kind=kind,
            subject_name=subject,
            subject_certificate_number=None,
        )
    )
    if rule is None:
        assert found == []
    else:
        (only,) = found
        assert only.code == "WEBSITE_NAME_INVALID" and rule in only.message and name in only.message


@pytest.mark.parametrize(
    "kind,category,pre_approval,expected",
    [
        ("individual", "general", "", []),
        ("individual", "blog", "", []),
        ("individual", "forum", "", ["CONTENT_NOT_ALLOWED_FOR_INDIVIDUAL"]),
        ("individual", "news", "京新闻2026-1", ["CONTENT_NOT_ALLOWED_FOR_INDIVIDUAL"]),
        ("enterprise", "forum", "", []),
        ("enterprise", "news", "", ["PRE_APPROVAL_REQUIRED"]),
        ("enterprise", "medical", "浙卫网审[2026]1号", []),
        ("enterprise", "radio_tv", "", ["PRE_APPROVAL_REQUIRED"]),
        ("enterprise", "ecommerce", "", ["COMMERCIAL_LICENSE_REQUIRED"]),
        ("enterprise", "casino", "", ["CONTENT_CATEGORY_INVALID"]),
    ],
)
def test_content_categories(kind, category, pre_approval, expected):
    subject = "王五" if kind == "individual" else SUBJECT
    f = facts(
        site(
            content_category=category,
            pre_approval_number=pre_approval,
            registration=Registration(True, subject, True),
        ),
        subject_kind=kind,
        subject_name=subject,
        subject_certificate_number=None,
    )
    assert codes(f) == expected


def test_missing_names_every_item_a_submission_needs():
    f = facts(site(), subject_leader=None)
    found = precheck.missing(f, new_subject=True)
    assert precheck.codes(found) == [
        "SUBJECT_LEADER_MISSING",
        "WEBSITE_LEADER_MISSING",
        "WEBSITE_NAME_MISSING",
        "CONTENT_CATEGORY_MISSING",
        "DOCUMENT_MISSING",
        "DOCUMENT_MISSING",
        "DOCUMENT_MISSING",
    ]
    assert [r.target for r in found if r.code == "DOCUMENT_MISSING"] == [
        "subject_certificate",
        "leader_id_front",
        "leader_id_back",
    ]


def test_a_separate_website_leader_needs_its_id_card_and_an_added_website_no_subject_documents():
    f = facts(
        site(name="示例官网", content_category="company", leader=LEADER),
        subject_leader=LEADER,
        documents=frozenset(),
    )
    assert [r.target for r in precheck.missing(f, new_subject=False)] == [
        "website_leader_id_front",
        "website_leader_id_back",
    ]


def test_every_reason_has_an_english_and_a_chinese_text_and_a_remedy():
    from django.utils import translation

    for code, spec in precheck.REASONS.items():
        with translation.override("en"):
            english = (str(spec.message), str(spec.remedy))
        with translation.override("zh-hans"):
            chinese = (str(spec.message), str(spec.remedy))
        assert all(english) and all(chinese), code
        assert english[0] != chinese[0] and english[1] != chinese[1], code
        assert spec.remedy_action in precheck.REMEDY_ACTIONS


def test_a_reason_renders_in_the_active_language():
    from django.utils import translation

    with translation.override("zh-hans"):
        chinese = precheck.reason("DOMAIN_NOT_REGISTERED", domain="example.cn").as_dict()
    with translation.override("en"):
        english = precheck.reason("DOMAIN_NOT_REGISTERED", domain="example.cn").as_dict()
    assert english["message"] == "example.cn is not registered with any registrar."
    assert "example.cn" in chinese["message"] and chinese["message"] != english["message"]
    assert chinese["remedy_action"] == english["remedy_action"] == "register_domain"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_leader_finding_reads_in_both_languages(language):
    """A leader's wrong ID number once raised KeyError rendering its text (a 500 in every face)."""
    bad = Leader(name="", certificate_number=off_by_one(ID_ADULT), mobile="12800138000", email="a@")
    with translation.override(language):
        found = precheck.precheck(facts(site(leader=bad), subject_leader=bad))
        texts = [(reason.code, reason.message, reason.remedy) for reason in found]
    assert {code for code, _m, _r in texts} >= {"LEADER_NAME_INVALID", "CERTIFICATE_NUMBER_INVALID"}
    assert all(message and "%(" not in message for _c, message, _r in texts)
