from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenapiConfig(AppConfig):
    name = "openapi"
    verbose_name = _("Alibaba Cloud OpenAPI facade")

    def ready(self) -> None:
        from icpconsole.core.audit import register_actions

        from .models import AccessKeyAction

        register_actions(AccessKeyAction)
