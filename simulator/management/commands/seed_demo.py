"""An idempotent demo world (SPEC 4.4): accounts, a RAM user, and instances that show every
eligibility reason next to eligible ones. Everything is made through the services, so the demo
has the same audit trail as real use. Running it again adds nothing that is already there."""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.contrib.auth.hashers import identify_hasher
from django.core.management.base import BaseCommand
from django.db import transaction

from icpconsole.accounts.models import User
from icpconsole.accounts.services import account_create
from icpconsole.core import clock
from instances import services as instance_services
from instances.models import Instance
from instances.services_catalog import catalog_sync
from servicecodes.selectors import codes_issued_for
from servicecodes.services import service_code_apply
from simulator import world
from simulator.demo import filings as filings_demo
from simulator.demo import providers as providers_demo

DEMO_PASSWORD = "demo-Passw0rd!"  # noqa: S105 - a documented demo log-in
STAFF_PASSWORD = "admin-Passw0rd!"  # noqa: S105

# name -> purchase arguments, plus what to do after buying
DEMO_INSTANCES = [
    (
        "web-hangzhou-1",
        dict(
            product_id="ecs",
            region_id="cn-hangzhou",
            charge_type="PrePaid",
            period_months=12,
            internet_max_bandwidth_out=5,
        ),
        {},
    ),
    (
        "web-beijing-1",
        dict(
            product_id="ecs",
            region_id="cn-beijing",
            charge_type="PrePaid",
            period_months=6,
            internet_max_bandwidth_out=10,
        ),
        {},
    ),
    (
        "lightweight-shanghai",
        dict(
            product_id="sas",
            region_id="cn-shanghai",
            charge_type="PrePaid",
            period_months=12,
            internet_max_bandwidth_out=3,
        ),
        {},
    ),
    (
        "hk-site",
        dict(
            product_id="ecs",
            region_id="cn-hongkong",
            charge_type="PrePaid",
            period_months=12,
            internet_max_bandwidth_out=5,
        ),
        {},
    ),
    (
        "singapore-site",
        dict(
            product_id="ecs",
            region_id="ap-southeast-1",
            charge_type="PrePaid",
            period_months=12,
            internet_max_bandwidth_out=5,
        ),
        {},
    ),
    (
        "payg-shenzhen",
        dict(product_id="ecs", region_id="cn-shenzhen", charge_type="PostPaid", internet_max_bandwidth_out=5),
        {},
    ),
    (
        "one-month-left",
        dict(
            product_id="ecs",
            region_id="cn-hangzhou",
            charge_type="PrePaid",
            period_months=1,
            internet_max_bandwidth_out=5,
        ),
        {},
    ),
    (
        "expired-qingdao",
        dict(
            product_id="ecs",
            region_id="cn-qingdao",
            charge_type="PrePaid",
            period_months=1,
            internet_max_bandwidth_out=5,
        ),
        {"backdate_months": 2},
    ),
    (
        "stopped-chengdu",
        dict(
            product_id="ecs",
            region_id="cn-chengdu",
            charge_type="PrePaid",
            period_months=12,
            internet_max_bandwidth_out=5,
        ),
        {"stop": True},
    ),
    (
        "no-bandwidth",
        dict(
            product_id="ecs",
            region_id="cn-hangzhou",
            charge_type="PrePaid",
            period_months=12,
            internet_max_bandwidth_out=0,
        ),
        {},
    ),
    (
        "quota-used-up",
        dict(
            product_id="ecs",
            region_id="cn-hangzhou",
            charge_type="PrePaid",
            period_months=24,
            internet_max_bandwidth_out=5,
        ),
        {"codes": 5},
    ),
    (
        "load-balancer",
        dict(
            product_id="slb",
            region_id="cn-hangzhou",
            charge_type="PrePaid",
            period_months=12,
            internet_max_bandwidth_out=5,
        ),
        {},
    ),
    (
        "nat-gateway",
        dict(
            product_id="nat_gateway",
            region_id="cn-hangzhou",
            charge_type="PrePaid",
            period_months=3,
            internet_max_bandwidth_out=5,
        ),
        {"codes": 1},
    ),
    (
        "site-builder-trial",
        dict(
            product_id="marketplace_site",
            region_id="cn-hangzhou",
            charge_type="PrePaid",
            period_months=1,
            internet_max_bandwidth_out=1,
        ),
        {},
    ),
    (
        "iot-package",
        dict(
            product_id="iot_package",
            region_id="cn-shanghai",
            charge_type="PrePaid",
            period_months=6,
            internet_max_bandwidth_out=1,
        ),
        {},
    ),
    (
        "elastic-hosting",
        dict(
            product_id="elastic_web_hosting",
            region_id="cn-beijing",
            charge_type="PrePaid",
            period_months=12,
            internet_max_bandwidth_out=5,
        ),
        {},
    ),
]


