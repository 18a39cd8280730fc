from django.contrib.auth.validators import UnicodeUsernameValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from icpconsole.accounts.models import Certification, User
from icpconsole.core.api.serializers import StrictCharField


class TokenRequestSerializer(serializers.Serializer):
    # No longer than a username can be: django-axes records failed log-ins by username in a
    # 255-character column, which PostgreSQL enforces (a longer one was a 500).
    username = StrictCharField(max_length=User._meta.get_field("username").max_length)
    password = StrictCharField(trim_whitespace=False, style={"input_type": "password"})


class PasswordChangeSerializer(serializers.Serializer):
    old_password = StrictCharField(trim_whitespace=False, max_length=4096, style={"input_type": "password"})
    new_password = StrictCharField(trim_whitespace=False, max_length=4096, style={"input_type": "password"})


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
        fields = ["uid", "username", "display_name", "is_staff", "parent_uid", "certification"]
        read_only_fields = fields


def _username_characters(value: str) -> None:
    """Django's username rule. A plain function rather than the validator itself, so the schema
    shows no ``pattern``: its ``\\w`` is ASCII-only in JSON Schema, any script in Python."""
    UnicodeUsernameValidator()(value)


class AccountCreateSerializer(serializers.Serializer):
    """Input of ``account_create``: types and formats only; the service checks the rest."""

    username = StrictCharField(
        max_length=150,
        validators=[_username_characters],
        help_text="Letters (of any script), digits and `@` `.` `+` `-` `_`.",
    )
    password = StrictCharField(write_only=True, trim_whitespace=False, style={"input_type": "password"})
    display_name = StrictCharField(max_length=150, required=False, allow_blank=True, default="")
    parent_uid = StrictCharField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Create a RAM user (sub-account) of the account with this uid.",
    )
    certification = serializers.ChoiceField(
        choices=Certification.choices,
        required=False,
        default=Certification.PERSONAL,
        help_text="Real-name certification (SPEC 3.14): Tencent Cloud codes need `enterprise`.",
    )
