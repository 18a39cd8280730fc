"""Reports under concurrent calls, on PostgreSQL: the account's row lock makes the second of two
identical reports see the first, so neither fails on the unique constraints."""

from __future__ import annotations

import pytest

from accessors import services
from accessors.models import IpCheck, ReportedDomain
from tests.factories import InstanceFactory, UserFactory
from tests.races import repeated

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _in_parallel(call, n=4):
    return repeated(lambda _n: call(), n)


@pytest.mark.parametrize("round_", range(3))
def test_the_same_domain_reported_at_once_is_one_report(round_):
    user = UserFactory()
    results = _in_parallel(
        lambda: services.accessor_domain_manage(actor=user, domain="race.example.cn", operation="add")
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert ReportedDomain.objects.filter(account=user, removed_time__isnull=True).count() == 1


def test_the_same_check_inserted_at_once_is_inserted_once():
    user = UserFactory()
    instance = InstanceFactory(owner=user)
    results = _in_parallel(
        lambda: services.ip_check_insert(actor=user, ip=instance.public_ip_address, check_type=1)
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 3 and {e.code for e in errors} == {"IP_CHECK_EXISTS"}
    assert IpCheck.objects.count() == 1
