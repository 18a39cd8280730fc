"""Writing a checked document: the world replaced in one transaction; reset."""

from __future__ import annotations

import contextlib
import logging
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from django.core.management.color import no_style
from django.db import DataError, IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from icpconsole.accounts.models import User
from icpconsole.core import clock, generators, provider
from icpconsole.core.models import ClockState
from instances import providers
from instances.catalog import QUOTA_SCOPE_ACCOUNT
from instances.models import Instance, Product
from servicecodes.models import ServiceCode

from .. import refusals
from ..models import FaultRule, InjectedFault, SimulatorSettings
from .format import (
    FORMAT,
    MAX_PLACEHOLDER_SIDE,
    STAFF_LOGIN_FIELDS,
    TABLE_FOR_MODEL,
    TABLES,
    VERSION,
    InvalidWorld,
    read_file,
)
from .loading import _Plan, plan

logger = logging.getLogger("simulator")


# --- writing ------------------------------------------------------------------------------------
def _wipe(*, keep_usernames: set[str]) -> None:
    for table in reversed(TABLES[1:]):
        table.model.objects.all()._raw_delete(table.model.objects.db)
    # Tokens and admin log entries go with their accounts; staff accounts stay unless replaced.
    leaving = User.objects.filter(is_staff=False).exclude(username__in=keep_usernames)
    User.objects.filter(parent__in=leaving).update(parent=None)
    leaving.delete()


def _write(result: _Plan, *, superusers: bool, drawn: list[str]) -> dict[str, int]:
    pk_of: dict[type, dict[Any, int]] = defaultdict(dict)
    pk_of[User] = _write_accounts(result.rows["accounts"], superusers=superusers)
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
    drawn.extend(_draw_missing_documents(result.rows["filing_documents"]))
    if result.shift:
        _due_times_on_working_days()
    return {table.key: len(result.rows[table.key]) for table in TABLES}


def _write_accounts(accounts: list[dict], *, superusers: bool) -> dict[str, int]:
    """The document's accounts in place of the world's (staff kept); answers each one's pk."""
    _wipe(keep_usernames={row["username"] for row in accounts})
    existing = {
        u.username: u for u in User.objects.filter(username__in=[row["username"] for row in accounts])
    }
    new_users = []
    for row in accounts:
        values = {k: v for k, v in row.items() if k != "parent"}
        user = existing.get(row["username"])
        if user is None:
            if not superusers:
                # Only a superuser (or manage.py) may bring superusers into the world.
                values["is_superuser"] = False
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
    pks = dict(User.objects.values_list("username", "pk"))
    parents = [(row["username"], row["parent"]) for row in accounts if row.get("parent")]
    for username, parent in parents:
        User.objects.filter(username=username).update(parent_id=pks[parent])
    return pks


def _due_times_on_working_days() -> None:
    """A world moved to today by whole days moves its review due times too, and may land one on
    a weekend or a holiday: count the working days again from when the order entered its review
    (issue 28: the demo's order was due on a Sunday)."""
    from filings import rules
    from filings.models import FilingOrder, OrderEvent

    orders = FilingOrder.objects.filter(status__in=rules.REVIEW_STAGES, due_time__isnull=False)
    for order in orders.select_related("subject"):
        entered = (
            OrderEvent.objects.filter(order=order, to_status=order.status)
            .order_by("-sim_time", "-id")
            .values_list("sim_time", flat=True)
            .first()
        )
        if entered is None or order.subject is None:
            continue
        due = rules.review_due_time(order.status, entered, order.subject.province)
        if due is not None and due != order.due_time:
            FilingOrder.objects.filter(pk=order.pk).update(due_time=due)


def _draw_missing_documents(rows: list[dict]) -> list[str]:
    """A document names its stored file, not its bytes: a world written elsewhere (the demo's, a
    hand-written one) names files this storage does not hold. Each missing one is drawn as a plain
    placeholder of the recorded size, so the order page and the admin show an image."""
    import io

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from PIL import Image, ImageDraw

    drawn = []
    for row in rows:
        name = row.get("file")
        if not name or default_storage.exists(name):
            continue
        width, height = _placeholder_size(int(row.get("width") or 800), int(row.get("height") or 600))
        picture = Image.new("RGB", (width, height), (236, 240, 245))
        ImageDraw.Draw(picture).rectangle((20, 20, width - 20, height - 20), outline=(90, 110, 140), width=6)
        buffer = io.BytesIO()
        png = row.get("content_type") == "image/png"
        picture.save(buffer, format="PNG" if png else "JPEG")
        drawn.append(default_storage.save(name, ContentFile(buffer.getvalue())))
    return drawn


