"""Console forms for filings: they parse and type the input (a domain through ``filings.domains``,
a service code's shape); the services decide every rule and the views show their refusals.

The wizard's steps are in ``filings.wizard_forms`` and the shared fields in ``filings.form_fields``;
both are re-exported here, so ``forms.X`` names every console filing form. The change applications'
own forms are ``filings.change_forms``, the SMS codes of two leaders ``filings.sms_forms``."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import refusals
from .form_fields import (  # noqa: F401  (re-exported: the views say forms.X)
    DomainField,
    PasswordField,
    app_content_category_choices,
    clean_domain_value,
    content_category_choices,
    province_choices,
)
from .services import inputs, order_input
from .wizard_forms import (  # noqa: F401  (re-exported: the views say forms.X)
    APP_TEXT_FIELDS,
    METHOD_CODE,
    METHOD_INSTANCE,
    SERVICE_CODE_RE,
    AppDetectForm,
    AppForm,
    DomainForm,
    LeaderForm,
    ProductForm,
    SubjectForm,
    WebsiteForm,
)

# --- other ways in ---------------------------------------------------------------------------


class TransferInForm(ProductForm):
    """A filing made with another provider moves here: its number, its filing password, the domain,
    and the instance (or code) that will host it."""

    domain = DomainField()
    icp_number = forms.CharField(
        label=_("ICP number"),
        max_length=40,
        help_text=_("The subject's number (粤ICP备12345678号) or the website's (粤ICP备12345678号-1)."),
    )
    icp_password = PasswordField(help_text=_("The filing password MIIT issued for this number."))
    field_order = ["domain", "icp_number", "icp_password", "method", "instance_id", "service_code"]

    def clean_icp_number(self) -> str:
        return self.cleaned_data["icp_number"].strip()

    def order_input(self) -> inputs.TransferIn:
        data = self.cleaned_data
        return inputs.TransferIn(
            icp_number=data["icp_number"],
            icp_password=data["icp_password"],
            website={"domain": data["domain"], **self.website_proof()},
        )


class ClaimForm(forms.Form):
    """A HiChina filing from before June 2010, proved by the subject's certificate number."""

    domain = DomainField(required=False, help_text=_("The filed domain, or give the ICP number below."))
    icp_number = forms.CharField(label=_("Website ICP number"), max_length=40, required=False)
    certificate_number = forms.CharField(
        label=_("Certificate number"),
        max_length=64,
        help_text=_("The certificate number of the filing's subject, as registered with HiChina."),
    )

    def clean(self):
        data = super().clean()
        data["icp_number"] = (data.get("icp_number") or "").strip()
        if not data.get("domain") and not data["icp_number"] and "domain" not in self.errors:
            raise ValidationError(
                refusals.CLAIM_TARGET_REQUIRED.message, code=refusals.CLAIM_TARGET_REQUIRED.code
            )
        return data

    def order_input(self) -> inputs.Claim:
        data = self.cleaned_data
        return inputs.Claim(
            certificate_number=data["certificate_number"],
            domain=data["domain"],
            icp_number=data["icp_number"],
        )


# --- order actions ---------------------------------------------------------------------------


class SmsCodeForm(forms.Form):
    code = forms.RegexField(
        label=_("SMS verification code"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"invalid": _("The SMS code has 6 digits.")},
        help_text=_("The 6-digit code sent to the phone; valid for 24 hours."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "one-time-code"})

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()


# --- changes and cancellations (each with the filing password) -------------------------------


