"""Filing rules under concurrent requests, on PostgreSQL (real row locks, parallel connections):
the code lock, the one-open-order and the one-subject rules each let exactly one request win."""

import pytest

from filings.models import FilingOrder, Subject
from servicecodes.models import ServiceCode
from tests.factories import InstanceFactory, ServiceCodeFactory, UserFactory
from tests.races import api_client as _client
from tests.races import in_parallel as _in_parallel
from tests.races import outcomes as _outcomes

from . import flows
from .factories import SubjectFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("round_", range(3))
def test_two_accounts_racing_for_one_unused_code_exactly_one_gets_it(round_):
    code = ServiceCodeFactory(instance=InstanceFactory(owner=UserFactory()))
    bob, carol = _client(UserFactory()), _client(UserFactory())

    responses = _in_parallel(
        lambda: flows.api_first_filing(bob, code=code.code, domain="bob.cn"),
        lambda: flows.api_first_filing(carol, code=code.code, domain="carol.cn"),
    )

    assert _outcomes(responses) == [(201, None), (409, "SERVICE_CODE_FILING")]
    assert FilingOrder.objects.count() == 1
    assert Subject.objects.count() == 1
    code.refresh_from_db()
    assert code.status == "filing"


def test_two_add_website_orders_of_one_subject_exactly_one_opens():
    owner = UserFactory()
    SubjectFactory(account=owner)
    client_a, client_b = _client(owner), _client(owner)
    first, second = InstanceFactory(owner=owner), InstanceFactory(owner=owner)

    responses = _in_parallel(
        lambda: flows.api_add_website(client_a, domain="a.cn", instance=first),
        lambda: flows.api_add_website(client_b, domain="b.cn", instance=second),
    )

    assert _outcomes(responses) == [(201, None), (409, "ORDER_ALREADY_OPEN")]
    assert FilingOrder.objects.count() == 1
    # The loser's wizard-issued code was rolled back with its order: no quota slot spent.
    assert ServiceCode.objects.count() == 1


def test_two_first_filings_of_one_account_exactly_one_subject():
    owner = UserFactory()
    client_a, client_b = _client(owner), _client(owner)
    first, second = InstanceFactory(owner=owner), InstanceFactory(owner=owner)

    responses = _in_parallel(
        lambda: flows.api_first_filing(client_a, domain="a.cn", instance=first),
        lambda: flows.api_first_filing(client_b, domain="b.cn", instance=second),
    )

    assert _outcomes(responses) == [(201, None), (409, "SUBJECT_EXISTS")]
    assert Subject.objects.filter(account=owner).count() == 1
    assert ServiceCode.objects.filter(status="filing").count() == 1
    assert ServiceCode.objects.count() == 1


def test_two_accounts_filing_one_domain_exactly_one_holds_it():
    bob, carol = UserFactory(), UserFactory()
    bob_instance, carol_instance = InstanceFactory(owner=bob), InstanceFactory(owner=carol)
    bob_client, carol_client = _client(bob), _client(carol)

    responses = _in_parallel(
        lambda: flows.api_first_filing(bob_client, domain="same.cn", instance=bob_instance),
        lambda: flows.api_first_filing(carol_client, domain="same.cn", instance=carol_instance),
    )

    assert _outcomes(responses) == [(201, None), (409, "FILING_CHECK_FAILED")]
    (refused,) = [r for r in responses if r.status_code == 409]
    assert [reason["code"] for reason in refused.json()["reasons"]] == ["DOMAIN_IN_OPEN_ORDER"]
    assert FilingOrder.objects.count() == 1
