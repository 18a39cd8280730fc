import pytest

from tests.factories import InstanceFactory
from tests.filings import flows


@pytest.fixture
def filed(user, staff, instance):
    """Alice's subject, filed with one website (example.cn) on her instance; ``password`` is
    the filing password from her phone."""
    return flows.file_first(user, staff=staff, instance=instance)


@pytest.fixture
def second_instance(user):
    return InstanceFactory(owner=user)


@pytest.fixture
def draft_order(user, instance):
    """A first filing of Alice's in draft (its code in ``filing``)."""
    return flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={"domain": "example.cn", "instance_id": instance.instance_id},
    )
