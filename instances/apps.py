from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstancesConfig(AppConfig):
    name = "instances"
    verbose_name = _("Cloud instances")

    def ready(self) -> None:
        from icpconsole.core.audit import register_actions, register_detail_values

        from .models import ChargeType, InstanceAction, InstanceStatus

        register_actions(InstanceAction)
        register_detail_values(ChargeType, InstanceStatus)
