"""The console decides the filing type (SPEC 3.13): ``POST /api/v1/filings/detect/`` and
``add_website`` / ``add_app`` for a subject filed with another provider."""

import pytest

from filings import services
from filings.models import FilingOrder, RegistryRecord, Subject
from registrar.certificates import with_check_character
from tests.filings import flows
from tests.filings.apps.apps import app_data
from tests.filings.apps.apps import approve as approve_app
from tests.filings.factories import RegistryRecordFactory
from tests.filings.materials import CREDIT_CODE, LEADER, website_materials

ELSEWHERE_CODE = with_check_character("91440300MA5FYYYY3")
URL = "/api/v1/filings/detect/"


def detect(api, **body):
    return api.post(URL, body, format="json")


@pytest.fixture
def elsewhere(db):
    """A subject filed with Tencent Cloud: two websites, -1 and -3 (a -2 was cancelled there)."""
    first = RegistryRecordFactory(
        domain="elsewhere-one.cn",
        subject_icp_number="粤ICP备10009999号",
        icp_number="粤ICP备10009999号-1",
        subject_name="Shenzhen Elsewhere Ltd.",
        certificate_number=ELSEWHERE_CODE,
    )
    RegistryRecordFactory(
        domain="elsewhere-three.cn",
        subject_icp_number="粤ICP备10009999号",
        icp_number="粤ICP备10009999号-3",
        subject_name="Shenzhen Elsewhere Ltd.",
        certificate_number=ELSEWHERE_CODE,
    )
    return first


def test_unknown_subject_is_a_first_filing(api):
    response = detect(api, certificate_number=CREDIT_CODE, domain="www.new-site.cn")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["type"] == "first_filing"
    assert body["certificate_kind"] == "enterprise"
    assert body["subject"] is None
    assert CREDIT_CODE in body["explanation"]


def test_app_name_of_unknown_subject_is_a_first_filing(api):
    body = detect(api, certificate_number=CREDIT_CODE, app_name="示例应用").json()
    assert body["type"] == "first_filing"


def test_own_filed_subject_adds_a_website(api, user, staff, instance):
    filed = flows.file_first(user, staff=staff, instance=instance)
    body = detect(api, certificate_number=CREDIT_CODE, domain="second.cn").json()
    assert body["type"] == "add_website"
    assert body["subject"]["icp_number"] == filed["subject"].icp_number
    assert body["subject"]["provider"] == ""
    assert detect(api, certificate_number=CREDIT_CODE, app_name="示例应用").json()["type"] == "add_app"


def test_domain_filed_here_is_refused(api, user, other_user, staff, instance):
    flows.file_first(user, staff=staff, instance=instance)
    response = detect(api, certificate_number=CREDIT_CODE, domain="blog.example.cn")
    assert response.status_code == 409
    assert response.json()["code"] == "DOMAIN_ALREADY_FILED"


def test_domain_filed_elsewhere_is_a_transfer_in(api, elsewhere):
    body = detect(api, certificate_number=CREDIT_CODE, domain="elsewhere-one.cn").json()
    assert body["type"] == "transfer_in"
    assert "Tencent Cloud" in body["explanation"]
    assert "粤ICP备10009999号-1" in body["explanation"]


def test_hichina_record_is_a_claim(api):
    from filings.models import HICHINA, RegistryOrigin

    RegistryRecordFactory(domain="old-site.cn", origin=RegistryOrigin.HICHINA_LEGACY, access_provider=HICHINA)
    assert detect(api, certificate_number=CREDIT_CODE, domain="old-site.cn").json()["type"] == "claim"


def test_subject_filed_with_another_provider_adds_a_website(api, elsewhere):
    body = detect(api, certificate_number=ELSEWHERE_CODE, domain="new-site.cn").json()
    assert body["type"] == "add_website"
    assert body["subject"] == {
        "name": "Shenzhen Elsewhere Ltd.",
        "kind": "enterprise",
        "icp_number": "粤ICP备10009999号",
        "province": "guangdong",
        "provider": "Tencent Cloud",
    }
    assert "Tencent Cloud" in body["explanation"]


def test_another_number_while_the_account_has_a_subject_is_refused(api, user, staff, instance, elsewhere):
    flows.file_first(user, staff=staff, instance=instance)
    response = detect(api, certificate_number=ELSEWHERE_CODE, domain="new-site.cn")
    assert response.status_code == 409
    assert response.json()["code"] == "SUBJECT_EXISTS"


