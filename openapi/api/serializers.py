from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from icpconsole.core.api.serializers import enum_string_field
from openapi.models import AccessKey, AccessKeyStatus


class AccessKeySerializer(serializers.ModelSerializer):
    status = enum_string_field(AccessKeyStatus.values, help_text="`Active`, or `Inactive` once disabled.")

    class Meta:
        model = AccessKey
        fields = ["access_key_id", "status", "created_time", "last_used_time"]
        read_only_fields = fields


class AccessKeyCreatedSerializer(AccessKeySerializer):
    access_key_secret = serializers.SerializerMethodField(
        help_text="The secret, in this response only: it cannot be shown again."
    )

    class Meta(AccessKeySerializer.Meta):
        fields = [*AccessKeySerializer.Meta.fields, "access_key_secret"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_access_key_secret(self, key) -> str:
        return self.context["secret"]
