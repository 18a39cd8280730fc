"""Checking a document before anything is written: structure, values, references, the rules,
and the world-file shorthands turned into plain rows."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from filings.provinces import PROVINCES
from filings.services.registry import APP_NUMBER_RE, SUBJECT_NUMBER_RE, WEBSITE_NUMBER_RE
from icpconsole.accounts.models import User
from icpconsole.core.errors import InvalidInput
from instances.catalog import QUOTA_SCOPE_ACCOUNT
from instances.models import Product, Region
from openapi.crypto import decrypt_secret

from ..models import SimulatorSettings
from .format import (
    FORMAT,
    MAX_CLOCK_OFFSET_SECONDS,
    SETTINGS_FIELDS,
    TABLES,
    TOP_LEVEL_KEYS,
    VERSION,
    InvalidWorld,
    _checksum,
)
from .shorthands import _Default, _expand_world
from .values import _convert


@dataclass
class _Plan:
    """A checked document, ready to write."""

    rows: dict[str, list[dict]] = field(default_factory=dict)
    clock_offset: int = 0
    settings: dict = field(default_factory=dict)
    faults: list[dict] = field(default_factory=list)
    salt: str = ""
    shift: dt.timedelta = dt.timedelta(0)


def _check_envelope(document: Any, errors: list[str]) -> None:
    if not isinstance(document, dict):
        raise InvalidWorld([_("A world document is a JSON or YAML object.")])
    if document.get("format") != FORMAT:
        errors.append(_('format: expected "%(format)s".') % {"format": FORMAT})
    version = document.get("version")
    if version != VERSION:
        errors.append(
            _("version: this simulator reads version %(ours)s documents, not %(theirs)s.")
            % {"ours": VERSION, "theirs": json.dumps(version)[:20]}
        )
    unknown = sorted(set(document) - TOP_LEVEL_KEYS)
    if unknown:
        errors.append(_("Unknown sections: %(names)s.") % {"names": ", ".join(unknown[:10])})
    if errors:
        raise InvalidWorld(errors)
    checksum = document.get("checksum")
    if checksum is not None and checksum != _checksum(document):
        raise InvalidWorld(
            [
                _(
                    "checksum: the snapshot was changed or truncated after it was taken (remove "
                    "checksum to load an edited document as a world file)."
                )
            ]
        )
    for table in TABLES:
        rows = document.get(table.key, [])
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            errors.append(_("%(table)s: a list of objects is expected.") % {"table": table.key})


def _time_shift(document: dict, errors: list[str]) -> dt.timedelta:
    """``time_origin`` moves every time of the document by whole days to today (Asia/Shanghai),
    so a world written once (the demo) stays as current as the day it was written."""
    origin = document.get("time_origin")
    if origin is None:
        return dt.timedelta(0)
    try:
        moment = dt.datetime.fromisoformat(str(origin).replace("Z", "+00:00"))
        if moment.tzinfo is None:
            raise ValueError
    except ValueError:
        errors.append(_("time_origin: an ISO 8601 time with its offset is expected."))
        return dt.timedelta(0)
    shanghai = dt.timezone(dt.timedelta(hours=8))
    today = timezone.now().astimezone(shanghai).date()
    return dt.timedelta(days=(today - moment.astimezone(shanghai).date()).days)


def plan(document: Any, *, rebase: bool = True) -> _Plan:
    """Check a document (structure, values, references, the rules) without writing anything.
    Whatever a document holds, the answer is a plan or :class:`InvalidWorld` (a 400 naming what is
    wrong), never another exception (issue 27: deep nesting, a list where a name belongs)."""
    try:
        return _plan(document, rebase=rebase)
    except RecursionError:
        raise InvalidWorld([_("document: nested too deeply to be read.")]) from None
    except (TypeError, AttributeError, ValueError, OverflowError, KeyError) as exc:
        raise InvalidWorld(
            [_("document: a value has the wrong type or size (%(error)s).") % {"error": str(exc)[:200]}]
        ) from None


def _plan(document: Any, *, rebase: bool = True) -> _Plan:
    errors: list[str] = []
    _check_envelope(document, errors)
    if errors:
        raise InvalidWorld(errors)
    shift = _time_shift(document, errors) if rebase else dt.timedelta(0)
    clock = document.get("clock") or {}
    offset = clock.get("offset_seconds", 0) if isinstance(clock, dict) else None
    if isinstance(offset, bool) or not isinstance(offset, int) or not 0 <= offset <= MAX_CLOCK_OFFSET_SECONDS:
        errors.append(
            _("clock.offset_seconds: a whole number of seconds from 0 to %(max)s is expected.")
            % {"max": MAX_CLOCK_OFFSET_SECONDS}
        )
        offset = 0
    moment = timezone.now() + dt.timedelta(seconds=offset)
    now = _Default.fromtimestamp(moment.timestamp(), tz=dt.UTC)
    rows = _expand_world(document, now, errors)

    keys: dict[type, set] = {
        Product: set(Product.objects.values_list("id", flat=True)),
        Region: set(Region.objects.values_list("id", flat=True)),
    }
    for table in TABLES:
        values = [row.get(table.ref) for row in rows[table.key]]
        for i, value in enumerate(values):
            if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
                errors.append(f"{table.key}[{i}].{table.ref}: " + _("a text or a whole number is expected."))
                values[i] = None
        duplicates = [v for v, n in Counter(map(json.dumps, values)).items() if n > 1]
        if duplicates:
            errors.append(
                f"{table.key}: "
                + _("%(ref)s %(value)s appears more than once.") % {"ref": table.ref, "value": duplicates[0]}
            )
        keys[table.model] = {v for v in values if v is not None}

    staff = _check_staff(rows["accounts"], errors)
    keys[User] |= staff  # rows may name a staff actor by username: found among this database's staff
    result = _Plan(clock_offset=offset, shift=shift)
    for table in TABLES:
        result.rows[table.key] = _convert(table, rows[table.key], shift, keys, errors)
    result.settings, result.faults = _plan_settings(document.get("settings"), errors)
    _check_rules(result, errors)
    if errors:
        raise InvalidWorld(errors)
    result.salt = _checksum(document)
    return result


def _check_staff(accounts: list[dict], errors: list[str]) -> set[str]:
    """Issue 27: a restore never creates or changes a staff account. A document's account may not
    be staff, nor bear the name of a staff account of this database. Returns the staff's names."""
    staff = set(
        User.objects.filter(models.Q(is_staff=True) | models.Q(is_superuser=True)).values_list(
            "username", flat=True
        )
    )
    for i, row in enumerate(accounts):
        for name in ("is_staff", "is_superuser"):
            if row.get(name):
                errors.append(
                    f"accounts[{i}].{name}: "
                    + _("a world brings customer accounts only; staff accounts are made with manage.py.")
                )
        if isinstance(row.get("username"), str) and row["username"] in staff:
            errors.append(
                f"accounts[{i}].username: "
                + _("%(name)s is a staff account here; a restore does not change staff accounts.")
                % {"name": row["username"]}
            )
    return staff


