"""Snapshots and world files (SPEC 4.6): the whole world as one versioned JSON document, and back.

A document names every table the domain owns, the clock and the sandbox settings::

    {"format": "icp-simulator-world", "version": 1, "clock": {...}, "settings": {...},
     "accounts": [...], "instances": [...], "service_codes": [...], "subjects": [...], ...}

Rows refer to accounts by ``username``, to instances by ``instance_id``, to service codes by
``code`` and to every other row by its ``id``. :func:`snapshot` writes every field (AccessKey
secrets stay encrypted under ``SECRET_KEY``) plus a ``checksum``; :func:`restore` replaces the
world by a document in one transaction, after checking it, so a bad document changes nothing.

World files are the same format written by hand (``docs/sandbox.md``): most fields may be left
out (ids, numbers and codes are generated, times default to now), accounts may give a clear
``password``, subjects a clear ``icp_password`` and their ``websites`` nested, each of which then
gets its used service code and its registry record, so a test can start from "already filed".

The product catalogue (regions, products) is data loaded by migrations, not part of a world:
documents name products and regions by id. Staff accounts are kept by a restore that does not
mention them, so the caller of a restore keeps its log-in.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from filings.models import (
    ALIBABA_CLOUD,
    FilingOrder,
    OrderEvent,
    PhoneMessage,
    RegistryOrigin,
    RegistryRecord,
    RegistryStatus,
    Subject,
    SubjectStatus,
    Website,
    WebsiteStatus,
)
from filings.provinces import PROVINCES
from filings.services.registry import SUBJECT_NUMBER_RE, WEBSITE_NUMBER_RE
from icpconsole.accounts.models import User, generate_uid
from icpconsole.core import generators
from icpconsole.core.errors import InvalidInput
from icpconsole.core.models import AuditEvent, ClockState
from instances import rules as instance_rules
from instances.catalog import QUOTA_SCOPE_ACCOUNT
from instances.models import Instance, InstanceOrder, Product, Region, generate_instance_id
from openapi.crypto import decrypt_secret, encrypt_secret
from openapi.models import AccessKey, ServiceCodeGrant, generate_access_key_id
from servicecodes.models import CodeStatus, ServiceCode, generate_code

from .models import FaultRule, InjectedFault, SimulatorSettings

logger = logging.getLogger("simulator")

FORMAT = "icp-simulator-world"
VERSION = 1


@dataclass(frozen=True)
class Table:
    key: str  # the document's key
    model: type[models.Model]
    ref: str = "id"  # the field other rows refer to it by
    exclude: tuple[str, ...] = ()
    derived: tuple[str, ...] = ()  # computed on load, never read from a document


# In the order rows are written (every reference points up the list).
TABLES: tuple[Table, ...] = (
    Table("accounts", User, ref="username", exclude=("id",)),
    Table("instances", Instance, ref="instance_id"),
    Table("instance_orders", InstanceOrder),
    Table("service_codes", ServiceCode, ref="code", exclude=("quota_key",), derived=("quota_key",)),
    Table("subjects", Subject),
    Table("websites", Website),
    Table("registry_records", RegistryRecord),
    Table("filing_orders", FilingOrder),
    Table("order_events", OrderEvent),
    Table("phone_messages", PhoneMessage),
    Table("access_keys", AccessKey),
    Table("service_code_grants", ServiceCodeGrant),
    Table("audit_events", AuditEvent),
)
TABLE_FOR_MODEL = {table.model: table for table in TABLES}
TABLE_KEYS = {table.key for table in TABLES}
TOP_LEVEL_KEYS = TABLE_KEYS | {"format", "version", "checksum", "clock", "settings", "time_origin", "comment"}
CATALOG_REFS = {Product: "product", Region: "region"}
STAFF_LOGIN_FIELDS = ("password", "is_staff", "is_superuser", "is_active")
SETTINGS_FIELDS = ("review_mode", "access_at_risk_days", "access_cancel_after_days")


class InvalidWorld(InvalidInput):
    """400 ``INVALID_WORLD``: the document is not a world this simulator can load; ``errors``
    names every problem found (up to a limit), each with where it is."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors[:50]
        message = _("The world document was refused: %(errors)s") % {"errors": "; ".join(self.errors[:5])}
        super().__init__("INVALID_WORLD", message, errors=self.errors)


