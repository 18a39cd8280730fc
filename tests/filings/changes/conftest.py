import pytest

from tests.factories import InstanceFactory
from tests.filings import flows


@pytest.fixture
def filed(user, staff, instance):
    """Alice's subject, filed with one website (example.cn) on her instance."""
    return flows.file_first(user, staff=staff, instance=instance)


@pytest.fixture
def second_instance(user):
    return InstanceFactory(owner=user)
