from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstancesConfig(AppConfig):
    name = "instances"
    verbose_name = _("Cloud instances")

    def ready(self) -> None:
        from icpconsole.core.audit import register_actions, register_detail_labels, register_detail_values

        from .models import ChargeType, InstanceAction, InstanceStatus

        register_actions(InstanceAction)
        register_detail_values(ChargeType, InstanceStatus)
        register_detail_labels("product", _product_labels)
        register_detail_labels("region_id", _region_labels)


def _chinese() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "").startswith("zh")


def _product_labels() -> dict[str, str]:
    """The operation log's product names (one query a page, only where an event names a product)."""
    from .models import Product

    field = "name_zh" if _chinese() else "name"
    return dict(Product.objects.values_list("id", field))


def _region_labels() -> dict[str, str]:
    from .models import Region

    field = "name_zh" if _chinese() else "name"
    return dict(Region.objects.values_list("id", field))
