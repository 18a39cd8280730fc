"""Template filters of the filing pages."""

from __future__ import annotations

from django import template

from ..apps_rules import PLATFORM_LABELS

register = template.Library()


@register.filter
def platform_labels(platforms) -> str:
    """An app's platforms as people write them (Android, iOS, HarmonyOS), not their values."""
    if not isinstance(platforms, list | tuple):
        return ""
    return ", ".join(str(PLATFORM_LABELS.get(value, value)) for value in platforms)
