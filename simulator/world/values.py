"""A world document's values as the models' Python values: each field converted and checked,
times moved by the document's shift, references kept as document keys (resolved on write)."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from icpconsole.accounts.models import User
from servicecodes.models import ServiceCode

from .format import CATALOG_REFS, DOCUMENT_NAME_RE, TABLE_FOR_MODEL, Table, _fields
from .shorthands import _Default

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def shift_json(value: Any, shift: dt.timedelta) -> Any:
    """Move the dates and times written inside a JSON value (a message's ``params``, an audit
    event's ``details``) with the rows' times, so that a message's "due 2026-12-08" still names
    the day the row holds (issue 28: the demo contradicted itself)."""
    if not shift:
        return value
    if isinstance(value, dict):
        return {key: shift_json(item, shift) for key, item in value.items()}
    if isinstance(value, list):
        return [shift_json(item, shift) for item in value]
    if isinstance(value, str) and _DATE.match(value):
        try:
            return (dt.date.fromisoformat(value) + dt.timedelta(days=shift.days)).isoformat()
        except ValueError:
            return value
    if isinstance(value, str) and _DATETIME.match(value):
        try:
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
        return (moment + shift).isoformat() if moment.tzinfo is not None else value
    return value


# Filled in on load when a document leaves them out.
OPTIONAL_ON_LOAD = {(ServiceCode, "slot")}


def _convert(
    table: Table, rows: list[dict], shift: dt.timedelta, keys: dict, errors: list[str]
) -> list[dict]:
    """Each row's values as the model's Python values, references still as document keys."""
    fields = {f.name: f for f in _fields(table)}
    converted = []
    for i, row in enumerate(rows):
        where = f"{table.key}[{i}]"
        unknown = sorted(set(row) - set(fields))
        if unknown:
            errors.append(f"{where}: " + _("unknown fields %(names)s.") % {"names": ", ".join(unknown[:5])})
            continue
        values: dict[str, Any] = {}
        for name, f in fields.items():
            if name not in row:
                if not _may_be_left_out(table, f):
                    errors.append(f"{where}.{name}: " + _("this field is required."))
            elif f.is_relation:
                _convert_reference(f, row[name], keys, values, f"{where}.{name}", errors)
            else:
                try:
                    values[name] = _convert_value(f, row[name], shift)
                except (ValidationError, TypeError, ValueError, AttributeError) as exc:
                    detail = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                    errors.append(f"{where}.{name}: {detail[:200]}")
        converted.append(values)
    return converted


def _may_be_left_out(table: Table, f: models.Field) -> bool:
    return bool(
        (table.model, f.name) in OPTIONAL_ON_LOAD
        or f.primary_key
        or f.has_default()
        or f.null
        or (f.blank and not f.is_relation)
        or getattr(f, "auto_now_add", False)
        or getattr(f, "auto_now", False)
    )


def _convert_reference(
    f: models.Field, value: Any, keys: dict, values: dict, where: str, errors: list[str]
) -> None:
    """A reference as its document key (resolved to a pk on write), or an error naming it."""
    target = f.related_model
    if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
        errors.append(f"{where}: " + _("a reference is a text or a whole number."))
        return
    shown = json.dumps(value, ensure_ascii=False)[:80]
    if value is None:
        if not f.null:
            errors.append(f"{where}: " + _("this field is required."))
        values[f.attname] = None
    elif target in CATALOG_REFS:
        if value not in keys[target]:
            errors.append(
                f"{where}: "
                + _("no %(model)s %(value)s in the catalogue.")
                % {"model": CATALOG_REFS[target], "value": shown}
            )
        values[f.attname] = value
    elif target is User and f.null and value not in keys[target]:
        # A staff actor this database does not have (issue 27: snapshots carry no staff
        # accounts): the row stays, without its actor.
        values[f.name] = None
    else:
        ref_table = TABLE_FOR_MODEL[target]
        if value not in keys[target]:
            errors.append(
                f"{where}: "
                + _("no %(table)s with %(ref)s %(value)s in the document.")
                % {"table": ref_table.key, "ref": ref_table.ref, "value": shown}
            )
        values[f.name] = value  # resolved to a pk on write


def _convert_value(f: models.Field, value: Any, shift: dt.timedelta) -> Any:
    """A plain field's value as the model's Python value, moved by ``shift`` if it is a time;
    raises ValidationError (or what ``to_python`` raises) naming what is wrong."""
    if value is None:
        if not f.null:
            raise ValidationError(_("this field cannot be null."))
        return None
    if isinstance(value, dt.datetime | dt.date) and not isinstance(f, models.DateTimeField):
        value = value.isoformat()
    python = f.to_python(value)
    if isinstance(f, models.DateTimeField) and python is not None:
        if timezone.is_naive(python):
            raise ValidationError(_("a time with its offset (or Z) is expected."))
        if not isinstance(value, _Default):
            python = python + shift
    if isinstance(f, models.JSONField):
        python = shift_json(python, shift)
    _validate_value(f, python)
    return python


def _validate_value(f: models.Field, python: Any) -> None:
    if python not in f.empty_values:
        f.run_validators(python)
    if f.choices and python not in dict(f.flatchoices) and not (f.blank and python == ""):
        raise ValidationError(
            _("%(value)s is not one of %(choices)s.")
            % {"value": python, "choices": ", ".join(str(c) for c, _l in f.flatchoices)}
        )
    if isinstance(f, models.FileField):
        _check_document_name(python, f.max_length)
    if isinstance(f, models.CharField) and f.max_length and python and len(python) > f.max_length:
        raise ValidationError(_("at most %(n)s characters.") % {"n": f.max_length})
    if isinstance(f, models.PositiveIntegerField | models.PositiveSmallIntegerField) and python < 0:
        raise ValidationError(_("a whole number from 0 is expected."))


def _check_document_name(name: Any, max_length: int) -> None:
    """A stored document's name stays inside the storage's filings folder (issue 27: ``../../x``
    reached the storage and came back as an HTML 400; 201 characters as a database error)."""
    if not isinstance(name, str):
        raise ValidationError(_("a stored file's name is expected."))
    if len(name) > max_length:
        raise ValidationError(_("at most %(n)s characters.") % {"n": max_length})
    if ".." in name.split("/") or not DOCUMENT_NAME_RE.match(name):
        raise ValidationError(
            _("%(name)s is not a stored document's name like filings/1/verification_photo-0a1b.jpg.")
            % {"name": name[:80]}
        )
