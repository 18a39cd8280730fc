"""Two approvals drawing the same fresh ICP number at once, on PostgreSQL: both check it free,
one writes it first, the other's insert waits on the unique index and is refused when the first
commits; it then draws another number, and both filings are approved."""

import threading

import pytest

from filings import services
from filings.models import FilingOrder, Subject
from filings.services import effects, registry
from tests.factories import InstanceFactory, StaffFactory, UserFactory
from tests.races import repeated

from . import flows

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SAME = "浙ICP备20265555号"


def test_two_approvals_drawing_the_same_number_both_end_filed_with_different_numbers(monkeypatch):
    staff = StaffFactory()
    orders = []
    for n in range(2):
        owner = UserFactory()
        order = flows.create_first(
            actor=owner,
            subject=flows.subject_data(),
            website={
                "domain": f"race{n}-example.cn",
                "instance_id": InstanceFactory(owner=owner).instance_id,
            },
        )
        orders.append(flows.to_bureau_review(order, staff=staff))

    real = registry.issue_subject_number
    both_checked = threading.Barrier(2)
    drawn = threading.local()

    def issue(**kwargs):
        if getattr(drawn, "once", False):
            return real(**kwargs)
        drawn.once = True
        assert not registry.subject_number_taken(SAME)  # the real check: neither has written it yet
        both_checked.wait(10)
        return SAME

    monkeypatch.setattr(effects, "issue_subject_number", issue)
    results = repeated(
        lambda n: services.filing_review(actor=staff, order_id=orders[n].pk, decision="approve"), 2
    )

    assert all(isinstance(result, FilingOrder) for result in results), results
    numbers = sorted(Subject.objects.values_list("icp_number", flat=True))
    assert SAME in numbers and len(set(numbers)) == 2
    assert FilingOrder.objects.filter(status="approved").count() == 2
