"""The world-file shorthands (``docs/sandbox.md``): what a hand-written file may leave out or
state in clear, turned into the plain rows a snapshot has. A snapshot passes through unchanged."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.db import models
from django.utils.translation import gettext as _

from filings.models import (
    ALIBABA_CLOUD,
    RegistryOrigin,
    RegistryStatus,
    SubjectStatus,
    WebsiteStatus,
)
from filings.services.registry import APP_NUMBER_RE, WEBSITE_NUMBER_RE
from icpconsole.accounts.models import generate_uid
from icpconsole.core import generators
from icpconsole.core.errors import DomainError
from instances import rules as instance_rules
from instances.models import generate_instance_id
from openapi.crypto import encrypt_secret
from openapi.models import generate_access_key_id
from registrar.domains import normalize_main_domain
from servicecodes.models import CodeStatus, generate_code

from .format import (
    SECRET_MARK,
    TABLE_FOR_MODEL_BY_KEY,
    TABLES,
)
from .sealing import unseal


def _unseal(row: dict, where: str, errors: list[str]) -> None:
    """A snapshot's sealed message back to its secret (issue 27); a hand-written world may still
    give ``secret`` in clear."""
    if "secret_encrypted" not in row:
        return
    token = row.pop("secret_encrypted")
    secret = unseal(token) if isinstance(token, str) else None
    if secret is None:
        errors.append(
            f"{where}.secret_encrypted: "
            + _("the secret was encrypted under another SECRET_KEY; it restores only where it was taken.")
        )
        return
    row["secret"] = secret
    if isinstance(row.get("text"), str):
        row["text"] = row["text"].replace(SECRET_MARK, secret)
    if isinstance(row.get("params"), dict):
        row["params"] = {k: (secret if v == SECRET_MARK else v) for k, v in row["params"].items()}


class _Default(dt.datetime):
    """A time the loader filled in ("now"): ``time_origin`` does not move it."""


class _Expansion:
    """What the expanders share while one document is turned into rows."""

    def __init__(self, document: dict, now: dt.datetime, errors: list[str]):
        self.rows = {table.key: [dict(row) for row in document.get(table.key, []) or []] for table in TABLES}
        self.now = now
        self.errors = errors
        self.taken_ips = {row.get("public_ip_address") for row in self.rows["instances"]} - {None}
        self.instances_by_id = {row.get("instance_id"): row for row in self.rows["instances"]}

    def next_id(self, key: str) -> int:
        ids = [r["id"] for r in self.rows[key] if isinstance(r.get("id"), int)]
        return max(ids, default=0) + 1


_HASHED_PREFIXES = ("pbkdf2_", "argon2", "bcrypt", "md5$", "!")


def _expand_account(x: _Expansion, i: int, row: dict) -> None:
    password = row.get("password")
    if "password" in row and not (isinstance(password, str) and password.startswith(_HASHED_PREFIXES)):
        if not isinstance(password, str) or not password:
            x.errors.append(f"accounts[{i}].password: " + _("a non-empty text is expected."))
        else:
            row["password"] = make_password(password)
    row.setdefault("uid", generate_uid())
    row.setdefault("password", make_password(None))
    row.setdefault("date_joined", x.now)


def _free_ip(x: _Expansion) -> str:
    source = generators.rng("ip")
    while True:
        ip = f"47.{source.randint(96, 127)}.{source.randint(0, 255)}.{source.randint(1, 254)}"
        if ip not in x.taken_ips:
            x.taken_ips.add(ip)
            return ip


def _expand_instance(x: _Expansion, i: int, row: dict) -> None:
    row.setdefault("instance_id", generate_instance_id())
    x.instances_by_id[row["instance_id"]] = row
    row.setdefault("created_time", x.now)
    months = row.pop("period_months", None)
    if months is not None and row.get("charge_type") == instance_rules.PREPAID and "expired_time" not in row:
        created = row["created_time"]
        if isinstance(created, str):
            created = dt.datetime.fromisoformat(created.replace("Z", "+00:00"))
        if isinstance(months, int) and not isinstance(months, bool) and months > 0:
            row["expired_time"] = instance_rules.purchase_expiry(created, months)
    if row.get("internet_max_bandwidth_out") and "public_ip_address" not in row:
        row["public_ip_address"] = _free_ip(x)


def _expand_service_code(x: _Expansion, i: int, row: dict) -> None:
    row.setdefault("code", generate_code())
    if "account" not in row and row.get("instance") in x.instances_by_id:
        row["account"] = x.instances_by_id[row["instance"]].get("owner")
    row.setdefault("created_time", x.now)
    row.setdefault("status_time", row["created_time"])


def _expand_access_key(x: _Expansion, i: int, row: dict) -> None:
    secret = row.pop("secret", None)
    if secret is not None:
        if not isinstance(secret, str) or len(secret) < 16:
            x.errors.append(f"access_keys[{i}].secret: " + _("a text of at least 16 characters is expected."))
        else:
            row["secret_encrypted"] = encrypt_secret(secret)
    row.setdefault("access_key_id", generate_access_key_id())
    row.setdefault("created_time", x.now)


def _expand_phone_message(x: _Expansion, i: int, row: dict) -> None:
    _unseal(row, f"phone_messages[{i}]", x.errors)


def _expand_subject(x: _Expansion, i: int, subject: dict) -> None:
    nested = subject.pop("websites", None)
    subject.setdefault("id", x.next_id("subjects"))
    password = subject.pop("icp_password", None)
    if password is not None:
        subject["password_hash"] = make_password(str(password))
    subject.setdefault("status", SubjectStatus.ACTIVE if subject.get("icp_number") else SubjectStatus.PENDING)
    subject.setdefault("created_time", x.now)
    subject.setdefault("status_time", subject["created_time"])
    if nested is None:
        return
    if not isinstance(nested, list) or not all(isinstance(w, dict) for w in nested):
        x.errors.append(f"subjects[{i}].websites: " + _("a list of objects is expected."))
        return
    seq = 0
    for website in nested:
        seq = _expand_nested_website(x, subject, dict(website), seq)
    subject.setdefault("website_seq", seq)


def _expand_nested_website(x: _Expansion, subject: dict, website: dict, seq: int) -> int:
    """One website (or app) written inside its subject; answers the subject's sequence so far."""
    website["subject"] = subject["id"]
    website.setdefault("id", x.next_id("websites"))
    number = website.get("icp_number")
    is_app = website.get("service_type") == "app"
    if number is None and subject.get("icp_number"):
        number = website["icp_number"] = f"{subject['icp_number']}-{seq + 1}{'A' if is_app else ''}"
    match = (APP_NUMBER_RE if is_app else WEBSITE_NUMBER_RE).match(number or "")
    website.setdefault("seq", int(match["seq"]) if match else seq + 1)
    seq = max(seq, website["seq"]) if isinstance(website["seq"], int) else seq
    website.setdefault("status", WebsiteStatus.ACTIVE)
    # A website is filed under its main domain (SPEC 3.9): ``www.acme.cn`` is ``acme.cn``.
    if isinstance(website.get("domain"), str) and not is_app:
        try:
            website["domain"] = normalize_main_domain(website["domain"])[0]
        except DomainError:
            pass  # left as written: the rule checks name it
    website.setdefault("created_time", subject["created_time"])
    website.setdefault("status_time", website["created_time"])
    if "service_code" not in website and website.get("instance") in x.instances_by_id:
        website["service_code"] = _used_code(x, website, number)
    x.rows["websites"].append(website)
    if website["status"] != WebsiteStatus.CANCELLED:
        x.rows["registry_records"].append(_registry_record(x, subject, website, number))
    return seq


