"""The sandbox controls (SPEC 4.6) as services: the staff API, ``manage.py simulator`` and the
admin's Simulator page all call these. Reset and restore replace the whole world, so they write
no audit event into it (the world they leave must be exactly the one asked for); they are logged
on the ``simulator`` logger instead, with the staff member who asked."""

from __future__ import annotations

import logging
import time
from importlib import metadata

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from icpconsole.core import provider

from . import faults, refusals, world
from .models import ReviewMode, SimulatorSettings

logger = logging.getLogger("simulator")


def _superusers(actor) -> bool:
    """May this caller bring superuser accounts into the world? Superusers and the command line
    may; other staff get the accounts without superuser rights (else a reset to the demo, whose
    ``admin`` is a superuser with a documented password, would raise a staff member's rights)."""
    return actor is None or bool(getattr(actor, "is_superuser", False))


def _who(actor) -> str:
    return getattr(actor, "username", None) or "manage.py"


def simulator_reset(*, actor, world_name: str) -> dict:
    """The world back to ``empty`` or the ``demo`` (SPEC 4.6 ``reset``)."""
    started = time.perf_counter()
    counts = world.reset(world=world_name, superusers=_superusers(actor))
    elapsed = round((time.perf_counter() - started) * 1000, 1)
    logger.warning("World reset to %s by %s in %s ms", world_name, _who(actor), elapsed)
    return {"world": world_name, "counts": counts, "elapsed_ms": elapsed}


def simulator_restore(*, actor, document) -> dict:
    """The world replaced by a snapshot or a world file, or nothing changed (400)."""
    started = time.perf_counter()
    counts = world.restore(document, superusers=_superusers(actor))
    elapsed = round((time.perf_counter() - started) * 1000, 1)
    logger.warning("World restored by %s in %s ms", _who(actor), elapsed)
    return {"counts": counts, "elapsed_ms": elapsed}


def simulator_settings_update(*, actor, changes: dict) -> SimulatorSettings:
    """Change the run-time settings; ``faults`` (a list) replaces every fault rule. All or
    nothing: one bad value changes nothing."""
    if not isinstance(changes, dict):
        raise refusals.INVALID_SETTINGS(problem=_("The settings are an object."))
    unknown = sorted(set(changes) - set(world.SETTINGS_FIELDS) - {"faults"})
    if unknown:
        raise refusals.INVALID_SETTINGS(
            problem=_("Unknown setting %(name)s.") % {"name": unknown[0]}, field=unknown[0]
        )
    with transaction.atomic():
        row = SimulatorSettings.objects.select_for_update().filter(pk=SimulatorSettings.SINGLETON_ID).first()
        row = row or world.settings_row()
        for name in world.SETTINGS_FIELDS:
            if name in changes:
                f = SimulatorSettings._meta.get_field(name)
                try:
                    setattr(row, name, f.clean(changes[name], row))
                except ValidationError as exc:
                    raise refusals.INVALID_SETTINGS(problem="; ".join(exc.messages), field=name) from None
        row.save()
        if "faults" in changes:
            faults.fault_rules_replace(rules=changes["faults"])
    logger.warning("Simulator settings changed by %s: %s", _who(actor), sorted(changes))
    if changes.get("review_mode") == ReviewMode.AUTO:
        # SPEC 3.10: in automatic mode a review already due is decided now, not at the next move.
        simulator_settle(actor=actor)
    return row


# --- what time does (SPEC 3.10) ------------------------------------------------------------------


def review_mode() -> str:
    """The stored review mode (every process agrees); the default before the row exists."""
    from .models import default_review_mode

    stored = (
        SimulatorSettings.objects.filter(pk=SimulatorSettings.SINGLETON_ID)
        .values_list("review_mode", flat=True)
        .first()
    )
    return stored or default_review_mode()


PROVIDER_CACHE_KEY = "simulator:provider"


def stored_provider() -> str | None:
    """The stored provider profile (SPEC 3.14), read by ``icpconsole.core.provider.current``:
    through the shared cache (no query while it holds it; every node agrees), dropped whenever the
    settings row is saved or deleted (``signals``), as the fault rules are."""
    stored = cache.get(PROVIDER_CACHE_KEY)
    if stored is None:
        stored = (
            SimulatorSettings.objects.filter(pk=SimulatorSettings.SINGLETON_ID)
            .values_list("provider", flat=True)
            .first()
        ) or ""
        cache.set(PROVIDER_CACHE_KEY, stored, timeout=None)
    return stored or None


def provider_changed() -> None:
    transaction.on_commit(lambda: cache.delete(PROVIDER_CACHE_KEY))
    cache.delete(PROVIDER_CACHE_KEY)


def auto_review(*, now, actor=None) -> int:
    """The sweep the simulator registers with ``filings.services.timeline``: the automatic review,
    given the stored mode (``filings`` never reads the simulator's settings)."""
    from filings.services.reviews import auto_review_sweep

    return auto_review_sweep(now=now, mode=review_mode(), actor=actor)


def simulator_settle(*, actor) -> dict[str, int]:
    """Run every sweep at the current simulated time (``manage.py simulator settle``): what fell
    due is settled, each item once."""
    from filings.services import timeline
    from icpconsole.core import clock

    settled = timeline.settle(now=clock.now(), actor=actor)
    logger.info("Settled by %s: %s", _who(actor), settled)
    return settled


def simulator_access_key_for(*, actor, username) -> tuple:
    """An AccessKey pair for any account, made by staff for a test (the account's own limit of
    two pairs applies). Returns the key and its secret, shown this once."""
    from icpconsole.accounts.models import User
    from openapi.services import access_key_create

    user = User.objects.filter(username=username).first() if isinstance(username, str) else None
    if user is None:
        raise refusals.ACCOUNT_NOT_FOUND(name=str(username)[:150])
    if user.is_staff or user.is_superuser:
        # Issue 27: a key would let its holder act as the staff member through the RPC facade.
        raise refusals.STAFF_ACCESS_KEY_REFUSED(name=user.username, field="username")
    key, secret = access_key_create(actor=user)
    logger.warning("AccessKey %s made for %s by %s", key.access_key_id, user.username, _who(actor))
    return key, secret


def simulator_info() -> dict:
    """What a staff member checks first: version, backends, the world's size."""
    try:
        version = metadata.version("icp-console-simulator")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        version = "unknown"
    return {
        "version": version,
        "database": {"vendor": connection.vendor, "engine": settings.DATABASES["default"]["ENGINE"]},
        # `cache` is Django's ConnectionProxy: name the backend behind it.
        "cache": {"backend": settings.CACHES["default"]["BACKEND"]},
        "seed": bool(getattr(settings, "SIMULATOR_SEED", None)),
        "provider": provider.current(),
        "world_file": getattr(settings, "SIMULATOR_WORLD", None),
        "world_format": {"format": world.FORMAT, "version": world.VERSION},
        "counts": world.counts(),
    }
