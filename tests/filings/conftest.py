import pytest

from tests.factories import InstanceFactory

from . import flows


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Filing passwords are hashed with Django's hashers; the slow default adds nothing here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def filed(user, staff, instance):
    """Alice's subject, filed with one website (www.example.cn) on her instance."""
    return flows.file_first(user, staff=staff, instance=instance)


@pytest.fixture
def second_instance(user):
    return InstanceFactory(owner=user)
