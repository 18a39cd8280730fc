"""Snapshots, restore, reset and world files (SPEC 4.6), through the staff API and the services."""

from __future__ import annotations

import copy
import json

import pytest
import yaml

from filings.models import RegistryRecord, Subject, Website
from icpconsole.accounts.models import User
from icpconsole.core import clock
from instances.models import Instance
from openapi.services import access_key_create
from servicecodes.models import ServiceCode
from servicecodes.services import service_code_apply
from simulator import world
from simulator.demo import filings as filings_demo
from tests.factories import InstanceFactory

pytestmark = pytest.mark.django_db

FILED_WORLD = """
format: icp-simulator-world
version: 1
accounts:
  - {username: acme, password: "Acme-Passw0rd!", display_name: ACME Ltd., uid: "1000000000000001"}
instances:
  - {instance_id: i-bp1acme00000000000001, owner: acme, product: ecs, region: cn-hangzhou,
     charge_type: PrePaid, period_months: 12, internet_max_bandwidth_out: 5}
subjects:
  - account: acme
    kind: enterprise
    name: ACME Ltd.
    certificate_number: 91330106MA2ACME01X
    province: zhejiang
    icp_number: 浙ICP备20260001号
    icp_password: Filing-Pass-1
    websites:
      - {domain: www.acme.cn, instance: i-bp1acme00000000000001}
      - {domain: acme-shop.cn, instance: i-bp1acme00000000000001}
"""


def _world(api_client):
    return api_client.get("/api/v1/simulator/snapshot/").json()


@pytest.fixture
def rich_world(user, other_user, staff):
    """A world with every table in use: instances, codes, filings, inbox, an AccessKey, audit."""
    filings_demo.seed(user, staff=staff, other=other_user)
    instance = InstanceFactory(owner=user)
    service_code_apply(actor=user, instance_id=instance.instance_id)
    access_key_create(actor=user)
    return user


def test_snapshot_restore_snapshot_gives_the_same_document(staff_api, rich_world, advance_clock):
    advance_clock(3)
    first = _world(staff_api)
    # Change the world: a new instance, the clock, a fault rule.
    InstanceFactory(owner=rich_world)
    advance_clock(1)
    staff_api.post("/api/v1/simulator/faults/", {"target": "DescribeRegions", "error": "InternalError"})
    assert _world(staff_api) != first

    restored = staff_api.post("/api/v1/simulator/restore/", first, format="json")

    assert restored.status_code == 200, restored.json()
    assert _world(staff_api) == first
    assert clock.offset_seconds() == 3 * 86400
    assert restored.json()["counts"]["instances"] == len(first["instances"])
    assert {t.key for t in world.TABLES} <= set(first)
    assert first["format"] == "icp-simulator-world" and first["version"] == 1


def test_access_key_secrets_are_exported_encrypted_and_still_sign_after_restore(staff_api, user):
    key, secret = access_key_create(actor=user)
    document = _world(staff_api)
    text = json.dumps(document)
    assert secret not in text
    assert staff_api.post("/api/v1/simulator/restore/", document, format="json").status_code == 200

    from openapi.crypto import decrypt_secret
    from openapi.models import AccessKey

    assert decrypt_secret(AccessKey.objects.get(access_key_id=key.access_key_id).secret_encrypted) == secret


