"""How the operation log reads the filing domain's details and objects (issue 28): province
names, document kinds, where a service code was applied from, and orders and subjects as they are
now, in the reader's language, rather than frozen in the language and stage of the moment."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from icpconsole.core.audit import register_detail_labels, register_target_labels

VIA_LABELS = {
    "console": _("the console"),
    "api": _("the REST API"),
    "openapi": _("the OpenAPI (RPC)"),
    "filing_wizard": _("the filing wizard"),
    "seed_demo": _("the demo world"),
    "logout": _("logging out"),
}
REASON_LABELS = {
    "access_health": _("the instance stayed expired or released (access health)"),
}


def _province_labels() -> dict[str, str]:
    from .provinces import PROVINCES

    chinese = (get_language() or "").startswith("zh")
    return {key: (p.name_zh if chinese else p.name) for key, p in PROVINCES.items()}


def _order_labels(ids) -> dict[str, str]:
    from .models import FilingOrder

    numeric = [int(i) for i in ids if str(i).isdigit()]
    orders = FilingOrder.objects.filter(pk__in=numeric).only("type")
    return {str(order.pk): f"#{order.pk} {order.get_type_display()}" for order in orders}


def _subject_labels(ids) -> dict[str, str]:
    from .models import Subject

    numeric = [int(i) for i in ids if str(i).isdigit()]
    rows = Subject.objects.filter(pk__in=numeric).values_list("pk", "name", "icp_number")
    return {str(pk): f"{name} ({number})" if number else name for pk, name, number in rows}


def register() -> None:
    from .precheck import DOCUMENT_KINDS

    register_detail_labels("province", _province_labels)
    register_detail_labels("kind", DOCUMENT_KINDS)
    register_detail_labels("via", VIA_LABELS)
    register_detail_labels("reason", REASON_LABELS)
    register_target_labels("filings.filingorder", _order_labels)
    register_target_labels("filings.subject", _subject_labels)
