"""Deterministic runs (SPEC 4.6): with ``SIMULATOR_SEED`` the same calls give the same account uids,
instance ids, IPs, service codes, ICP numbers, SMS codes and filing passwords."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from icpconsole.core import generators

ROOT = Path(__file__).resolve().parents[2]

# The same calls, in a fresh process over a fresh database: accounts, instances (ids and IPs),
# service codes, a filing through every stage (ICP numbers, SMS codes, filing passwords).
SCENARIO = """
import json
from icpconsole.accounts.models import User
from icpconsole.accounts.services import account_create
from filings.models import PhoneMessage, Subject, Website
from instances.models import Instance
from servicecodes.models import ServiceCode
from simulator.demo import filings as demo

def make(name, **kw):
    return account_create(actor=None, username=name, password="Passw0rd-" + name, display_name=name,
                          validate=False, **kw)

staff = make("root", is_staff=True)
alice, bob = make("alice"), make("bob")
values = demo.seed(alice, staff=staff, other=bob)
print(json.dumps({
    "uids": list(User.objects.order_by("pk").values_list("uid", flat=True)),
    "instances": list(Instance.objects.order_by("pk").values_list("instance_id", "public_ip_address")),
    "codes": list(ServiceCode.objects.order_by("pk").values_list("code", flat=True)),
    "subjects": list(Subject.objects.order_by("pk").values_list("icp_number", flat=True)),
    "websites": list(Website.objects.order_by("pk").values_list("icp_number", flat=True)),
    "inbox": list(PhoneMessage.objects.order_by("pk").values_list("kind", "secret")),
    "printed": values,
}, ensure_ascii=False))
"""


def _fresh_server_run(tmp_path: Path, name: str, seed: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / name}.sqlite3",
        "SIMULATOR_SEED": seed,
        "DJANGO_SETTINGS_MODULE": "icpconsole.settings",
    }
    env.pop("SIMULATOR_WORLD", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], check=True, env=env, cwd=ROOT, timeout=300)  # noqa: S603
    out = subprocess.run(  # noqa: S603 - this checkout's manage.py
        [*manage, "shell", "-v0", "-c", SCENARIO],
        check=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_two_fresh_databases_with_the_same_seed_give_the_same_values(tmp_path):
    first = _fresh_server_run(tmp_path, "a", "seed-1")
    second = _fresh_server_run(tmp_path, "b", "seed-1")

    assert first == second
    assert first["subjects"][0] and first["inbox"]
    assert len(first["codes"]) >= 3 and len(first["instances"]) >= 2


@pytest.mark.django_db
def test_a_reset_starts_the_seeded_streams_again(settings, staff):
    from instances.models import generate_instance_id
    from simulator import world

    settings.SIMULATOR_SEED = "42"
    world.reset(world="empty")
    first = [generate_instance_id(), generators.digits("sms_code", 6), str(generators.uuid4("service_code"))]
    world.reset(world="empty")
    again = [generate_instance_id(), generators.digits("sms_code", 6), str(generators.uuid4("service_code"))]
    assert first == again
    assert first[0].startswith("i-bp1") and len(first[0]) == 22


@pytest.mark.django_db
def test_another_seed_gives_other_values(settings):
    settings.SIMULATOR_SEED = "seed-1"
    generators.reseed()
    one = [generators.digits("sms_code", 6), str(generators.uuid4("service_code"))]
    settings.SIMULATOR_SEED = "seed-2"
    generators.reseed()
    assert [generators.digits("sms_code", 6), str(generators.uuid4("service_code"))] != one


@pytest.mark.django_db
def test_kinds_draw_from_their_own_streams(settings):
    settings.SIMULATOR_SEED = "7"
    generators.reseed()
    alone = generators.digits("sms_code", 6)
    generators.reseed()
    generators.digits("icp_number", 4)  # another kind drawn first changes nothing for sms codes
    assert generators.digits("sms_code", 6) == alone


@pytest.mark.django_db
def test_without_a_seed_values_are_not_repeated(settings):
    settings.SIMULATOR_SEED = None
    generators.reseed()
    assert len({str(generators.uuid4("service_code")) for _ in range(50)}) == 50
