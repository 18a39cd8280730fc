"""API throttles that count every request exactly, across worker processes and nodes.

DRF's ``SimpleRateThrottle`` reads the request history from the cache, appends to it and writes it
back: two requests in two processes both read the same history and one of them is lost. Under load
that lets through far more than the limit (1,300 requests in 9 s passed a 1,200/min limit).

* **Redis** (``CACHE_URL=redis://...``, the fleet): one Lua script keeps a sliding-window log in a
  sorted set and checks, counts and records a request in one atomic step, on Redis' own clock, so
  every worker of every node shares one exact count.
* **The file cache** (the single-machine default): the read-modify-write is serialised with an
  advisory file lock (``fcntl.flock``) in the cache folder, which makes the count exact across the
  worker processes of one machine. Two machines do not share the lock: use Redis for a fleet.
* Any other cache (local memory in tests, dummy): DRF's own behaviour.

While Redis is unreachable a request is let through uncounted, with a warning in the log.

The windows, rates and scopes are DRF's (``DEFAULT_THROTTLE_RATES``), and the answer to a refused
request is DRF's 429 with ``Retry-After``.
"""

from __future__ import annotations

import fcntl
import logging
import os
import secrets
from contextlib import contextmanager

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache import cache as default_cache
from django.core.cache.backends.filebased import FileBasedCache
from rest_framework import throttling

logger = logging.getLogger(__name__)

# KEYS[1] the window's sorted set; ARGV: window (ms), limit, a unique member. Returns
# {allowed (1/0), milliseconds until the oldest entry leaves the window}.
_SLIDING_WINDOW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local wait = window
if oldest[2] then wait = tonumber(oldest[2]) + window - now end
return {0, wait}
"""


def real_cache(cache):
    """The backend behind ``django.core.cache.cache`` (a proxy DRF's throttles hold)."""
    return caches[DEFAULT_CACHE_ALIAS] if cache is default_cache else cache


def redis_client(cache, key: str):
    """The redis-py client behind Django's own Redis cache backend, or None for other caches.

    ``_cache.get_client`` is the backend's client accessor (Django 4.0+); reusing it shares the
    cache's connection pool instead of opening a second one."""
    cache = real_cache(cache)
    inner = getattr(cache, "_cache", None)
    if type(cache).__module__ != "django.core.cache.backends.redis" or inner is None:
        return None
    return inner.get_client(key, write=True)


@contextmanager
def file_cache_lock(cache):
    """Serialise read-modify-write sequences on a file cache across the processes of one machine."""
    directory = cache._dir  # FileBasedCache's folder (it creates it on first write)
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, ".throttle.lock"), "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class ExactRateThrottleMixin:
    """Exact counting for a ``SimpleRateThrottle`` subclass (see the module's docstring)."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        full_key = self.cache.make_key(self.key)
        client = redis_client(self.cache, full_key)
        if client is not None:
            return self._allow_on_redis(client, full_key)
        backend = real_cache(self.cache)
        if isinstance(backend, FileBasedCache):
            with file_cache_lock(backend):
                return self._allow_on_cache()
        return self._allow_on_cache()

    def _allow_on_cache(self):
        # DRF's SimpleRateThrottle.allow_request from the point where the key is known.
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        if len(self.history) >= self.num_requests:
            return self.throttle_failure()
        return self.throttle_success()

    def _allow_on_redis(self, client, full_key):
        from redis.exceptions import ConnectionError, TimeoutError

        script = client.register_script(_SLIDING_WINDOW)
        member = secrets.token_hex(8)
        window_ms = int(self.duration * 1000)
        try:
            allowed, wait_ms = script(keys=[full_key], args=[window_ms, self.num_requests, member])
        except (ConnectionError, TimeoutError) as exc:
            # Redis down: serve the request uncounted rather than fail it (and say so in the log).
            logger.warning("API throttle not applied: Redis is unreachable (%s)", exc)
            return True
        self._redis_wait = max(int(wait_ms), 0) / 1000
        return bool(int(allowed))

    def wait(self):
        if hasattr(self, "_redis_wait"):
            return self._redis_wait
        return super().wait()


class UserRateThrottle(ExactRateThrottleMixin, throttling.UserRateThrottle):
    pass


class AnonRateThrottle(ExactRateThrottleMixin, throttling.AnonRateThrottle):
    pass


class AddressRateThrottle(ExactRateThrottleMixin, throttling.SimpleRateThrottle):
    """Every request counted per client address, whoever is logged in: for anonymous console pages
    (the public ICP record query, ``scope = "public_query"``). Used outside DRF views too:
    ``allow_request(request, None)`` with a Django request."""

    scope = "public_query"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
