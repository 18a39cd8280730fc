"""The instances page's rows, one dict of ready values each (``icpconsole.core.rowvalues``).

The action links and their confirmation texts were the costliest part of the page's template (six
``{% if %}`` and two ``{% blocktranslate %}`` per row); they are built here, with the labels
translated once per page, and the template prints them as one cell. Same HTML as before.
"""

from __future__ import annotations

from urllib.parse import quote

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from icpconsole.core.rowurls import row_url
from icpconsole.core.rowvalues import csrf_input, expires_cell, with_id

from .forms import localized_name
from .models import ChargeType, InstanceStatus
from .selectors import instances_named_for_profile

ROW_ACTIONS = ("renew", "convert", "bandwidth", "stop", "start", "release")


class _Page:
    """What every row of one page shares: the action routes, labels and the ``next`` parameters."""

    def __init__(self, request, *, read_only: bool):
        self.read_only = read_only
        list_url = request.get_full_path()
        self.next_query = "?next=" + quote(list_url)  # as the template's urlencode filter did
        self.list_url = list_url
        self.urls = {name: row_url(f"instances:{name}") for name in ROW_ACTIONS}
        self.csrf = csrf_input(request)
        self.labels = {
            "renew": gettext("Renew"), "convert": gettext("Switch to subscription"),
            "bandwidth": gettext("Change bandwidth"), "stop_title": gettext("Stop instance"),
            "stop": gettext("Stop"), "start": gettext("Start"),
            "release_title": gettext("Release instance"), "release": gettext("Release"),
        }
        self.stop_message = gettext("Stop instance %(id)s? A stopped instance cannot be used to apply "
                                    "for a service code.")
        self.release_message = gettext("Release instance %(id)s? It stops, loses its public IP and "
                                       "cannot be changed again. Its service codes stay on record and "
                                       "never free their quota.")
        self.no_ip = gettext("no public IP")
        self.charge_labels = dict(ChargeType.choices)
        self.status_labels = {s.value: str(s.label) for s in InstanceStatus}


def _link(page: _Page, action: str, iid: str) -> SafeString:
    href = page.urls[action](iid) + page.next_query
    label = page.labels[action]
    if action == "stop":
        return format_html(
            '<a href="{}" data-action="stop"\n               data-confirm data-confirm-title="{}"\n'
            '               data-confirm-message="{}"\n               data-confirm-ok="{}">{}</a>',
            href, page.labels["stop_title"], with_id(page.stop_message, iid), label, label)
    if action == "release":
        return format_html(
            '<a href="{}" class="danger-link" data-action="release"\n'
            '               data-confirm data-confirm-danger data-confirm-title="{}"\n'
            '               data-confirm-message="{}"\n               data-confirm-ok="{}">{}</a>',
            href, page.labels["release_title"], with_id(page.release_message, iid), label, label)
    if action == "start":
        return format_html(
            '<form method="post" action="{}" class="inline-form">{}<input type="hidden" name="next" '
            'value="{}"><button type="submit" class="link-button" data-action="start">{}</button></form>',
            page.urls["start"](iid), page.csrf, page.list_url, label)
    return format_html('<a href="{}" data-action="{}">{}</a>', href, action, label)


def actions_cell(page: _Page, actions: frozenset[str], iid: str) -> SafeString | str:
    """The row's action links, in the order the page always showed them; ``-`` when none applies."""
    if page.read_only or not actions:
        return "-"
    return mark_safe("".join(_link(page, a, iid) + "\n" for a in ROW_ACTIONS if a in actions))  # noqa: S308


def instance_rows(request, instances, now, *, read_only: bool) -> list[dict]:
    """One dict per instance of the page: every value the row shows, escaped where it is HTML."""
    page = _Page(request, read_only=read_only)
    rows = []
    for instance in instances_named_for_profile(instances):
        status = instance.status_at(now)
        iid = instance.instance_id
        rows.append({
            "id": iid, "name": instance.name, "status": status,
            "status_class": status.lower(), "status_label": page.status_labels[status],
            "product": localized_name(instance.product), "region": localized_name(instance.region),
            "region_id": instance.region_id,
            "charge": page.charge_labels.get(instance.charge_type, instance.charge_type),
            "expires": expires_cell(instance.expired_time),
            "bandwidth": str(instance.internet_max_bandwidth_out),
            "ip": instance.public_ip_address or page.no_ip,
            "actions": actions_cell(page, instance.available_actions(now), iid),
        })
    return rows

