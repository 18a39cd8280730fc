"""Filing API shapes (SPEC 4.2). Input serializers check types and presence only; the values
(domain, province, codes, passwords, stages) are the services' to judge, so every interface
refuses a bad one with the same code."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from icpconsole.core import clock
from icpconsole.core.api.serializers import (
    StrictCharField,
    StrictIntegerField,
    StrictRegexField,
    enum_string_field,
)

from .. import refusals, rules, services
from ..apps_rules import PLATFORMS as APP_PLATFORMS
from ..models import (
    CameraOutcome,
    FilingOrder,
    MessageKind,
    OrderType,
    PhoneMessage,
    RegistryRecord,
    RegistryStatus,
    Stage,
    Subject,
    SubjectKind,
    SubjectStatus,
    VerificationStatus,
    Website,
    WebsiteStatus,
)
from ..precheck import (
    ALL_CONTENT_CATEGORIES,
    CONTENT_CATEGORIES,
    DOCUMENT_KINDS,
    REASON_ORDER,
    REMEDY_ACTIONS,
    UPLOAD_KINDS,
)
from ..provinces import PROVINCES
from ..review_reasons import check_remedy, check_text, returned_reasons
from ..selectors import website_hosting
from ..services.code_authorization import authorization_state

# --- input -------------------------------------------------------------------------------------


CHINA_TIME = ZoneInfo("Asia/Shanghai")


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


class DetectRequestSerializer(serializers.Serializer):
    certificate_type = enum_string_field(
        SubjectKind.values,
        required=False,
        allow_blank=True,
        help_text="`enterprise` (credit code) or `individual` (ID number); left out, read from the number.",
    )
    certificate_number = StrictCharField(
        max_length=64, help_text="The subject's unified social credit code or resident ID number."
    )
    domain = StrictCharField(
        max_length=300, required=False, allow_blank=True, help_text="The website's domain, or"
    )
    app_name = StrictCharField(max_length=200, required=False, allow_blank=True, help_text="the app's name.")


class DetectedSubjectSerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.CharField()
    icp_number = serializers.CharField()
    province = serializers.CharField()
    provider = serializers.CharField(
        help_text="Who serves the subject's filings; empty for the caller's own here."
    )


class DetectResultSerializer(serializers.Serializer):
    type = serializers.ChoiceField(
        choices=[
            OrderType.FIRST_FILING,
            OrderType.ADD_WEBSITE,
            OrderType.ADD_APP,
            OrderType.TRANSFER_IN,
            OrderType.CLAIM,
        ]
    )
    explanation = serializers.CharField(help_text="Why, in the reader's language.")
    certificate_kind = serializers.ChoiceField(choices=["enterprise", "individual"])
    subject = DetectedSubjectSerializer(allow_null=True, help_text="The filed subject it concerns, if any.")


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


class WebsitePatchSerializer(serializers.Serializer):
    name = StrictCharField(max_length=200, required=False, allow_blank=True)
    content_category = enum_string_field(
        list(CONTENT_CATEGORIES),
        required=False,
        allow_blank=True,
        help_text="The website's content (SPEC 3.9).",
    )
    pre_approval_number = StrictCharField(max_length=64, required=False, allow_blank=True)
    leader = LeaderInputSerializer(required=False)
    leader_is_subject_leader = StrictBooleanField(required=False)

    def validate_content_category(self, value):
        return _content_category(value)


def _content_category(value, categories=CONTENT_CATEGORIES):
    if value and value not in categories:
        raise serializers.ValidationError(_("One of: %(values)s.") % {"values": ", ".join(categories)})
    return value


class AppPatchSerializer(WebsitePatchSerializer):
    content_category = enum_string_field(
        list(ALL_CONTENT_CATEGORIES),
        required=False,
        allow_blank=True,
        help_text="The app's content (SPEC 3.11); a website's category is refused "
        "(`CONTENT_CATEGORY_NOT_FOR_APP`).",
    )

    def validate_content_category(self, value):
        return _content_category(value, ALL_CONTENT_CATEGORIES)


class SubjectPatchSerializer(serializers.Serializer):
    leader = LeaderInputSerializer(required=False)
    address = StrictCharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="A subject filed with this order: its address (SPEC 3.13).",
    )


class FilingPatchSerializer(serializers.Serializer):
    """Complete a draft's materials or correct a returned order's; the fields given replace the
    order's. An app order's key is `app` (its name is not changed here)."""

    subject = SubjectPatchSerializer(required=False)
    website = WebsitePatchSerializer(required=False)
    app = AppPatchSerializer(required=False, help_text="An app order's materials (SPEC 3.12).")
    changes = serializers.DictField(
        required=False,
        help_text="A change order's corrections (SPEC 3.13): the fields of its `changes` to replace.",
    )


class DocumentUploadSerializer(serializers.Serializer):
    kind = enum_string_field(
        list(UPLOAD_KINDS),
        help_text="Which document (SPEC 3.9; the verification photo is taken, not uploaded).",
    )
    file = serializers.FileField(help_text="JPEG or PNG, at least 400 x 300 pixels, at most 5 MB.")


class FilingDocumentSerializer(serializers.Serializer):
    kind = enum_string_field(list(DOCUMENT_KINDS))
    content_type = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    size = serializers.IntegerField()
    uploaded_time = serializers.DateTimeField()
    url = serializers.SerializerMethodField(help_text="Where the account (or staff) views the image.")

    def get_url(self, document) -> str:
        return f"/console/filings/{document.order_id}/documents/{document.kind}/"


class CheckReasonSerializer(serializers.Serializer):
    code = enum_string_field(REASON_ORDER, help_text="Reason code (SPEC 3.9).")
    message = serializers.CharField()
    remedy = serializers.CharField()
    remedy_action = enum_string_field(REMEDY_ACTIONS)
    target = serializers.CharField(
        help_text="What it concerns: a domain, `subject`, a leader, a document kind."
    )


class PrecheckResultSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    reasons = CheckReasonSerializer(many=True)


class SmsCodesSerializer(serializers.Serializer):
    subject_leader = StrictRegexField(
        r"^\s*[0-9]{6}\s*$", required=False, error_messages={"invalid": _("The SMS code is 6 digits.")}
    )
    website_leader = StrictRegexField(
        r"^\s*[0-9]{6}\s*$", required=False, error_messages={"invalid": _("The SMS code is 6 digits.")}
    )


class VerifySmsSerializer(serializers.Serializer):
    code = StrictRegexField(
        r"^\s*[0-9]{6}\s*$",
        required=False,
        help_text="The 6-digit code from the simulated phone (matched to whichever leader it was sent to).",
        error_messages={"invalid": _("The SMS code is 6 digits.")},
    )
    codes = SmsCodesSerializer(
        required=False, help_text="Both leaders' codes at once, by role (SPEC 3.12: two leaders)."
    )

    def validate(self, data):
        if ("code" in data) == ("codes" in data) or data.get("codes") == {}:
            raise serializers.ValidationError(
                {"code": [_("Give the code, or both leaders' codes as codes.")]}
            )
        return data


class CodeAuthorizationSerializer(serializers.Serializer):
    code = StrictRegexField(
        r"^\s*[0-9]{6}\s*$",
        help_text="The 6-digit code the code owner received on its phone (SPEC 3.14, Huawei).",
        error_messages={"invalid": _("The SMS code is 6 digits.")},
    )


class VerificationAttemptInputSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=CameraOutcome.values,
        help_text="What the simulated camera sees when the picture is taken (SPEC 3.12).",
    )


class CameraFailureSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField(help_text="Why the picture failed, in the request's language.")
    remedy = serializers.CharField(help_text="How to take it again.")


class VerificationAttemptResultSerializer(serializers.Serializer):
    outcome = serializers.CharField()
    passed = serializers.BooleanField()
    reason = CameraFailureSerializer(allow_null=True, help_text="Null when the picture passed.")
    attempts_left = serializers.IntegerField(help_text="Failed pictures still allowed today (5 a day).")
    order = serializers.DictField(help_text="The order, as `GET /api/v1/filings/{id}/` answers it.")


class ReviewSerializer(serializers.Serializer):
    decision = StrictCharField(max_length=16, help_text="`approve` or `reject`.")
    reason_code = StrictCharField(
        max_length=64,
        required=False,
        allow_blank=True,
        help_text="A rejection: the catalogued reason's code (`GET /api/v1/filings/review-reasons/`).",
    )
    reason = StrictCharField(
        max_length=500,
        required=False,
        allow_blank=True,
        help_text="Free text: a rejection's reason (with or instead of `reason_code`), or an "
        "approval's note.",
    )


class RejectionReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField(help_text="In the request's language.")


class RejectionReasonListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = RejectionReasonSerializer(many=True)


class ReviewCheckSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField(help_text="In the request's language.")
    remedy = serializers.CharField()
    target = serializers.CharField(allow_blank=True)


# --- output ------------------------------------------------------------------------------------


class SubjectSummarySerializer(serializers.ModelSerializer):
    kind = enum_string_field(SubjectKind.values)
    province = enum_string_field(list(PROVINCES))
    status = enum_string_field(SubjectStatus.values)

    class Meta:
        model = Subject
        fields = ["id", "name", "kind", "province", "icp_number", "status"]
        read_only_fields = fields


class SubjectSerializer(SubjectSummarySerializer):
    created_time = serializers.DateTimeField()
    address = serializers.CharField(help_text="通信地址 (SPEC 3.13); empty for a subject filed before it.")
    leader = serializers.JSONField(help_text="The subject's leader: name, certificate_number, mobile, email.")

    class Meta(SubjectSummarySerializer.Meta):
        fields = [
            *SubjectSummarySerializer.Meta.fields,
            "certificate_number",
            "address",
            "leader",
            "created_time",
        ]
        read_only_fields = fields


class WebsiteSerializer(serializers.ModelSerializer):
    service_code = serializers.SerializerMethodField()
    instance_id = serializers.SerializerMethodField()
    subject_id = serializers.IntegerField()
    status = enum_string_field(WebsiteStatus.values)
    created_time = serializers.DateTimeField()
    public_security_number = serializers.CharField(
        help_text="The public security filing number (公安联网备案), empty until recorded."
    )
    public_security_due_time = serializers.DateTimeField(
        allow_null=True,
        help_text="When the public security filing is due: 30 days after approval (SPEC 3.10).",
    )
    public_security_status = serializers.SerializerMethodField(
        help_text="`pending`, `filed`, or `overdue` once the due time passed unrecorded."
    )
    access_status = serializers.SerializerMethodField(
        help_text="Access health (SPEC 3.10): `at_risk` while the hosting instance is released or long "
        "expired, `cancelled` once the simulator (or an order) cancelled the access, `normal` otherwise."
    )
    access_cancel_time = serializers.DateTimeField(
        allow_null=True, help_text="While `at_risk`: when access will be cancelled unless renewed or rebound."
    )

    class Meta:
        model = Website
        fields = [
            "id",
            "domain",
            "name",
            "icp_number",
            "status",
            "service_code",
            "instance_id",
            "commercial_license",
            "ecommerce",
            "content_category",
            "pre_approval_number",
            "leader",
            "subject_id",
            "created_time",
            "public_security_number",
            "public_security_due_time",
            "public_security_status",
            "access_status",
            "access_cancel_time",
        ]
        read_only_fields = fields

    def _now(self):
        # One clock read per response, not per website.
        if "now" not in self.context:
            self.context["now"] = clock.now()
        return self.context["now"]

    @extend_schema_field({"type": "string", "enum": list(rules.PublicSecurityStatus)})
    def get_public_security_status(self, website: Website) -> str:
        return rules.public_security_status(
            number=website.public_security_number, due_time=website.public_security_due_time, now=self._now()
        )

    @extend_schema_field({"type": "string", "enum": list(rules.AccessStatus)})
    def get_access_status(self, website: Website) -> str:
        return rules.access_status(
            website_status=website.status,
            at_risk_time=website.access_at_risk_time,
            hosting=website_hosting(website),
            now=self._now(),
        )

    def to_representation(self, website: Website):
        data = super().to_representation(website)
        if "access_status" in data and data["access_status"] != rules.AccessStatus.AT_RISK:
            data["access_cancel_time"] = None
        return data

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_service_code(self, website: Website) -> str | None:
        return website.service_code.code if website.service_code_id else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_instance_id(self, website: Website) -> str | None:
        return website.instance.instance_id if website.instance_id else None


class AppSerializer(WebsiteSerializer):
    """A filed app (SPEC 3.11): numbered ``<subject>-NA``, no domain."""

    platforms = serializers.ListField(child=enum_string_field(APP_PLATFORMS))

    class Meta(WebsiteSerializer.Meta):
        fields = [
            "id",
            "name",
            "icp_number",
            "status",
            "platforms",
            "package_name",
            "bundle_id",
            "signature_md5",
            "signature_sha1",
            "content_category",
            "service_code",
            "instance_id",
            "subject_id",
            "created_time",
        ]
        read_only_fields = fields


class OrderAppSerializer(serializers.Serializer):
    """The app an order concerns: the filed one, or (before approval) the one proposed."""

    id = serializers.IntegerField(allow_null=True, help_text="Null until the app is filed.")
    name = serializers.CharField()
    icp_number = serializers.CharField(allow_null=True)
    status = enum_string_field(WebsiteStatus.values, allow_null=True)
    platforms = serializers.ListField(child=enum_string_field(APP_PLATFORMS))
    package_name = serializers.CharField(allow_blank=True)
    bundle_id = serializers.CharField(allow_blank=True)
    signature_md5 = serializers.CharField(allow_blank=True)
    signature_sha1 = serializers.CharField(allow_blank=True)
    instance_id = serializers.CharField(allow_null=True)


class OrderWebsiteSerializer(serializers.Serializer):
    """The website an order concerns: the filed one, or (before approval) the one proposed."""

    id = serializers.IntegerField(allow_null=True, help_text="Null until the website is filed.")
    domain = serializers.CharField()
    name = serializers.CharField(allow_blank=True)
    icp_number = serializers.CharField(allow_null=True)
    status = enum_string_field(WebsiteStatus.values, allow_null=True)
    instance_id = serializers.CharField(allow_null=True)


# ``from`` is a Python keyword, so this serializer's fields are given as a mapping.
OrderEventSerializer = type(
    "OrderEventSerializer",
    (serializers.Serializer,),
    {
        "__doc__": "One step of an order's history.",
        "from": serializers.SerializerMethodField(
            method_name="get_from_stage", help_text="The stage left; null for the creation."
        ),
        "to": enum_string_field(Stage.values, source="to_status", help_text="The stage entered."),
        "actor": serializers.CharField(
            source="actor.username", allow_null=True, help_text="Username of who moved the order."
        ),
        "note": serializers.CharField(
            source="note_text", help_text="Why (e.g. the rejection reason), in the request's language."
        ),
        "time": serializers.DateTimeField(source="sim_time", help_text="Simulated time."),
        "get_from_stage": extend_schema_field(
            {"type": "string", "enum": list(Stage.values), "nullable": True}
        )(lambda self, event: event.from_status or None),
    },
)


class LeaderSerializer(serializers.Serializer):
    name = serializers.CharField()
    certificate_number = serializers.CharField()
    mobile = serializers.CharField()
    email = serializers.CharField()


class MaterialsSerializer(serializers.Serializer):
    content_category = serializers.CharField(allow_blank=True)
    pre_approval_number = serializers.CharField(allow_blank=True)
    subject_leader = LeaderSerializer(allow_null=True)
    website_leader = LeaderSerializer(allow_null=True)
    website_leader_is_subject_leader = serializers.BooleanField()
    documents = FilingDocumentSerializer(many=True)


class ReviewReasonOutSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="A catalogued reason, a failing check's code, or `REVIEWER_NOTE`.")
    message = serializers.CharField(help_text="In the request's language (a reviewer's own words as typed).")


class RoundSerializer(serializers.Serializer):
    round = serializers.IntegerField()
    submitted_time = serializers.DateTimeField()
    decision = serializers.CharField(allow_blank=True)
    decided_time = serializers.DateTimeField(allow_null=True)
    returned_from = serializers.CharField(allow_null=True)
    reviewer = serializers.CharField(allow_null=True)
    reasons = ReviewReasonOutSerializer(many=True)


class FilingOrderSerializer(serializers.ModelSerializer):
    type = enum_string_field(OrderType.values)
    status = enum_string_field(Stage.values)
    service_code = serializers.SerializerMethodField(help_text="The code the order holds, if any.")
    code_authorization = serializers.SerializerMethodField(
        help_text="Huawei (SPEC 3.14): `pending` while another account's code waits for its owner's "
        "authorization by SMS (`code-authorization`, then `confirm-code-authorization`)."
    )
    subject = SubjectSummarySerializer()
    website = serializers.SerializerMethodField()
    app = serializers.SerializerMethodField(help_text="The app an app order concerns (SPEC 3.11), else null.")
    history = OrderEventSerializer(source="events", many=True)
    created_time = serializers.DateTimeField()
    updated_time = serializers.DateTimeField()
    sms_expires_time = serializers.DateTimeField(allow_null=True)
    due_time = serializers.DateTimeField(
        allow_null=True, help_text="When the review the order is in falls due (working days); else null."
    )
    account_uid = serializers.CharField(source="account.uid")
    reason = serializers.CharField(
        source="reason_text", help_text="Why it was rejected, if it was, in the request's language."
    )
    reason_code = serializers.CharField(
        allow_null=True,
        help_text="The rejection's catalogued reason (`GET /api/v1/filings/review-reasons/`), or "
        "`AUTOMATIC_CHECKS_FAILED` when the automatic review rejected it (see `reasons`); else null.",
    )
    reasons = serializers.SerializerMethodField(
        help_text="The failing checks the automatic review rejected it for, in the request's language."
    )
    materials = serializers.SerializerMethodField(
        help_text="A new website's materials (SPEC 3.9): leaders, content category, pre-approval, documents."
    )
    sms_awaited = serializers.ListField(
        child=serializers.CharField(),
        help_text="The leaders' roles whose SMS code is still awaited (`subject_leader`, `website_leader`).",
    )
    round = serializers.IntegerField(
        help_text="1 at the first submission, plus 1 at each resubmission (SPEC 3.12); 0 for a draft."
    )
    returned_from = serializers.SerializerMethodField(
        help_text="Which step returned the order for correction: `initial_review`, `sms`, `bureau_review`; "
        "null unless it is `returned`."
    )
    review_reasons = serializers.SerializerMethodField(
        help_text="The last return's reasons, each `{code, message}` in the request's language (SPEC 3.12)."
    )
    verification_status = enum_string_field(
        VerificationStatus.values,
        help_text="The authenticity verification (SPEC 3.12): `not_started`, `link_sent`, `failed`, "
        "`passed`; "
        "submit needs `passed` for an order that carries materials.",
    )
    rounds = serializers.SerializerMethodField(
        help_text="Each round: `round`, `submitted_time`, `decision` (`returned`, `approved`, or empty while "
        "open), `decided_time`, `returned_from`, `reviewer`, `reasons`."
    )

    class Meta:
        model = FilingOrder
        fields = [
            "id",
            "type",
            "status",
            "service_code",
            "code_authorization",
            "subject",
            "website",
            "app",
            "changes",
            "reason",
            "reason_code",
            "reasons",
            "password_issued",
            "sms_failures",
            "sms_expires_time",
            "due_time",
            "created_time",
            "updated_time",
            "account_uid",
            "history",
            "materials",
            "sms_awaited",
            "round",
            "returned_from",
            "review_reasons",
            "rounds",
            "verification_status",
        ]
        read_only_fields = fields

    def to_representation(self, order):
        data = super().to_representation(order)
        data["reason_code"] = order.reason_code or None
        return data

    @extend_schema_field(ReviewCheckSerializer(many=True))
    def get_reasons(self, order: FilingOrder) -> list[dict]:
        return [
            {
                "code": check.get("code", ""),
                "message": check_text(check),
                "remedy": check_remedy(check),
                "target": check.get("target", ""),
            }
            for check in order.review_reasons or ()
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_returned_from(self, order: FilingOrder) -> str | None:
        return order.returned_from or None if order.status == Stage.RETURNED else None

    @extend_schema_field(ReviewReasonOutSerializer(many=True))
    def get_review_reasons(self, order: FilingOrder) -> list[dict]:
        # The reason fields are written by a rejection only: they are the last return's.
        return returned_reasons(code=order.reason_code, text=order.reason, checks=order.review_reasons or ())

    @extend_schema_field(RoundSerializer(many=True))
    def get_rounds(self, order: FilingOrder) -> list[dict]:
        return [
            {
                "round": entry.get("round"),
                "submitted_time": entry.get("submitted_time"),
                "decision": entry.get("decision", ""),
                "decided_time": entry.get("decided_time"),
                "returned_from": entry.get("returned_from") or None,
                "reviewer": entry.get("reviewer"),
                "reasons": returned_reasons(
                    code=entry.get("reason_code", ""),
                    text=entry.get("reason", ""),
                    checks=entry.get("checks", ()),
                ),
            }
            for entry in order.rounds or ()
        ]

    @extend_schema_field(MaterialsSerializer(allow_null=True))
    def get_materials(self, order: FilingOrder) -> dict | None:
        if not rules.carries_materials(order.type):
            return None
        return {
            "content_category": order.content_category,
            "pre_approval_number": order.pre_approval_number,
            "subject_leader": order.subject_leader or None,
            "website_leader": order.website_leader or None,
            "website_leader_is_subject_leader": order.website_leader_is_subject_leader,
            "documents": FilingDocumentSerializer(order.documents.all(), many=True).data,
        }

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_service_code(self, order: FilingOrder) -> str | None:
        return order.service_code.code if order.service_code_id else None

    @extend_schema_field(serializers.ChoiceField(choices=["not_needed", "pending", "confirmed"]))
    def get_code_authorization(self, order: FilingOrder) -> str:
        """SPEC 3.14 (Huawei): the code owner's authorization by SMS, for another account's code."""
        return authorization_state(order)

    @extend_schema_field(OrderAppSerializer(allow_null=True))
    def get_app(self, order: FilingOrder) -> dict | None:
        identifiers = ("package_name", "bundle_id", "signature_md5", "signature_sha1")
        if order.website_id and order.website.is_app:
            app = order.website
            return {
                "id": app.pk,
                "name": app.name,
                "icp_number": app.icp_number,
                "status": app.status,
                "platforms": app.platforms,
                **{key: getattr(app, key) for key in identifiers},
                "instance_id": app.instance.instance_id if app.instance_id else None,
            }
        if order.app:
            return {
                "id": None,
                "name": order.website_name,
                "icp_number": None,
                "status": None,
                "platforms": order.app.get("platforms", []),
                **{key: order.app.get(key, "") for key in identifiers},
                "instance_id": order.instance.instance_id if order.instance_id else None,
            }
        return None

    @extend_schema_field(OrderWebsiteSerializer(allow_null=True))
    def get_website(self, order: FilingOrder) -> dict | None:
        if order.website_id and order.website.is_app:
            return None
        if order.website_id:
            website = order.website
            return {
                "id": website.pk,
                "domain": website.domain,
                "name": website.name,
                "icp_number": website.icp_number,
                "status": website.status,
                "instance_id": website.instance.instance_id if website.instance_id else None,
            }
        if order.domain:
            return {
                "id": None,
                "domain": order.domain,
                "name": order.website_name,
                "icp_number": None,
                "status": None,
                "instance_id": order.instance.instance_id if order.instance_id else None,
            }
        return None


class PhoneMessageSerializer(serializers.ModelSerializer):
    kind = enum_string_field(MessageKind.values)
    text = serializers.CharField(source="rendered_text", help_text="In the request's language.")

    class Meta:
        model = PhoneMessage
        fields = ["id", "kind", "to_number", "text", "secret", "sent_time"]
        read_only_fields = fields


_PUBLIC_RECORD_FIELDS = ["website_name", "approval_date", "access_restricted"]


class IcpRecordSerializer(serializers.ModelSerializer):
    """The public record as the MIIT's query answers it (SPEC 3.13): subject name and kind, ICP
    number, website (or app) name, domain, approval date, and whether access is restricted."""

    status = enum_string_field(RegistryStatus.values)
    subject_kind = enum_string_field(SubjectKind.values)
    website_name = serializers.SerializerMethodField(
        help_text="The website's (or app's) name; empty when the registry holds none (another provider's)."
    )
    approval_date = serializers.SerializerMethodField(help_text="The approval date (China time), YYYY-MM-DD.")
    access_restricted = serializers.SerializerMethodField(
        help_text="True when no provider serves it, or its access here is at risk or cancelled."
    )

    class Meta:
        model = RegistryRecord
        fields = [
            "domain",
            "icp_number",
            "subject_name",
            "subject_kind",
            "status",
            "access_provider",
            *_PUBLIC_RECORD_FIELDS,
        ]
        read_only_fields = fields

    def get_website_name(self, record) -> str:
        if record.website_id is not None and record.website.name:
            return record.website.name
        return record.app_name

    def get_approval_date(self, record) -> str:
        return record.filed_time.astimezone(CHINA_TIME).date().isoformat()

    def get_access_restricted(self, record) -> bool:
        if not record.access_provider:
            return True
        return record.website_id is not None and record.website.status != "active"


class AppIcpRecordSerializer(IcpRecordSerializer):
    """An app's record in the public query by ``app_name`` (SPEC 3.11)."""

    class Meta(IcpRecordSerializer.Meta):
        fields = [
            "app_name",
            "icp_number",
            "subject_name",
            "subject_kind",
            "status",
            "access_provider",
            *_PUBLIC_RECORD_FIELDS,
        ]
        read_only_fields = fields
