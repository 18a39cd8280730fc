"""The RPC actions the simulator answers, by API version (SPEC 4.5).

Each action is a plain function ``f(call) -> dict`` registered with :func:`action`; it reads its
parameters through :class:`Params`, calls the same services and selectors as the console and the
REST API, and returns the response body in the product's own field names. Domain errors are left
to propagate: the dispatcher translates them with the product's table (:class:`Product`).
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import invalid_parameter, missing_parameter


@dataclass(frozen=True)
class Product:
    name: str  # as Alibaba Cloud names it in error recommendations: "Ecs", "Bsn", "Beian"
    version: str
    error_codes: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    not_eligible: tuple[str, int] = ("NotEligible", 400)


@dataclass(frozen=True)
class ActionSpec:
    product: Product
    name: str
    func: Callable[[Call], dict[str, Any]]
    write: bool  # a RAM user's key may call only actions that change nothing (Forbidden.RAM)


@dataclass(frozen=True)
class Call:
    """One authenticated request: who calls (the key's owner: an account or a RAM user), with what."""

    caller: Any
    params: Params
    request_id: str
    host: str


PRODUCTS: dict[str, Product] = {}
REGISTRY: dict[tuple[str, str], ActionSpec] = {}


def register_product(product: Product) -> Product:
    PRODUCTS[product.version] = product
    return product


def action(product: Product, name: str, *, write: bool):
    def decorator(func):
        REGISTRY[(product.version, name)] = ActionSpec(product=product, name=name, func=func, write=write)
        return func

    return decorator


def load() -> None:
    """Import the action modules (they register themselves)."""
    from . import beian, beian_reports, bsn, ecs  # noqa: F401


def find(version: str, name: str) -> ActionSpec | None:
    load()
    return REGISTRY.get((version, name))


def product_for(version: str) -> Product | None:
    load()
    return PRODUCTS.get(version)


# --- parameters --------------------------------------------------------------------------------
_INT = re.compile(r"^[-+]?[0-9]{1,18}$")  # ASCII digits only (``\d`` takes any script's)
# The SDKs type these parameters as Integer (32-bit): a value outside is refused before it can
# reach arithmetic or SQL (``PageNumber=999999999999999999`` overflowed the query's OFFSET).
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no", ""}


class Params:
    """An RPC request's parameters (query and form merged; every value a string, as sent)."""

    def __init__(self, data: Mapping[str, str]) -> None:
        self.data = dict(data)

    def __contains__(self, name: str) -> bool:
        return name in self.data

    def raw(self, name: str) -> str | None:
        return self.data.get(name)

    def text(
        self, name: str, *, required: bool = False, default: str | None = None, max_length: int | None = None
    ) -> str | None:
        value = self.data.get(name)
        if value is None or value == "":
            if required:
                raise missing_parameter(name)
            return default
        if max_length is not None and len(value) > max_length:
            raise invalid_parameter(name, f"It is at most {max_length} characters.")
        return value

    def integer(
        self,
        name: str,
        *,
        required: bool = False,
        default: int | None = None,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int | None:
        value = self.text(name, required=required)
        if value is None:
            return default
        if not _INT.match(value.strip()):
            raise invalid_parameter(name, "It must be a whole number.")
        number = int(value)
        low = INT32_MIN if minimum is None else minimum
        high = INT32_MAX if maximum is None else maximum
        if not low <= number <= high:
            raise invalid_parameter(name, f"It must be from {low} to {high}.")
        return number

    def flag(self, name: str, *, default: bool = False) -> bool:
        value = self.data.get(name)
        if value is None:
            return default
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise invalid_parameter(name, "It must be true or false.")

    def choice(
        self, name: str, choices: tuple[str, ...], *, default: str | None = None, required: bool = False
    ) -> str | None:
        value = self.text(name, required=required, default=default)
        if value is not None and value not in choices:
            raise invalid_parameter(name, f"Valid values: {', '.join(choices)}.")
        return value

    def json_list(self, name: str, *, required: bool = False, max_items: int = 100) -> list[str] | None:
        """A JSON array of strings, as ECS takes ``InstanceIds`` (``["i-a","i-b"]``)."""
        value = self.text(name, required=required)
        if value is None:
            return None
        try:
            items = json.loads(value)
        except (ValueError, RecursionError):  # RecursionError: arrays nested ~1,000 deep
            raise invalid_parameter(name, 'It must be a JSON array of strings, e.g. ["i-bp1..."].') from None
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise invalid_parameter(name, 'It must be a JSON array of strings, e.g. ["i-bp1..."].')
        if len(items) > max_items:
            raise invalid_parameter(name, f"It holds at most {max_items} items.")
        return items

    def ip_list(self, name: str, *, max_items: int = 100) -> list[str] | None:
        """A JSON array of IPv4 or IPv6 addresses (ECS's ``PublicIpAddresses``), each checked, so a
        malformed one is InvalidParameter rather than a database error (PostgreSQL's ``inet``)."""
        items = self.json_list(name, max_items=max_items)
        if items is None:
            return None
        try:
            return [str(ipaddress.ip_address(item.strip())) for item in items]
        except ValueError:
            raise invalid_parameter(name, "Each item must be an IPv4 or IPv6 address.") from None

    def repeat_list(self, name: str) -> list[str]:
        """``Name.1``, ``Name.2``, ... (how the SDKs flatten a list), or a JSON array in ``Name``."""
        numbered = []
        prefix = f"{name}."
        for key, value in self.data.items():
            if key.startswith(prefix) and key[len(prefix) :].isdigit():
                numbered.append((int(key[len(prefix) :]), value))
        if numbered:
            return [value for _, value in sorted(numbered)]
        if name in self.data:
            value = self.data[name].strip()
            if value.startswith("["):
                return self.json_list(name) or []
            return [item.strip() for item in value.split(",") if item.strip()]
        return []
