"""Change applications in the console (SPEC 3.13): the subject's form sends what changed (a new
leader, or only the leader's contacts), the order page lists what the change still needs with its
remedy (the proof of a new name, a new leader's ID card, the verification), and an app has a
change application of its own."""

import pytest

from filings.models import FilingOrder
from tests.console.html import parse
from tests.filings.apps import apps
from tests.filings.console import wizard
from tests.filings.materials import LEADER

from .test_changes import NEW_LEADER

pytestmark = pytest.mark.django_db


def change_subject(console, filed, **fields):
    data = {"icp_password": filed["password"], "confirm": "on", "name": filed["subject"].name}
    data.update({f"leader_{key}": value for key, value in LEADER.items()})
    data.update(fields)
    return console.post(f"/console/subjects/{filed['subject'].pk}/change/", data)


def reason_codes(page) -> set[str]:
    return {node.get("data-reason-code") for node in parse(page.content).find_all(data_reason_code=True)}


def test_the_subject_form_is_prefilled_with_what_is_on_file(console, filed):
    page = parse(console.get(f"/console/subjects/{filed['subject'].pk}/change/").content)
    assert page.find("input", name="leader_mobile").get("value") == LEADER["mobile"]
    assert page.find("input", name="name").get("value") == filed["subject"].name


def test_a_new_name_waits_on_the_order_page_for_its_proof(console, filed):
    response = change_subject(console, filed, name="Hangzhou Renamed Co., Ltd.")
    order = FilingOrder.objects.get(type="change")
    assert response.url == f"/console/filings/{order.pk}/"
    assert order.status == "draft"
    page = console.get(response.url)
    assert "NAME_CHANGE_PROOF_REQUIRED" in reason_codes(page)
    assert 'id="section-verification"' not in page.content.decode()  # the leader stays
    assert "name_change_proof" in page.content.decode()

    uploaded = console.post(
        f"/console/filings/{order.pk}/documents/",
        {"kind": "name_change_proof", "file": wizard.upload("proof.png")},
    )
    assert uploaded.status_code == 302
    console.post(f"/console/filings/{order.pk}/submit/")
    order.refresh_from_db()
    assert order.status == "submitted"


def test_a_new_leader_asks_for_the_id_card_and_the_verification(console, filed):
    fields = {f"leader_{key}": value for key, value in NEW_LEADER.items()}
    response = change_subject(console, filed, **fields)
    order = FilingOrder.objects.get(type="change")
    assert order.changes == {"leader": NEW_LEADER}
    page = console.get(response.url)
    assert {"DOCUMENT_MISSING", "VERIFICATION_MISSING"} <= reason_codes(page)
    assert 'id="section-verification"' in page.content.decode()
    wizard.upload_documents(console, order.pk)  # nothing of flows' list; the verification passes
    for kind in ("leader_id_front", "leader_id_back"):
        console.post(
            f"/console/filings/{order.pk}/documents/", {"kind": kind, "file": wizard.upload(f"{kind}.png")}
        )
    console.post(f"/console/filings/{order.pk}/submit/")
    order.refresh_from_db()
    assert order.status == "submitted"


def test_a_new_mobile_is_a_change_of_contacts(console, filed):
    change_subject(console, filed, leader_mobile="13600136000")
    order = FilingOrder.objects.get(type="change")
    assert order.changes == {"leader": {**LEADER, "mobile": "13600136000"}}
    assert order.status == "submitted"  # nothing more to prove


def test_an_incomplete_address_is_refused_on_the_form_page(console, filed):
    response = change_subject(console, filed, address="浙江省杭州市")
    assert response.status_code == 200
    assert (
        "SUBJECT_ADDRESS_INCOMPLETE" in response.content.decode() or "incomplete" in response.content.decode()
    )
    assert not FilingOrder.objects.filter(type="change").exists()