# --- values -------------------------------------------------------------------------------------
def _fields(table: Table) -> list[models.Field]:
    return [f for f in table.model._meta.concrete_fields if f.name not in table.exclude + table.derived]


def _dump_value(f: models.Field, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(f, models.DateTimeField):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, Decimal):
        return str(value)
    return value


def _checksum(document: dict) -> str:
    body = {k: v for k, v in document.items() if k != "checksum"}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


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
    from .faults import rule_as_dict

    row = settings_row()
    data = {name: getattr(row, name) for name in SETTINGS_FIELDS}
    data["faults"] = [
        {k: v for k, v in rule_as_dict(rule).items() if k != "id"}
        for rule in FaultRule.objects.order_by("id")
    ]
    return data


# --- reading a document -------------------------------------------------------------------------
def parse(text: str | bytes, *, name: str = "") -> dict:
    """A world document from JSON or YAML text (YAML with ``safe_load``: no Python objects)."""
    import yaml

    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidWorld([_("The document is not UTF-8 text.")]) from None
    try:
        if name.endswith((".yaml", ".yml")):
            document = yaml.safe_load(text)
        else:
            try:
                document = json.loads(text)
            except json.JSONDecodeError:
                document = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError) as exc:
        raise InvalidWorld(
            [_("The document is not valid JSON or YAML (%(error)s).") % {"error": str(exc)[:200]}]
        ) from None
    return document


def read_file(path: str | Path) -> dict:
    path = Path(path)
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise InvalidWorld(
            [_("The world file %(path)s cannot be read (%(error)s).") % {"path": path, "error": exc.strerror}]
        ) from None
    return parse(text, name=path.name)


@dataclass
class _Plan:
    """A checked document, ready to write."""

    rows: dict[str, list[dict]] = field(default_factory=dict)
    clock_offset: int = 0
    settings: dict = field(default_factory=dict)
    faults: list[dict] = field(default_factory=list)
    salt: str = ""


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


