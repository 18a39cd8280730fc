from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilingsConfig(AppConfig):
    name = "filings"
    verbose_name = _("ICP filings")

    def ready(self) -> None:
        from icpconsole.core.audit import register_actions

        from .models import FilingAction

        register_actions(FilingAction)
