import pytest
from django.forms.models import model_to_dict

from icpconsole.accounts.models import User
from icpconsole.core.models import AuditEvent, ClockState
from instances.models import Instance, InstanceOrder
from servicecodes.models import ServiceCode

_MODELS = (User, Instance, InstanceOrder, ServiceCode, AuditEvent, ClockState)


def _snapshot():
    return {model.__name__: [model_to_dict(obj) for obj in model.objects.order_by("pk")] for model in _MODELS}


@pytest.fixture
def db_unchanged(db):
    """``with db_unchanged():`` fails if any row of the domain tables was added, changed or removed."""
    import contextlib

    @contextlib.contextmanager
    def check():
        before = _snapshot()
        yield
        assert _snapshot() == before

    return check


@pytest.fixture
def ram_api(api_client_for, ram_user):
    return api_client_for(ram_user)


@pytest.fixture
def other_api(api_client_for, other_user):
    return api_client_for(other_user)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness buys nothing in these tests and costs seconds per account.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
