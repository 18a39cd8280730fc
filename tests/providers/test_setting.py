"""The ``provider`` setting (SPEC 3.14): stored, changed by staff, shown to staff, carried by
snapshots; account certification; the Alibaba RPC facade unchanged whatever the profile."""

import pytest

from icpconsole.core import provider
from simulator.models import SimulatorSettings
from tests.factories import InstanceFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_default_is_alibaba_and_staff_switch_it_through_the_settings(staff_api, settings):
    assert provider.current() == "alibaba"
    assert staff_api.get("/api/v1/simulator/info/").json()["provider"] == "alibaba"
    assert (
        staff_api.patch("/api/v1/simulator/settings/", {"provider": "tencent"}, format="json").status_code
        == 200
    )
    assert staff_api.get("/api/v1/simulator/info/").json()["provider"] == "tencent"
    assert provider.current() == "tencent"
    refused = staff_api.patch("/api/v1/simulator/settings/", {"provider": "aws"}, format="json")
    assert refused.status_code == 400 and provider.current() == "tencent"


def test_a_reset_starts_from_icp_provider(staff_api, settings):
    settings.ICP_PROVIDER = "huawei"
    assert staff_api.post("/api/v1/simulator/reset/", {"world": "empty"}, format="json").status_code == 200
    assert SimulatorSettings.objects.get().provider == "huawei"
    assert provider.current() == "huawei"


def test_a_snapshot_carries_the_profile(staff_api, use_provider):
    use_provider("tencent")
    snapshot = staff_api.get("/api/v1/simulator/snapshot/").json()
    assert snapshot["settings"]["provider"] == "tencent"
    use_provider("alibaba")
    assert staff_api.post("/api/v1/simulator/restore/", snapshot, format="json").status_code == 200
    assert provider.current() == "tencent"


def test_the_header_shows_the_profile_to_staff_only(client, staff, user, use_provider):
    use_provider("huawei")
    client.force_login(staff)
    assert 'data-provider="huawei"' in client.get("/console/").content.decode()
    client.force_login(user)
    assert "data-provider=" not in client.get("/console/").content.decode()


def test_certification_in_me_and_account_creation(staff_api, api_client_for):
    made = staff_api.post(
        "/api/v1/accounts/",
        {"username": "acme", "password": "A-long-pass-1234", "certification": "enterprise"},
        format="json",
    )
    assert made.status_code == 201
    acme = UserFactory._meta.model.objects.get(username="acme")
    assert api_client_for(acme).get("/api/v1/me/").json()["certification"] == "enterprise"
    plain = staff_api.post(
        "/api/v1/accounts/", {"username": "solo", "password": "A-long-pass-1234"}, format="json"
    )
    assert plain.status_code == 201
    assert UserFactory._meta.model.objects.get(username="solo").certification == "personal"
    bad = staff_api.post(
        "/api/v1/accounts/",
        {"username": "x1", "password": "A-long-pass-1234", "certification": "gov"},
        format="json",
    )
    assert bad.status_code == 400


def test_staff_set_certification_in_the_admin(admin_client, user):
    page = admin_client.get(f"/admin/accounts/user/{user.pk}/change/").content.decode()
    assert 'name="certification"' in page


def test_the_rpc_facade_keeps_alibabas_regions_and_rules(client, user, use_provider):
    from tests.openapi.conftest import make_key
    from tests.openapi.signed import Rpc

    use_provider("tencent")
    rpc = Rpc(client, *make_key(user))
    regions = rpc.ecs("DescribeRegions").json()["Regions"]["Region"]
    ids = {r["RegionId"] for r in regions}
    assert "cn-hangzhou" in ids and "ap-guangzhou" not in ids
    instance = InstanceFactory(owner=user)  # an Alibaba ECS of a personal account
    bound = rpc.bsn("ProductBindBsn", resourceType=1, resourceId=instance.instance_id, aliuid=user.uid, num=1)
    assert bound.status_code == 200, bound.content


def test_alibabas_console_words_are_unchanged(console):
    page = console.get("/console/icp/application/").content.decode()
    assert '<p class="nav-group" data-terms="alibaba">Service codes</p>' in page
    assert "months for ECS" in page
