"""Serializers and schema helpers shared by every app's API.

* :class:`ErrorSerializer` documents the one error shape the exception handler renders
  (``icpconsole.core.api.errors``); :func:`error_responses` attaches it to the 4xx statuses of an
  endpoint in the OpenAPI schema.
* :class:`StrictIntegerField` parses whole numbers without DRF's leniency (``true``, ``1.5``);
  :class:`StrictCharField` takes strings only (DRF's also takes numbers).
* :func:`enum_string_field` documents a fixed set of string values inline in the schema without
  making the serializer enforce them: services check values, so every interface refuses a bad one
  with the same code.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers

from icpconsole.core.models import AuditEvent

# --- errors ------------------------------------------------------------------------------------


class ReasonSerializer(serializers.Serializer):
    """Why a service code cannot be applied for (SPEC 3.5)."""

    code = serializers.CharField(help_text="A reason code of SPEC 3.5, e.g. `NO_PUBLIC_IP`.")
    message = serializers.CharField(help_text="Readable text in the request's language.")


class ErrorSerializer(serializers.Serializer):
    """Every API error: a stable machine ``code`` and a readable ``message`` (SPEC 4.2)."""

    code = serializers.CharField(help_text="Stable machine code, e.g. `VALIDATION_ERROR`, `NOT_ELIGIBLE`.")
    message = serializers.CharField(help_text="Readable text in the request's language.")
    fields = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        help_text="For bad input: the messages per request field.",
    )
    reasons = ReasonSerializer(
        many=True, required=False, help_text="For `NOT_ELIGIBLE`: every reason that holds, in order."
    )


_ERROR_DESCRIPTIONS = {
    400: "Bad input (`VALIDATION_ERROR` with `fields`, `MALFORMED_REQUEST`, or a rule's `INVALID_*` code).",
    401: "Not logged in (`NOT_AUTHENTICATED`, `AUTHENTICATION_FAILED`).",
    403: "Not allowed at all (`PERMISSION_DENIED` for staff-only endpoints, `RAM_USER_READ_ONLY`).",
    404: "Missing, or belongs to another account.",
    409: "Refused by a rule in the current state.",
    429: "Too many requests (`THROTTLED`, `LOGIN_LOCKED`); try again later.",
}


def error_responses(*statuses: int, **descriptions: str) -> dict[int, OpenApiResponse]:
    """``{status: OpenApiResponse(ErrorSerializer)}`` for an endpoint's ``extend_schema(responses=)``.

    ``descriptions`` overrides a status's text by keyword ``e409="..."``.
    """
    return {
        status: OpenApiResponse(
            ErrorSerializer, description=descriptions.get(f"e{status}", _ERROR_DESCRIPTIONS[status])
        )
        for status in statuses
    }


_PAGE_E400 = "`INVALID_PAGE`: `page` or `page_size` is not a whole number from 1."
_PAGE_E404 = "`NOT_FOUND`: `page` is past the last page."


def list_error_responses(*statuses: int, **descriptions: str) -> dict[int, OpenApiResponse]:
    """:func:`error_responses` for a paginated list: adds the 400 and 404 its ``page`` and
    ``page_size`` parameters can give (``icpconsole.core.api.pagination``)."""
    e400 = descriptions.pop("e400", None)
    descriptions["e400"] = f"{e400} Or {_PAGE_E400}" if e400 else _PAGE_E400
    descriptions.setdefault("e404", _PAGE_E404)
    return error_responses(*sorted({*statuses, 400, 404}), **descriptions)


# --- fields ------------------------------------------------------------------------------------

_DIGITS = re.compile(r"^\s*[-+]?[0-9]+\s*$")  # ASCII digits: int() would take "١٢" too


class StrictIntegerField(serializers.IntegerField):
    """An integer, strictly: a JSON number with no fraction, or a string of digits.

    DRF's ``IntegerField`` takes ``true`` as 1 and ``"3.0"`` as 3; here booleans, non-integral
    numbers and any other string are a type error. Ranges are the services' business.
    """

    default_error_messages = {"invalid": _("A whole number is required.")}

    def to_internal_value(self, data):
        if isinstance(data, bool):
            self.fail("invalid")
        if isinstance(data, int):
            return data
        if isinstance(data, (float, Decimal)):
            if data != data or data in (float("inf"), float("-inf")) or data != int(data):
                self.fail("invalid")
            return int(data)
        if isinstance(data, str) and _DIGITS.match(data) and len(data) <= self.MAX_STRING_LENGTH:
            return int(data)
        self.fail("invalid")


class _StringsOnly:
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictCharField(_StringsOnly, serializers.CharField):
    """Text, strictly: a JSON string. DRF's ``CharField`` also takes a number and turns it into
    text (``12`` -> ``"12"``), which the schema's ``type: string`` does not allow."""


class StrictRegexField(_StringsOnly, serializers.RegexField):
    """:class:`StrictCharField`, matching a pattern."""


def enum_string_field(values, *, field_class=StrictCharField, **kwargs) -> serializers.Field:
    """A string field documented with ``enum`` (inline, so no component names can collide) but
    not enforced by the serializer."""
    schema = {"type": "string", "enum": list(values)}
    if kwargs.get("allow_null"):
        schema["nullable"] = True
    annotated = extend_schema_field(schema)(type(f"Enum{field_class.__name__}", (field_class,), {}))
    return annotated(**kwargs)


# --- clock and audit ---------------------------------------------------------------------------


class ClockSerializer(serializers.Serializer):
    now = serializers.DateTimeField(help_text="The simulated current time.")
    offset_seconds = serializers.IntegerField(
        help_text="How far the simulated clock runs ahead of real time."
    )


class ClockAdvanceSerializer(serializers.Serializer):
    advance_days = StrictIntegerField(
        required=False, default=0, help_text="Whole days to move the clock forward, 1 to 3650."
    )
    advance_hours = StrictIntegerField(
        required=False,
        default=0,
        help_text="Whole hours to move the clock forward (with or without days); together at most 3650 days.",
    )


class AuditEventSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField(help_text="Username of who did it; null for the system.")

    class Meta:
        model = AuditEvent
        fields = ["id", "actor", "action", "target_type", "target_id", "target_repr", "details", "sim_time"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_actor(self, event: AuditEvent) -> str | None:
        return event.actor.username if event.actor_id else None
