"""Filing API: an order as the caller sees it (SPEC 4.2)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from icpconsole.core.api.serializers import (
    enum_string_field,
)

from .. import rules
from ..models import (
    FilingOrder,
    OrderType,
    Stage,
    VerificationStatus,
)
from ..review_reasons import check_remedy, check_text, returned_reasons
from ..services.code_authorization import authorization_state
from .record_serializers import (
    FilingDocumentSerializer,
    MaterialsSerializer,
    OrderAppSerializer,
    OrderEventSerializer,
    OrderWebsiteSerializer,
    ReviewReasonOutSerializer,
    RoundSerializer,
    SubjectSummarySerializer,
)

# --- input -------------------------------------------------------------------------------------


class ReviewCheckSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField(help_text="In the request's language.")
    remedy = serializers.CharField()
    target = serializers.CharField(allow_blank=True)


# --- output ------------------------------------------------------------------------------------


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