def _plan_settings(data: Any, errors: list[str]) -> tuple[dict, list[dict]]:
    from ..faults import clean_rule

    if data is None:
        data = {}
    if not isinstance(data, dict):
        errors.append(_("settings: an object is expected."))
        return {}, []
    values = {}
    for name in SETTINGS_FIELDS:
        if name in data:
            f = SimulatorSettings._meta.get_field(name)
            try:
                value = f.clean(data[name], None)
            except ValidationError as exc:
                errors.append(f"settings.{name}: {'; '.join(exc.messages)}")
                continue
            values[name] = value
    unknown = sorted(set(data) - set(SETTINGS_FIELDS) - {"faults"})
    if unknown:
        errors.append(_("settings: unknown fields %(names)s.") % {"names": ", ".join(unknown)})
    faults = []
    for i, rule in enumerate(data.get("faults") or []):
        try:
            faults.append(
                clean_rule(
                    {k: v for k, v in rule.items() if k not in ("id", "remaining")}
                    if isinstance(rule, dict)
                    else rule
                )
                | ({"remaining": rule["remaining"]} if isinstance(rule, dict) and "remaining" in rule else {})
            )
        except InvalidInput as exc:
            errors.append(f"settings.faults[{i}]: {exc.message}")
    return values, faults


def _check_rules(result: _Plan, errors: list[str]) -> None:
    """The domain rules a hand-written world could contradict, stated plainly."""
    _check_quotas(result, errors)
    _check_numbers(result, errors)
    for i, row in enumerate(result.rows["access_keys"]):
        if row.get("secret_encrypted") and decrypt_secret(row["secret_encrypted"]) is None:
            errors.append(
                f"access_keys[{i}]: "
                + _("the secret was encrypted under another SECRET_KEY; it restores only where it was taken.")
            )


