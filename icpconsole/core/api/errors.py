"""One exception handler: every API error is JSON ``{"code", "message", ...}`` (SPEC 4.2)."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, UnreadablePostError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from icpconsole.core import refusals
from icpconsole.core.errors import DomainError

logger = logging.getLogger(__name__)

_CODES = {
    exceptions.NotAuthenticated: "NOT_AUTHENTICATED",
    exceptions.AuthenticationFailed: "AUTHENTICATION_FAILED",
    exceptions.PermissionDenied: "PERMISSION_DENIED",
    exceptions.NotFound: "NOT_FOUND",
    exceptions.MethodNotAllowed: "METHOD_NOT_ALLOWED",
    exceptions.NotAcceptable: "NOT_ACCEPTABLE",
    exceptions.UnsupportedMediaType: "UNSUPPORTED_MEDIA_TYPE",
    exceptions.Throttled: "THROTTLED",
    exceptions.ParseError: "MALFORMED_REQUEST",
    exceptions.ValidationError: "VALIDATION_ERROR",
}


def _flatten(detail, prefix: str = "") -> list[str]:
    if isinstance(detail, dict):
        out: list[str] = []
        for key, value in detail.items():
            name = key if key != "non_field_errors" else ""
            out += _flatten(value, f"{prefix}.{name}" if prefix and name else (name or prefix))
        return out
    if isinstance(detail, list):
        return [m for item in detail for m in _flatten(item, prefix)]
    return [f"{prefix}: {detail}" if prefix else str(detail)]


def _body_error(exc, context) -> Response | None:
    """A body the server will not or could not read: too large (Django's
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` and field limits), or cut off by a client that went away (a
    client error: logged as a warning, never as a server error with a traceback)."""
    if isinstance(exc, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)):
        error = refusals.REQUEST_TOO_LARGE()
        return Response(error.as_dict(), status=error.status_code)
    if isinstance(exc, UnreadablePostError):
        request = context.get("request")
        logger.warning(
            "Client error: the request body could not be read (%s) on %s %s",
            exc,
            getattr(request, "method", ""),
            getattr(request, "path", ""),
        )
        return Response(
            {"code": "REQUEST_INCOMPLETE", "message": _("The request body could not be read completely.")},
            status=status.HTTP_400_BAD_REQUEST,
        )
    return None


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return Response(exc.as_dict(), status=exc.status_code)
    if (response := _body_error(exc, context)) is not None:
        return response
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    # An exception may name its own code (``api_code``); else the code of its DRF class.
    code = getattr(exc, "api_code", None) or next(
        (c for klass, c in _CODES.items() if isinstance(exc, klass)), "ERROR"
    )
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        messages = _flatten(detail)
        response.data = {
            "code": code,
            "message": "; ".join(messages) or _("Invalid input."),
            "fields": detail,
        }
    else:
        detail = getattr(exc, "detail", "")
        response.data = {"code": code, "message": str(detail) if not isinstance(detail, (dict, list)) else
                         "; ".join(_flatten(detail))}
    if response.status_code == status.HTTP_401_UNAUTHORIZED and "WWW-Authenticate" not in response:
        response["WWW-Authenticate"] = 'Token realm="api"'
    return response
