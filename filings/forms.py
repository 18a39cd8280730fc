"""Console forms for filings: they parse and type the input (a domain through ``filings.domains``,
a service code's shape); the services decide every rule and the views show their refusals."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from icpconsole.core.errors import InvalidInput

from . import refusals
from .apps_rules import PLATFORM_LABELS
from .domains import normalize_main_domain
from .models import MAX_DOMAIN_LENGTH, SubjectKind
from .provinces import PROVINCES

SERVICE_CODE_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
METHOD_INSTANCE = "instance"
METHOD_CODE = "code"


def province_choices() -> list[tuple[str, str]]:
    chinese = (get_language() or "").startswith("zh")
    return [("", _("Select a province"))] + [
        (p.pinyin, f"{p.name_zh if chinese else p.name} ({p.abbreviation})") for p in PROVINCES.values()
    ]


def clean_domain_value(value: str, *, required: bool = True) -> str:
    if not value and not required:
        return ""
    try:
        # SPEC 3.9: a website is filed, and looked up, under its main domain.
        return normalize_main_domain(value)[0]
    except InvalidInput as exc:
        raise ValidationError(exc.message, code=exc.code) from None


class DomainField(forms.CharField):
    """A domain as a filing takes it (lowercase, IDNA), through ``filings.domains``.

    Its limit is the rule's: ``normalize_domain`` counts the name as it is filed (IDNA, without
    a trailing dot) against ``MAX_DOMAIN_LENGTH`` and says so. No ``maxlength`` of its own: a
    browser cuts a longer entry silently, and the error then described text that was never sent
    (a 260-character name cut before its dot was refused for having no dot)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Domain"))
        kwargs.setdefault(
            "help_text",
            format_lazy(
                _("The bare domain, e.g. www.example.cn (no http:// and no path), at most {max} characters."),
                max=MAX_DOMAIN_LENGTH,
            ),
        )
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocapitalize": "none", "spellcheck": "false", "autocomplete": "off"})

    def clean(self, value):
        return clean_domain_value(super().clean(value), required=self.required)


class PasswordField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("ICP filing password"))
        kwargs.setdefault("max_length", 128)
        kwargs.setdefault("strip", False)
        kwargs.setdefault("widget", forms.PasswordInput(attrs={"autocomplete": "off"}))
        super().__init__(**kwargs)


# --- the wizard ------------------------------------------------------------------------------


class DomainForm(forms.Form):
    """Step 1 (SPEC 3.13): who files (the certificate) and the domain to file; the console works
    out the filing type from both."""

    certificate_type = forms.ChoiceField(
        label=_("Certificate type"),
        choices=[
            ("", _("Work it out from the number")),
            (SubjectKind.ENTERPRISE, _("Unified social credit code (enterprise)")),
            (SubjectKind.INDIVIDUAL, _("Resident ID card (individual)")),
        ],
        required=False,
    )
    certificate_number = forms.CharField(
        label=_("Certificate number"),
        max_length=64,
        help_text=_("The subject's unified social credit code, or the individual's ID card number."),
    )
    domain = DomainField()


class AppDetectForm(forms.Form):
    """Step 1 of an app filing (SPEC 3.13): who files (the certificate) and the app's name; the
    console works out whether it is a first filing or an app added to a filed subject."""

    certificate_type = DomainForm.base_fields["certificate_type"]
    certificate_number = DomainForm.base_fields["certificate_number"]
    app_name = forms.CharField(
        label=_("App name"),
        max_length=200,
        help_text=_("The app's name as the app stores show it."),
    )


