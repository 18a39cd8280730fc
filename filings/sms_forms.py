"""The console's SMS code box (SPEC 3.12): one box, or one per leader when the subject leader and
the website leader are two people, each code entered on its own or both at once."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import SMS_SUBJECT_LEADER, SMS_WEBSITE_LEADER, FilingOrder

SMS_CODE_REGEX = r"^\s*\d{6}\s*$"
ROLE_LABELS = {
    SMS_SUBJECT_LEADER: _("Code sent to the subject leader"),
    SMS_WEBSITE_LEADER: _("Code sent to the website leader"),
}


def masked_mobile(mobile: object) -> str:
    text = str(mobile or "")
    return f"{text[:3]}****{text[-4:]}" if len(text) >= 8 else text


def _leader_of(order: FilingOrder, role: str) -> dict:
    if role == SMS_SUBJECT_LEADER:
        leader = order.subject_leader or order.subject.leader
    else:
        leader = order.website_leader
    return leader if isinstance(leader, dict) else {}


class LeaderSmsCodesForm(forms.Form):
    """A box for each leader whose code is awaited; fill one (the other may follow later) or both."""

    def __init__(self, *args, order: FilingOrder, **kwargs):
        super().__init__(*args, **kwargs)
        for role in order.sms_awaited:
            leader = _leader_of(order, role)
            field = forms.RegexField(
                label=ROLE_LABELS[role],
                regex=SMS_CODE_REGEX,
                max_length=12,
                required=False,
                error_messages={"invalid": _("The SMS code has 6 digits.")},
                help_text=gettext("%(name)s, mobile %(mobile)s")
                % {"name": leader.get("name", ""), "mobile": masked_mobile(leader.get("mobile"))},
            )
            field.widget.attrs.update({"inputmode": "numeric", "autocomplete": "one-time-code"})
            self.fields[role] = field

    def clean(self):
        data = super().clean()
        codes = {role: value.strip() for role, value in data.items() if value}
        if not self.errors and not codes:
            raise forms.ValidationError(gettext("Enter the code of at least one leader."))
        data["codes"] = codes
        return data