def test_secrets_from_another_secret_key_are_refused(staff_api, user, settings):
    access_key_create(actor=user)
    document = _world(staff_api)
    settings.SECRET_KEY = "another-key-" + "x" * 40
    response = staff_api.post("/api/v1/simulator/restore/", document, format="json")
    assert response.status_code == 400
    assert "SECRET_KEY" in response.json()["message"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(version=2), "version"),
        (lambda d: d.update(format="moto"), "format"),
        (lambda d: d["instances"][0].update(name="edited"), "checksum"),
        (lambda d: d.pop("instances"), "checksum"),
    ],
    ids=["other-version", "foreign-format", "edited", "truncated"],
)
def test_a_bad_document_changes_nothing_and_says_why(staff_api, rich_world, change, expected):
    before = _world(staff_api)
    document = copy.deepcopy(before)
    change(document)

    response = staff_api.post("/api/v1/simulator/restore/", document, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "INVALID_WORLD"
    assert expected in response.json()["message"]
    assert _world(staff_api) == before


def test_truncated_json_text_is_a_400(staff_api, rich_world):
    text = json.dumps(_world(staff_api))[:500]
    response = staff_api.generic("POST", "/api/v1/simulator/restore/", text, content_type="application/json")
    assert response.status_code == 400
    assert Instance.objects.exists()


def test_reset_to_empty_keeps_staff_and_sets_the_clock_back(staff_api, staff, rich_world, advance_clock):
    advance_clock(10)
    response = staff_api.post("/api/v1/simulator/reset/", {"world": "empty"}, format="json")

    assert response.status_code == 200
    assert list(User.objects.values_list("username", flat=True)) == [staff.username]
    assert not Instance.objects.exists() and not Subject.objects.exists()
    assert clock.offset_seconds() == 0
    # The caller's token still works.
    assert staff_api.get("/api/v1/simulator/info/").json()["counts"]["accounts"] == 1


def test_reset_to_the_demo_gives_the_demo_log_ins_and_filings(staff_api, settings):
    response = staff_api.post("/api/v1/simulator/reset/", {"world": "demo"}, format="json")

    assert response.status_code == 200
    # The demo world keeps the production hashes of the documented demo passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    demo = User.objects.get(username="demo")
    assert demo.check_password("demo-Passw0rd!")
    assert Subject.objects.get(account=demo).status == "active"
    assert Instance.objects.filter(owner=demo).count() >= 16
    # The demo's dates follow the day it is loaded: the one-month instance has not expired.
    one_month = Instance.objects.get(owner=demo, name="one-month-left")
    assert one_month.status_at(clock.now()) == "Running"
    assert Instance.objects.get(owner=demo, name="expired-qingdao").status_at(clock.now()) == "Expired"


def test_the_demo_world_file_matches_what_the_builder_makes(staff):
    """``simulator/worlds/demo.json`` is a snapshot of ``seed_demo --builder``: same rows."""
    from django.core.management import call_command

    call_command("seed_demo", "--builder", stdout=open("/dev/null", "w"))  # noqa: SIM115
    built = world.counts()
    world.reset(world="demo")
    loaded = world.counts()
    assert loaded == built


def test_reset_refuses_an_unknown_world(staff_api):
    response = staff_api.post("/api/v1/simulator/reset/", {"world": "mars"}, format="json")
    assert response.status_code == 400


def test_a_world_file_can_start_from_already_filed(staff_api, client):
    response = staff_api.generic(
        "POST", "/api/v1/simulator/restore/", FILED_WORLD.encode(), content_type="application/yaml"
    )

    assert response.status_code == 200, response.json()
    subject = Subject.objects.get(account__username="acme")
    websites = list(Website.objects.filter(subject=subject).order_by("seq"))
    assert [w.icp_number for w in websites] == ["浙ICP备20260001号-1", "浙ICP备20260001号-2"]
    assert subject.website_seq == 2
    assert all(w.service_code.status == "used" for w in websites)
    assert RegistryRecord.objects.filter(subject=subject, status="valid").count() == 2
    assert client.login(username="acme", password="Acme-Passw0rd!")
    # The public registry query finds it, and the instance's codes count against its quota.
    public = client.get("/api/v1/icp-records/?domain=www.acme.cn").json()
    assert public["results"][0]["icp_number"] == "浙ICP备20260001号-1"
    assert ServiceCode.objects.filter(instance__instance_id="i-bp1acme00000000000001").count() == 2
    from filings.services.passwords import filing_password_matches

    assert filing_password_matches("Filing-Pass-1", subject.password_hash)


def _world_with(**change):
    document = yaml.safe_load(FILED_WORLD)
    for path, value in change.items():
        target = document
        *parents, last = path.split("__")
        for name in parents:
            target = target[int(name)] if name.isdigit() else target[name]
        target[last] = value
    return document


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            _world_with(
                service_codes=[{"instance": "i-bp1acme00000000000001", "status": "unused"} for _ in range(4)]
            ),
            "has 6 service codes; ecs allows 5",
        ),
        (
            _world_with(
                websites=[
                    {
                        "subject": 99,
                        "domain": "orphan.example.cn",
                        "icp_number": "浙ICP备20260001号-9",
                        "seq": 9,
                    }
                ]
            ),
            "websites[0].subject: no subjects with id 99",
        ),
        (_world_with(subjects__0__icp_number="ICP-2026-1"), "is not a subject ICP number"),
        (_world_with(subjects__0__icp_number="京ICP备20260001号"), "abbreviation of zhejiang"),
        (_world_with(instances__0__product="mainframe"), "no product"),
        (_world_with(accounts__0__uid="12"), "accounts[0].uid"),
    ],
    ids=[
        "six-codes",
        "website-without-subject",
        "bad-icp-number",
        "wrong-province",
        "unknown-product",
        "bad-uid",
    ],
)
def test_a_world_file_that_contradicts_the_rules_is_refused(staff_api, rich_world, document, expected):
    before = _world(staff_api)

    response = staff_api.post("/api/v1/simulator/restore/", document, format="json")

    assert response.status_code == 400, response.json()
    body = response.json()
    assert body["code"] == "INVALID_WORLD"
    assert any(expected in error for error in body["errors"]), body["errors"]
    assert _world(staff_api) == before