class ProductForm(forms.Form):
    """Step 2 (and the transfer-in form): prove the website is hosted here, either with one of the
    account's instances (recommended: a code is generated and bound for it when the order is
    created) or with a service code obtained beforehand, possibly by another account.

    ``instances`` are the account's instances with their ``eligibility`` attached; the template
    renders them (ineligible ones disabled, with their reasons)."""

    method = forms.ChoiceField(
        label=_("Product verification"),
        choices=[
            (
                METHOD_INSTANCE,
                _("Use one of my instances (recommended: a service code is generated and bound)"),
            ),
            (METHOD_CODE, _("Enter a service code obtained beforehand")),
        ],
        initial=METHOD_INSTANCE,
        widget=forms.RadioSelect(attrs={"data-product-method": ""}),
    )
    instance_id = forms.CharField(label=_("Instance"), required=False, max_length=64)
    service_code = forms.CharField(
        label=_("Service code"),
        required=False,
        max_length=36,
        help_text=_("36 characters, like 32a43232-a888-88e8-b9ec-00888be8888f."),
    )

    def __init__(self, *args, instances=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.instances = list(instances)
        if not self.is_bound and not self.initial.get("instance_id"):
            eligible = next((i for i in self.instances if i.eligibility.can_apply), None)
            if eligible is not None:
                self.initial["instance_id"] = eligible.instance_id
        self.fields["service_code"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def clean_service_code(self) -> str:
        return (self.cleaned_data.get("service_code") or "").strip().lower()

    def clean(self):
        data = super().clean()
        method = data.get("method")
        if method == METHOD_INSTANCE:
            data["service_code"] = ""
            chosen = data.get("instance_id") or ""
            instance = next((i for i in self.instances if i.instance_id == chosen), None)
            if not chosen:
                self.add_error("instance_id", _("Choose an instance."))
            elif instance is None:
                self.add_error("instance_id", _("Instance %(id)s is not one of yours.") % {"id": chosen})
            elif not instance.eligibility.can_apply:
                reasons = "; ".join(str(reason.message) for reason in instance.eligibility.reasons)
                self.add_error(
                    "instance_id",
                    _("Instance %(id)s cannot get a service code: %(reasons)s")
                    % {"id": chosen, "reasons": reasons},
                )
        elif method == METHOD_CODE:
            data["instance_id"] = ""
            code = data.get("service_code") or ""
            if not code:
                self.add_error("service_code", _("Enter the service code."))
            elif not SERVICE_CODE_RE.match(code):
                self.add_error(
                    "service_code",
                    _("A service code has 36 characters, like 32a43232-a888-88e8-b9ec-00888be8888f."),
                )
        return data

    def website_proof(self) -> dict:
        """The ``instance_id`` or ``service_code`` entry of a website, as the services take it."""
        data = self.cleaned_data
        if data["method"] == METHOD_INSTANCE:
            return {"instance_id": data["instance_id"]}
        return {"service_code": data["service_code"]}


class SubjectForm(forms.Form):
    """Step 3 of a first filing: the entity that files."""

    kind = forms.ChoiceField(
        label=_("Subject type"),
        choices=SubjectKind.choices,
        widget=forms.RadioSelect,
        initial=SubjectKind.ENTERPRISE,
    )
    name = forms.CharField(
        label=_("Subject name"),
        max_length=200,
        help_text=_("The enterprise's registered name, or the individual's name."),
    )
    certificate_number = forms.CharField(
        label=_("Certificate number"),
        max_length=64,
        help_text=_("Unified social credit code for an enterprise, ID card number for an individual."),
    )
    province = forms.ChoiceField(
        label=_("Province"),
        choices=province_choices,
        help_text=_("Where the subject is registered; its ICP number is issued there."),
    )
    address = forms.CharField(
        label=_("Address (通信地址)"),
        max_length=300,
        help_text=_(
            "Province, city, district and street with the number, e.g. 浙江省杭州市西湖区文三路90号."
        ),
    )


class LeaderForm(forms.Form):
    """A leader (负责人): the subject's, or the website's when it is another person (SPEC 3.9)."""

    name = forms.CharField(label=_("Leader name"), max_length=50, required=False)
    certificate_number = forms.CharField(
        label=_("Leader ID number"), max_length=64, required=False, help_text=_("Resident ID number.")
    )
    mobile = forms.CharField(
        label=_("Leader mobile"),
        max_length=20,
        required=False,
        help_text=_("11 digits; the SMS verification code is sent to the website leader's mobile."),
    )
    email = forms.CharField(label=_("Leader e-mail"), max_length=254, required=False)

    def __init__(self, *args, is_app: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if is_app:  # an app filing's SMS goes to the app's leader (issue 28)
            self.fields["mobile"].help_text = _(
                "11 digits; the SMS verification code is sent to the app leader's mobile."
            )

    def leader(self) -> dict:
        return {key: (self.cleaned_data.get(key) or "").strip() for key in self.fields}


def content_category_choices() -> list[tuple[str, str]]:
    from .precheck import CONTENT_CATEGORIES

    return [("", _("Select a content category"))] + [
        (key, label) for key, label in CONTENT_CATEGORIES.items()
    ]


def app_content_category_choices() -> list[tuple[str, str]]:
    """An app's content categories (SPEC 3.11), not a website's."""
    from .precheck import APP_CONTENT_CATEGORIES

    return [("", _("Select a content category"))] + list(APP_CONTENT_CATEGORIES.items())


class WebsiteForm(forms.Form):
    """Step 3: the website's own details (the domain comes from step 1)."""

    name = forms.CharField(
        label=_("Website name"),
        max_length=200,
        required=False,
        help_text=_(
            "3 to 30 characters, not only digits or Latin letters, not a domain; only ( ) - as symbols."
        ),
    )
    content_category = forms.ChoiceField(
        label=_("Content category"), choices=content_category_choices, required=False
    )
    pre_approval_number = forms.CharField(
        label=_("Pre-approval number"),
        max_length=64,
        required=False,
        help_text=_("News, publishing, education, medical, drugs, culture and radio/TV need one (前置审批)."),
    )
    leader_is_subject_leader = forms.BooleanField(
        label=_("The website's leader is the subject's leader"), required=False, initial=True
    )


APP_TEXT_FIELDS = ("package_name", "bundle_id", "signature_md5", "signature_sha1", "pre_approval_number")


class AppForm(forms.Form):
    """Step 3 of an app filing (SPEC 3.11): the app's name, platforms and identifiers. The formats
    are ``filings.apps_rules``' to judge (through the pre-check), so the console and the API
    refuse a bad one with the same code."""

    name = forms.CharField(
        label=_("App name"), max_length=30, help_text=_("As in the app stores, at most 30 characters.")
    )
    platforms = forms.MultipleChoiceField(
        label=_("Platforms"),
        choices=list(PLATFORM_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    package_name = forms.CharField(
        label=_("Package name"),
        max_length=255,
        required=False,
        help_text=_("Android and HarmonyOS: reverse-DNS, e.g. cn.example.shop."),
    )
    bundle_id = forms.CharField(
        label=_("Bundle ID"), max_length=155, required=False, help_text=_("iOS: e.g. cn.example.shop.")
    )
    signature_md5 = forms.CharField(
        label=_("Signature MD5"),
        max_length=64,
        required=False,
        help_text=_("Android and HarmonyOS: the signing certificate's MD5 fingerprint, 32 hex digits."),
    )
    signature_sha1 = forms.CharField(
        label=_("Signature SHA-1"),
        max_length=80,
        required=False,
        help_text=_("iOS: the signing certificate's SHA-1 fingerprint, 40 hex digits."),
    )
    content_category = forms.ChoiceField(
        label=_("Content category"), choices=app_content_category_choices, required=False
    )
    pre_approval_number = forms.CharField(
        label=_("Pre-approval number"),
        max_length=64,
        required=False,
        help_text=_("News, publishing, education, medical, drugs, culture and radio/TV need one (前置审批)."),
    )
    leader_is_subject_leader = forms.BooleanField(
        label=_("The app's leader is the subject's leader"), required=False, initial=True
    )

    def app(self) -> dict:
        """The app as the services take it."""
        data = self.cleaned_data
        return {
            "name": data["name"].strip(),
            "platforms": list(data["platforms"]),
            **{key: data[key].strip() for key in APP_TEXT_FIELDS},
            "content_category": data["content_category"],
            "leader_is_subject_leader": data["leader_is_subject_leader"],
        }


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
