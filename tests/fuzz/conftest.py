"""The world the API fuzzer runs against, and the plumbing that lets it call the WSGI application
in-process inside the test transaction.

``fuzz_world`` builds one rich world per module (an account, another account and staff; instances
in every state, service codes, a filed subject with websites, orders in several stages, registry
records, an AccessKey) inside an outer transaction that is rolled back when the module ends; each
test (one per API operation) then runs in pytest-django's ``db`` savepoint, so whatever one
operation's generated requests change is undone before the next. Works on SQLite and PostgreSQL.
"""

from __future__ import annotations

import collections
import dataclasses
import time

import pytest
from django.core import signals
from django.db import close_old_connections, transaction
from django.test import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.throttling import SimpleRateThrottle

# The fuzzer sends thousands of requests a minute from one account: far above the production
# throttle (which tests/api covers), so it never meets a 429 that says nothing about the input.
FUZZ_THROTTLE_RATES = {"user": "1000000/min", "anon": "1000000/min"}


@dataclasses.dataclass
class FuzzStats:
    """What the fuzzer did, printed at the end of the run."""

    cases: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    requests: int = 0
    seconds: float = 0.0


FUZZ_STATS = FuzzStats()

# The world of the running test: set by the ``world`` fixture, read by the fuzzer's hooks while
# they draw cases (hypothesis strategies cannot take fixtures).
CURRENT_WORLD: dict = {}


class CountingApp:
    """The WSGI application, counting every request it answers (generated cases, and the extra
    requests some checks send, e.g. without credentials)."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        FUZZ_STATS.requests += 1
        return self.app(environ, start_response)


@dataclasses.dataclass
class World:
    """Tokens and the ids of real objects, for authentication and for path parameters."""

    account_token: str = ""
    staff_token: str = ""
    account_uid: str = ""
    instance_ids: list[str] = dataclasses.field(default_factory=list)
    other_instance_ids: list[str] = dataclasses.field(default_factory=list)
    service_codes: list[str] = dataclasses.field(default_factory=list)
    order_ids: list[int] = dataclasses.field(default_factory=list)
    other_order_ids: list[int] = dataclasses.field(default_factory=list)
    subject_ids: list[int] = dataclasses.field(default_factory=list)
    website_ids: list[int] = dataclasses.field(default_factory=list)
    access_key_ids: list[str] = dataclasses.field(default_factory=list)
    filing_password: str = ""
    domains: list[str] = dataclasses.field(default_factory=list)
    icp_numbers: list[str] = dataclasses.field(default_factory=list)


def _make_accounts():
    """Staff (with the sandbox right), the fuzzed account and another account."""
    from django.contrib.auth.models import Permission

    from icpconsole.accounts.services import account_create

    staff = account_create(
        actor=None,
        username="fuzz-root",
        password="Fuzz-Root-1234",
        display_name="Root",
        is_staff=True,
        validate=False,
    )
    # Issue 27: the fuzzed sandbox controls need their own right, not only staff status.
    staff.user_permissions.add(
        Permission.objects.get(codename="drive_sandbox", content_type__app_label="simulator")
    )
    account = account_create(
        actor=staff, username="fuzz-alice", password="Fuzz-Alice-1234", display_name="Alice", validate=False
    )
    other = account_create(
        actor=staff, username="fuzz-bob", password="Fuzz-Bob-1234", display_name="Bob", validate=False
    )
    return staff, account, other


def _move_the_orders_on(account, other) -> None:
    """Orders in more stages, and an account free to file: the account's waiting order is
    withdrawn (so its filed subject has no open order), the other's reaches bureau review."""
    from filings import services as filing_services
    from filings.models import FilingOrder, MessageKind, PhoneMessage, Stage

    waiting = FilingOrder.objects.get(account=account, status=Stage.SUBMITTED)
    filing_services.filing_abandon(actor=account, order_id=waiting.pk)
    sms = FilingOrder.objects.get(account=other, status=Stage.PENDING_SMS)
    code = (
        PhoneMessage.objects.filter(account=other, kind=MessageKind.SMS_CODE).latest("sent_time", "id").secret
    )
    filing_services.filing_verify_sms(actor=other, order_id=sms.pk, code=code)


def _buy_the_instances(account, other) -> None:
    """Instances in every state (one with a code), one of the other account's, and an AccessKey."""
    from instances import services as instance_services
    from openapi.services import access_key_create
    from servicecodes.services import service_code_apply

    def buy(owner, **kwargs):
        params = {
            "product_id": "ecs",
            "region_id": "cn-hangzhou",
            "charge_type": "PrePaid",
            "period_months": 12,
            "internet_max_bandwidth_out": 5,
            "name": "fuzz",
        }
        params.update(kwargs)
        return instance_services.instance_purchase(actor=owner, **params)

    eligible = buy(account, name="eligible")
    service_code_apply(actor=account, instance_id=eligible.instance_id, via="api")
    buy(account, name="payg", charge_type="PostPaid", period_months=None, internet_max_bandwidth_out=0)
    stopped = buy(account, name="stopped", period_months=3)
    instance_services.instance_stop(actor=account, instance_id=stopped.instance_id)
    buy(account, name="hongkong", region_id="cn-hongkong")
    buy(account, name="slb", product_id="slb")
    released = buy(account, name="released", charge_type="PostPaid", period_months=None)
    instance_services.instance_release(actor=account, instance_id=released.instance_id)
    buy(other, name="bobs")
    access_key_create(actor=account)


