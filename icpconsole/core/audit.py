"""The audit trail: every service that changes state records one event here (SPEC 3.8)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


def audit_record(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    account=None,
    details: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
):
    """Record ``actor`` doing ``action`` to ``target``. ``account`` is whose operation log shows it
    (a RAM user's actions show in its parent's log)."""
    from . import clock
    from .models import AuditEvent

    if account is not None and getattr(account, "parent_id", None):
        account = account.parent
    target_id = ""
    if target is not None:
        target_id = str(getattr(target, "audit_id", None) or target.pk)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        account=account,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=target_id,
        target_repr=str(target)[:200] if target is not None else "",
        details=details or {},
        sim_time=at or clock.now(),
    )


# --- the actions, with their labels -------------------------------------------------------------
# Each app declares the actions its services record as a ``TextChoices`` enum (value: the stored
# ``action``, label: what the operation log and the admin show, in English and Chinese) and
# registers it in its ``AppConfig.ready``. The core knows no domain app: it only keeps the table.

_LABELS: dict[str, Any] = {}


def register_actions(*enums: type[models.TextChoices]) -> None:
    for enum in enums:
        for member in enum:
            if _LABELS.get(member.value, member.label) is not member.label:
                raise ValueError(f"audit action {member.value} is registered twice")
            _LABELS[member.value] = member.label


def action_label(action: str) -> str:
    """The readable name of an audit action in the active language; an unknown one reads as itself."""
    label = _LABELS.get(action)
    return str(label) if label is not None else action


def registered_actions() -> frozenset[str]:
    return frozenset(_LABELS)


# --- what the operation log shows of an event's details ------------------------------------------
# Keys read as words, stored values (stages, statuses, types) as their labels, times in the display
# time zone, nothing for empty values. Apps register the enums whose values appear in details.

DETAIL_KEY_LABELS: dict[str, Any] = {
    "from": _("From"),
    "to": _("To"),
    "type": _("Type"),
    "order_id": _("Order"),
    "subject_id": _("Subject"),
    "website_id": _("Website"),
    "domain": _("Domain"),
    "service_code": _("Service code"),
    "icp_number": _("ICP number"),
    "note": _("Note"),
    "fields": _("Fields changed"),
    "changes": _("Changes"),
    "via": _("Via"),
    "failures": _("Wrong codes"),
    "product": _("Product"),
    "region_id": _("Region"),
    "charge_type": _("Billing method"),
    "period_months": _("Period (months)"),
    "amount_rmb": _("Amount (RMB)"),
    "internet_max_bandwidth_out": _("Bandwidth (Mbps)"),
    "from_mbps": _("From (Mbps)"),
    "to_mbps": _("To (Mbps)"),
    "expired_time": _("Expires"),
    "expired_time_before": _("Expired before"),
    "expired_time_after": _("Expires after"),
    "days": _("Days"),
    "access_key_id": _("AccessKey ID"),
    "api_action": _("API action"),
    "api_version": _("API version"),
    "source_ip": _("Source IP"),
    "origin": _("Origin"),
    "access_provider": _("Access provider"),
    "commercial_license": _("Commercial license"),
    "grantee_uid": _("Granted to"),
    "kind": _("Kind"),
    "name": _("Name"),
    "province": _("Province"),
    "certificate_number": _("Certificate number"),
    "from_registry": _("From the registry record"),
    "slot": _("Quota slot"),
    "username": _("Username"),
    "uid": _("UID"),
    # accessors (Beian reports)
    "domains": _("Domains"),
    "ip": _("IP address"),
    "ip_version": _("IP version"),
    "check_type": _("Check type"),
    "start": _("From"),
    "end": _("Until"),
    "entries_ended": _("Entries ended"),
    "checks_ended": _("Checks ended"),
    "objects": _("OSS objects"),
    # issue 28: every key a service records reads as words
    "app_name": _("App name"),
    "instance_id": _("Instance"),
    "at_risk_since": _("At risk since"),
    "cancel_time": _("Access cancelled on"),
    "due": _("Due"),
    "late": _("Late"),
    "public_security_number": _("Public security record number"),
    "from_code": _("From service code"),
    "to_code": _("To service code"),
    "from_instance": _("From instance"),
    "to_instance": _("To instance"),
    "from_parent": _("From account"),
    "to_parent": _("To account"),
    "width": _("Width (px)"),
    "height": _("Height (px)"),
    "size": _("Size (bytes)"),
    "holder_name": _("Holder"),
    "real_name_status": _("Real-name verification"),
    "registrar": _("Registrar"),
    "years": _("Years"),
    "hours": _("Hours"),
    "quota": _("Quota"),
    "ram_user": _("RAM user"),
    "public_ip_address": _("Public IP address"),
    "status": _("Status"),
    "notes": _("Notes"),
    "signature": _("Signature"),
    "reason": _("Reason"),
}
_VALUE_LABELS: dict[str, Any] = {}
# Labels of the values of one key only (a dict, or a function answering one, read once a page).
_KEY_VALUE_LABELS: dict[str, Any] = {}


def register_detail_values(*enums: type[models.TextChoices]) -> None:
    for enum in enums:
        for member in enum:
            _VALUE_LABELS.setdefault(member.value, member.label)


def register_detail_labels(key: str, labels) -> None:
    """Labels for the values of ``key`` only: a mapping, or a function answering one (called at
    most once per page of events, so a table of the database costs one query)."""
    _KEY_VALUE_LABELS[key] = labels


def _key_labels(key: str | None, memo: dict | None) -> dict:
    source = _KEY_VALUE_LABELS.get(key) if key else None
    if source is None or not callable(source):
        return source or {}
    if memo is None:
        return source()
    if key not in memo:
        memo[key] = source()
    return memo[key]


def _detail_value(value: Any, key: str | None = None, memo: dict | None = None) -> str:
    from django.utils import dateparse, formats, timezone

    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, list | tuple):
        return ", ".join(_detail_value(item, key, memo) for item in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{_detail_key(name)}: {_detail_value(item, name, memo)}" for name, item in value.items()
        )
    text = str(value)
    own = _key_labels(key, memo)
    if text in own:
        return str(own[text])
    if text in _VALUE_LABELS:
        return str(_VALUE_LABELS[text])
    moment = dateparse.parse_datetime(text) if isinstance(value, str) and "T" in text else None
    if moment is not None and timezone.is_aware(moment):
        return formats.date_format(timezone.localtime(moment), "Y-m-d H:i:s")
    return text


def _detail_key(key: str) -> str:
    label = DETAIL_KEY_LABELS.get(key)
    return str(label) if label is not None else key


def describe_details(details: dict[str, Any], memo: dict | None = None) -> list[tuple[str, str]]:
    """(label, value) pairs of an event's details for people to read, in the active language.
    ``memo`` (one dict for a page of events) keeps the labels read from the database."""
    return [
        (_detail_key(key), _detail_value(value, key, memo))
        for key, value in (details or {}).items()
        if value not in (None, "", [], {})
    ]


# --- what the operation log shows as an event's object --------------------------------------------
# The stored ``target_repr`` is frozen in the language and state of the moment it was recorded
# ("#4 Add a website (submitted)"). An app may register, for a target type, a function that takes
# the ids of a page's events and answers their labels now, in the active language (one query).

_TARGET_LABELS: dict[str, Any] = {}


def register_target_labels(target_type: str, labeller) -> None:
    _TARGET_LABELS[target_type] = labeller


def target_labels(events) -> dict[int, str]:
    """{event pk: the object's label} for the events whose target type has a labeller."""
    wanted: dict[str, set[str]] = {}
    for event in events:
        if event.target_type in _TARGET_LABELS and event.target_id:
            wanted.setdefault(event.target_type, set()).add(event.target_id)
    found = {kind: _TARGET_LABELS[kind](ids) for kind, ids in wanted.items()}
    return {
        event.pk: found[event.target_type][event.target_id]
        for event in events
        if event.target_type in found and event.target_id in found[event.target_type]
    }


class ClockAction(models.TextChoices):
    ADVANCE = "clock.advance", _("Advance the simulated clock")
