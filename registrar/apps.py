from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrarConfig(AppConfig):
    name = "registrar"
    verbose_name = _("Domain registrar (simulated)")

    def ready(self) -> None:
        from icpconsole.core.audit import register_actions, register_detail_labels

        from .models import DomainAction, RealNameStatus

        register_actions(DomainAction)
        register_detail_labels("real_name_status", dict(RealNameStatus.choices))
