"""A new subject's address in the first filing (SPEC 3.13): judged when given, kept on the subject,
corrected in a draft; a filed subject changes it through a change order."""

import pytest

from filings.models import Subject
from tests.filings import flows


@pytest.mark.django_db
def test_an_incomplete_address_is_refused_by_the_precheck(api, instance):
    response = flows.api_first_filing(api, instance=instance, address="浙江省杭州市")
    assert response.status_code == 409
    assert [r["code"] for r in response.json()["reasons"]] == ["SUBJECT_ADDRESS_INCOMPLETE"]
    assert not Subject.objects.exists()


@pytest.mark.django_db
def test_the_address_is_the_new_subjects_and_a_draft_corrects_it(api, instance):
    response = flows.api_first_filing(api, instance=instance, address="浙江省杭州市西湖区文三路90号")
    assert response.status_code == 201, response.json()
    order_id = response.json()["id"]
    subject = Subject.objects.get()
    assert subject.address == "浙江省杭州市西湖区文三路90号"

    wrong = api.patch(f"/api/v1/filings/{order_id}/", {"subject": {"address": "杭州"}}, format="json")
    assert wrong.status_code == 409
    assert [r["code"] for r in wrong.json()["reasons"]] == ["SUBJECT_ADDRESS_INCOMPLETE"]
    fixed = api.patch(
        f"/api/v1/filings/{order_id}/",
        {"subject": {"address": "浙江省杭州市余杭区文一西路969号"}},
        format="json",
    )
    assert fixed.status_code == 200, fixed.json()
    subject.refresh_from_db()
    assert subject.address == "浙江省杭州市余杭区文一西路969号"


@pytest.mark.django_db
def test_a_filed_subjects_address_is_not_patched_into_an_add_website_order(
    api, user, staff, filed, second_instance
):
    flows.register_for(user, "second.cn")
    response = api.post(
        "/api/v1/filings/",
        {
            "type": "add_website",
            "website": {"domain": "second.cn", "instance_id": second_instance.instance_id},
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    patched = api.patch(
        f"/api/v1/filings/{response.json()['id']}/",
        {"subject": {"address": "浙江省杭州市西湖区文三路90号"}},
        format="json",
    )
    assert patched.status_code == 400
    assert patched.json()["code"] == "PATCH_FIELD_INVALID"