def _expand_world(document: dict, now: dt.datetime, errors: list[str]) -> dict[str, list[dict]]:
    """The world-file conveniences, turned into plain rows (a snapshot passes through unchanged)."""
    rows = {table.key: [dict(row) for row in document.get(table.key, []) or []] for table in TABLES}
    taken_ips = {row.get("public_ip_address") for row in rows["instances"]} - {None}

    for i, row in enumerate(rows["accounts"]):
        if "password" in row and not row.get("password", "").startswith(
            ("pbkdf2_", "argon2", "bcrypt", "md5$", "!")
        ):
            if not isinstance(row["password"], str) or not row["password"]:
                errors.append(f"accounts[{i}].password: " + _("a non-empty text is expected."))
            else:
                row["password"] = make_password(row["password"])
        row.setdefault("uid", generate_uid())
        row.setdefault("password", make_password(None))
        row.setdefault("date_joined", now)

    instances_by_id = {row.get("instance_id"): row for row in rows["instances"]}
    for row in rows["instances"]:
        row.setdefault("instance_id", generate_instance_id())
        instances_by_id[row["instance_id"]] = row
        row.setdefault("created_time", now)
        months = row.pop("period_months", None)
        if (
            months is not None
            and row.get("charge_type") == instance_rules.PREPAID
            and "expired_time" not in row
        ):
            created = row["created_time"]
            if isinstance(created, str):
                created = dt.datetime.fromisoformat(created.replace("Z", "+00:00"))
            if isinstance(months, int) and not isinstance(months, bool) and months > 0:
                row["expired_time"] = instance_rules.purchase_expiry(created, months)
        if row.get("internet_max_bandwidth_out") and "public_ip_address" not in row:
            source = generators.rng("ip")
            while True:
                ip = f"47.{source.randint(96, 127)}.{source.randint(0, 255)}.{source.randint(1, 254)}"
                if ip not in taken_ips:
                    break
            taken_ips.add(ip)
            row["public_ip_address"] = ip

    for row in rows["service_codes"]:
        row.setdefault("code", generate_code())
        if "account" not in row and row.get("instance") in instances_by_id:
            row["account"] = instances_by_id[row["instance"]].get("owner")
        row.setdefault("created_time", now)
        row.setdefault("status_time", row["created_time"])

    for i, row in enumerate(rows["access_keys"]):
        secret = row.pop("secret", None)
        if secret is not None:
            if not isinstance(secret, str) or len(secret) < 16:
                errors.append(
                    f"access_keys[{i}].secret: " + _("a text of at least 16 characters is expected.")
                )
            else:
                row["secret_encrypted"] = encrypt_secret(secret)
        row.setdefault("access_key_id", generate_access_key_id())
        row.setdefault("created_time", now)

    def next_id(key: str) -> int:
        ids = [r["id"] for r in rows[key] if isinstance(r.get("id"), int)]
        return max(ids, default=0) + 1

    for i, subject in enumerate(list(rows["subjects"])):
        nested = subject.pop("websites", None)
        subject.setdefault("id", next_id("subjects"))
        password = subject.pop("icp_password", None)
        if password is not None:
            subject["password_hash"] = make_password(str(password))
        subject.setdefault(
            "status", SubjectStatus.ACTIVE if subject.get("icp_number") else SubjectStatus.PENDING
        )
        subject.setdefault("created_time", now)
        subject.setdefault("status_time", subject["created_time"])
        if nested is None:
            continue
        if not isinstance(nested, list) or not all(isinstance(w, dict) for w in nested):
            errors.append(f"subjects[{i}].websites: " + _("a list of objects is expected."))
            continue
        seq = 0
        for website in nested:
            website = dict(website)
            website["subject"] = subject["id"]
            website.setdefault("id", next_id("websites"))
            number = website.get("icp_number")
            if number is None and subject.get("icp_number"):
                number = website["icp_number"] = f"{subject['icp_number']}-{seq + 1}"
            match = WEBSITE_NUMBER_RE.match(number or "")
            website.setdefault("seq", int(match["seq"]) if match else seq + 1)
            seq = max(seq, website["seq"]) if isinstance(website["seq"], int) else seq
            website.setdefault("status", WebsiteStatus.ACTIVE)
            website.setdefault("created_time", subject["created_time"])
            website.setdefault("status_time", website["created_time"])
            if "service_code" not in website and website.get("instance") in instances_by_id:
                code = generate_code()
                rows["service_codes"].append(
                    {
                        "code": code,
                        "instance": website["instance"],
                        "account": instances_by_id[website["instance"]].get("owner"),
                        "status": CodeStatus.USED
                        if website["status"] == WebsiteStatus.ACTIVE
                        else CodeStatus.DELETED,
                        "icp_number": number or "",
                        "created_time": website["created_time"],
                        "status_time": website["created_time"],
                    }
                )
                website["service_code"] = code
            rows["websites"].append(website)
            if website["status"] != WebsiteStatus.CANCELLED:
                rows["registry_records"].append(
                    {
                        "id": next_id("registry_records"),
                        "domain": website.get("domain"),
                        "icp_number": number,
                        "subject_icp_number": subject.get("icp_number"),
                        "subject_name": subject.get("name"),
                        "subject_kind": subject.get("kind"),
                        "certificate_number": subject.get("certificate_number"),
                        "province": subject.get("province"),
                        "status": RegistryStatus.VALID,
                        "access_provider": ALIBABA_CLOUD if website["status"] == WebsiteStatus.ACTIVE else "",
                        "origin": RegistryOrigin.ISSUED,
                        "filed_time": website["created_time"],
                        "password_hash": subject.get("password_hash", ""),
                        "subject": subject["id"],
                        "website": website["id"],
                        "created_time": website["created_time"],
                        "status_time": website["status_time"],
                    }
                )
        subject.setdefault("website_seq", seq)
    for key in (
        "websites",
        "registry_records",
        "filing_orders",
        "order_events",
        "phone_messages",
        "audit_events",
    ):
        for row in rows[key]:
            for f in TABLE_FOR_MODEL_BY_KEY[key].model._meta.concrete_fields:
                if (
                    isinstance(f, models.DateTimeField)
                    and not f.null
                    and f.name not in row
                    and not f.auto_now_add
                ):
                    row[f.name] = now
    # Every row of a table keyed by id gets one (explicit and generated keys must not mix).
    for table in TABLES:
        if table.ref == "id":
            for row in rows[table.key]:
                if "id" not in row:
                    row["id"] = next_id(table.key)
    return rows


