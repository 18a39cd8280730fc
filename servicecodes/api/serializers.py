from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from icpconsole.core.api.serializers import ReasonSerializer, enum_string_field
from servicecodes.models import CodeStatus, ServiceCode
from servicecodes.reasons import REMEDY_ACTIONS, SHOWN_ORDER
from servicecodes.selectors import INVALID, code_status_shown


class EligibilityReasonSerializer(ReasonSerializer):
    code = enum_string_field(SHOWN_ORDER, help_text="Reason code (SPEC 3.5, 3.14).")
    remedy = serializers.CharField(help_text="What to do about it, in the request's language.")
    remedy_action = enum_string_field(REMEDY_ACTIONS, help_text="The console action that remedies it.")


class EligibilitySerializer(serializers.Serializer):
    """Whether the caller may apply for a service code now, and if not, every reason why."""

    can_apply = serializers.BooleanField()
    reasons = EligibilityReasonSerializer(many=True)

    def to_representation(self, decision):
        return eligibility_json(decision)


def eligibility_json(decision) -> dict:
    return {
        "can_apply": decision.can_apply,
        "reasons": [
            {"code": r.code, "message": r.message, "remedy": r.remedy, "remedy_action": r.remedy_action}
            for r in decision.reasons
        ],
    }


_STATUS_HELP = (
    "`unused`, `filing` (named in an open filing order), `used` (filed) or `deleted`; `invalid` under a "
    "provider profile whose codes stop working with the server's remaining time (SPEC 3.14)."
)


class IssuedServiceCodeSerializer(serializers.ModelSerializer):
    """A code just issued by the apply action."""

    instance_id = serializers.CharField(source="instance.instance_id", read_only=True)
    # A fresh code is always unused (its own one-value enum also keeps the schema's enum names apart).
    status = enum_string_field([CodeStatus.UNUSED.value], read_only=True)

    class Meta:
        model = ServiceCode
        fields = ["code", "instance_id", "status", "created_time"]
        read_only_fields = fields


class ServiceCodeSerializer(IssuedServiceCodeSerializer):
    status = enum_string_field([*CodeStatus.values, INVALID], read_only=True, help_text=_STATUS_HELP)
    icp_number = serializers.SerializerMethodField(help_text="The website's ICP number once used, else null.")

    class Meta(IssuedServiceCodeSerializer.Meta):
        fields = ["code", "instance_id", "status", "icp_number", "created_time", "status_time"]
        read_only_fields = fields

    def to_representation(self, code: ServiceCode) -> dict:
        data = super().to_representation(code)
        shown = getattr(code, "shown_status", None)
        if shown is None:
            shown = code_status_shown(code)
        data["status"] = shown
        return data

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_icp_number(self, code: ServiceCode) -> str | None:
        return code.icp_number or None
