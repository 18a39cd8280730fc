from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceCodesConfig(AppConfig):
    name = "servicecodes"
    verbose_name = _("ICP filing service codes")

    def ready(self) -> None:
        from icpconsole.core.audit import register_actions, register_detail_values

        from .models import CodeAction, CodeStatus

        register_actions(CodeAction)
        register_detail_values(CodeStatus)
        _extend_the_instance_json()


def _extend_the_instance_json() -> None:
    """SPEC 4.2: the instance JSON carries the code quota, the codes issued and the eligibility."""
    from rest_framework import serializers

    from instances.api.extensions import InstanceExtension, register_instance_extension

    from .api.serializers import EligibilitySerializer, eligibility_json
    from .selectors import with_eligibility

    register_instance_extension(
        InstanceExtension(
            fields={
                "service_code_quota": lambda: serializers.IntegerField(source="quota", read_only=True),
                "service_codes_issued": lambda: serializers.IntegerField(
                    source="codes_issued", read_only=True
                ),
                "eligibility": lambda: EligibilitySerializer(read_only=True),
            },
            annotate=with_eligibility,
            represent=lambda instance: {
                "service_code_quota": int(instance.quota),
                "service_codes_issued": int(instance.codes_issued),
                "eligibility": eligibility_json(instance.eligibility),
            },
        )
    )