TABLE_FOR_MODEL_BY_KEY = {table.key: table for table in TABLES}
# Filled in on load when a document leaves them out.
OPTIONAL_ON_LOAD = {(ServiceCode, "slot")}


class _Default(dt.datetime):
    """A time the loader filled in ("now"): ``time_origin`` does not move it."""


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
                if (
                    (table.model, name) in OPTIONAL_ON_LOAD
                    or f.primary_key
                    or f.has_default()
                    or f.null
                    or (f.blank and not f.is_relation)
                    or getattr(f, "auto_now_add", False)
                    or getattr(f, "auto_now", False)
                ):
                    continue
                errors.append(f"{where}.{name}: " + _("this field is required."))
                continue
            value = row[name]
            if f.is_relation:
                target = f.related_model
                if value is None:
                    if not f.null:
                        errors.append(f"{where}.{name}: " + _("this field is required."))
                    values[f.attname] = None
                elif target in CATALOG_REFS:
                    if value not in keys[target]:
                        errors.append(
                            f"{where}.{name}: "
                            + _("no %(model)s %(value)s in the catalogue.")
                            % {
                                "model": CATALOG_REFS[target],
                                "value": json.dumps(value, ensure_ascii=False)[:80],
                            }
                        )
                    values[f.attname] = value
                else:
                    ref_table = TABLE_FOR_MODEL[target]
                    if value not in keys[target]:
                        errors.append(
                            f"{where}.{name}: "
                            + _("no %(table)s with %(ref)s %(value)s in the document.")
                            % {
                                "table": ref_table.key,
                                "ref": ref_table.ref,
                                "value": json.dumps(value, ensure_ascii=False)[:80],
                            }
                        )
                    values[name] = value  # resolved to a pk on write
                continue
            try:
                if value is None:
                    if not f.null:
                        raise ValidationError(_("this field cannot be null."))
                    python = None
                else:
                    if isinstance(value, dt.datetime | dt.date) and not isinstance(f, models.DateTimeField):
                        value = value.isoformat()
                    python = f.to_python(value)
                    if isinstance(f, models.DateTimeField) and python is not None:
                        if timezone.is_naive(python):
                            raise ValidationError(_("a time with its offset (or Z) is expected."))
                        if not isinstance(value, _Default):
                            python = python + shift
                    if python not in f.empty_values:
                        f.run_validators(python)
                    if f.choices and python not in dict(f.flatchoices) and not (f.blank and python == ""):
                        raise ValidationError(
                            _("%(value)s is not one of %(choices)s.")
                            % {"value": python, "choices": ", ".join(str(c) for c, _l in f.flatchoices)}
                        )
                    if (
                        isinstance(f, models.CharField)
                        and f.max_length
                        and python
                        and len(python) > f.max_length
                    ):
                        raise ValidationError(_("at most %(n)s characters.") % {"n": f.max_length})
                    if (
                        isinstance(f, models.PositiveIntegerField | models.PositiveSmallIntegerField)
                        and python < 0
                    ):
                        raise ValidationError(_("a whole number from 0 is expected."))
            except (ValidationError, TypeError, ValueError, AttributeError) as exc:
                detail = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                errors.append(f"{where}.{name}: {detail[:200]}")
                continue
            values[name] = python
        converted.append(values)
    return converted


