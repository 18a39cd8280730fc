"""Issue 26: within a request the clock's offset is read once; whatever moves the clock in the
request (an advance, a world reset) is seen by the rest of it, and a rolled-back move is not."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from icpconsole.core import clock
from icpconsole.core.models import ClockState
from simulator.world import writing

pytestmark = pytest.mark.django_db


def in_request(body):
    """Run ``body`` as the view of one request through the middleware; its result."""
    return clock.ClockPerRequestMiddleware(lambda request: body())(object())


def test_a_request_reads_the_offset_once_and_outside_a_request_every_time():
    def twice():
        with CaptureQueriesContext(connection) as ctx:
            first, second = clock.now(), clock.now()
        return len(ctx), second - first

    queries, gap = in_request(twice)
    assert queries == 1 and gap.total_seconds() < 60
    with CaptureQueriesContext(connection) as ctx:
        clock.now()
        clock.now()
    assert len(ctx) == 2


def test_the_next_request_sees_a_move_made_between_requests():
    assert in_request(clock.offset_seconds) == 0
    ClockState.objects.filter(pk=ClockState.SINGLETON_ID).update(offset_seconds=3600)
    assert in_request(clock.offset_seconds) == 3600


def test_an_advance_in_the_request_is_seen_by_the_rest_of_it(staff):
    def advance():
        before = clock.offset_seconds()
        clock.clock_advance(actor=staff, days=2)
        return before, clock.offset_seconds()

    assert in_request(advance) == (0, 2 * 86400)


def test_a_rolled_back_advance_is_not_seen(staff):
    def failing(sender, **kwargs):
        assert clock.offset_seconds() == 86400  # the receivers see the moved clock
        raise RuntimeError("a sweep failed")

    def advance():
        clock.offset_seconds()
        with pytest.raises(RuntimeError):
            clock.clock_advance(actor=staff, days=1)
        return clock.offset_seconds()

    clock.clock_moved.connect(failing)
    try:
        assert in_request(advance) == 0
    finally:
        clock.clock_moved.disconnect(failing)


def test_a_world_restore_in_the_request_is_seen_by_the_rest_of_it():
    def restore():
        clock.offset_seconds()
        writing.restore({"format": "icp-simulator-world", "version": 1, "clock": {"offset_seconds": 7200}})
        return clock.offset_seconds()

    assert in_request(restore) == 7200
