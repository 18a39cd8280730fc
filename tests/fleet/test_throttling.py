"""Throttles count every request exactly across threads and processes (issue 16): on Redis with one
atomic script, on the file cache under a file lock. DRF's own read-modify-write lost requests."""


import environ
import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.test import APIRequestFactory

from icpconsole.core.api import throttling
from tests.races import errors, repeated

pytestmark = pytest.mark.django_db


class _User:
    is_authenticated = True
    pk = 4242


class HundredPerMinute(throttling.UserRateThrottle):
    rate = "100/min"


def hammer(threads: int, calls: int, throttle_class=HundredPerMinute) -> int:
    """``threads`` threads each make ``calls`` throttle checks at once; how many were allowed."""
    factory = APIRequestFactory()

    def run(_n):
        mine = 0
        for _ in range(calls):
            request = factory.get("/api/v1/me/")
            request.user = _User()
            if throttle_class().allow_request(request, None):
                mine += 1
        return mine

    allowed = repeated(run, threads)
    assert errors(allowed) == []
    return sum(allowed)


def test_redis_counts_every_request_exactly(redis_cache):
    assert hammer(threads=8, calls=40) == 100


def test_file_cache_counts_every_request_exactly(settings, tmp_path):
    settings.CACHES = {"default": environ.Env.cache_url_config(f"filecache://{tmp_path}")}
    assert hammer(threads=8, calls=40) == 100


def test_a_refusal_on_redis_says_how_long_to_wait(redis_cache):
    factory = APIRequestFactory()
    for _ in range(100):
        request = factory.get("/")
        request.user = _User()
        assert HundredPerMinute().allow_request(request, None)
    request = factory.get("/")
    request.user = _User()
    refused = HundredPerMinute()
    assert not refused.allow_request(request, None)
    assert 0 < refused.wait() <= 60


def test_anonymous_callers_are_counted_by_address_on_redis(redis_cache):
    class TwoPerMinute(throttling.AnonRateThrottle):
        rate = "2/min"

    factory = APIRequestFactory()

    def allowed(address):
        request = factory.get("/", REMOTE_ADDR=address)
        request.user = AnonymousUser()
        return TwoPerMinute().allow_request(request, None)

    assert [allowed("10.0.0.1") for _ in range(3)] == [True, True, False]
    assert allowed("10.0.0.2")


def test_the_api_answers_429_throttled_on_redis(redis_cache, api, settings, monkeypatch):
    monkeypatch.setitem(throttling.UserRateThrottle.THROTTLE_RATES, "user", "3/min")
    answers = [api.get("/api/v1/me/").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = api.get("/api/v1/me/")
    assert refused.json()["code"] == "THROTTLED"
    assert int(refused["Retry-After"]) >= 1


def test_redis_cache_url_uses_djangos_own_backend():
    """The default install opens a redis:// CACHE_URL (it raised ModuleNotFoundError before)."""
    import subprocess
    import sys

    from django.conf import settings

    probe = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", "from django.conf import settings; import django; django.setup(); "
         "c = settings.CACHES['default']; print(c['BACKEND'], c['LOCATION'], c['KEY_PREFIX'], c['TIMEOUT'])"],
        env={"DJANGO_SETTINGS_MODULE": "icpconsole.settings",
             "CACHE_URL": "redis://127.0.0.1:6379/12?key_prefix=icp&timeout=600",
             "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, cwd=settings.BASE_DIR, timeout=60,
    )
    expected = ["django.core.cache.backends.redis.RedisCache", "redis://127.0.0.1:6379/12", "icp", "600"]
    assert probe.stdout.split() == expected, probe.stderr


def test_an_unreachable_redis_lets_requests_through_and_says_so(settings, caplog):
    from tests.fleet.nodes import free_port

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    request = APIRequestFactory().get("/")
    request.user = _User()
    assert HundredPerMinute().allow_request(request, None)
    assert "Redis is unreachable" in caplog.text