def plan(document: Any, *, rebase: bool = True) -> _Plan:
    """Check a document (structure, values, references, the rules) without writing anything."""
    errors: list[str] = []
    _check_envelope(document, errors)
    if errors:
        raise InvalidWorld(errors)
    shift = _time_shift(document, errors) if rebase else dt.timedelta(0)
    clock = document.get("clock") or {}
    offset = clock.get("offset_seconds", 0) if isinstance(clock, dict) else None
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        errors.append(_("clock.offset_seconds: a whole number of seconds from 0 is expected."))
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
        duplicates = [v for v, n in Counter(map(json.dumps, values)).items() if n > 1]
        if duplicates:
            errors.append(
                f"{table.key}: "
                + _("%(ref)s %(value)s appears more than once.") % {"ref": table.ref, "value": duplicates[0]}
            )
        keys[table.model] = {v for v in values if v is not None}

    result = _Plan(clock_offset=offset)
    for table in TABLES:
        result.rows[table.key] = _convert(table, rows[table.key], shift, keys, errors)
    result.settings, result.faults = _plan_settings(document.get("settings"), errors)
    _check_rules(result, errors)
    if errors:
        raise InvalidWorld(errors)
    result.salt = _checksum(document)
    return result


def _plan_settings(data: Any, errors: list[str]) -> tuple[dict, list[dict]]:
    from .faults import clean_rule

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
        match = WEBSITE_NUMBER_RE.match(number)
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
    for i, row in enumerate(result.rows["access_keys"]):
        if row.get("secret_encrypted") and decrypt_secret(row["secret_encrypted"]) is None:
            errors.append(
                f"access_keys[{i}]: "
                + _("the secret was encrypted under another SECRET_KEY; it restores only where it was taken.")
            )


# --- writing ------------------------------------------------------------------------------------
def _wipe(*, keep_usernames: set[str]) -> None:
    for table in reversed(TABLES[1:]):
        table.model.objects.all()._raw_delete(table.model.objects.db)
    # Tokens and admin log entries go with their accounts; staff accounts stay unless replaced.
    leaving = User.objects.filter(is_staff=False).exclude(username__in=keep_usernames)
    User.objects.filter(parent__in=leaving).update(parent=None)
    leaving.delete()


def _write(result: _Plan) -> dict[str, int]:
    accounts = result.rows["accounts"]
    _wipe(keep_usernames={row["username"] for row in accounts})
    pk_of: dict[type, dict[Any, int]] = defaultdict(dict)

    existing = {
        u.username: u for u in User.objects.filter(username__in=[row["username"] for row in accounts])
    }
    new_users = []
    for row in accounts:
        values = {k: v for k, v in row.items() if k != "parent"}
        user = existing.get(row["username"])
        if user is None:
            new_users.append(User(**values))
        else:
            # A staff member already here keeps their log-in: a restore (the demo's "admin"
            # included) never sets a known password on, or takes staff rights from, staff.
            kept = STAFF_LOGIN_FIELDS if user.is_staff else ()
            for name, value in values.items():
                if name not in kept:
                    setattr(user, name, value)
            user.parent_id = None
            user.save()
    User.objects.bulk_create(new_users)
    pk_of[User] = dict(User.objects.values_list("username", "pk"))
    parents = [(row["username"], row["parent"]) for row in accounts if row.get("parent")]
    for username, parent in parents:
        User.objects.filter(username=username).update(parent_id=pk_of[User][parent])

    explicit: list[type] = []
    for table in TABLES[1:]:
        objects = []
        for row in result.rows[table.key]:
            values = {}
            for name, value in row.items():
                f = table.model._meta.get_field(name)
                if f.is_relation and f.related_model in TABLE_FOR_MODEL and name == f.name:
                    values[f.attname] = None if value is None else pk_of[f.related_model][value]
                else:
                    values[name] = value
            objects.append(table.model(**values))
        if table.model is ServiceCode:
            _assign_quota(objects)
        if any(obj.pk is not None for obj in objects):
            explicit.append(table.model)
        with _keeping_stored_times(table.model):
            table.model.objects.bulk_create(objects)
        if table.ref != "id":
            pk_of[table.model] = dict(table.model.objects.values_list(table.ref, "pk"))
        else:
            pk_of[table.model] = {obj.pk: obj.pk for obj in objects}
    if explicit and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), explicit):
                cursor.execute(sql)
    return {table.key: len(result.rows[table.key]) for table in TABLES}


