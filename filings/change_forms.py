"""The console's change applications (SPEC 3.13): the subject (name, address, leader and its
contacts), a website (name, leader, content category, pre-approval, e-commerce, instance) and an
app (leader, content category, pre-approval). Each form offers the values on file and sends only
what changed; the services check it (``filings.services.changes``)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import forms as console_forms
from . import refusals
from .forms import ConfirmedPasswordForm, content_category_choices
from .precheck import Leader

LEADER_KEYS = ("name", "certificate_number", "mobile", "email")


class LeaderFieldsMixin:
    """The leader's four fields (``leader_name``, ...), prefilled with the leader on file; a new
    person is a ``leader`` change, the same person with another mobile or e-mail ``contacts``
    (``contacts_key``: the subject's) or a ``leader`` change (a website's, an app's)."""

    contacts_key = ""

    def add_leader_fields(self, leader: dict) -> None:
        labels = {
            "name": _("Leader name"),
            "certificate_number": _("Leader ID number"),
            "mobile": _("Leader mobile"),
            "email": _("Leader e-mail"),
        }
        for key in LEADER_KEYS:
            self.fields[f"leader_{key}"] = forms.CharField(
                label=labels[key], max_length=254 if key == "email" else 64, required=False
            )
            self.fields[f"leader_{key}"].initial = (leader or {}).get(key, "")
        self.current_leader = Leader.from_dict(leader) or Leader()

    def leader_changes(self) -> dict:
        given = {key: (self.cleaned_data.get(f"leader_{key}") or "").strip() for key in LEADER_KEYS}
        if given == self.current_leader.as_dict() or not any(given.values()):
            return {}
        same_person = (given["name"], given["certificate_number"].upper()) == (
            self.current_leader.name,
            self.current_leader.certificate_number.upper(),
        )
        if same_person and self.contacts_key:
            contacts = {
                k: given[k] for k in ("mobile", "email") if given[k] != getattr(self.current_leader, k)
            }
            return {"contacts": contacts} if contacts else {}
        return {"leader": given}


class AddressForm(forms.Form):
    """A subject filed with its order corrects its address on the order's Modify page."""

    address = forms.CharField(
        label=_("Address (通信地址)"),
        max_length=300,
        required=False,
        help_text=_("Province, city, district and street with the number."),
    )


def _no_changes_check(form) -> None:
    if not form.errors and not form.changes():
        raise ValidationError(refusals.NO_CHANGES.message, code=refusals.NO_CHANGES.code)


class SubjectChangeForm(LeaderFieldsMixin, ConfirmedPasswordForm):
    name = forms.CharField(label=_("Subject name"), max_length=200)
    address = forms.CharField(
        label=_("Address (通信地址)"),
        max_length=300,
        required=False,
        help_text=_("Province, city, district and street with the number."),
    )
    contacts_key = "contacts"

    def __init__(self, *args, subject, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = subject
        self.fields["name"].initial = subject.name
        self.fields["name"].help_text = _(
            "A new name needs the proof of the name change, uploaded on the order's page."
        )
        self.fields["address"].initial = subject.address
        self.add_leader_fields(subject.leader)
        self.order_fields(
            ["name", "address", *(f"leader_{k}" for k in LEADER_KEYS), "icp_password", "confirm"]
        )

    def changes(self) -> dict:
        data, changes = self.cleaned_data, {}
        if (data.get("name") or "").strip() not in ("", self.target.name):
            changes["name"] = data["name"].strip()
        if (data.get("address") or "").strip() not in ("", self.target.address):
            changes["address"] = data["address"].strip()
        return {**changes, **self.leader_changes()}

    def clean(self):
        data = super().clean()
        _no_changes_check(self)
        return data

    def service_kwargs(self) -> dict:
        return {**super().service_kwargs(), "subject_id": self.target.pk, "changes": self.changes()}


class ContentChangeMixin(LeaderFieldsMixin):
    """A website's or an app's content category, pre-approval number and leader."""

    def add_content_fields(self, target) -> None:
        choices = console_forms.app_content_category_choices if target.is_app else content_category_choices
        self.fields["content_category"] = forms.ChoiceField(
            label=_("Content category"), choices=choices, required=False
        )
        self.fields["content_category"].initial = target.content_category
        self.fields["pre_approval_number"] = forms.CharField(
            label=_("Pre-approval number"),
            max_length=64,
            required=False,
            help_text=_("News, publishing, education, medical, drugs, culture, radio and TV need one."),
        )
        self.fields["pre_approval_number"].initial = target.pre_approval_number
        self.add_leader_fields(target.leader)

    def content_changes(self) -> dict:
        data, changes = self.cleaned_data, {}
        for key in ("content_category", "pre_approval_number"):
            value = (data.get(key) or "").strip()
            if value != getattr(self.target, key) and (value or key == "pre_approval_number"):
                changes[key] = value
        return {**changes, **self.leader_changes()}


class AppChangeForm(ContentChangeMixin, ConfirmedPasswordForm):
    def __init__(self, *args, website, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = website
        self.add_content_fields(website)
        self.order_fields(
            ["content_category", "pre_approval_number", *(f"leader_{k}" for k in LEADER_KEYS), "icp_password"]
        )

    def changes(self) -> dict:
        return self.content_changes()

    def clean(self):
        data = super().clean()
        _no_changes_check(self)
        return data

    def service_kwargs(self) -> dict:
        return {**super().service_kwargs(), "app_id": self.target.pk, "changes": self.changes()}


class WebsiteChangeForm(ContentChangeMixin, console_forms.WebsiteChangeForm):
    """The website's name, e-commerce flag and instance (``forms.WebsiteChangeForm``), and its
    content category, pre-approval number and leader. ``own_code``: the profile lets the change
    name the website's approved code (Tencent, SPEC 3.14; the view asks
    ``console_selectors.change_names_own_code``), so the form offers its box (``service_code``)."""

    def __init__(self, *args, website, own_code: bool = False, **kwargs):
        super().__init__(*args, website=website, **kwargs)
        self.add_content_fields(website)
        if own_code:
            self.fields["service_code"] = forms.CharField(
                label=_("ICP filing authorization code"),
                max_length=64,
                required=False,
                help_text=_(
                    "Optional. Tencent Cloud: a change of this website may name the authorization code it "
                    "was approved with. The code stays used and the website stays on its instance; the "
                    "code serves no other website."
                ),
            )
        self.order_fields(
            [
                "name",
                "content_category",
                "pre_approval_number",
                *(f"leader_{k}" for k in LEADER_KEYS),
                "ecommerce",
                "instance_id",
                "service_code",
                "icp_password",
            ]
        )

    def changes(self) -> dict:
        code = (self.cleaned_data.get("service_code") or "").strip()
        return {**super().changes(), **self.content_changes(), **({"service_code": code} if code else {})}
