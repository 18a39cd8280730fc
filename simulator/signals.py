"""``SIMULATOR_WORLD``: the world file ``migrate`` loads into an empty world (SPEC 4.6), so a
server started with ``make run`` or ``make serve`` (both migrate first) starts from it."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from .models import SimulatorSettings

logger = logging.getLogger("simulator")


@receiver(post_migrate)
def load_world_at_start(sender, app_config=None, **kwargs):
    path = getattr(settings, "SIMULATOR_WORLD", None)
    if not path or app_config is None or app_config.name != "simulator":
        return
    from icpconsole.accounts.models import User

    from . import world

    if User.objects.filter(is_staff=False).exists():
        logger.info("SIMULATOR_WORLD %s not loaded: the world is not empty", path)
        return
    counts = world.restore(world.read_file(path))
    logger.info("SIMULATOR_WORLD %s loaded (%s rows)", path, sum(counts.values()))


@receiver(post_save, sender=SimulatorSettings)
@receiver(post_delete, sender=SimulatorSettings)
def settings_changed(sender, **kwargs):
    """The provider profile is read through the cache: drop it when the settings row changes."""
    from .services import provider_changed

    provider_changed()