@contextlib.contextmanager
def _keeping_stored_times(model):
    """``auto_now_add`` fields (the audit log's real time) keep the document's value while
    its rows are written back, instead of the moment of the restore."""
    auto = [f for f in model._meta.concrete_fields if getattr(f, "auto_now_add", False)]
    for f in auto:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f in auto:
            f.auto_now_add = True


def _assign_quota(codes: list[ServiceCode]) -> None:
    instances = Instance.objects.select_related("product").in_bulk([c.instance_id for c in codes])
    slots: Counter = Counter()
    for code in sorted(codes, key=lambda c: (c.created_time, c.code)):
        instance = instances[code.instance_id]
        if instance.product.quota_scope == QUOTA_SCOPE_ACCOUNT:
            code.quota_key = f"account:{instance.owner_id}"
        else:
            code.quota_key = f"instance:{instance.pk}"
        slots[code.quota_key] += 1
        if not code.slot:
            code.slot = slots[code.quota_key]


def _apply(result: _Plan, *, salt: str) -> dict[str, int]:
    from . import faults

    try:
        with transaction.atomic():
            counts = _write(result)
            ClockState.objects.update_or_create(
                pk=ClockState.SINGLETON_ID, defaults={"offset_seconds": result.clock_offset}
            )
            SimulatorSettings.objects.filter(pk=SimulatorSettings.SINGLETON_ID).delete()
            SimulatorSettings.objects.create(pk=SimulatorSettings.SINGLETON_ID, **result.settings)
            FaultRule.objects.all().delete()
            for rule in result.faults:
                remaining = rule.pop("remaining", rule["times"])
                FaultRule.objects.create(**rule, remaining=remaining)
            faults.changed()
    except IntegrityError as exc:
        raise InvalidWorld(
            [_("The document breaks a rule of the database: %(error)s") % {"error": str(exc)[:300]}]
        ) from None
    generators.reseed(salt)
    return counts


def restore(document: Any, *, rebase: bool = True) -> dict[str, int]:
    """Replace the whole world by ``document`` (a snapshot or a world file), atomically."""
    started = time.perf_counter()
    result = plan(document, rebase=rebase)
    counts = _apply(result, salt=result.salt)
    logger.info(
        "World restored (%s rows) in %.0f ms", sum(counts.values()), (time.perf_counter() - started) * 1000
    )
    return counts


WORLDS = ("empty", "demo")
DEMO_WORLD = Path(__file__).parent / "worlds" / "demo.json"
_demo_cache: dict[str, Any] = {}


def demo_document() -> dict:
    """The demo world (``simulator/worlds/demo.json``, written by ``manage.py simulator build-demo``)."""
    mtime = DEMO_WORLD.stat().st_mtime
    if _demo_cache.get("mtime") != mtime:
        _demo_cache.update(mtime=mtime, document=read_file(DEMO_WORLD))
    return _demo_cache["document"]


def reset(*, world: str = "empty") -> dict[str, int]:
    """The whole world back to ``empty`` (staff accounts kept) or to the ``demo``; the clock back
    to real time, the settings to their defaults, no fault rules, an empty fault log."""
    if world not in WORLDS:
        raise InvalidInput(
            "INVALID_WORLD_NAME",
            _("world is one of: %(names)s.") % {"names": ", ".join(WORLDS)},
            field="world",
        )
    if not Product.objects.exists():  # after a plain ``flush`` (pytest-django's live server tests)
        from instances.services_catalog import catalog_sync

        catalog_sync()
    document = demo_document() if world == "demo" else {"format": FORMAT, "version": VERSION}
    result = plan(document)
    with transaction.atomic():
        InjectedFault.objects.all()._raw_delete(InjectedFault.objects.db)
        counts = _apply(result, salt=world)
    return counts


def counts() -> dict[str, int]:
    return {table.key: table.model.objects.count() for table in TABLES}
