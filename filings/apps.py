from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilingsConfig(AppConfig):
    name = "filings"
    verbose_name = _("ICP filings")

    def ready(self) -> None:
        from icpconsole.core.audit import register_actions, register_detail_values

        from .models import (
            FilingAction,
            OrderType,
            RegistryOrigin,
            Stage,
            SubjectKind,
            SubjectStatus,
            WebsiteStatus,
        )

        register_actions(FilingAction)
        register_detail_values(Stage, OrderType, SubjectStatus, WebsiteStatus, SubjectKind, RegistryOrigin)