def _check_quotas(result: _Plan, errors: list[str]) -> None:
    """No instance (or account, for per-account products) holds more codes than its quota."""
    products = {p.id: p for p in Product.objects.all()}
    instances = {row.get("instance_id"): row for row in result.rows["instances"]}
    per_key: Counter = Counter()
    for row in result.rows["service_codes"]:
        instance = instances.get(row.get("instance"))
        if instance is None or instance.get("product_id") not in products:
            continue
        product = products[instance["product_id"]]
        scope = (
            ("account", instance.get("owner"))
            if product.quota_scope == QUOTA_SCOPE_ACCOUNT
            else ("instance", instance["instance_id"])
        )
        per_key[(scope, product.id)] += 1
    for ((kind, name), product_id), count in per_key.items():
        quota = products[product_id].quota
        if count > quota:
            errors.append(
                _(
                    "service_codes: %(kind)s %(name)s has %(count)s service codes; "
                    "%(product)s allows %(quota)s."
                )
                % {"kind": kind, "name": name, "count": count, "product": product_id, "quota": quota}
            )


def _check_numbers(result: _Plan, errors: list[str]) -> None:
    """ICP numbers shaped as the registry issues them, and a website's under its subject's."""
    subjects = {row.get("id"): row for row in result.rows["subjects"]}
    for i, row in enumerate(result.rows["subjects"]):
        number = row.get("icp_number") or ""
        if not number:
            continue
        match = SUBJECT_NUMBER_RE.match(number)
        province = PROVINCES.get(row.get("province"))
        if not match:
            errors.append(
                f"subjects[{i}].icp_number: "
                + _("%(number)s is not a subject ICP number like 浙ICP备20261234号.") % {"number": number}
            )
        elif province and match["abbr"] != province.abbreviation:
            errors.append(
                f"subjects[{i}].icp_number: "
                + _("%(number)s does not start with %(abbr)s, the abbreviation of %(province)s.")
                % {"number": number, "abbr": province.abbreviation, "province": row.get("province")}
            )
    for i, row in enumerate(result.rows["websites"]):
        number = row.get("icp_number") or ""
        # An app (SPEC 3.11) is numbered <subject>-NA.
        match = (APP_NUMBER_RE if row.get("service_type") == "app" else WEBSITE_NUMBER_RE).match(number)
        subject = subjects.get(row.get("subject"))
        if not match:
            errors.append(
                f"websites[{i}].icp_number: "
                + _("%(number)s is not a website ICP number like 浙ICP备20261234号-1.") % {"number": number}
            )
        elif subject is not None and match["subject"] != subject.get("icp_number"):
            errors.append(
                f"websites[{i}].icp_number: "
                + _("%(number)s is not a number of its subject %(subject)s.")
                % {"number": number, "subject": subject.get("icp_number") or "-"}
            )
