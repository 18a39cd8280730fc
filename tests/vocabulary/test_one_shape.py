"""``action_refusal`` answers in one shape wherever it is asked (the rule, the model, the service):
the catalogue entry, which the services raise and the console shows with the same text."""

import pytest

from icpconsole.core import clock
from icpconsole.core.errors import Conflict
from icpconsole.core.reasons import Reason
from instances import refusals, rules, services
from tests.factories import InstanceFactory

pytestmark = pytest.mark.django_db


def test_the_rule_the_model_and_the_service_answer_with_the_same_entry(user):
    instance = InstanceFactory(owner=user, status="Released")
    now = clock.now()

    from_rule = rules.action_refusal(
        "renew", status=instance.status, charge_type=instance.charge_type, expired=False
    )
    assert from_rule is refusals.INSTANCE_RELEASED
    assert isinstance(from_rule, Reason)
    assert instance.action_refusal("renew", now) is from_rule
    assert services.action_refusal(instance, "renew", now) is from_rule
    assert instance.is_released


def test_the_service_raises_the_entry_with_the_text_the_console_shows(user, console):
    instance = InstanceFactory(owner=user, status="Released")
    text = refusals.INSTANCE_RELEASED.text(**services.refusal_params(instance))

    with pytest.raises(Conflict) as refused:
        services.instance_renew(actor=user, instance_id=instance.instance_id, period_months=1)

    assert refused.value.code == "INSTANCE_RELEASED"
    assert refused.value.message == text
