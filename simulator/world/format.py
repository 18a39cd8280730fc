"""The world document's format (SPEC 4.6): its tables, how values are written, parsing."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from accessors.models import FullDomainsSubmission, IpCheck, ReportedDomain, ReportedIp, WhiteListEntry
from filings.models import (
    FilingDocument,
    FilingOrder,
    OrderEvent,
    PhoneMessage,
    RegistryRecord,
    Subject,
    VerificationAttempt,
    Website,
)
from icpconsole.accounts.models import User
from icpconsole.core.bodies import SNAPSHOT_LIMIT
from icpconsole.core.errors import InvalidInput
from icpconsole.core.models import AuditEvent
from instances.models import Instance, InstanceOrder, Product, Region
from openapi.models import AccessKey, ServiceCodeGrant
from registrar.models import Domain
from servicecodes.models import ServiceCode

from .. import refusals

FORMAT = "icp-simulator-world"
VERSION = 1
# What a restore reads at most (issue 27: what snapshot gives, restore takes): the restore route's
# body limit, one number for the server, the middleware and this parser (icpconsole/core/bodies.py).
MAX_DOCUMENT_BYTES = SNAPSHOT_LIMIT
# A stored document's name (issue 27): relative, inside the filings folder, no way out of it.
DOCUMENT_NAME_RE = re.compile(r"^filings/[A-Za-z0-9_-]+(/[A-Za-z0-9_.-]+)*$")
# A placeholder drawn for a missing document is at most this wide and high (its row keeps the
# stated size): 2^31-1 pixels a side would exhaust memory.
MAX_PLACEHOLDER_SIDE = 2000
# The simulated clock's offset a document may set: a century ahead at most.
MAX_CLOCK_OFFSET_SECONDS = 100 * 366 * 86400


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
    Table("domains", Domain, ref="domain"),
    Table("instance_orders", InstanceOrder),
    Table("service_codes", ServiceCode, ref="code", exclude=("quota_key",), derived=("quota_key",)),
    Table("subjects", Subject),
    Table("websites", Website),
    Table("registry_records", RegistryRecord),
    Table("filing_orders", FilingOrder),
    Table("order_events", OrderEvent),
    Table("phone_messages", PhoneMessage),
    Table("filing_documents", FilingDocument),
    Table("verification_attempts", VerificationAttempt),
    Table("access_keys", AccessKey),
    Table("service_code_grants", ServiceCodeGrant),
    Table("reported_domains", ReportedDomain),
    Table("reported_ips", ReportedIp),
    Table("white_list_entries", WhiteListEntry),
    Table("ip_checks", IpCheck),
    Table("full_domains_submissions", FullDomainsSubmission),
    Table("audit_events", AuditEvent),
)
TABLE_FOR_MODEL = {table.model: table for table in TABLES}
TABLE_FOR_MODEL_BY_KEY = {table.key: table for table in TABLES}
TABLE_KEYS = {table.key for table in TABLES}
TOP_LEVEL_KEYS = TABLE_KEYS | {"format", "version", "checksum", "clock", "settings", "time_origin", "comment"}
CATALOG_REFS = {Product: "product", Region: "region"}
STAFF_LOGIN_FIELDS = ("password", "is_staff", "is_superuser", "is_active")
# Issue 27: an inbox secret (an SMS code, a filing password) leaves the database only encrypted, as
# AccessKey secrets do: a snapshot's message carries ``secret_encrypted`` and this mark where the
# secret stood in its text and parameters.
SECRET_MARK = "{secret}"  # noqa: S105 - a placeholder, not a secret
SETTINGS_FIELDS = (
    "review_mode",
    "provider",
    "access_at_risk_days",
    "access_cancel_after_days",
    "order_expire_days",
    "order_remind_days",
    "order_second_remind_days",
)


class InvalidWorld(InvalidInput):
    """400 ``INVALID_WORLD``: the document is not a world this simulator can load; ``errors``
    names every problem found (up to a limit), each with where it is."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors[:50]
        entry = refusals.INVALID_WORLD
        super().__init__(entry.code, entry.text(errors="; ".join(self.errors[:5])), errors=self.errors)


# --- values -------------------------------------------------------------------------------------
def _fields(table: Table) -> list[models.Field]:
    return [f for f in table.model._meta.concrete_fields if f.name not in table.exclude + table.derived]


def _dump_value(f: models.Field, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(f, models.FileField):  # the stored file's name in the storage, not its bytes
        return getattr(value, "name", value) or None
    if isinstance(f, models.DateTimeField):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, Decimal):
        return str(value)
    return value


def _checksum(document: dict) -> str:
    body = {k: v for k, v in document.items() if k != "checksum"}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


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
    except RecursionError:
        raise InvalidWorld([_("document: nested too deeply to be read.")]) from None
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
