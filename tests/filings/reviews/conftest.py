import datetime as dt

import pytest
import time_machine

from tests.factories import InstanceFactory, UserFactory
from tests.filings import flows

# A Monday in March 2026, 10:00 in Beijing: a working day with no holiday near it.
MONDAY = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def auto_mode(db):
    from simulator.services import simulator_settings_update

    simulator_settings_update(actor=None, changes={"review_mode": "auto"})


def submitted_first_filing(user=None, *, domain: str = "example.cn"):
    """A complete first filing, submitted (in the provider's initial review)."""
    user = user or UserFactory()
    instance = InstanceFactory(owner=user)
    order = flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={"domain": domain, "instance_id": instance.instance_id},
    )
    return flows.submit(actor=user, order_id=order.pk)
