"""Reports under concurrent calls, on PostgreSQL: the account's row lock makes the second of two
identical reports see the first, so neither fails on the unique constraints."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from accessors import services
from accessors.models import IpCheck, ReportedDomain
from tests.factories import InstanceFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _in_parallel(call, n=4):
    barrier = threading.Barrier(n)
    results = [None] * n

    def run(i):
        try:
            barrier.wait(10)
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 - an exception is the failure we look for
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


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
