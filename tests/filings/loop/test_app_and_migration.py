"""SPEC 3.12 for an app order (the PATCH key is ``app``) and the data migration
``filings 0011_filing_loop`` for orders made before the loop."""

import importlib

import pytest

from filings import services
from filings.models import FilingOrder, OrderEvent, Stage
from icpconsole.core import clock
from tests.filings.apps.apps import app_data, upload_needed

pytestmark = pytest.mark.django_db
migration = importlib.import_module("filings.migrations.0011_filing_loop")


class _Apps:
    def get_model(self, app_label, name):
        from django.apps import apps

        return apps.get_model(app_label, name)


@pytest.fixture
def returned_app(user, staff, instance):
    from tests.filings import flows

    flows.file_first(user, staff=staff, instance=instance)
    from tests.factories import InstanceFactory

    order = services.filing_create_add_app(
        actor=user, app={**app_data(), "instance_id": InstanceFactory(owner=user).instance_id}
    )
    upload_needed(order)
    services.filing_submit(actor=user, order_id=order.pk)
    services.filing_review(actor=staff, order_id=order.pk, decision="reject", reason="Blurry scan.")
    return FilingOrder.objects.get(pk=order.pk)


def test_an_app_order_is_corrected_under_the_app_key(api, returned_app):
    response = api.patch(
        f"/api/v1/filings/{returned_app.pk}/", {"app": {"content_category": "lifestyle"}}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert FilingOrder.objects.get(pk=returned_app.pk).content_category == "lifestyle"
    resubmitted = api.post(f"/api/v1/filings/{returned_app.pk}/submit/")
    assert (resubmitted.json()["status"], resubmitted.json()["round"]) == ("submitted", 2)


def test_the_app_key_cannot_rename_the_app_nor_patch_a_website_order(api, returned_app):
    renamed = api.patch(f"/api/v1/filings/{returned_app.pk}/", {"app": {"name": "别的应用"}}, format="json")
    assert (renamed.status_code, renamed.json()["code"]) == (400, "PATCH_FIELD_INVALID")
    both = api.patch(f"/api/v1/filings/{returned_app.pk}/", {"app": {}, "website": {}}, format="json")
    assert (both.status_code, both.json()["code"]) == (400, "PATCH_FIELD_INVALID")


def test_the_migration_keeps_old_rejected_orders_closed_with_their_round(user, staff, instance):
    from tests.filings import flows

    order = flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={"domain": "example.cn", "instance_id": instance.instance_id},
    )
    flows.submit(actor=user, order_id=order.pk)
    # An order rejected before SPEC 3.12, as the old code left it.
    now = clock.now()
    FilingOrder.objects.filter(pk=order.pk).update(
        status=Stage.REJECTED, round=0, rounds=[], reason="Blurry", returned_from=""
    )
    OrderEvent.objects.create(order=order, from_status="submitted", to_status="rejected", sim_time=now)

    migration.backfill_rounds(_Apps(), None)

    order = FilingOrder.objects.get(pk=order.pk)
    assert order.status == Stage.REJECTED and not order.is_open
    assert order.round == 1
    assert order.rounds[0]["decision"] == "rejected"
    assert order.rounds[0]["reason"] == "Blurry"
