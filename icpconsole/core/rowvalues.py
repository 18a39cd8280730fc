"""What a list page shows in every row, computed once per row in Python instead of in the template.

A Django template pays for every ``{{ variable }}`` of a row: the lookup (a failed ``row[name]``
before ``getattr``), localisation, escaping, and filters such as ``|date``. A page of 20 rows with
a dozen cells and confirmation links spent more than half of the instances page's time there
(docs/performance.md). The list pages now hand their templates one dict per row whose values are
plain strings, or cells already escaped here (``format_html``), so the row's template is a few
dictionary lookups; the HTML is the same.
"""

from __future__ import annotations

from django.middleware.csrf import get_token
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime


def expires_cell(value) -> SafeString | str:
    """``<time>`` with the expiry in the active time zone, as ``|date:'c'`` and ``|date:"Y-m-d H:i"``
    render it, or ``-`` when there is none (pay-as-you-go)."""
    if not value:
        return "-"
    local = template_localtime(value)
    return format_html('<time datetime="{}">{}</time>', local.isoformat(), local.strftime("%Y-%m-%d %H:%M"))


def with_id(message: str, resource_id: str) -> SafeString:
    """A translated message with ``%(id)s``, as ``{% blocktranslate with id=... %}`` renders it:
    the id escaped, the catalogue's text as it is."""
    return mark_safe(message % {"id": conditional_escape(resource_id)})  # noqa: S308 - id escaped


def csrf_input(request) -> SafeString:
    """What ``{% csrf_token %}`` renders, built once per page for the rows' inline forms."""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request))
