import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from icpconsole.core import clock
from icpconsole.core.errors import InvalidInput
from icpconsole.core.models import AuditEvent, ClockState

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 11, 22, 4, 0, tzinfo=dt.UTC), tick=False)
def test_advancing_moves_now_and_is_stored_for_every_process(staff):
    assert clock.now() == dt.datetime(2026, 11, 22, 4, 0, tzinfo=dt.UTC)
    clock.clock_advance(actor=staff, days=90)
    assert ClockState.objects.get().offset_seconds == 90 * 86400
    assert clock.now() == dt.datetime(2027, 2, 20, 4, 0, tzinfo=dt.UTC)
    event = AuditEvent.objects.get(action="clock.advance")
    assert event.actor == staff and event.details["days"] == 90


@pytest.mark.parametrize("days", [0, -1, 3651, 1.5, "7", True, None])
def test_clock_only_moves_forward_by_whole_days(staff, days):
    with pytest.raises(InvalidInput) as exc:
        clock.clock_advance(actor=staff, days=days)
    assert exc.value.code == "INVALID_ADVANCE_DAYS"
    assert clock.offset_seconds() == 0


def test_the_migration_creates_the_clock_row():
    assert ClockState.objects.filter(pk=1, offset_seconds=0).exists()


def test_createsuperuser_noinput_gives_a_staff_account(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "boss")
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "boss@example.com")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-Passw0rd")
    call_command("createsuperuser", "--noinput", verbosity=0)
    from icpconsole.accounts.models import User

    boss = User.objects.get(username="boss")
    assert boss.is_staff and boss.check_password("a-long-Passw0rd")
    assert len(boss.uid) == 16 and boss.uid.isdigit()