def test_an_app_has_a_change_application(console, user, staff, filed, second_instance):
    app = apps.add_app(user, staff=staff, instance=second_instance).website
    subjects = parse(console.get("/console/subjects/").content)
    assert subjects.find(data_action="change-app") is not None
    response = console.post(
        f"/console/websites/{app.pk}/change/",
        {
            "content_category": "lifestyle",
            "icp_password": filed["password"],
            "confirm": "on",
            **{f"leader_{key}": value for key, value in LEADER.items()},
        },
    )
    order = FilingOrder.objects.get(type="change")
    assert response.url == f"/console/filings/{order.pk}/"
    assert (order.website_id, order.changes) == (app.pk, {"content_category": "lifestyle"})


def test_the_review_workbench_shows_a_change_orders_checks(console, client, staff, filed):
    change_subject(console, filed, name="Hangzhou Renamed Co., Ltd.")
    order = FilingOrder.objects.get(type="change")
    client.force_login(staff)
    page = client.get(f"/console/icp/review/{order.pk}/")
    assert page.status_code == 200
    assert "NAME_CHANGE_PROOF_REQUIRED" in page.content.decode()


def test_the_admin_shows_a_change_orders_checks(console, client, staff, filed):
    change_subject(console, filed, name="Hangzhou Renamed Co., Ltd.")
    order = FilingOrder.objects.get(type="change")
    client.force_login(staff)
    page = client.get(f"/admin/filings/filingorder/{order.pk}/change/")
    assert page.status_code == 200
    assert 'data-reason-code="NAME_CHANGE_PROOF_REQUIRED"' in page.content.decode()


def test_a_returned_change_is_corrected_on_its_modify_page(console, staff, filed):
    from filings import services

    change_subject(console, filed, address="浙江省杭州市滨江区网商路699号")
    order = FilingOrder.objects.get(type="change")
    assert order.status == "submitted"
    services.filing_review(actor=staff, order_id=order.pk, decision="reject", reason_code="ADDRESS_INCORRECT")
    page = console.get(f"/console/filings/{order.pk}/")
    assert parse(page.content).find(data_action="modify") is not None

    form = parse(console.get(f"/console/filings/{order.pk}/modify/").content)
    assert form.find("input", name="address").get("value") == "浙江省杭州市滨江区网商路699号"
    assert form.find("input", name="icp_password") is None
    base = {"name": filed["subject"].name, **{f"leader_{k}": v for k, v in LEADER.items()}}
    refused = console.post(f"/console/filings/{order.pk}/modify/", {**base, "address": "浙江省"})
    assert refused.status_code == 200
    assert "SUBJECT_ADDRESS_INCOMPLETE" in reason_codes(refused)

    saved = console.post(
        f"/console/filings/{order.pk}/modify/", {**base, "address": "浙江省杭州市余杭区文一西路969号"}
    )
    assert saved.status_code == 302
    order.refresh_from_db()
    assert order.changes == {"address": "浙江省杭州市余杭区文一西路969号"}
    console.post(f"/console/filings/{order.pk}/submit/")
    order.refresh_from_db()
    assert (order.status, order.round) == ("submitted", 2)


def test_a_returned_first_filing_corrects_its_address(console, user, staff, instance):
    from filings import services
    from filings.models import Subject
    from tests.filings import flows

    flows.register_for(user, "example.cn")
    order = services.filing_create_first(
        actor=user,
        subject=flows.subject_data(),
        website={"domain": "example.cn", "instance_id": instance.instance_id, **flows.website_materials()},
    )
    flows.complete(order)
    services.filing_submit(actor=user, order_id=order.pk)
    services.filing_review(actor=staff, order_id=order.pk, decision="reject", reason_code="ADDRESS_INCORRECT")
    form = parse(console.get(f"/console/filings/{order.pk}/modify/").content)
    assert form.find("input", name="subject-address").get("value") == flows.SUBJECT_ADDRESS
    saved = console.post(
        f"/console/filings/{order.pk}/modify/",
        {
            "subject-address": "浙江省杭州市余杭区文一西路969号",
            "website-name": order.website_name,
            "website-content_category": "company",
            "website-leader_is_subject_leader": "on",
            **{f"leader-{k}": v for k, v in LEADER.items()},
        },
    )
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert Subject.objects.get().address == "浙江省杭州市余杭区文一西路969号"
