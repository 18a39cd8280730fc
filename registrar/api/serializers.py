from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from icpconsole.core.api.serializers import StrictCharField, StrictIntegerField, enum_string_field

from ..models import Domain, DomainStatus, RealNameStatus
from ..rules import MAX_PERIOD_YEARS, MIN_PERIOD_YEARS, domain_status


class DomainRegisterSerializer(serializers.Serializer):
    domain = StrictCharField(max_length=300, help_text="A main domain, e.g. `example.cn` (any case, IDN).")
    holder_name = StrictCharField(
        max_length=200, help_text="The holder (registrant): person or organisation."
    )
    holder_certificate_number = StrictCharField(
        max_length=64, help_text="The holder's unified social credit code or resident ID number."
    )
    period_years = StrictIntegerField(
        min_value=MIN_PERIOD_YEARS, max_value=MAX_PERIOD_YEARS, required=False, default=1
    )


class DomainRenewSerializer(serializers.Serializer):
    period_years = StrictIntegerField(min_value=MIN_PERIOD_YEARS, max_value=MAX_PERIOD_YEARS)


class DomainHolderSerializer(serializers.Serializer):
    holder_name = StrictCharField(max_length=200)
    holder_certificate_number = StrictCharField(max_length=64)


class DomainSerializer(serializers.ModelSerializer):
    """A registered domain as the registrar shows it; ``status`` on the simulated clock."""

    real_name_status = enum_string_field(RealNameStatus.values)
    status = serializers.SerializerMethodField()

    class Meta:
        model = Domain
        fields = [
            "domain",
            "holder_name",
            "real_name_status",
            "status",
            "registered_time",
            "expired_time",
            "registrar",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "enum": list(DomainStatus.values)})
    def get_status(self, row: Domain) -> str:
        return domain_status(
            real_name_status=row.real_name_status, expired_time=row.expired_time, now=self.context["now"]
        )
