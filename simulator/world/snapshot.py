"""The whole world as one document (``GET /api/v1/simulator/snapshot/``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from icpconsole.accounts.models import User
from icpconsole.core.models import ClockState

from ..models import FaultRule, SimulatorSettings
from .format import FORMAT, SECRET_MARK, SETTINGS_FIELDS, TABLES, VERSION, _checksum, _dump_value, _fields
from .sealing import seal


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
            queryset = table.model.objects.order_by(order)
            if table.model is User:
                # Issue 27: staff accounts (and their password hashes) are not the world's; rows
                # still name a staff actor by username, which a restore finds among its own staff.
                queryset = queryset.filter(is_staff=False, is_superuser=False)
            rows = []
            for values in queryset.values_list(*[f.attname for f in fields]):
                row = {}
                for f, value in zip(fields, values, strict=True):
                    if f.is_relation and value is not None and f.related_model in keys:
                        value = keys[f.related_model][value]
                    row[f.name] = _dump_value(f, value)
                rows.append(sealed(row) if table.key == "phone_messages" else row)
            document[table.key] = rows
    document["checksum"] = _checksum(document)
    return document


def sealed(row: dict) -> dict:
    """A phone message with its secret encrypted (issue 27): ``secret_encrypted`` in place of
    ``secret``, and :data:`SECRET_MARK` where the secret stood in ``text`` and ``params``."""
    secret = row.get("secret")
    if not secret:
        return row
    row = dict(row)
    del row["secret"]
    row["text"] = row["text"].replace(secret, SECRET_MARK)
    if isinstance(row.get("params"), dict):
        row["params"] = {k: (SECRET_MARK if v == secret else v) for k, v in row["params"].items()}
    row["secret_encrypted"] = seal(secret)
    return row


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
