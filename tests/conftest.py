import os

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import DEFAULT_PASSWORD, InstanceFactory, RamUserFactory, StaffFactory, UserFactory


def pytest_configure(config):
    """Parallel workers (pytest-xdist) each get their own file cache: one worker clearing the
    cache between its tests, or saying "no fault rules", must not reach another's."""
    from django.conf import settings

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    default = settings.CACHES["default"]
    if worker and default["BACKEND"].endswith("FileBasedCache"):
        location = f"{default['LOCATION']}-{worker}"
        settings.CACHES = {**settings.CACHES, "default": {**default, "LOCATION": location}}


def pytest_collection_modifyitems(config, items):
    """``@pytest.mark.postgres`` tests need real row locks and parallel connections."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://... (.ci/run does)")
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """PBKDF2 costs about a second per password on two cores; tests don't need its strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language():
    """A request activates its language for the rest of the thread: each test starts in the default
    (English), whatever language the previous test's requests chose."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counters and lock-outs live in the shared cache: each test starts without them.
    Each test's database starts without fault rules too: the fresh cache says so, as the first
    API request would after reading them (one query, which would otherwise land in the query
    counts some tests assert)."""
    from django.core.cache import cache

    from simulator.faults import CACHE_KEY
    from simulator.services import PROVIDER_CACHE_KEY

    cache.clear()
    cache.set(CACHE_KEY, [], timeout=None)
    # Likewise the provider profile (SPEC 3.14): no settings row yet, so the default.
    cache.set(PROVIDER_CACHE_KEY, "", timeout=None)
    yield


@pytest.fixture(autouse=True)
def _catalog_after_flush(request):
    """Transactional tests flush every table, data migrations' rows included: put the catalog
    (regions, products) and the clock row back so each such test starts from a migrated database."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")
    from icpconsole.core.models import ClockState
    from instances.services_catalog import catalog_sync

    catalog_sync()
    ClockState.objects.get_or_create(pk=ClockState.SINGLETON_ID)
    yield


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def user(db):
    return UserFactory(username="alice")


@pytest.fixture
def other_user(db):
    return UserFactory(username="mallory")


@pytest.fixture
def ram_user(db, user):
    return RamUserFactory(username="alice-ram", parent=user)


@pytest.fixture
def staff(db):
    return StaffFactory(username="root")


@pytest.fixture
def instance(db, user):
    return InstanceFactory(owner=user)


def _api_client_for(user=None):
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def api_client_for(db):
    return _api_client_for


@pytest.fixture
def api(db, user):
    """An API client authenticated as ``user`` with a token."""
    return _api_client_for(user)


@pytest.fixture
def anon_api(db):
    return APIClient()


@pytest.fixture
def staff_api(db, staff):
    return _api_client_for(staff)


@pytest.fixture
def console(client, user):
    """A Django test client logged in to the console as ``user``."""
    client.force_login(user)
    return client


@pytest.fixture
def advance_clock(db):
    """Move the simulated clock forward by whole days (through the real service)."""
    from icpconsole.core.clock import clock_advance

    def advance(days: int, actor=None):
        return clock_advance(actor=actor, days=days)

    return advance


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded documents go to a temporary folder, never the project's."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
