from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceCodesConfig(AppConfig):
    name = "servicecodes"
    verbose_name = _("ICP filing service codes")

    def ready(self) -> None:
        from icpconsole.core.audit import register_actions

        from .models import CodeAction

        register_actions(CodeAction)
