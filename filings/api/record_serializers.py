"""Filing API: subjects, websites and apps as the caller sees them, the public ICP record, and the
parts an order shows (its website or app, leaders, materials, rounds)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from icpconsole.core import clock
from icpconsole.core.api.serializers import (
    enum_string_field,
)

from .. import rules
from ..apps_rules import PLATFORMS as APP_PLATFORMS
from ..models import (
    MessageKind,
    PhoneMessage,
    RegistryRecord,
    RegistryStatus,
    Stage,
    Subject,
    SubjectKind,
    SubjectStatus,
    Website,
    WebsiteStatus,
)
from ..precheck import DOCUMENT_KINDS
from ..provinces import PROVINCES
from ..selectors import website_hosting

# --- input -------------------------------------------------------------------------------------


CHINA_TIME = ZoneInfo("Asia/Shanghai")


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
