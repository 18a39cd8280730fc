"""Filing API: the bodies that create or pre-check an order (SPEC 4.2), one serializer per type, read
into the type's frozen input (``create_input``). They check types and presence only; the values
(domain, province, codes, passwords) are the services' to judge, so every interface refuses a bad
one with the same code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from icpconsole.core.api.serializers import (
    StrictCharField,
    StrictIntegerField,
    enum_string_field,
)

from .. import refusals, services
from ..apps_rules import PLATFORMS as APP_PLATFORMS
from ..models import (
    OrderType,
    SubjectKind,
)
from ..precheck import (
    ALL_CONTENT_CATEGORIES,
    CONTENT_CATEGORIES,
)
from ..provinces import PROVINCES

# --- input -------------------------------------------------------------------------------------


class StrictBooleanField(serializers.BooleanField):
    """JSON ``true`` or ``false`` only (DRF's also takes "yes", 1, "0"...), as the schema says."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class LeaderInputSerializer(serializers.Serializer):
    """A leader (负责人): the person answerable for the subject or the website (SPEC 3.9)."""

    name = StrictCharField(max_length=254, required=False, allow_blank=True)
    certificate_number = StrictCharField(
        max_length=254, required=False, allow_blank=True, help_text="Resident ID number (GB 11643)."
    )
    mobile = StrictCharField(
        max_length=254, required=False, allow_blank=True, help_text="11 digits starting 13-19."
    )
    email = StrictCharField(max_length=254, required=False, allow_blank=True)


class SubjectInputSerializer(serializers.Serializer):
    kind = enum_string_field(SubjectKind.values, help_text="`enterprise` or `individual`.")
    name = StrictCharField(max_length=200, help_text="The entity's registered name.")
    certificate_number = StrictCharField(
        max_length=64, help_text="Business license number or ID card number."
    )
    province = enum_string_field(
        list(PROVINCES), help_text="Pinyin name of a mainland province, e.g. `zhejiang`."
    )
    leader = LeaderInputSerializer(required=False, help_text="The subject's leader (may be completed later).")
    address = StrictCharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="通信地址: province, city and street (SPEC 3.13); `SUBJECT_ADDRESS_INCOMPLETE` otherwise.",
    )


class WebsiteInputSerializer(serializers.Serializer):
    domain = StrictCharField(max_length=300, help_text="The bare domain, e.g. `www.example.cn`.")
    name = StrictCharField(max_length=200, required=False, allow_blank=True, help_text="Website name.")
    instance_id = StrictCharField(
        max_length=64,
        required=False,
        help_text="An instance of the caller's: the wizard applies for a service code for it (recommended).",
    )
    service_code = StrictCharField(
        max_length=64,
        required=False,
        help_text="A service code obtained beforehand, possibly by another account.",
    )
    ecommerce = StrictBooleanField(
        required=False,
        help_text="E-commerce/payments need a commercial license, so a new website cannot have it.",
    )
    content_category = enum_string_field(
        list(CONTENT_CATEGORIES),
        required=False,
        allow_blank=True,
        help_text="The website's content (SPEC 3.9).",
    )
    pre_approval_number = StrictCharField(
        max_length=64, required=False, allow_blank=True, help_text="Pre-approval document number (前置审批)."
    )
    leader = LeaderInputSerializer(required=False, help_text="The website's leader (may be completed later).")
    leader_is_subject_leader = StrictBooleanField(
        required=False, help_text="The website's leader is the subject's leader."
    )

    def validate_content_category(self, value):
        return _content_category(value)