class Command(BaseCommand):
    help = "Create (or complete) the demo world: accounts, a RAM user and instances showing every reason."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="The address the console is served at, printed for the demo accounts (`make run` passes "
            "http://$(HOST):$(PORT)).",
        )
        parser.add_argument(
            "--builder",
            action="store_true",
            help="Build the demo through the services instead of loading the demo world file.",
        )

    def handle(self, *args, **options):
        base_url = options["base_url"].rstrip("/")
        catalog_sync()
        if not options["builder"] and not User.objects.filter(is_staff=False).exists():
            # An empty world: load the demo world file (simulator/worlds/demo.json), a snapshot of
            # what the builder below makes, in a fraction of the time. The builder then finds
            # everything in place and only reads the values it prints.
            world.reset(world="demo")
        with transaction.atomic():
            staff = self._account("admin", STAFF_PASSWORD, "Simulator staff", is_staff=True)
            demo = self._account("demo", DEMO_PASSWORD, "Demo Company Ltd.")
            self._account("demo-ram", DEMO_PASSWORD, "Demo RAM user", parent=demo)
            other = self._account("other", DEMO_PASSWORD, "Another Company Ltd.")
            # Accounts with no subject yet: an account files one subject, so the demo's transfer-in
            # and HiChina claim (filings of other subjects) are each for an account of their own.
            newcomer = self._account("newcomer", DEMO_PASSWORD, "Newcomer Trading Co.")
            self._account("legacy", DEMO_PASSWORD, "Li Lei")
            # SPEC 3.12's loop, each an account of its own (one open order per subject): an order
            # returned with its reasons, to correct and resubmit, and a draft close to expiry.
            self._account("returned", DEMO_PASSWORD, "Zhang Wei")
            self._account("idle", DEMO_PASSWORD, "Liu Yang")
            # SPEC 3.13: an individual from Beijing filing in Zhejiang (the residence permit).
            self._account("wanderer", DEMO_PASSWORD, "Zhao Min")
            # SPEC 3.14: a first filing naming demo's code (under huawei, waiting for demo's consent).
            self._account("borrower", DEMO_PASSWORD, "Chen Jing")
            for name, purchase, after in DEMO_INSTANCES:
                self._instance(demo, name, purchase, after)
            self._instance(other, "other-web", DEMO_INSTANCES[0][1], {"codes": 1})
            self._instance(newcomer, "newcomer-web", DEMO_INSTANCES[0][1], {})
        filings_summary = self._filings(demo, staff, other)

        out = self.stdout.write
        out(self.style.SUCCESS("Demo world ready."))
        out(f"  Console:  {base_url}/console/   log in as demo / {DEMO_PASSWORD}")
        out(f"  RAM user: demo-ram / {DEMO_PASSWORD}  (sees demo's instances, cannot apply)")
        out(f"  Staff:    admin / {STAFF_PASSWORD}  (admin site {base_url}/admin/)")
        out(f"  Another account: other / {DEMO_PASSWORD}")
        out(f"  No subject yet (for the transfer-in and the claim): newcomer, legacy / {DEMO_PASSWORD}")
        out(f"  An order returned to correct: returned; a draft close to expiry: idle / {DEMO_PASSWORD}")
        out(f"  An individual from another province (residence permit): wanderer / {DEMO_PASSWORD}")
        out(f"  A filing naming demo's code (Huawei: the owner's authorization): borrower / {DEMO_PASSWORD}")
        for line in filings_summary:
            out(f"  {line}")

    def _account(self, username, password, display_name, *, parent=None, is_staff=False) -> User:
        existing = User.objects.filter(username=username).first()
        if existing:
            try:
                identify_hasher(existing.password)
            except ValueError:
                # The demo world's hashes are PBKDF2; where another hasher is configured (the
                # tests' fast one), the documented log-in is hashed again with it.
                existing.set_password(password)
                existing.save(update_fields=["password"])
            return existing
        user = account_create(
            actor=None,
            username=username,
            password=password,
            display_name=display_name,
            parent=parent,
            is_staff=is_staff,
            validate=False,
        )
        if is_staff:
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
        return user

    def _instance(self, owner, name, purchase, after) -> Instance:
        existing = Instance.objects.filter(owner=owner, name=name).first()
        if existing:
            return existing
        purchased_at = None
        if after.get("backdate_months"):
            purchased_at = clock.now() - relativedelta(months=after["backdate_months"]) - dt.timedelta(days=1)
        instance = instance_services.instance_purchase(
            actor=owner, name=name, purchased_at=purchased_at, **purchase
        )
        if after.get("stop"):
            instance_services.instance_stop(actor=owner, instance_id=instance.instance_id)
        for _ in range(after.get("codes", 0) - codes_issued_for(instance)):
            service_code_apply(actor=owner, instance_id=instance.instance_id, via="seed_demo")
        return instance

    def _filings(self, demo, staff, other) -> list[str]:
        result = filings_demo.seed(demo, staff=staff, other=other)
        result.update(providers_demo.seed(demo))
        return [f"{key}: {value}" for key, value in (result or {}).items()]
