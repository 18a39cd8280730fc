"""Rules that were restated outside their home and had diverged (issue 22), each now asked of one
predicate or one service, with the behaviour that proves it."""

import pytest

from filings import rules, services
from filings.models import FilingOrder, OrderType
from filings.services import materials
from tests.console.html import parse
from tests.filings import flows
from tests.filings.apps import apps

pytestmark = pytest.mark.django_db


def test_the_order_types_that_carry_materials_are_defined_once():
    assert materials.MATERIAL_ORDER_TYPES is rules.MATERIAL_ORDER_TYPES
    assert [t for t in OrderType.values if rules.carries_materials(t)] == [
        OrderType.FIRST_FILING,
        OrderType.ADD_WEBSITE,
        OrderType.ADD_APP,
    ]


@pytest.fixture
def filed(user, staff, instance):
    return flows.file_first(user, staff=staff, instance=instance)


@pytest.fixture
def add_app_draft(user, filed):
    from tests.factories import InstanceFactory

    other = InstanceFactory(owner=user)
    # No authenticity verification, and the app's own leader is missing: the pre-check finds both.
    data = {**apps.app_data(leader_is_subject_leader=False), "instance_id": other.instance_id}
    return services.filing_create_add_app(actor=user, app=data)


def test_the_admin_shows_the_precheck_of_an_add_app_draft(client, staff, add_app_draft):
    client.force_login(staff)
    page = client.get(f"/admin/filings/filingorder/{add_app_draft.pk}/change/")

    assert page.status_code == 200
    codes = {node.get("data-reason-code") for node in parse(page.content).find_all(data_reason_code=True)}
    assert {"VERIFICATION_MISSING", "WEBSITE_LEADER_MISSING"} <= codes


def test_the_app_wizard_says_the_subject_is_busy_while_it_has_an_open_order(console, add_app_draft):
    page = console.get("/console/filings/new/app/")

    html = parse(page.content)
    busy = html.find(data_reason="subject_busy")
    assert busy is not None
    assert f"/console/filings/{add_app_draft.pk}/" in busy.links()
    assert html.find("form", action="/console/filings/new/app/") is None
    # A POST is not taken either: no step of the wizard starts.
    assert console.post("/console/filings/new/app/").status_code == 200


def test_the_app_wizard_opens_for_a_filed_subject_with_no_open_order(console, filed):
    page = console.get("/console/filings/new/app/")

    html = parse(page.content)
    assert html.find(data_reason="subject_busy") is None
    assert html.find("form", action="/console/filings/new/app/") is not None


# --- a rejection without a reason: one behaviour in every face ---------------------------------------


@pytest.fixture
def submitted(user, instance):
    order = flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={"domain": "example.cn", "instance_id": instance.instance_id},
    )
    return flows.submit(actor=user, order_id=order.pk)


def test_the_service_refuses_a_rejection_without_a_reason(staff, submitted):
    from icpconsole.core.errors import InvalidInput

    with pytest.raises(InvalidInput) as refused:
        services.filing_review(actor=staff, order_id=submitted.pk, decision="reject")

    assert refused.value.code == "REJECTION_REASON_REQUIRED"
    assert FilingOrder.objects.get(pk=submitted.pk).status == "submitted"


def test_the_api_refuses_a_rejection_without_a_reason(staff_api, submitted):
    response = staff_api.post(
        f"/api/v1/filings/{submitted.pk}/review/", {"decision": "reject"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "REJECTION_REASON_REQUIRED"
    assert FilingOrder.objects.get(pk=submitted.pk).status == "submitted"


def test_the_admin_refuses_a_rejection_without_a_reason(client, staff, submitted):
    client.force_login(staff)
    page = client.post(
        "/admin/filings/filingorder/",
        {"action": "reject", "_selected_action": [submitted.pk]},
        follow=True,
    )

    assert page.status_code == 200
    messages = [str(m) for m in page.context["messages"]]
    assert any("Choose a rejection reason" in m for m in messages), messages
    assert FilingOrder.objects.get(pk=submitted.pk).status == "submitted"


def test_the_admin_rejects_with_the_reason_chosen_beside_the_action(client, staff, submitted):
    client.force_login(staff)
    client.post(
        "/admin/filings/filingorder/",
        {"action": "reject", "_selected_action": [submitted.pk], "reason_code": "MATERIALS_UNCLEAR"},
        follow=True,
    )

    order = FilingOrder.objects.get(pk=submitted.pk)
    assert order.status == "returned"  # SPEC 3.7: a rejection returns the order
    assert order.reason_code == "MATERIALS_UNCLEAR"


def test_the_console_review_form_refuses_it_with_the_same_text(client, staff, submitted):
    client.force_login(staff)
    page = client.post(f"/console/icp/review/{submitted.pk}/", {"decision": "reject"})

    assert page.status_code == 400
    assert "Choose a rejection reason from the catalogue or write one." in page.content.decode()
