"""Issuing service codes: who may apply, how many, and single use (seeds 000-003, SPEC 3.5-3.6)."""

import re

import pytest

from icpconsole.core.errors import Conflict, NotEligible, NotFound
from icpconsole.core.models import AuditEvent
from instances import services as instance_services
from servicecodes.models import CodeStatus, ServiceCode
from servicecodes.services import (
    service_code_apply,
    service_code_consume,
    service_code_delete,
    service_code_lock,
    service_code_release,
    service_code_reserve,
)
from tests.factories import InstanceFactory, UserFactory
from tests.races import repeated

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@pytest.mark.django_db
def test_code_is_a_lowercase_uuid_bound_to_the_instance_and_unused(user, instance):
    code = service_code_apply(actor=user, instance_id=instance.instance_id)
    assert UUID.match(code.code)
    assert (code.instance, code.account, code.status) == (instance, user, CodeStatus.UNUSED)
    event = AuditEvent.objects.get(action="service_code.apply")
    assert event.target_id == code.code and event.details["instance_id"] == instance.instance_id


@pytest.mark.django_db
def test_sixth_code_is_refused_when_five_were_issued(user, instance):
    codes = {service_code_apply(actor=user, instance_id=instance.instance_id).code for _ in range(5)}
    assert len(codes) == 5
    with pytest.raises(NotEligible) as exc:
        service_code_apply(actor=user, instance_id=instance.instance_id)
    assert [r.code for r in exc.value.reasons] == ["QUOTA_EXHAUSTED"]
    assert ServiceCode.objects.count() == 5


@pytest.mark.django_db
def test_used_and_deleted_codes_keep_their_quota_slots(user, instance):
    """Seed 002: a deleted code cannot be re-applied for; the quota is never returned."""
    codes = [service_code_apply(actor=user, instance_id=instance.instance_id) for _ in range(5)]
    for code in codes[:2]:
        locked = service_code_lock(code.code)
        service_code_reserve(code=locked, actor=user)
        service_code_consume(code=locked, actor=user, icp_number="浙ICP备20260001号-1")
        service_code_delete(code=locked, actor=user)
    assert ServiceCode.objects.filter(status=CodeStatus.DELETED).count() == 2
    with pytest.raises(NotEligible):
        service_code_apply(actor=user, instance_id=instance.instance_id)


@pytest.mark.django_db
def test_renewal_does_not_add_quota_slots(user, instance):
    for _ in range(5):
        service_code_apply(actor=user, instance_id=instance.instance_id)
    instance_services.instance_renew(actor=user, instance_id=instance.instance_id, period_months=12)
    with pytest.raises(NotEligible):
        service_code_apply(actor=user, instance_id=instance.instance_id)


@pytest.mark.django_db
def test_nat_gateway_gets_two_codes(user):
    instance = InstanceFactory(owner=user, product_id="nat_gateway", months=3)
    service_code_apply(actor=user, instance_id=instance.instance_id)
    service_code_apply(actor=user, instance_id=instance.instance_id)
    with pytest.raises(NotEligible):
        service_code_apply(actor=user, instance_id=instance.instance_id)


@pytest.mark.django_db
def test_elastic_web_hosting_quota_is_per_account(user):
    first = InstanceFactory(owner=user, product_id="elastic_web_hosting")
    second = InstanceFactory(owner=user, product_id="elastic_web_hosting")
    for _ in range(3):
        service_code_apply(actor=user, instance_id=first.instance_id)
    for _ in range(2):
        service_code_apply(actor=user, instance_id=second.instance_id)
    with pytest.raises(NotEligible) as exc:
        service_code_apply(actor=user, instance_id=first.instance_id)
    assert exc.value.reasons[0].code == "QUOTA_EXHAUSTED"


@pytest.mark.django_db
def test_ram_user_is_not_the_purchaser(user, ram_user, instance):
    with pytest.raises(NotEligible) as exc:
        service_code_apply(actor=ram_user, instance_id=instance.instance_id)
    assert exc.value.reasons[0].code == "NOT_PURCHASER_ACCOUNT"
    assert not ServiceCode.objects.exists()


@pytest.mark.django_db
def test_another_accounts_instance_is_not_found(other_user, instance):
    with pytest.raises(NotFound):
        service_code_apply(actor=other_user, instance_id=instance.instance_id)


