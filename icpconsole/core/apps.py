from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "icpconsole.core"
    label = "core"
    verbose_name = _("Simulator core")

    def ready(self) -> None:
        from .audit import ClockAction, register_actions

        register_actions(ClockAction)
