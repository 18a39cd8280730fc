"""Failed log-ins counted per client address, and refused before the password hash once an address
has failed ``LOGIN_FAILURES_PER_MINUTE`` times in the current minute (issue 27 point 7).

django-axes locks a username from an address after a few failures; random usernames never reach its
limit, and each of them costs a password hash (0.3 s of a core with PBKDF2): ten clients made every
request of everyone ten times slower. This throttle counts the address alone and is checked by the
first authentication backend (``LockoutBackend``), so every face is covered (console log-in, API
token, admin log-in) and a refused attempt hashes nothing.

The counters live in the shared cache, like the API throttles (``icpconsole/core/api/throttling.py``):
on Redis ``INCR`` is atomic across workers and nodes; on the file cache the read-modify-write is
serialised with the same file lock. Windows are fixed minutes.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.filebased import FileBasedCache

from icpconsole.core.api.throttling import file_cache_lock, real_cache


def _key(address: str) -> str:
    return f"login-failures:{address}:{int(time.time() // 60)}"


def _address(request) -> str:
    return (getattr(request, "META", None) or {}).get("REMOTE_ADDR", "")


def login_throttled(request) -> bool:
    """Whether this request's address has used up its failed log-ins for this minute."""
    address = _address(request)
    if not address:
        return False
    return int(cache.get(_key(address), 0)) >= settings.LOGIN_FAILURES_PER_MINUTE


def login_failure_record(sender=None, credentials=None, request=None, **kwargs) -> None:
    """``user_login_failed`` receiver: one more failure for the request's address."""
    address = _address(request)
    if not address:
        return
    key = _key(address)
    backend = real_cache(cache)
    if isinstance(backend, FileBasedCache):
        with file_cache_lock(backend):
            backend.set(key, int(backend.get(key, 0)) + 1, 120)
        return
    cache.add(key, 0, 120)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 120)