@pytest.mark.django_db
def test_released_instance_gets_no_code(user, instance):
    instance_services.instance_release(actor=user, instance_id=instance.instance_id)
    with pytest.raises(Conflict) as exc:
        service_code_apply(actor=user, instance_id=instance.instance_id)
    assert exc.value.code == "INSTANCE_RELEASED"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        (dict(region_id="cn-hongkong"), "REGION_NOT_MAINLAND"),
        (dict(charge_type="PostPaid"), "PAY_AS_YOU_GO"),
        (dict(months=1), "SUBSCRIPTION_TOO_SHORT"),
        (dict(status="Stopped"), "NOT_RUNNING"),
        (dict(internet_max_bandwidth_out=0, public_ip_address=None), "NO_PUBLIC_IP"),
        (dict(product_id="slb"), "PRODUCT_NOT_SUPPORTED"),
    ],
)
def test_apply_is_refused_with_the_same_reasons_the_page_shows(user, setup, reason):
    instance = InstanceFactory(owner=user, **setup)
    with pytest.raises(NotEligible) as exc:
        service_code_apply(actor=user, instance_id=instance.instance_id)
    assert reason in [r.code for r in exc.value.reasons]
    assert not ServiceCode.objects.exists()


@pytest.mark.django_db
def test_expired_instance_is_refused(user, instance, advance_clock):
    advance_clock(400)
    with pytest.raises(NotEligible) as exc:
        service_code_apply(actor=user, instance_id=instance.instance_id)
    assert [r.code for r in exc.value.reasons] == ["EXPIRED"]


@pytest.mark.django_db
def test_code_transitions_follow_the_table(user, instance):
    code = service_code_lock(service_code_apply(actor=user, instance_id=instance.instance_id).code)
    with pytest.raises(Conflict) as exc:
        service_code_consume(code=code, actor=user, icp_number="x")
    assert exc.value.code == "SERVICE_CODE_UNUSED"
    service_code_reserve(code=code, actor=user)
    service_code_release(code=code, actor=user)
    assert code.status == "unused"
    service_code_reserve(code=code, actor=user)
    service_code_consume(code=code, actor=user, icp_number="浙ICP备20261234号-1")
    assert (code.status, code.icp_number) == ("used", "浙ICP备20261234号-1")
    with pytest.raises(Conflict) as exc:
        service_code_reserve(code=code, actor=user)
    assert exc.value.code == "SERVICE_CODE_USED"
    service_code_delete(code=code, actor=user)
    for move in (service_code_reserve, service_code_release, service_code_delete):
        with pytest.raises(Conflict) as exc:
            move(code=code, actor=user)
        assert exc.value.code == "SERVICE_CODE_DELETED"


@pytest.mark.django_db
def test_database_refuses_a_duplicate_quota_slot(instance):
    """The backstop under the service's locked count."""
    from django.db import IntegrityError, transaction

    from tests.factories import ServiceCodeFactory

    first = ServiceCodeFactory(instance=instance)
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceCodeFactory(instance=instance, slot=first.slot)


def _race(instance_ids, actor, workers):
    def apply(n):
        service_code_apply(actor=actor, instance_id=instance_ids[n % len(instance_ids)])
        return "issued"

    return [_outcome(result) for result in repeated(apply, workers)]


def _outcome(result) -> str:
    if isinstance(result, NotEligible):
        return "refused"
    return result if isinstance(result, str) else f"error: {result!r}"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_applies_on_one_instance_issue_exactly_the_quota():
    owner = UserFactory(username="racer")
    instance = InstanceFactory(owner=owner)
    results = _race([instance.instance_id], owner, workers=12)
    assert sorted(results) == ["issued"] * 5 + ["refused"] * 7
    assert ServiceCode.objects.filter(instance=instance).count() == 5
    assert sorted(ServiceCode.objects.values_list("slot", flat=True)) == [1, 2, 3, 4, 5]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_applies_on_an_account_wide_quota_issue_exactly_the_quota():
    owner = UserFactory(username="racer2")
    instances = [InstanceFactory(owner=owner, product_id="elastic_web_hosting") for _ in range(3)]
    results = _race([i.instance_id for i in instances], owner, workers=12)
    assert results.count("issued") == 5 and results.count("refused") == 7
    assert ServiceCode.objects.filter(account=owner).count() == 5
