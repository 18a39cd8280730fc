from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessorsConfig(AppConfig):
    name = "accessors"
    verbose_name = _("Access provider reports")

    def ready(self) -> None:
        from icpconsole.core.audit import register_actions

        from .models import AccessorAction

        register_actions(AccessorAction)
