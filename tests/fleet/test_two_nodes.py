"""A fleet of two nodes on one machine (SPEC 4.7, issue 16): two gunicorn nodes started as
``make serve`` starts one (gunicorn.conf.py), on two ports, over the test's PostgreSQL database and
one Redis. Whatever one node does, the other sees: the quota, the throttles, the log-in lock-outs,
the clock; and slow clients on one node leave its ``/healthz`` under a second.

Runs in the PostgreSQL phase of ``.ci/run`` (which makes sure Redis is up); skips, saying why, where
PostgreSQL, Redis or gunicorn is missing."""

import time
import uuid

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from rest_framework.authtoken.models import Token

from servicecodes.models import ServiceCode
from tests.factories import InstanceFactory, StaffFactory, UserFactory
from tests.fleet import nodes
from tests.fleet.conftest import REDIS_URL, redis_unavailable

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True), pytest.mark.timeout(240)]

THROTTLE_PER_MINUTE = 100
LOCKOUT_AFTER = 3


def database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def two_nodes(tmp_path):
    reason = redis_unavailable()
    if reason:
        pytest.skip(reason)
    if not nodes.gunicorn_path():
        pytest.skip("gunicorn is not installed (it is in the default install: make install)")
    prefix = f"fleet-{uuid.uuid4().hex[:12]}"
    env = {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "icpconsole.settings",
        "DEBUG": "false",
        "SECRET_KEY": "fleet-test-" + uuid.uuid4().hex * 2,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_MANIFEST": "false",
        "DATABASE_URL": database_url(),
        "CACHE_URL": f"{REDIS_URL}?key_prefix={prefix}",
        "API_THROTTLE_USER": f"{THROTTLE_PER_MINUTE}/min",
        "AXES_FAILURE_LIMIT": str(LOCKOUT_AFTER),
        "GUNICORN_LOG_LEVEL": "warning",
        "PYTHONWARNINGS": "ignore",
    }
    try:
        with nodes.fleet(env, log_dir=tmp_path, count=2, workers=2, threads=4) as ports:
            yield ports
    finally:
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)


def token_for(user) -> str:
    return Token.objects.create(user=user).key


def test_the_quota_holds_across_nodes(two_nodes):
    owner = UserFactory(username="racer")
    instance = InstanceFactory(owner=owner)
    token = token_for(owner)
    path = f"/api/v1/instances/{instance.instance_id}/service-codes/"
    answers = nodes.in_parallel(
        [lambda p=two_nodes[k % 2]: nodes.request(p, "POST", path, token=token, body={}) for k in range(30)]
    )
    statuses = sorted(status for status, _ in answers)
    assert statuses == [201] * 5 + [409] * 25, answers
    assert all(body["code"] == "NOT_ELIGIBLE" for status, body in answers if status == 409)
    assert ServiceCode.objects.filter(instance=instance).count() == 5


def test_the_throttle_counts_exactly_across_nodes(two_nodes):
    token = token_for(UserFactory(username="busy"))
    total = THROTTLE_PER_MINUTE + 40
    answers = nodes.in_parallel(
        [lambda p=two_nodes[k % 2]: nodes.request(p, "GET", "/api/v1/me/", token=token) for k in range(total)]
    )
    statuses = [status for status, _ in answers]
    assert statuses.count(200) == THROTTLE_PER_MINUTE, statuses
    assert statuses.count(429) == total - THROTTLE_PER_MINUTE
    assert all(body["code"] == "THROTTLED" for status, body in answers if status == 429)


def test_a_lockout_on_one_node_holds_on_the_other(two_nodes):
    user = UserFactory(username="carol")
    # The nodes use the production hashers (the test process uses a fast one of its own).
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode("right-password-1", hasher.salt(), iterations=1000)
    user.save(update_fields=["password"])
    failures = [
        nodes.request(two_nodes[k % 2], "POST", "/api/v1/auth/token/",
                      body={"username": "carol", "password": "wrong"})[0]
        for k in range(LOCKOUT_AFTER)
    ]
    assert failures == [400] * (LOCKOUT_AFTER - 1) + [429]  # the limit-th failure locks
    status, body = nodes.request(two_nodes[1], "POST", "/api/v1/auth/token/",
                                 body={"username": "carol", "password": "right-password-1"})
    assert (status, body["code"]) == (429, "LOGIN_LOCKED")


def test_the_clock_moved_on_one_node_is_seen_by_the_other(two_nodes):
    staff = token_for(StaffFactory(username="ops"))
    reader = token_for(UserFactory(username="reader"))
    before = nodes.request(two_nodes[1], "GET", "/api/v1/clock/", token=reader)[1]["offset_seconds"]
    status, _ = nodes.request(two_nodes[0], "POST", "/api/v1/clock/", token=staff, body={"advance_days": 30})
    assert status == 200
    after = nodes.request(two_nodes[1], "GET", "/api/v1/clock/", token=reader)[1]["offset_seconds"]
    assert after - before == 30 * 86400


def test_slow_clients_on_one_node_leave_healthz_under_a_second(two_nodes):
    # Far more slow clients than the node has threads (2 workers x 4 threads).
    with nodes.slow_clients(two_nodes[0], 40):
        time.sleep(1)
        for _ in range(5):
            started = time.perf_counter()
            status, body = nodes.request(two_nodes[0], "GET", "/healthz", timeout=10)
            took = time.perf_counter() - started
            assert status == 200 and body["status"] == "ok"
            assert took < 1.0, f"/healthz took {took:.2f} s with slow clients connected"
        # The node still serves real work meanwhile.
        token = token_for(UserFactory(username="patient"))
        assert nodes.request(two_nodes[0], "GET", "/api/v1/me/", token=token)[0] == 200
