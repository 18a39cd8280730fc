"""Huawei (SPEC 3.14, issue 29): an order naming another account's code waits for the code
owner's authorization, confirmed by the SMS code sent to the owner's phone; at most 2 resends.
Under Alibaba and Tencent nothing changes."""

import datetime as dt

import pytest
import time_machine

from filings.models import FilingOrder, MessageKind, PhoneMessage
from icpconsole.core.errors import Conflict, InvalidInput
from servicecodes.services import service_code_apply
from tests.factories import InstanceFactory
from tests.filings import flows
from tests.filings.materials import website_materials

pytestmark = pytest.mark.django_db


def _order_with_others_code(user, other_user, *, product="ecs", region="cn-north-4"):
    instance = InstanceFactory(owner=other_user, product_id=product, region_id=region)
    code = service_code_apply(actor=other_user, instance_id=instance.instance_id)
    order = flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={"domain": "example.cn", "service_code": code.code},
    )
    flows.complete(order)
    return order, code


def _submit(user, order):
    from filings import services

    return services.filing_submit(actor=user, order_id=order.pk)


def test_huawei_refuses_submission_until_the_owner_confirms(
    use_provider, user, other_user, api, api_client_for
):
    use_provider("huawei")
    order, code = _order_with_others_code(user, other_user)
    with pytest.raises(Conflict) as exc:
        _submit(user, order)
    assert exc.value.code == "CODE_AUTHORIZATION_REQUIRED"
    assert code.code in exc.value.message and exc.value.as_dict()["remedy"]

    body = api.get(f"/api/v1/filings/{order.pk}/").json()
    assert body["code_authorization"] == "pending"
    assert api.post(f"/api/v1/filings/{order.pk}/submit/").json()["code"] == "CODE_AUTHORIZATION_REQUIRED"

    response = api.post(f"/api/v1/filings/{order.pk}/code-authorization/")
    assert response.status_code == 200, response.json()
    # The text goes to the owner's phone, not the applicant's.
    message = PhoneMessage.objects.get(kind=MessageKind.CODE_AUTHORIZATION)
    assert message.account == other_user and code.code in message.text
    assert not PhoneMessage.objects.filter(account=user, kind=MessageKind.CODE_AUTHORIZATION).exists()

    wrong = "000000" if message.secret != "000000" else "111111"
    bad = api.post(f"/api/v1/filings/{order.pk}/confirm-code-authorization/", {"code": wrong}, format="json")
    assert bad.status_code == 400 and bad.json()["code"] == "CODE_AUTHORIZATION_INVALID"
    malformed = api.post(
        f"/api/v1/filings/{order.pk}/confirm-code-authorization/", {"code": "x"}, format="json"
    )
    assert malformed.status_code == 400

    # Another account cannot confirm (or even see) the order.
    owner_api = api_client_for(other_user)
    assert (
        owner_api.post(
            f"/api/v1/filings/{order.pk}/confirm-code-authorization/", {"code": message.secret}, format="json"
        ).status_code
        == 404
    )

    ok = api.post(
        f"/api/v1/filings/{order.pk}/confirm-code-authorization/", {"code": message.secret}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["code_authorization"] == "confirmed"
    assert _submit(user, order).status == "submitted"


def test_at_most_two_resends_a_minute_apart(use_provider, user, other_user):
    from filings import services

    use_provider("huawei")
    order, _ = _order_with_others_code(user, other_user)
    with time_machine.travel(dt.datetime.now(dt.UTC), tick=False) as traveller:
        services.filing_code_auth_send(actor=user, order_id=order.pk)
        with pytest.raises(Conflict) as exc:
            services.filing_code_auth_send(actor=user, order_id=order.pk)
        assert exc.value.code == "SMS_RESEND_TOO_SOON"
        for _ in range(2):
            traveller.shift(61)
            services.filing_code_auth_send(actor=user, order_id=order.pk)
        traveller.shift(61)
        with pytest.raises(Conflict) as exc:
            services.filing_code_auth_send(actor=user, order_id=order.pk)
    assert exc.value.code == "SMS_RESEND_LIMIT"
    assert PhoneMessage.objects.filter(account=other_user, kind=MessageKind.CODE_AUTHORIZATION).count() == 3
    # Only the last code sent works.
    latest = flows.latest_secret(other_user, MessageKind.CODE_AUTHORIZATION)
    services.filing_code_auth_confirm(actor=user, order_id=order.pk, code=latest)
    assert FilingOrder.objects.get(pk=order.pk).code_authorized


def test_a_code_left_24_hours_has_expired(use_provider, user, other_user, advance_clock):
    from filings import services

    use_provider("huawei")
    order, _ = _order_with_others_code(user, other_user)
    with pytest.raises(Conflict) as exc:
        services.filing_code_auth_confirm(actor=user, order_id=order.pk, code="123456")
    assert exc.value.code == "CODE_AUTHORIZATION_NOT_SENT"
    services.filing_code_auth_send(actor=user, order_id=order.pk)
    advance_clock(2)
    with pytest.raises(InvalidInput) as exc:
        services.filing_code_auth_confirm(
            actor=user,
            order_id=order.pk,
            code=flows.latest_secret(other_user, MessageKind.CODE_AUTHORIZATION),
        )
    assert exc.value.code == "CODE_AUTHORIZATION_INVALID"


def test_huawei_own_code_needs_no_authorization(use_provider, user, staff):
    from filings import services

    use_provider("huawei")
    instance = InstanceFactory(owner=user, product_id="ecs", region_id="cn-north-4")
    order = flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={"domain": "example.cn", "instance_id": instance.instance_id},
    )
    flows.complete(order)
    assert services.filing_submit(actor=user, order_id=order.pk).status == "submitted"
    with pytest.raises(Conflict) as exc:
        services.filing_code_auth_send(actor=user, order_id=order.pk)
    assert exc.value.code == "CODE_AUTHORIZATION_NOT_NEEDED"