class AppInputSerializer(serializers.Serializer):
    """An app (SPEC 3.11). The formats (reverse-DNS package name and bundle ID, 32-hex MD5 and
    40-hex SHA-1 signatures, what each platform needs) are the service's to judge
    (``filings.apps_rules``), so every interface refuses a bad one with the same code."""

    name = StrictCharField(
        max_length=200, allow_blank=True, help_text="The app's name, at most 30 characters."
    )
    platforms = serializers.ListField(
        child=enum_string_field(APP_PLATFORMS),
        help_text="`android`, `ios`, `harmonyos`: at least one, each at most once.",
    )
    package_name = StrictCharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="Android and HarmonyOS: reverse-DNS package (bundle) name, e.g. `cn.example.shop`.",
    )
    bundle_id = StrictCharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="iOS: the bundle ID, e.g. `cn.example.shop`.",
    )
    signature_md5 = StrictCharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="Android and HarmonyOS: MD5 fingerprint of the signing certificate, 32 hex digits.",
    )
    signature_sha1 = StrictCharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="iOS: SHA-1 fingerprint of the signing certificate, 40 hex digits.",
    )
    instance_id = StrictCharField(
        max_length=64,
        required=False,
        help_text="The caller's instance that hosts the back end: a service code is generated for it.",
    )
    service_code = StrictCharField(
        max_length=64, required=False, help_text="Or a service code obtained beforehand."
    )
    content_category = enum_string_field(
        list(ALL_CONTENT_CATEGORIES),
        required=False,
        allow_blank=True,
        help_text="The app's content (SPEC 3.11): an app's category; a website's is refused by the pre-check "
        "(`CONTENT_CATEGORY_NOT_FOR_APP`).",
    )
    pre_approval_number = StrictCharField(max_length=64, required=False, allow_blank=True)
    leader = LeaderInputSerializer(required=False, help_text="The app's leader (may be completed later).")
    leader_is_subject_leader = StrictBooleanField(
        required=False, help_text="The app's leader is the subject's."
    )

    def validate_content_category(self, value):
        return _content_category(value, ALL_CONTENT_CATEGORIES)


def _type_field(value: str) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=[value], help_text=f"`{value}`.")


class FirstFilingCreateSerializer(serializers.Serializer):
    type = _type_field(OrderType.FIRST_FILING)
    subject = SubjectInputSerializer()
    website = WebsiteInputSerializer(required=False, help_text="The website to file, or")
    app = AppInputSerializer(required=False, help_text="the app to file (SPEC 3.11): exactly one of the two.")

    def validate(self, attrs):
        if ("website" in attrs) == ("app" in attrs):
            raise serializers.ValidationError({"website": [str(refusals.WEBSITE_OR_APP_REQUIRED.message)]})
        return attrs


class FiledSubjectInputSerializer(serializers.Serializer):
    """A subject filed with another provider, named by its certificate number (SPEC 3.13)."""

    certificate_number = StrictCharField(
        max_length=64,
        required=False,
        help_text="The number the MIIT registry knows the subject by (an account without a subject).",
    )
    leader = LeaderInputSerializer(
        required=False, help_text="The subject's leader as this order files it (may be completed later)."
    )


_FILED_SUBJECT_HELP = (
    "For an account without a subject here: the subject filed with another provider to add to "
    "(`POST /api/v1/filings/detect/` finds it). It keeps its number; the new item gets its next `-N`. "
    "For an account with a filed subject, only `leader` counts: the subject's leader as this order files it."
)


class AddAppCreateSerializer(serializers.Serializer):
    type = _type_field(OrderType.ADD_APP)
    app = AppInputSerializer()
    subject = FiledSubjectInputSerializer(required=False, help_text=_FILED_SUBJECT_HELP)


class CancelAppCreateSerializer(serializers.Serializer):
    type = _type_field(OrderType.CANCEL_APP)
    app_id = StrictIntegerField()
    icp_password = StrictCharField(max_length=128)


class AddWebsiteCreateSerializer(serializers.Serializer):
    type = _type_field(OrderType.ADD_WEBSITE)
    website = WebsiteInputSerializer()
    subject = FiledSubjectInputSerializer(required=False, help_text=_FILED_SUBJECT_HELP)


class TransferInCreateSerializer(serializers.Serializer):
    type = _type_field(OrderType.TRANSFER_IN)
    icp_number = StrictCharField(max_length=40, help_text="The filing's ICP number (subject's or website's).")
    icp_password = StrictCharField(max_length=128, help_text="The filing password from MIIT.")
    website = WebsiteInputSerializer(
        help_text="The filed domain to move here, and its service code or instance."
    )


class ClaimCreateSerializer(serializers.Serializer):
    type = _type_field(OrderType.CLAIM)
    domain = StrictCharField(max_length=300, required=False, help_text="The HiChina-filed domain.")
    icp_number = StrictCharField(max_length=40, required=False, help_text="Or its website ICP number.")
    certificate_number = StrictCharField(max_length=64, help_text="The filing subject's certificate number.")


