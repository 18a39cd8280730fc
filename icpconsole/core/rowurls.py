"""URLs for every row of a list page, at the cost of one ``reverse()`` per route and page.

A page of 20 instances with five actions each called ``reverse()`` (through ``{% url %}``) 100
times, about 15% of the instances page's time. ``row_url`` reverses a route once with a
placeholder id and returns a function that puts each row's id in its place: the same URLs, since
ids are matched by the ``resource_id`` converter (ASCII letters, digits and hyphens: nothing to
quote)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

_PLACEHOLDER = "0ROWID0"


def row_url(viewname: str) -> Callable[[str], str]:
    head, tail = reverse(viewname, args=[_PLACEHOLDER]).split(_PLACEHOLDER)
    return lambda resource_id: f"{head}{resource_id}{tail}"
