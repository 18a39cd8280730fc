"""Path and query parameters that reach a database lookup as text.

PostgreSQL text cannot hold a NUL character: a lookup with one fails with ``DataError`` (a 500),
where SQLite simply finds nothing. DRF's ``CharField`` refuses NUL in request bodies; these
helpers do the same for the URL, so every interface answers the same on both databases.
"""

from __future__ import annotations

from rest_framework import serializers

# A route's text id: one path segment without NUL; anything else does not match the route, so it
# is the API's JSON 404 (``icpconsole.core.api.views.api_not_found``).
PATH_SEGMENT = r"[^/\x00]+"


def query_text(request, name: str) -> str | None:
    """The query parameter ``name`` as text (``None`` when absent), checked as a body string is:
    NUL is a 400 ``VALIDATION_ERROR`` naming the parameter."""
    value = request.query_params.get(name)
    if value is None:
        return None
    try:
        return serializers.CharField(allow_blank=True, trim_whitespace=False).run_validation(value)
    except serializers.ValidationError as exc:
        raise serializers.ValidationError({name: exc.detail}) from None