def _placeholder_size(width: int, height: int) -> tuple[int, int]:
    """The stated size, scaled down to fit :data:`MAX_PLACEHOLDER_SIDE` (issue 27: a row stating
    2^31-1 pixels would exhaust memory); never below the frame it is drawn with."""
    scale = min(1.0, MAX_PLACEHOLDER_SIDE / max(width, height, 1))
    return max(60, round(width * scale)), max(60, round(height * scale))


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


def _apply(result: _Plan, *, salt: str, superusers: bool) -> dict[str, int]:
    from .. import faults, files

    replaced = files.row_names()  # the files of the world being replaced
    drawn: list[str] = []
    try:
        with transaction.atomic():
            counts = _write(result, superusers=superusers, drawn=drawn)
            ClockState.objects.update_or_create(
                pk=ClockState.SINGLETON_ID, defaults={"offset_seconds": result.clock_offset}
            )
            clock.forget_offset()
            SimulatorSettings.objects.filter(pk=SimulatorSettings.SINGLETON_ID).delete()
            SimulatorSettings.objects.create(pk=SimulatorSettings.SINGLETON_ID, **result.settings)
            FaultRule.objects.all().delete()
            for rule in result.faults:
                remaining = rule.pop("remaining", rule["times"])
                FaultRule.objects.create(**rule, remaining=remaining)
            faults.changed()
            # Issue 27: the replaced world's files go with its rows, once the new world is in.
            kept = files.row_names()
            transaction.on_commit(lambda: files.remove_files(replaced - kept))
    except BaseException as exc:
        clock.forget_offset()  # the clock row rolled back with the rest
        files.remove_files(drawn)  # placeholders drawn for a world that did not come in
        if isinstance(exc, IntegrityError | DataError):
            raise InvalidWorld(
                [_("The document breaks a rule of the database: %(error)s") % {"error": str(exc)[:300]}]
            ) from None
        raise
    generators.reseed(salt)
    return counts


def restore(document: Any, *, rebase: bool = True, superusers: bool = True) -> dict[str, int]:
    """Replace the whole world by ``document`` (a snapshot or a world file), atomically."""
    started = time.perf_counter()
    result = plan(document, rebase=rebase)
    counts = _apply(result, salt=result.salt, superusers=superusers)
    logger.info(
        "World restored (%s rows) in %.0f ms", sum(counts.values()), (time.perf_counter() - started) * 1000
    )
    return counts


WORLDS = ("empty", "demo")
DEMO_WORLD = Path(__file__).resolve().parent.parent / "worlds" / "demo.json"
_demo_cache: dict[str, Any] = {}


def demo_document() -> dict:
    """The demo world (``simulator/worlds/demo.json``, written by ``manage.py simulator build-demo``)."""
    mtime = DEMO_WORLD.stat().st_mtime
    if _demo_cache.get("mtime") != mtime:
        _demo_cache.update(mtime=mtime, document=read_file(DEMO_WORLD))
    return _demo_cache["document"]


def reset(*, world: str = "empty", superusers: bool = True) -> dict[str, int]:
    """The whole world back to ``empty`` (staff accounts kept) or to the ``demo``; the clock back
    to real time, the settings to their defaults, no fault rules, an empty fault log."""
    if world not in WORLDS:
        raise refusals.INVALID_WORLD_NAME(names=", ".join(WORLDS), field="world")
    if not Product.objects.exists():  # after a plain ``flush`` (pytest-django's live server tests)
        from instances.services_catalog import catalog_sync

        catalog_sync()
    if world == "demo":
        # SPEC 3.14: the demo of the profile a reset starts from (``ICP_PROVIDER``).
        document = providers.demo_for(providers.profile(provider.default()), demo_document())
    else:
        document = {"format": FORMAT, "version": VERSION}
    result = plan(document)
    with transaction.atomic():
        InjectedFault.objects.all()._raw_delete(InjectedFault.objects.db)
        counts = _apply(result, salt=world, superusers=superusers)
    return counts


def counts() -> dict[str, int]:
    return {table.key: table.model.objects.count() for table in TABLES}
