"""Fields other apps attach to the instance JSON, without ``instances`` importing them.

``servicecodes`` adds ``service_code_quota``, ``service_codes_issued`` and ``eligibility`` (SPEC
4.2) from its ``AppConfig.ready``: a field per name, and an ``annotate`` function that prepares a
page of instances in a constant number of queries before they are serialized.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rest_framework import serializers


@dataclass(frozen=True)
class InstanceExtension:
    fields: dict[str, Callable[[], serializers.Field]]  # name -> a new field (fields are per serializer)
    annotate: Callable[..., object]  # annotate(instances, *, viewer, now)
    # represent(instance) -> {name: JSON value} for the fields above, as their fields would give
    # them (api/represent.py builds the instance JSON by hand; tests/perf compare the two).
    represent: Callable[[object], dict]


_EXTENSIONS: list[InstanceExtension] = []


def register_instance_extension(extension: InstanceExtension) -> None:
    _EXTENSIONS.append(extension)


def extension_fields() -> dict[str, serializers.Field]:
    return {name: make() for extension in _EXTENSIONS for name, make in extension.fields.items()}


def extension_values(instance) -> dict:
    values: dict = {}
    for extension in _EXTENSIONS:
        values.update(extension.represent(instance))
    return values


def annotate_instances(instances: Sequence, *, viewer, now) -> None:
    """Prepare ``instances`` for the extension fields (one page at a time)."""
    for extension in _EXTENSIONS:
        extension.annotate(instances, viewer=viewer, now=now)
    for instance in instances:
        instance._extensions_annotated = True