def test_manage_py_simulator_load_snapshot_and_reset(tmp_path, staff):
    from django.core.management import call_command

    path = tmp_path / "filed.yaml"
    path.write_text(FILED_WORLD, encoding="utf-8")
    call_command("simulator", "load", str(path), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Website.objects.count() == 2

    out = tmp_path / "snap.json"
    call_command("simulator", "snapshot", "-o", str(out))
    assert json.loads(out.read_text())["websites"][0]["domain"] == "acme.cn"  # filed under its main domain

    call_command("simulator", "reset", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Website.objects.exists()
    call_command("simulator", "restore", str(out), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Website.objects.count() == 2


def test_simulator_world_setting_is_loaded_by_migrate_into_an_empty_world(tmp_path, settings):
    from django.apps import apps

    from simulator.signals import load_world_at_start

    path = tmp_path / "filed.yaml"
    path.write_text(FILED_WORLD, encoding="utf-8")
    settings.SIMULATOR_WORLD = str(path)
    load_world_at_start(sender=None, app_config=apps.get_app_config("simulator"))
    assert Website.objects.count() == 2
    # A world that is not empty is left alone.
    Website.objects.update(name="kept")
    load_world_at_start(sender=None, app_config=apps.get_app_config("simulator"))
    assert set(Website.objects.values_list("name", flat=True)) == {"kept"}


def test_settings_are_read_and_changed_all_or_nothing(staff_api):
    response = staff_api.patch("/api/v1/simulator/settings/", {"review_mode": "auto"}, format="json")
    assert response.status_code == 200
    assert response.json()["review_mode"] == "auto"

    bad = staff_api.patch(
        "/api/v1/simulator/settings/",
        {"access_at_risk_days": 20, "faults": [{"target": "NoSuchAction", "error": "InternalError"}]},
        format="json",
    )
    assert bad.status_code == 400
    assert bad.json()["code"] == "INVALID_FAULT_RULE"
    assert staff_api.get("/api/v1/simulator/settings/").json()["access_at_risk_days"] == 15

    assert staff_api.patch("/api/v1/simulator/settings/", {"review_mode": "sometimes"}).status_code == 400


def test_info_names_version_backends_and_counts(staff_api, rich_world):
    info = staff_api.get("/api/v1/simulator/info/").json()
    assert info["version"]
    assert info["database"]["vendor"] in ("sqlite", "postgresql")
    assert "cache" in info["cache"]["backend"].lower() or info["cache"]["backend"]
    assert info["counts"]["instances"] == Instance.objects.count()


def test_non_staff_get_403_on_every_control(api):
    for method, path in [
        ("post", "/api/v1/simulator/reset/"),
        ("get", "/api/v1/simulator/snapshot/"),
        ("post", "/api/v1/simulator/restore/"),
        ("get", "/api/v1/simulator/settings/"),
        ("patch", "/api/v1/simulator/settings/"),
        ("get", "/api/v1/simulator/faults/"),
        ("post", "/api/v1/simulator/faults/"),
        ("delete", "/api/v1/simulator/faults/"),
        ("get", "/api/v1/simulator/faults/log/"),
        ("get", "/api/v1/simulator/info/"),
    ]:
        response = getattr(api, method)(path, {}, format="json")
        assert response.status_code == 403, (method, path)


@pytest.mark.parametrize("page", ["docs/sandbox.md", "docs/testing.md"])
def test_the_world_files_in_the_docs_load(staff_api, page):
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / page).read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    assert blocks
    for block in blocks:
        response = staff_api.generic(
            "POST", "/api/v1/simulator/restore/", block.encode(), content_type="application/yaml"
        )
        assert response.status_code == 200, response.json()
        assert Website.objects.filter(status="active").exists()


def test_a_restore_never_changes_a_staff_members_log_in(api_client_for, staff):
    """Issue 27: a document naming a staff account of this database is refused, whoever asks."""
    staff.username = "admin"
    staff.set_password("my-own-Secret-1")
    staff.save()  # a new password ends the login's old token: log in afresh
    document = {"format": "icp-simulator-world", "version": 1}
    document["accounts"] = [{"username": "admin", "password": "known-Passw0rd!"}]
    response = api_client_for(staff).post("/api/v1/simulator/restore/", document, format="json")
    assert response.status_code == 400
    assert any(e.startswith("accounts[0].username:") for e in response.json()["errors"])
    staff.refresh_from_db()
    assert staff.check_password("my-own-Secret-1")


@pytest.mark.parametrize("flag", ["is_staff", "is_superuser"])
def test_a_restore_never_creates_a_staff_account(staff_api, flag):
    """Issue 27: not even a superuser's restore brings staff in (staff are made with manage.py)."""
    document = {"format": "icp-simulator-world", "version": 1}
    document["accounts"] = [{"username": "mole", "password": "known-Passw0rd!", flag: True}]
    response = staff_api.post("/api/v1/simulator/restore/", document, format="json")
    assert response.status_code == 400
    assert any(e.startswith(f"accounts[0].{flag}:") for e in response.json()["errors"])
    assert not User.objects.filter(username="mole").exists()


def test_a_reset_to_the_demo_brings_no_staff_account(staff_api):
    assert staff_api.post("/api/v1/simulator/reset/", {"world": "demo"}, format="json").status_code == 200
    assert list(User.objects.filter(is_staff=True).values_list("username", flat=True)) == ["root"]
    assert not User.objects.filter(username="admin").exists()