class ConfirmedPasswordForm(forms.Form):
    """A change or a cancellation: the filing password, and an explicit confirmation."""

    icp_password = PasswordField(help_text=_("Sent to the phone when the subject was first filed."))
    confirm = forms.BooleanField(label=_("I confirm this application."), required=True)
    field_order = ["icp_password", "confirm"]

    def __init__(self, *args, confirm_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if confirm_label:
            self.fields["confirm"].label = confirm_label

    def service_kwargs(self) -> dict:
        return {"icp_password": self.cleaned_data["icp_password"]}

    def order_input(self, order_type: str, **target) -> inputs.OrderInput:
        """The application as an order input: its type, what the page is for (``subject_id``,
        ``website_id`` or ``app_id``) and the form's fields."""
        return order_input({"type": order_type, **target, **self.service_kwargs()})


class SubjectChangeForm(ConfirmedPasswordForm):
    name = forms.CharField(label=_("Subject name"), max_length=200)
    field_order = ["name", "icp_password", "confirm"]

    def __init__(self, *args, subject, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = subject
        self.fields["name"].initial = subject.name

    def clean(self):
        data = super().clean()
        if data.get("name") is not None and data["name"].strip() == self.target.name:
            self.add_error("name", _("Change at least one field."))
        return data

    def service_kwargs(self) -> dict:
        return {
            **super().service_kwargs(),
            "subject_id": self.target.pk,
            "changes": {"name": self.cleaned_data["name"].strip()},
        }


class WebsiteChangeForm(ConfirmedPasswordForm):
    name = forms.CharField(label=_("Website name"), max_length=200, required=False)
    ecommerce = forms.BooleanField(
        label=_("E-commerce / online payments"),
        required=False,
        help_text=_("Needs the website's ICP commercial license (ICP证)."),
    )
    instance_id = forms.ChoiceField(
        label=_("Hosting instance"),
        required=False,
        help_text=_(
            "Rebind the website to another of your instances when its instance was released or has "
            "expired: a service code is applied for on it."
        ),
    )
    field_order = ["name", "ecommerce", "instance_id", "icp_password", "confirm"]

    def __init__(self, *args, website, instances=(), not_qualifying=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.target = website
        # Shown under the form with their reasons (SPEC 3.5), as the ICP No. Application page does.
        self.not_qualifying = list(not_qualifying)
        self.fields["name"].initial = website.name
        self.fields["ecommerce"].initial = website.ecommerce
        current = website.instance.instance_id if website.instance_id else "-"
        self.fields["instance_id"].choices = [
            ("", _("Keep the current instance (%(id)s)") % {"id": current}),
            *((i.instance_id, f"{i.instance_id} {i.name}".strip()) for i in instances),
        ]

    def changes(self) -> dict:
        data, changes = self.cleaned_data, {}
        if "name" in data and data["name"].strip() != self.target.name:
            changes["name"] = data["name"].strip()
        if "ecommerce" in data and data["ecommerce"] != self.target.ecommerce:
            changes["ecommerce"] = data["ecommerce"]
        if data.get("instance_id"):
            changes["instance_id"] = data["instance_id"]
        return changes

    def clean(self):
        data = super().clean()
        if not self.errors and not self.changes():
            raise ValidationError(refusals.NO_CHANGES.message, code=refusals.NO_CHANGES.code)
        return data

    def service_kwargs(self) -> dict:
        return {**super().service_kwargs(), "website_id": self.target.pk, "changes": self.changes()}


# --- the public query ------------------------------------------------------------------------


class RecordQueryForm(forms.Form):
    # No maxlength: the view checks the name with ``normalize_domain``, whose limit and message
    # are the rule's (see ``DomainField``).
    domain = forms.CharField(label=_("Domain"), help_text=_("e.g. www.example.cn"))


class ReviewDecisionForm(forms.Form):
    """The staff review workbench's decision (SPEC 3.10): approve, or reject with a catalogued
    reason, free text, or both. The service decides whether the order may be decided now."""

    APPROVE, REJECT = "approve", "reject"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (REJECT, _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason_code = forms.ChoiceField(label=_("Rejection reason"), required=False)
    reason = forms.CharField(
        label=_("Reason or note in your own words"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the applicant as typed. An approval may carry a note too."),
    )

    def __init__(self, *args, **kwargs):
        from .review_reasons import REJECTION_REASONS

        super().__init__(*args, **kwargs)
        self.fields["reason_code"].choices = [("", _("Choose a reason from the catalogue"))] + [
            (reason.code, reason.text) for reason in REJECTION_REASONS
        ]

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == self.REJECT and not data.get("reason_code") and not (data.get("reason") or "").strip():
            from .refusals import REJECTION_REASON_REQUIRED

            raise ValidationError(REJECTION_REASON_REQUIRED.text(), code=REJECTION_REASON_REQUIRED.code)
        if decision == self.APPROVE and data.get("reason_code"):
            self.add_error(
                "reason_code", _("A catalogued reason is for rejections; leave it empty to approve.")
            )
        return data


class AppRecordQueryForm(forms.Form):
    """The public query by app name (SPEC 3.11)."""

    app_name = forms.CharField(label=_("App name"), max_length=200, help_text=_("The app's exact name."))
