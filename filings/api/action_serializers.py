"""Filing API: the bodies of the actions on an order and what they answer (type detection, PATCH,
documents, the pre-check's reasons, SMS, code authorization, verification, review)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from icpconsole.core.api.serializers import (
    StrictCharField,
    StrictRegexField,
    enum_string_field,
)

from ..models import (
    CameraOutcome,
    OrderType,
    SubjectKind,
)
from ..precheck import (
    ALL_CONTENT_CATEGORIES,
    CONTENT_CATEGORIES,
    REASON_ORDER,
    REMEDY_ACTIONS,
    UPLOAD_KINDS,
)

# --- input -------------------------------------------------------------------------------------
from .create_serializers import LeaderInputSerializer, StrictBooleanField, _content_category


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