def _world_of(account, staff, other, filing_password: str) -> World:
    """The tokens and the ids of everything the two accounts own, for the fuzzer to pick from."""
    from filings.models import FilingOrder, Subject, Website
    from instances.models import Instance
    from servicecodes.models import ServiceCode

    world = World(
        account_token=Token.objects.create(user=account).key,
        staff_token=Token.objects.create(user=staff).key,
        account_uid=account.uid,
        filing_password=filing_password,
    )
    world.instance_ids = list(
        Instance.objects.filter(owner=account).order_by("pk").values_list("instance_id", flat=True)
    )
    world.other_instance_ids = list(
        Instance.objects.filter(owner=other).order_by("pk").values_list("instance_id", flat=True)
    )
    world.service_codes = list(
        ServiceCode.objects.filter(instance__owner__in=[account, other])
        .order_by("pk")
        .values_list("code", flat=True)
    )
    world.order_ids = list(
        FilingOrder.objects.filter(account=account).order_by("pk").values_list("pk", flat=True)
    )
    world.other_order_ids = list(
        FilingOrder.objects.filter(account=other).order_by("pk").values_list("pk", flat=True)
    )
    world.subject_ids = list(Subject.objects.order_by("pk").values_list("pk", flat=True))
    world.website_ids = list(Website.objects.order_by("pk").values_list("pk", flat=True))
    world.domains = list(Website.objects.order_by("pk").values_list("domain", flat=True))
    world.icp_numbers = [
        *Subject.objects.order_by("pk").values_list("icp_number", flat=True),
        *Website.objects.order_by("pk").values_list("icp_number", flat=True),
    ]
    world.access_key_ids = list(account.access_keys.order_by("pk").values_list("access_key_id", flat=True))
    return world


def _build_world() -> World:
    from simulator.demo import filings as demo

    staff, account, other = _make_accounts()
    seeded = demo.seed(account, staff=staff, other=other)
    _move_the_orders_on(account, other)
    _buy_the_instances(account, other)
    return _world_of(account, staff, other, seeded["filing password"])


class _RequestsNeverCloseTheConnection:
    """Django closes "old" connections when a request starts and ends. Outside a test client (the
    fuzzer calls the WSGI application directly) that would close the connection holding the test
    transaction on PostgreSQL (an in-memory SQLite connection is never closed), so the handlers
    are disconnected while the fuzzer runs, as Django's own test client does."""

    def __enter__(self):
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)

    def __exit__(self, *exc):
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def fuzz_world(django_db_setup, django_db_blocker):
    """One world per module, rolled back at its end; tests add ``db`` for their own savepoint."""
    rest_framework = {**_rest_framework_settings(), "DEFAULT_THROTTLE_RATES": FUZZ_THROTTLE_RATES}
    original_rates = SimpleRateThrottle.THROTTLE_RATES
    with (
        django_db_blocker.unblock(),
        override_settings(
            REST_FRAMEWORK=rest_framework,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        _RequestsNeverCloseTheConnection(),
        transaction.atomic(),
    ):
        # DRF reads the rates into a class attribute at import time: point it at the raised ones.
        SimpleRateThrottle.THROTTLE_RATES = FUZZ_THROTTLE_RATES
        try:
            yield _build_world()
        finally:
            SimpleRateThrottle.THROTTLE_RATES = original_rates
            transaction.set_rollback(True)


def _rest_framework_settings() -> dict:
    from django.conf import settings

    return dict(settings.REST_FRAMEWORK)


@pytest.fixture
def world(fuzz_world, db):
    """The module's world, inside this test's own savepoint (``db``); the fuzzer's hooks read it
    while drawing cases."""
    CURRENT_WORLD["world"] = fuzz_world
    started = time.perf_counter()
    yield fuzz_world
    FUZZ_STATS.seconds += time.perf_counter() - started
    CURRENT_WORLD.pop("world", None)


def pytest_terminal_summary(terminalreporter):
    if FUZZ_STATS.cases:
        terminalreporter.write_line(
            f"API fuzzing: {len(FUZZ_STATS.cases)} operations, {sum(FUZZ_STATS.cases.values())} generated "
            f"cases, {FUZZ_STATS.requests} requests in {FUZZ_STATS.seconds:.0f} s"
        )
