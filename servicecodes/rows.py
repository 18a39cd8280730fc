"""ICP No. Application's rows, one dict of ready values each (``icpconsole.core.rowvalues``).

The Apply link with its confirmation texts (a ``{% blocktranslate %}`` and three labels per row),
the status badge, the codes cell and the reasons an instance does not qualify (with their
remedies; also on the apply page) are built here, with the labels translated once per page. Same
HTML as the templates rendered before (docs/performance.md).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from icpconsole.core.rowurls import row_url
from icpconsole.core.rowvalues import csrf_input, expires_cell, with_id
from instances.catalog import QUOTA_SCOPE_ACCOUNT
from instances.forms import localized_name
from instances.models import ChargeType, InstanceStatus
from instances.selectors import instances_named_for_profile

_LOGIN_AS_PURCHASER = (
    '<form method="post" action="{}" class="inline-form">\n        {}\n'
    '        <input type="hidden" name="next" value="{}?next={}">\n'
    '        <button type="submit" class="link-button remedy" data-remedy-action="login_as_purchaser">'
    '{}</button>\n'
    '      </form>')
_START = ('<a class="remedy" href="{}" data-remedy-action="start"\n'
          '         data-confirm data-confirm-title="{}"\n'
          '         data-confirm-message="{}"\n         data-confirm-ok="{}">{}</a>')
_TEXT = '<span class="remedy remedy-text" data-remedy-action="{}">{}</span>'
_LINK = '<a class="remedy" href="{}" data-remedy-action="{}">{}</a>'
_ITEM = '\n  <li data-reason-code="{}">\n    <span class="reason-message">{}</span>\n    {}\n  </li>'
_APPLY = ('<a class="btn btn-primary btn-sm" href="{}" data-apply\n             data-confirm '
          'data-confirm-title="{}"\n             data-confirm-message="{}"\n'
          '             data-confirm-ok="{}">{}</a>')


class _Page:
    """What every row of the page shares: labels in the active language and the Apply route."""

    def __init__(self):
        self.apply_url = row_url("servicecodes:apply")
        self.apply_title = gettext("Apply for a service code")
        self.ok, self.apply = gettext("OK"), gettext("Apply")
        self.confirm = gettext("Apply for an ICP filing service code for instance %(id)s? Codes used so far: "
                               "%(used)s of %(quota)s. A code is never released or reused.")
        self.per_account = format_html(' <span class="muted small">({})</span>', gettext("per account"))
        self.charge_labels = dict(ChargeType.choices)
        self.status_labels = {s.value: str(s.label) for s in InstanceStatus}

    def apply_link(self, iid: str, used: str, quota: str):
        message = mark_safe(self.confirm % {  # noqa: S308 - every value is escaped
            "id": conditional_escape(iid), "used": used, "quota": quota})
        return format_html(_APPLY, self.apply_url(iid), self.apply_title, message, self.ok, self.apply)

    def badge(self, status: str):
        if status == InstanceStatus.RUNNING:
            return ""
        return format_html('<br><span class="badge badge-{}">{}</span>', status.lower(),
                           self.status_labels[status])


class _Reasons:
    """The remedies' fixed parts, read once per page."""

    def __init__(self, request, *, read_only: bool):
        self.read_only = read_only
        self.request = request
        self.start_title, self.start = gettext("Start instance"), gettext("Start")
        self.start_message = gettext("Start instance %(id)s?")

    def remedy(self, item: dict, iid: str):
        action, text = item["action"], item["reason"].remedy
        if action == "login_as_purchaser":
            return format_html(_LOGIN_AS_PURCHASER, reverse("accounts:logout"), csrf_input(self.request),
                               reverse("accounts:login"), reverse("servicecodes:application"), text)
        if self.read_only or not item["url"]:
            return format_html(_TEXT, action, text)
        if action == "start":
            return format_html(_START, item["url"], self.start_title, with_id(self.start_message, iid),
                               self.start, text)
        return format_html(_LINK, item["url"], action, text)

    def html(self, remedies: list[dict], iid: str):
        items = format_html_join("", _ITEM, ((i["reason"].code, i["reason"].message, self.remedy(i, iid))
                                             for i in remedies))
        return format_html('<ul class="reasons">{}\n</ul>', items)


def reasons_html(request, remedies: list[dict], iid: str, *, read_only: bool):
    """Why an instance does not qualify, each reason with its remedy (SPEC 3.5)."""
    return _Reasons(request, read_only=read_only).html(remedies, iid)


def application_rows(request, instances, now, *, read_only: bool) -> list[dict]:
    """One dict per instance (after ``with_eligibility`` and ``_with_remedies``)."""
    page = _Page()
    reasons = _Reasons(request, read_only=read_only)
    rows = []
    for instance in instances_named_for_profile(instances):
        iid = instance.instance_id
        used, quota = str(instance.codes_issued), str(instance.quota)
        can_apply = instance.eligibility.can_apply
        rows.append({
            "instance_id": iid, "name": instance.name, "product": localized_name(instance.product),
            "region": localized_name(instance.region),
            "charge": page.charge_labels.get(instance.charge_type, instance.charge_type),
            "badge": page.badge(instance.status_at(now)),
            "expires": expires_cell(instance.expired_time), "ip": instance.public_ip_address or "-",
            "used": used, "quota": quota,
            "per_account": page.per_account if instance.product.quota_scope == QUOTA_SCOPE_ACCOUNT else "",
            "can_apply": "true" if can_apply else "false",
            "operation": (page.apply_link(iid, used, quota) if can_apply
                          else reasons.html(instance.remedies, iid)),
        })
    return rows
