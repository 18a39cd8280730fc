"""Console pages of the core app (the operation log) and the helpers every console view shares."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from .audit import action_label, describe_details, target_labels
from .selectors import audit_events_for

PAGE_SIZE = 20

def paginate(request: HttpRequest, items, per_page: int = PAGE_SIZE, *, count: int | None = None) -> Page:
    """The page ``?page=`` asks for; a missing, invalid or too large number gives a valid page.
    ``count``, when the caller already knows how many items there are, spares the ``COUNT``."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # the cached_property's value
    return paginator.get_page(request.GET.get("page"))


def safe_next(request: HttpRequest, default: str) -> str:
    """Where to go after an action: ``next`` from the form or the query string, if it stays on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_required
def operation_log(request):
    page = paginate(request, audit_events_for(request.user))
    memo: dict = {}
    objects = target_labels(page.object_list)
    for event in page:
        event.action_label = action_label(event.action)
        event.detail_rows = describe_details(event.details, memo)
        event.object_label = objects.get(event.pk, event.target_repr)
    return render(request, "core/operation_log.html", {"page_obj": page})
