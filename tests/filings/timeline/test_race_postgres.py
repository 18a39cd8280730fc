"""The sweeps under concurrency, on PostgreSQL (real row locks, parallel connections): two clock
moves, or two settlements, at once settle each website once: one audit record, one notice."""

import datetime as dt

import pytest

from filings.models import FilingAction, MessageKind, PhoneMessage, Website
from filings.services import timeline
from icpconsole.core import clock
from icpconsole.core.models import AuditEvent
from instances.models import Instance
from tests.factories import InstanceFactory, StaffFactory, UserFactory
from tests.filings import flows
from tests.races import in_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _filed_websites(staff, count=3):
    websites = []
    for n in range(count):
        owner = UserFactory()
        instance = InstanceFactory(owner=owner)
        filed = flows.file_first(owner, staff=staff, instance=instance, domain=f"race{n}.cn")
        # Expired long enough to be at risk and past its cancellation; public security overdue.
        Instance.objects.filter(pk=instance.pk).update(expired_time=clock.now() - dt.timedelta(days=20))
        websites.append(filed["website"])
    return websites


def _assert_settled_once(websites):
    for website in websites:
        account = website.subject.account
        for kind in (MessageKind.ACCESS_AT_RISK, MessageKind.SECURITY_OVERDUE, MessageKind.ACCESS_CANCELLED):
            assert PhoneMessage.objects.filter(account=account, kind=kind).count() == 1, kind
        for action in (
            FilingAction.ACCESS_AT_RISK,
            FilingAction.PUBLIC_SECURITY_OVERDUE,
            FilingAction.WEBSITE_ACCESS_CANCELLED,
        ):
            assert AuditEvent.objects.filter(action=action, target_id=str(website.pk)).count() == 1, action
        assert Website.objects.get(pk=website.pk).status == "access_cancelled"


@pytest.mark.parametrize("round_", range(2))
def test_two_clock_moves_at_once_settle_each_website_once(round_):
    staff = StaffFactory()
    websites = _filed_websites(staff)

    results = in_parallel(
        lambda: clock.clock_advance(actor=staff, days=40),
        lambda: clock.clock_advance(actor=staff, days=40),
    )

    assert not [r for r in results if isinstance(r, Exception)], results
    _assert_settled_once(websites)


def test_two_settlements_at_once_settle_each_website_once():
    staff = StaffFactory()
    websites = _filed_websites(staff)
    clock.clock_advance(actor=staff, days=1)  # at risk now; overdue and cancellation not yet
    later = clock.now() + dt.timedelta(days=40)

    results = in_parallel(
        lambda: timeline.settle(now=later, actor=staff),
        lambda: timeline.settle(now=later, actor=staff),
    )

    assert not [r for r in results if isinstance(r, Exception)], results
    _assert_settled_once(websites)
