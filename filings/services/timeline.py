"""What time does to filings (SPEC 3.10): the sweeps that settle whatever fell due by the
simulated clock.

``settle(now=...)`` runs every registered sweep in order. It runs when staff move the clock
(``icpconsole.core.clock.clock_moved``, inside the clock's transaction) and from
``manage.py simulator settle``. Each sweep finds its due items, locks each one and checks it again
under the lock, so two settlements at once decide every item once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Sweep = Callable[..., int]

_SWEEPS: list[tuple[str, Sweep]] = []


def register_sweep(name: str, sweep: Sweep) -> None:
    """Add a sweep ``sweep(*, now, actor) -> int`` (how many items it settled). Registering a
    name twice replaces it (reloads in tests)."""
    for i, (existing, _sweep) in enumerate(_SWEEPS):
        if existing == name:
            _SWEEPS[i] = (name, sweep)
            return
    _SWEEPS.append((name, sweep))


def settle(*, now: dt.datetime, actor=None) -> dict[str, int]:
    """Run every sweep at ``now``; answer how many items each settled."""
    return {name: sweep(now=now, actor=actor) for name, sweep in _SWEEPS}


def on_clock_moved(sender, *, actor=None, now, **kwargs) -> None:
    settle(now=now, actor=actor)
