from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilingsConfig(AppConfig):
    name = "filings"
    verbose_name = _("ICP filings")

    def ready(self) -> None:
        from icpconsole.core.audit import register_actions, register_detail_values
        from icpconsole.core.clock import clock_moved

        from .models import (
            FilingAction,
            OrderType,
            RegistryOrigin,
            Reviewer,
            Stage,
            SubjectKind,
            SubjectStatus,
            WebsiteStatus,
        )
        from .services.aftercare import public_security_sweep
        from .services.timeline import on_clock_moved, register_sweep

        clock_moved.connect(on_clock_moved, dispatch_uid="filings.timeline")
        register_sweep("public_security", public_security_sweep)
        register_actions(FilingAction)
        register_detail_values(
            Reviewer, Stage, OrderType, SubjectStatus, WebsiteStatus, SubjectKind, RegistryOrigin
        )
        from . import audit_labels

        audit_labels.register()
