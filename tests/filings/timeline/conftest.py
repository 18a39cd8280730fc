import datetime as dt

import pytest
import time_machine

from tests.filings import flows

START = dt.datetime(2026, 11, 24, 2, 0, tzinfo=dt.UTC)  # a Tuesday, 10:00 in Hangzhou


@pytest.fixture
def frozen():
    """Real time stands still at START: only the simulated clock moves, by whole days."""
    with time_machine.travel(START, tick=False):
        yield START


@pytest.fixture
def filed(frozen, user, staff, instance):
    """Alice's subject, filed at START with one website (example.cn) on her instance."""
    return flows.file_first(user, staff=staff, instance=instance)