def _used_code(x: _Expansion, website: dict, number: str | None) -> str:
    """The service code a filed website consumed (deleted if the website is cancelled)."""
    code = generate_code()
    active = website["status"] == WebsiteStatus.ACTIVE
    x.rows["service_codes"].append(
        {
            "code": code,
            "instance": website["instance"],
            "account": x.instances_by_id[website["instance"]].get("owner"),
            "status": CodeStatus.USED if active else CodeStatus.DELETED,
            "icp_number": number or "",
            "created_time": website["created_time"],
            "status_time": website["created_time"],
        }
    )
    return code


def _registry_record(x: _Expansion, subject: dict, website: dict, number: str | None) -> dict:
    return {
        "id": x.next_id("registry_records"),
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


# Each table's shorthands, in the order they run (service codes before the subjects add the ones
# their websites consumed; subjects last, since they add websites and registry records).
_EXPANDERS = (
    ("accounts", _expand_account),
    ("instances", _expand_instance),
    ("service_codes", _expand_service_code),
    ("access_keys", _expand_access_key),
    ("phone_messages", _expand_phone_message),
    ("subjects", _expand_subject),
)
# Tables whose required times default to the load's "now".
_TIMED_TABLES = (
    "websites",
    "registry_records",
    "filing_orders",
    "order_events",
    "phone_messages",
    "audit_events",
)


def _default_times(x: _Expansion) -> None:
    for key in _TIMED_TABLES:
        fields = [
            f.name
            for f in TABLE_FOR_MODEL_BY_KEY[key].model._meta.concrete_fields
            if isinstance(f, models.DateTimeField) and not f.null and not f.auto_now_add
        ]
        for row in x.rows[key]:
            for name in fields:
                row.setdefault(name, x.now)


def _expand_world(document: dict, now: dt.datetime, errors: list[str]) -> dict[str, list[dict]]:
    """The world-file conveniences, turned into plain rows (a snapshot passes through unchanged)."""
    x = _Expansion(document, now, errors)
    for key, expand in _EXPANDERS:
        for i, row in enumerate(list(x.rows[key])):
            expand(x, i, row)
    _default_times(x)
    # Every row of a table keyed by id gets one (explicit and generated keys must not mix).
    for table in TABLES:
        if table.ref == "id":
            for row in x.rows[table.key]:
                if "id" not in row:
                    row["id"] = x.next_id(table.key)
    return x.rows
