"""BSN's documented error codes through the official Python SDK (SPEC 4.8, issue 25): each refusal of
``ProductBindBsn``, ``GetBsnByResource`` and ``GrantBsnCode`` answers with the numeric code Alibaba
Cloud documents (help documents 2833157, 143224, 143225), HTTP 400, and a refused bind issues
nothing."""

from __future__ import annotations

import pytest
from alibabacloud_bsn20150512 import models
from alibabacloud_tea_openapi.exceptions import AlibabaCloudException

from openapi import bsn_errors
from servicecodes.models import ServiceCode
from tests.factories import InstanceFactory, ServiceCodeFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def bsn(tea, alice_key):
    return tea("bsn", *alice_key)


def _bind(client, instance, **overrides):
    values = {
        "resource_type": 1,
        "resource_id": instance.instance_id,
        "aliuid": int(instance.owner.uid),
        "num": 1,
        **overrides,
    }
    return client.product_bind_bsn(models.ProductBindBsnRequest(**values))


def _refused(call) -> tuple[str, int]:
    with pytest.raises(AlibabaCloudException) as exc:
        call()
    return exc.value.code, exc.value.status_code


def test_num_outside_1_to_20_is_603_and_issues_nothing(bsn, instance):
    assert _refused(lambda: _bind(bsn, instance, num=21)) == ("603", 400)
    assert _refused(lambda: _bind(bsn, instance, num=0)) == ("603", 400)
    assert not ServiceCode.objects.exists()


def test_num_up_to_20_is_accepted_within_the_quota(bsn, user):
    # The quota is the product's (5 for ECS): 20 is a valid num, refused for the quota, not the range.
    instance = InstanceFactory(owner=user)
    assert _refused(lambda: _bind(bsn, instance, num=20)) == ("609", 400)
    assert len(_bind(bsn, instance, num=5).body.datas.bsn_do) == 5


def test_num_above_the_quota_left_is_609_and_issues_nothing(bsn, instance):
    _bind(bsn, instance, num=3)
    assert _refused(lambda: _bind(bsn, instance, num=3)) == ("609", 400)
    assert ServiceCode.objects.count() == 3


def test_required_parameters_are_602(bsn, instance):
    assert _refused(lambda: _bind(bsn, instance, aliuid=None)) == ("602", 400)
    assert _refused(lambda: _bind(bsn, instance, num=None)) == ("602", 400)
    read = models.GetBsnByResourceRequest(resource_type=1, resource_id=instance.instance_id)
    assert _refused(lambda: bsn.get_bsn_by_resource(read)) == ("602", 400)


def test_no_public_ip_is_403_and_a_stopped_instance_413(bsn, user):
    no_ip = InstanceFactory(owner=user, internet_max_bandwidth_out=0, public_ip_address=None)
    stopped = InstanceFactory(owner=user, status="Stopped")
    assert _refused(lambda: _bind(bsn, no_ip)) == ("403", 400)
    assert _refused(lambda: _bind(bsn, stopped)) == ("413", 400)
    assert not ServiceCode.objects.exists()


def test_undocumented_resource_types_are_411(bsn, instance):
    for resource_type in (0, 10, 11):
        assert _refused(lambda t=resource_type: _bind(bsn, instance, resource_type=t)) == ("411", 400)


def test_another_accounts_aliuid_is_604(bsn, instance, other_user):
    assert _refused(lambda: _bind(bsn, instance, aliuid=int(other_user.uid))) == ("604", 400)


def test_bound_codes_carry_op_source_2(bsn, instance):
    _bind(bsn, instance)
    read = models.GetBsnByResourceRequest(
        resource_type=1, resource_id=instance.instance_id, aliuid=int(instance.owner.uid)
    )
    (item,) = bsn.get_bsn_by_resource(read).body.to_map()["datas"]["bsnDO"]
    assert item["opSource"] == 2 and item["status"] == 1


def test_grant_refusals_are_documented_codes(bsn, user, other_user, instance):
    theirs = ServiceCodeFactory(instance=InstanceFactory(owner=other_user))

    def grant(sn, to):
        request = models.GrantBsnCodeRequest(sn=sn, ali_uid=int(user.uid), grant_to_aliuid=to)
        return lambda: bsn.grant_bsn_code(request)

    assert _refused(grant(theirs.code, int(other_user.uid))) == ("616", 400)
    assert _refused(grant("0000-0000", int(other_user.uid))) == ("406", 400)
    _bind(bsn, instance)
    mine = ServiceCode.objects.get(account=user).code
    assert _refused(grant(mine, 1234567890123456)) == ("401", 400)


def test_every_code_of_the_catalogue_is_numeric_with_text_in_both_languages():
    from django.utils import translation

    codes = [error.code for error in bsn_errors.CATALOGUE]
    assert len(codes) == len(set(codes)) and all(code.isdigit() for code in codes)
    with translation.override("zh-hans"):
        assert str(bsn_errors.NUM_OUT_OF_RANGE.text) == "备案服务码限制为每次1~20个"