class ChangesInputSerializer(serializers.Serializer):
    name = StrictCharField(max_length=200, required=False, help_text="New subject or website name.")
    ecommerce = StrictBooleanField(required=False, help_text="Website only; needs a commercial license.")
    instance_id = StrictCharField(
        max_length=32,
        required=False,
        help_text="Website only: rebind it to another instance of yours (a service code is applied for; "
        "SPEC 3.10). On approval the new code is `used` and the old one `deleted`.",
    )
    service_code = StrictCharField(
        max_length=64,
        required=False,
        help_text="Website only: or rebind it with an unused code of your instance.",
    )
    address = StrictCharField(max_length=300, required=False, help_text="Subject only: the new address.")
    leader = LeaderInputSerializer(
        required=False,
        help_text="The subject's, website's or app's new leader. Another person needs the ID card "
        "documents and the authenticity verification before the order is submitted.",
    )
    contacts = serializers.DictField(
        child=StrictCharField(max_length=254),
        required=False,
        help_text="Subject only: the leader's new `mobile` and/or `email` (the same person).",
    )
    content_category = StrictCharField(max_length=16, required=False, help_text="Website or app only.")
    pre_approval_number = StrictCharField(
        max_length=64, required=False, allow_blank=True, help_text="Website or app only."
    )

    def to_internal_value(self, data):
        typed = super().to_internal_value(data)
        # The service decides what may be changed and that something is (CHANGE_FIELD_INVALID,
        # NO_CHANGES): other keys go on to it untyped.
        typed.update({key: value for key, value in data.items() if key not in self.fields})
        return typed


class ChangeCreateSerializer(serializers.Serializer):
    type = _type_field(OrderType.CHANGE)
    subject_id = StrictIntegerField(required=False, help_text="The subject to change, or")
    website_id = StrictIntegerField(required=False, help_text="the website to change, or")
    app_id = StrictIntegerField(required=False, help_text="the app to change.")
    icp_password = StrictCharField(max_length=128)
    changes = ChangesInputSerializer()


class CancelSubjectCreateSerializer(serializers.Serializer):
    type = _type_field(OrderType.CANCEL_SUBJECT)
    subject_id = StrictIntegerField()
    icp_password = StrictCharField(max_length=128)


class CancelWebsiteCreateSerializer(serializers.Serializer):
    type = _type_field(OrderType.CANCEL_WEBSITE)
    website_id = StrictIntegerField()
    icp_password = StrictCharField(max_length=128)


class CancelAccessCreateSerializer(serializers.Serializer):
    type = _type_field(OrderType.CANCEL_ACCESS)
    website_id = StrictIntegerField()
    icp_password = StrictCharField(max_length=128)


CREATE_SERIALIZERS: dict[str, type[serializers.Serializer]] = {
    OrderType.FIRST_FILING: FirstFilingCreateSerializer,
    OrderType.ADD_WEBSITE: AddWebsiteCreateSerializer,
    OrderType.TRANSFER_IN: TransferInCreateSerializer,
    OrderType.CLAIM: ClaimCreateSerializer,
    OrderType.CHANGE: ChangeCreateSerializer,
    OrderType.CANCEL_SUBJECT: CancelSubjectCreateSerializer,
    OrderType.CANCEL_WEBSITE: CancelWebsiteCreateSerializer,
    OrderType.CANCEL_ACCESS: CancelAccessCreateSerializer,
    OrderType.ADD_APP: AddAppCreateSerializer,
    OrderType.CANCEL_APP: CancelAppCreateSerializer,
}


def create_input(data: dict):
    """The order input (``filings.services.inputs``) a create or pre-check body describes, read by
    its type's serializer: a 400 naming the fields otherwise. ``type`` may be any JSON value: only
    a string can name a serializer (a list or an object is not hashable)."""
    order_type = data.get("type")
    klass = CREATE_SERIALIZERS.get(order_type) if isinstance(order_type, str) else None
    if klass is None:
        raise serializers.ValidationError(
            {"type": [_("One of: %(values)s.") % {"values": ", ".join(OrderType.values)}]}
        )
    serializer = klass(data=data)
    serializer.is_valid(raise_exception=True)
    return services.order_input(serializer.validated_data)


def _content_category(value, categories=CONTENT_CATEGORIES):
    if value and value not in categories:
        raise serializers.ValidationError(_("One of: %(values)s.") % {"values": ", ".join(categories)})
    return value
