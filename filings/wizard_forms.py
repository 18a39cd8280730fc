"""The filing wizard's forms (SPEC 3.7, 3.13): step 1 (the certificate and the domain, or the
app's name), step 2 (the instance or the service code that proves the hosting) and step 3 (the
subject, its leader, the website or the app). They parse and type the input; the services decide
every rule."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .apps_rules import PLATFORM_LABELS
from .form_fields import DomainField, app_content_category_choices, content_category_choices, province_choices
from .models import SubjectKind

SERVICE_CODE_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
METHOD_INSTANCE = "instance"
METHOD_CODE = "code"


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
