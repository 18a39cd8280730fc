from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrarConfig(AppConfig):
    name = "registrar"
    verbose_name = _("Domain registrar (simulated)")

    def ready(self) -> None:
        from icpconsole.core.audit import register_actions

        from .models import DomainAction

        register_actions(DomainAction)