@pytest.mark.parametrize(
    ("provider", "product", "region"), [("alibaba", "ecs", "cn-hangzhou"), ("tencent", "cvm", "ap-guangzhou")]
)
def test_other_profiles_need_no_authorization(use_provider, user, other_user, api, provider, product, region):
    use_provider(provider)
    if provider == "tencent":
        other_user.certification = "enterprise"
        other_user.save(update_fields=["certification"])
    order, _ = _order_with_others_code(user, other_user, product=product, region=region)
    assert api.get(f"/api/v1/filings/{order.pk}/").json()["code_authorization"] == "not_needed"
    assert _submit(user, order).status == "submitted"
    assert api.post(f"/api/v1/filings/{order.pk}/code-authorization/").json()["code"] == (
        "CODE_AUTHORIZATION_NOT_NEEDED"
    )
    assert not PhoneMessage.objects.filter(kind=MessageKind.CODE_AUTHORIZATION).exists()


def test_materials_helper_is_the_projects():
    # The website materials the tests fill in come from the shared helper (no drift).
    assert "content_category" in website_materials()


def test_the_order_page_asks_sends_and_confirms(use_provider, user, other_user, console):
    use_provider("huawei")
    order, code = _order_with_others_code(user, other_user)
    page = console.get(f"/console/filings/{order.pk}/")
    assert page.status_code == 200
    assert b'data-section="code-authorization"' in page.content and code.code.encode() in page.content

    console.post(f"/console/filings/{order.pk}/code-authorization/")
    secret = flows.latest_secret(other_user, MessageKind.CODE_AUTHORIZATION)
    # A malformed code is a message on the page, not an error page.
    bad = console.post(
        f"/console/filings/{order.pk}/confirm-code-authorization/", {"code": "12"}, follow=True
    )
    assert bad.status_code == 200 and not FilingOrder.objects.get(pk=order.pk).code_authorized
    console.post(f"/console/filings/{order.pk}/confirm-code-authorization/", {"code": secret})
    assert FilingOrder.objects.get(pk=order.pk).code_authorized
    page = console.get(f"/console/filings/{order.pk}/")
    assert b'data-section="code-authorization"' not in page.content


def test_the_order_page_in_chinese_and_not_under_alibaba(use_provider, user, other_user, console):
    use_provider("huawei")
    order, _ = _order_with_others_code(user, other_user)
    console.cookies["django_language"] = "zh-hans"
    assert "授权短信".encode() in console.get(f"/console/filings/{order.pk}/").content
    use_provider("alibaba")
    page = console.get(f"/console/filings/{order.pk}/")
    assert b'data-section="code-authorization"' not in page.content