def test_subject_of_another_account_is_refused(api, other_user, staff):
    from tests.factories import InstanceFactory

    flows.file_first(other_user, staff=staff, instance=InstanceFactory(owner=other_user))
    response = detect(api, certificate_number=CREDIT_CODE, domain="new-site.cn")
    assert response.status_code == 409
    assert response.json()["code"] == "SUBJECT_OF_ANOTHER_ACCOUNT"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"certificate_number": "12345", "domain": "a.cn"}, "CERTIFICATE_NOT_RECOGNISED"),
        ({"certificate_number": CREDIT_CODE}, "DETECT_TARGET_REQUIRED"),
        ({"certificate_number": CREDIT_CODE, "domain": "a.cn", "app_name": "x"}, "DETECT_TARGET_REQUIRED"),
    ],
)
def test_bad_input(api, body, code):
    response = api.post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == code


def test_detect_writes_nothing(api, elsewhere):
    before = (Subject.objects.count(), FilingOrder.objects.count(), RegistryRecord.objects.count())
    detect(api, certificate_number=ELSEWHERE_CODE, domain="new-site.cn")
    assert (Subject.objects.count(), FilingOrder.objects.count(), RegistryRecord.objects.count()) == before


def test_ram_user_may_not_detect(api_client_for, ram_user):
    response = detect(api_client_for(ram_user), certificate_number=CREDIT_CODE, domain="a.cn")
    assert response.status_code == 403


def test_the_explanation_is_in_chinese_for_a_chinese_reader(api, elsewhere):
    body = api.post(
        URL,
        {"certificate_number": ELSEWHERE_CODE, "domain": "n.cn"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    ).json()
    assert "Tencent Cloud" in body["explanation"]
    assert "新增" in body["explanation"] or "网站" in body["explanation"]


def _add_elsewhere(user, instance, *, domain="new-site.cn"):
    from tests.filings.materials import register_domain

    register_domain(domain, holder_name="Shenzhen Elsewhere Ltd.", account=user, certificate=ELSEWHERE_CODE)
    return services.filing_create_add_website(
        actor=user,
        website={"domain": domain, "instance_id": instance.instance_id, **website_materials()},
        subject={"certificate_number": ELSEWHERE_CODE, "leader": LEADER},
    )


def test_adding_a_website_to_a_subject_filed_elsewhere_keeps_its_number(user, staff, instance, elsewhere):
    order = _add_elsewhere(user, instance)
    assert order.type == "add_website"
    assert order.creates_subject
    assert order.subject.status == "pending"
    order = flows.approve(order, staff=staff)
    subject = order.subject
    assert subject.status == "active"
    assert subject.icp_number == "粤ICP备10009999号"
    # The registry holds -1 and -3 of that subject: the new website is -4.
    assert order.website.icp_number == "粤ICP备10009999号-4"
    assert RegistryRecord.objects.get(domain="new-site.cn").subject_icp_number == "粤ICP备10009999号"
    # The subject's other websites stay with their provider.
    assert RegistryRecord.objects.get(domain="elsewhere-one.cn").access_provider == "Tencent Cloud"


def test_adding_an_app_to_a_subject_filed_elsewhere(user, staff, instance, elsewhere):
    order = services.filing_create_add_app(
        actor=user,
        app={**app_data(), "instance_id": instance.instance_id},
        subject={"certificate_number": ELSEWHERE_CODE, "leader": LEADER},
    )
    assert order.type == "add_app"
    order = approve_app(order, staff=staff)
    assert order.website.icp_number == "粤ICP备10009999号-4A"


def test_abandoning_withdraws_the_subject_brought_from_the_registry(user, instance, elsewhere):
    order = _add_elsewhere(user, instance)
    services.filing_abandon(actor=user, order_id=order.pk)
    order.subject.refresh_from_db()
    assert order.subject.status == "withdrawn"


def test_unknown_certificate_number_cannot_add(user, instance):
    from filings.refusals import SUBJECT_NOT_FILED
    from icpconsole.core.errors import DomainError

    with pytest.raises(DomainError) as caught:
        services.filing_create_add_website(
            actor=user,
            website={"domain": "x.cn", "instance_id": instance.instance_id, **website_materials()},
            subject={"certificate_number": CREDIT_CODE},
        )
    assert caught.value.code == SUBJECT_NOT_FILED.code


def test_add_website_through_the_api(api, user, instance, elsewhere):
    from tests.filings.materials import register_domain

    register_domain(
        "api-site.cn", holder_name="Shenzhen Elsewhere Ltd.", account=user, certificate=ELSEWHERE_CODE
    )
    response = api.post(
        "/api/v1/filings/",
        {
            "type": "add_website",
            "website": {"domain": "api-site.cn", "instance_id": instance.instance_id, **website_materials()},
            "subject": {"certificate_number": ELSEWHERE_CODE, "leader": LEADER},
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["type"] == "add_website"
