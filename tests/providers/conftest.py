import pytest

from simulator.services import simulator_settings_update


@pytest.fixture
def use_provider(db):
    """Switch the stored profile as staff do (the sandbox settings)."""

    def switch(name: str) -> None:
        simulator_settings_update(actor=None, changes={"provider": name})

    return switch
