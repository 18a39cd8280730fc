"""Reads that span the domain apps: the console overview's counts."""

from __future__ import annotations

import datetime as dt

from filings.selectors import website_attention_counts
from instances.selectors import instances_visible_to
from servicecodes.selectors import code_status_counts


def overview_counts(user, now: dt.datetime) -> tuple[dict[str, int], dict[str, int]]:
    """(instances per status at ``now``, service codes per status) of the login's account."""
    return instances_visible_to(user).status_counts(now), code_status_counts(user)


def website_attention(user, now: dt.datetime) -> dict[str, int]:
    """The account's websites at risk and with a public security filing due (SPEC 3.10)."""
    return website_attention_counts(user, now)
