"""The one clock every rule reads (SPEC 3.8).

``now()`` is real time plus a stored offset, so every process (web workers, management
commands, tests) agrees. Nothing in the domain calls ``timezone.now()`` or SQL ``NOW()``
directly. Tests may freeze real time with time-machine; the offset still applies on top.

Within a request (``ClockPerRequestMiddleware``) the offset is read once, on first use, and kept
for the rest of the request: a filing's request reads the clock a dozen times. Whatever moves the
clock in the request (``clock_advance``, a world reset) drops the kept value (``forget_offset``).
Outside a request (commands, sweeps, tests calling services) every ``now()`` reads the row.
"""

from __future__ import annotations

import datetime as dt
from contextvars import ContextVar

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

MAX_ADVANCE_DAYS = 3650
MAX_ADVANCE_HOURS = MAX_ADVANCE_DAYS * 24

# Sent inside the clock's transaction, after the move, with ``actor`` and the new ``now``: the
# domain apps settle what fell due (``filings.services.timeline``). The clock row stays locked
# until they are done, so two staff moving the clock at once settle one after the other.
clock_moved = Signal()


# The request's kept offset: a dict (empty until the first read) while a request runs, else None.
_kept: ContextVar[dict | None] = ContextVar("clock_offset_kept", default=None)


def offset_seconds() -> int:
    kept = _kept.get()
    if kept is None:
        return _read_offset()
    if "offset" not in kept:
        kept["offset"] = _read_offset()
    return kept["offset"]


def forget_offset() -> None:
    """The clock moved: the next ``now()`` of this request reads the row again."""
    kept = _kept.get()
    if kept is not None:
        kept.clear()


class ClockPerRequestMiddleware:
    """Read the clock's offset at most once a request (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _kept.set({})
        try:
            return self.get_response(request)
        finally:
            _kept.reset(token)


def _read_offset() -> int:
    from .models import ClockState

    row = (
        ClockState.objects.filter(pk=ClockState.SINGLETON_ID).values_list("offset_seconds", flat=True).first()
    )
    return int(row or 0)


def now() -> dt.datetime:
    """The simulated current time (aware, UTC)."""
    return timezone.now() + dt.timedelta(seconds=offset_seconds())


def clock_advance(*, actor, days: int = 0, hours: int = 0):
    """Move the simulated clock forward by ``days`` (1..3650) and/or ``hours`` (1..87600): at
    least one of them, together at most 3650 days. It never moves backwards, so nothing that
    happened can end up in the future."""
    from . import refusals

    def whole(value, high):
        return not isinstance(value, bool) and isinstance(value, int) and 0 <= value <= high

    if not whole(hours, MAX_ADVANCE_HOURS):
        raise refusals.INVALID_ADVANCE_HOURS(field="advance_hours", max=MAX_ADVANCE_HOURS)
    total_hours = days * 24 + hours if whole(days, MAX_ADVANCE_DAYS) else -1
    if not 1 <= total_hours <= MAX_ADVANCE_HOURS:
        raise refusals.INVALID_ADVANCE_DAYS(field="advance_days", max=MAX_ADVANCE_DAYS)
    forget_offset()
    try:
        return _advance(actor, days, hours)
    finally:
        forget_offset()  # moved, or rolled back: read the row again


def _advance(actor, days: int, hours: int):
    from .audit import ClockAction, audit_record
    from .models import ClockState

    with transaction.atomic():
        state, _created = ClockState.objects.select_for_update().get_or_create(pk=ClockState.SINGLETON_ID)
        before = timezone.now() + dt.timedelta(seconds=state.offset_seconds)
        state.offset_seconds += days * 86400 + hours * 3600
        state.save(update_fields=["offset_seconds", "updated_time"])
        forget_offset()
        after = timezone.now() + dt.timedelta(seconds=state.offset_seconds)
        audit_record(
            actor=actor,
            account=None,
            action=ClockAction.ADVANCE,
            target=state,
            details={
                **({"days": days} if days else {}),
                **({"hours": hours} if hours else {}),
                "from": before.isoformat(),
                "to": after.isoformat(),
            },
            at=after,
        )
        clock_moved.send(sender=ClockState, actor=actor, now=after)
    return state
