"""The whole world as one document (``GET /api/v1/simulator/snapshot/``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from icpconsole.accounts.models import User
from icpconsole.core.models import ClockState

from ..models import FaultRule, SimulatorSettings
from .format import FORMAT, SETTINGS_FIELDS, TABLES, VERSION, _checksum, _dump_value, _fields


# --- snapshot -----------------------------------------------------------------------------------
def snapshot() -> dict:
    """The whole world as one document (same world, same document)."""
    with transaction.atomic():
        keys: dict[type, dict[int, Any]] = {}
        for table in TABLES:
            if table.ref != "id":
                keys[table.model] = dict(table.model.objects.values_list("pk", table.ref))
        document: dict[str, Any] = {"format": FORMAT, "version": VERSION}
        document["clock"] = {"offset_seconds": _clock_offset()}
        document["settings"] = settings_as_dict()
        for table in TABLES:
            fields = _fields(table)
            order = table.ref if table.model is User else "pk"
            rows = []
            for values in table.model.objects.order_by(order).values_list(*[f.attname for f in fields]):
                row = {}
                for f, value in zip(fields, values, strict=True):
                    if f.is_relation and value is not None and f.related_model in keys:
                        value = keys[f.related_model][value]
                    row[f.name] = _dump_value(f, value)
                rows.append(row)
            document[table.key] = rows
    document["checksum"] = _checksum(document)
    return document


def _clock_offset() -> int:
    return int(
        ClockState.objects.filter(pk=ClockState.SINGLETON_ID).values_list("offset_seconds", flat=True).first()
        or 0
    )


def settings_row() -> SimulatorSettings:
    row, _created = SimulatorSettings.objects.get_or_create(pk=SimulatorSettings.SINGLETON_ID)
    return row


def settings_as_dict() -> dict:
    from ..faults import rule_as_dict

    row = settings_row()
    data = {name: getattr(row, name) for name in SETTINGS_FIELDS}
    data["faults"] = [
        {k: v for k, v in rule_as_dict(rule).items() if k != "id"}
        for rule in FaultRule.objects.order_by("id")
    ]
    return data
