from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenapiConfig(AppConfig):
    name = "openapi"
    verbose_name = _("Alibaba Cloud OpenAPI facade")

    def ready(self) -> None:
        from icpconsole.core.audit import register_actions
        from icpconsole.core.faces import register_face

        from .models import AccessKeyAction
        from .views import rpc_refusal

        register_actions(AccessKeyAction)
        # Refusals made before the endpoint runs (bodies over their limit) in Alibaba's envelope.
        register_face(rpc_refusal)
