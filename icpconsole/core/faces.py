"""A refusal answered before any view runs (a body over its limit, a throttle), in the format of
the face the request came to (docs/architecture.md, "One domain, four faces").

Core draws two faces itself: the REST API (``/api/``: JSON ``{"code", "message", ...}``) and the
console and admin (a readable page). A face above core registers its own from its
``AppConfig.ready`` (the RPC facade: Alibaba's envelope), so core imports no app above it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from .errors import DomainError

# A renderer answers the request in its face's format, or None when the request is not its face's.
Renderer = Callable[[HttpRequest, DomainError], HttpResponse | None]
_renderers: list[Renderer] = []


def register_face(renderer: Renderer) -> None:
    if renderer not in _renderers:
        _renderers.append(renderer)


def refusal_response(request: HttpRequest, error: DomainError) -> HttpResponse:
    for renderer in _renderers:
        response = renderer(request, error)
        if response is not None:
            return response
    if request.path_info.startswith("/api/"):
        body = error.as_dict()
        return JsonResponse(body, status=error.status_code, json_dumps_params={"ensure_ascii": False})
    return render(request, "refused.html", {"error": error}, status=error.status_code)
