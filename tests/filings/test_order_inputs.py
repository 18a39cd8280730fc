"""Typed order inputs (issue 22): one frozen input per order type, one table row (input,
pre-check facts, creation) per type, and a complete order made in one service call."""

import dataclasses

import pytest

from filings import services
from filings.models import FilingAction, FilingOrder, OrderType
from filings.services.creation import KINDS
from icpconsole.core.errors import DomainError
from icpconsole.core.models import AuditEvent

from . import flows
from .materials import WEBSITE_LEADER, website_materials


def test_every_order_type_has_one_input_and_one_row():
    assert set(KINDS) == set(OrderType.values)
    for order_type, kind in KINDS.items():
        assert kind.input.type == order_type
        assert dataclasses.is_dataclass(kind.input)


def test_a_body_is_read_into_its_types_frozen_input():
    order = services.order_input(
        {"type": "claim", "certificate_number": "91330100MA2KXXXX1X", "not_a_claim_field": 1}
    )

    assert order == services.inputs.Claim(certificate_number="91330100MA2KXXXX1X")
    assert (order.domain, order.icp_number) == ("", "")
    with pytest.raises(dataclasses.FrozenInstanceError):
        order.domain = "example.cn"


@pytest.mark.parametrize("order_type", ["renewal", ["claim"], {"type": "claim"}, None])
def test_a_type_that_names_no_order_is_refused(order_type):
    with pytest.raises(DomainError) as refused:
        services.order_input({"type": order_type})

    assert refused.value.code == "ORDER_TYPE_INVALID"


def test_a_missing_required_field_is_refused_by_name():
    with pytest.raises(DomainError) as refused:
        services.order_input({"type": "transfer_in", "icp_number": "浙ICP备12345678号", "website": {}})

    assert refused.value.code == "ORDER_FIELD_REQUIRED"
    assert refused.value.status_code == 400
    assert "icp_password" in refused.value.message


@pytest.mark.django_db
class TestAddingToTheFiledSubject:
    """The wizard asks for the filed subject's leader when none is on file: the order files with it,
    created in one call (before, a second call patched it in, and the API ignored it)."""

    def add(self, user, instance, subject):
        flows.register_for(user, "second.cn")
        website = {"domain": "second.cn", "instance_id": instance.instance_id, **website_materials()}
        return services.filing_create_add_website(actor=user, website=website, subject=subject)

    def test_the_subject_leader_given_is_the_orders_in_one_call(self, user, filed, second_instance):
        updates = AuditEvent.objects.filter(action=FilingAction.UPDATE).count()

        order = self.add(user, second_instance, {"leader": WEBSITE_LEADER})

        assert order.subject_leader == WEBSITE_LEADER
        assert AuditEvent.objects.filter(action=FilingAction.UPDATE).count() == updates

    def test_a_malformed_subject_leader_is_refused_and_nothing_is_created(self, user, filed, second_instance):
        before = FilingOrder.objects.count()

        with pytest.raises(DomainError) as refused:
            self.add(user, second_instance, {"leader": {"nickname": "张三"}})

        assert refused.value.code == "LEADER_INVALID"
        assert FilingOrder.objects.count() == before

    def test_through_the_api_a_leader_alone_names_the_filed_subjects(self, api, user, filed, second_instance):
        flows.register_for(user, "second.cn")
        website = {"domain": "second.cn", "instance_id": second_instance.instance_id, **website_materials()}

        response = api.post(
            "/api/v1/filings/",
            {"type": "add_website", "website": website, "subject": {"leader": WEBSITE_LEADER}},
            format="json",
        )

        assert response.status_code == 201, response.json()
        assert FilingOrder.objects.get(pk=response.json()["id"]).subject_leader == WEBSITE_LEADER
