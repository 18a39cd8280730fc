"""The ``icp_simulator`` fixture (SPEC 4.6), used as a user uses it: in this suite (over
pytest-django's live server), and in a user's own project in a temporary folder, run by a separate
pytest that finds the fixture through the installed package's ``pytest11`` entry point."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from alibabacloud_bsn20150512 import models
from alibabacloud_bsn20150512.client import Client
from alibabacloud_tea_openapi.exceptions import AlibabaCloudException

from .test_world import FILED_WORLD

INSTANCE = "i-bp1acme00000000000001"
ACME_UID = 1000000000000001  # stated in FILED_WORLD: BSN's reads require the owner's aliuid


def test_the_fixture_in_this_suite_starts_filed_injects_throttling_and_resets(icp_simulator, tmp_path):
    world = tmp_path / "filed.yaml"
    world.write_text(FILED_WORLD, encoding="utf-8")
    icp_simulator.load(world)
    client = Client(icp_simulator.sdk_config(icp_simulator.access_key("acme")))
    icp_simulator.fault("GetBsnByResource", error="Throttling.User", times=1)
    request = models.GetBsnByResourceRequest(resource_type=1, resource_id=INSTANCE, aliuid=ACME_UID)

    with pytest.raises(AlibabaCloudException) as throttled:
        client.get_bsn_by_resource(request)
    codes = client.get_bsn_by_resource(request)

    assert throttled.value.code == "Throttling.User"
    assert sorted(c["beianNum"] for c in codes.body.datas.bsn_do) == [
        "浙ICP备20260001号-1",
        "浙ICP备20260001号-2",
    ]
    assert [f["error"] for f in icp_simulator.injected_faults()] == ["Throttling.User"]
    icp_simulator.reset()
    assert icp_simulator.request("GET", "/api/v1/simulator/info/")["counts"]["instances"] == 0


def test_the_fixture_creates_accounts_keys_and_moves_the_clock(icp_simulator):
    account = icp_simulator.create_account("newcomer")
    token = icp_simulator.token(account)
    before = icp_simulator.request("GET", "/api/v1/clock/", token=token)["offset_seconds"]
    icp_simulator.advance_clock(days=2)
    after = icp_simulator.request("GET", "/api/v1/clock/", token=token)["offset_seconds"]
    ak, secret = icp_simulator.access_key(account)
    assert (before, after) == (0, 2 * 86400)
    assert ak.startswith("LTAI") and len(secret) == 30
    assert icp_simulator.request("GET", "/api/v1/me/", token=token)["uid"] == account.uid


USER_TEST = """
import pytest
from alibabacloud_bsn20150512 import models
from alibabacloud_bsn20150512.client import Client
from alibabacloud_tea_openapi.exceptions import AlibabaCloudException


def test_filed_world_and_throttling(icp_simulator):
    client = Client(icp_simulator.sdk_config(icp_simulator.access_key("acme")))
    icp_simulator.fault("GetBsnByResource", error="Throttling.User", times=1)
    request = models.GetBsnByResourceRequest(resource_type=1, resource_id="{instance}", aliuid={uid})
    with pytest.raises(AlibabaCloudException) as throttled:
        client.get_bsn_by_resource(request)
    assert throttled.value.code == "Throttling.User"
    assert len(client.get_bsn_by_resource(request).body.datas.bsn_do) == 2


def test_each_test_starts_from_the_world_again(icp_simulator):
    icp_simulator.reset()  # empty...
    assert icp_simulator.request("GET", "/api/v1/simulator/info/")["counts"]["accounts"] == 1


def test_and_the_next_one_too(icp_simulator):
    assert icp_simulator.request("GET", "/api/v1/simulator/info/")["counts"]["websites"] == 2
    assert icp_simulator.injected_faults() == []
"""


def test_a_users_project_gets_the_fixture_from_the_installed_package(tmp_path):
    (tmp_path / "worlds").mkdir()
    (tmp_path / "worlds" / "filed.yaml").write_text(FILED_WORLD, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text(
        "[pytest]\nicp_simulator_world = worlds/filed.yaml\n", encoding="utf-8"
    )
    (tmp_path / "test_my_automation.py").write_text(
        textwrap.dedent(USER_TEST).replace("{instance}", INSTANCE).replace("{uid}", str(ACME_UID)),
        encoding="utf-8",
    )
    # A user's environment: no Django settings of this project, no pytest-django configuration.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_", "DATABASE_URL"))}

    run = subprocess.run(  # noqa: S603 - pytest, on a file this test wrote
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    assert "3 passed" in run.stdout
