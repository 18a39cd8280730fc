from django.contrib.auth.validators import UnicodeUsernameValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from icpconsole.accounts.models import User


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`.")


class AccountSerializer(serializers.ModelSerializer):
    """An account; ``uid`` is a string (16 digits exceed JavaScript's safe integers)."""

    uid = serializers.CharField(read_only=True)
    parent_uid = serializers.SerializerMethodField(
        help_text="The parent account's uid for a RAM user, else null."
    )

    class Meta:
        model = User
        fields = ["uid", "username", "display_name", "parent_uid"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_parent_uid(self, user: User) -> str | None:
        return user.parent.uid if user.parent_id else None


class MeSerializer(AccountSerializer):
    class Meta(AccountSerializer.Meta):
        fields = ["uid", "username", "display_name", "is_staff", "parent_uid"]
        read_only_fields = fields


class AccountCreateSerializer(serializers.Serializer):
    """Input of ``account_create``: types and formats only; the service checks the rest."""

    username = serializers.CharField(max_length=150, validators=[UnicodeUsernameValidator()])
    password = serializers.CharField(write_only=True, trim_whitespace=False, style={"input_type": "password"})
    display_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    parent_uid = serializers.CharField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Create a RAM user (sub-account) of the account with this uid.",
    )
