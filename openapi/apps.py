from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenapiConfig(AppConfig):
    name = "openapi"
    verbose_name = _("Alibaba Cloud OpenAPI facade")
