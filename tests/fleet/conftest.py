"""Redis for the fleet tests: the server at ICP_TEST_REDIS_URL (default redis://127.0.0.1:6379/12);
the tests skip, with the reason, where it does not answer (.ci/run makes sure it does)."""

import os
import uuid

import pytest

REDIS_URL = os.environ.get("ICP_TEST_REDIS_URL", "redis://127.0.0.1:6379/12")


def redis_unavailable() -> str | None:
    try:
        import redis
    except ImportError as exc:  # pragma: no cover - redis is in the default install
        return f"the redis client is not installed ({exc})"
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1, socket_timeout=1).ping()
    except redis.RedisError as exc:
        return f"Redis does not answer at {REDIS_URL} ({exc}); .ci/run starts it"
    return None


@pytest.fixture
def redis_cache(settings):
    """The default cache on Redis, under a key prefix of its own (nothing else in the db is touched)."""
    reason = redis_unavailable()
    if reason:
        pytest.skip(reason)
    prefix = f"icptest-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    yield REDIS_URL
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)
