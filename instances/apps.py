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
    """The operation log's product names (one query a page, only where an event names a product),
    as the profile in force names them (Huawei's ``ecs``: ``named_for_profile``)."""
    from .models import Product

    return _names(Product)


def _region_labels() -> dict[str, str]:
    from .models import Region

    return _names(Region)


def _names(model) -> dict[str, str]:
    from .selectors import named_for_profile

    field = "name_zh" if _chinese() else "name"
    rows = named_for_profile(model.objects.only("id", "name", "name_zh"))
    return {row.id: getattr(row, field) for row in rows}
