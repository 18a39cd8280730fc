"""Reads that span the domain apps: the console overview's counts."""

from __future__ import annotations

import datetime as dt

from instances.selectors import instances_visible_to
from servicecodes.selectors import code_status_counts


def overview_counts(user, now: dt.datetime) -> tuple[dict[str, int], dict[str, int]]:
    """(instances per status at ``now``, service codes per status) of the login's account."""
    return instances_visible_to(user).status_counts(now), code_status_counts(user)
