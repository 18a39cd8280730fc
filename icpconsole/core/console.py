"""One way for a console view to show a domain refusal: a service's ``DomainError`` becomes the
page's message (or the form's error), a ``NotFound`` a 404 (another account's object is not
there), so views do not repeat their ``except`` blocks::

    with refusal_shown(request) as outcome:
        row = services.domain_renew(actor=request.user, domain=domain, years=years)
    if outcome.ok:
        messages.success(request, ...)

What a page needs beyond that is said by the arguments, never by an ``except`` in the view:
``message`` words the refusal (an HTML list of reasons, a count of attempts left), ``field`` or
``fields`` put it on a form's field, ``quiet`` refusals are only kept on the outcome (the page
shows them its own way: a pre-check's reasons with their remedies), and ``not_found_404=False``
treats a ``NotFound`` as any other refusal (a step that reports a missing code on its form).

A view that only looks an object up (the account's order, instance) lets ``visible_or_404`` turn
its ``NotFound`` into the same 404::

    order = visible_or_404(order_get_visible, request.user, order_id)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from django.contrib import messages
from django.http import Http404

from .errors import DomainError, NotFound

P = ParamSpec("P")
T = TypeVar("T")


@dataclass
class Outcome:
    refusal: DomainError | None = None

    @property
    def ok(self) -> bool:
        return self.refusal is None


def refusal_text(refusal: DomainError) -> str:
    return refusal.message


def refused_field(refusal: DomainError) -> str | None:
    """The input the refusal names (``field=`` where it was raised), if any."""
    named = refusal.extra.get("fields")
    return next(iter(named), None) if isinstance(named, Mapping) else None


def as_404(refusal: NotFound) -> Http404:
    """The 404 a console page answers for a ``NotFound`` (missing, or another account's)."""
    return Http404(refusal.message)


def visible_or_404(lookup: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``lookup(*args, **kwargs)``, its ``NotFound`` the page's 404; any other refusal goes on."""
    try:
        return lookup(*args, **kwargs)
    except NotFound as exc:
        raise as_404(exc) from exc


@contextmanager
def refusal_shown(
    request,
    *,
    form=None,
    field: str | None = None,
    fields: Mapping[str, str] | None = None,
    message: Callable[[DomainError], str] = refusal_text,
    quiet: type[DomainError] | tuple[type[DomainError], ...] = (),
    not_found_404: bool = True,
) -> Iterator[Outcome]:
    """Run the block; a refusal is shown on ``form`` (on ``field``, on the form field ``fields``
    maps the refused input to, else a non-field error) or as the page's error message, in the
    words ``message`` gives it; a ``quiet`` refusal is not shown. The outcome says whether the
    block went through, and keeps the refusal."""
    outcome = Outcome()
    try:
        yield outcome
    except DomainError as exc:
        if not_found_404 and isinstance(exc, NotFound):
            raise as_404(exc) from exc
        outcome.refusal = exc
        if isinstance(exc, quiet):
            return
        if form is not None:
            where = field or (fields or {}).get(refused_field(exc) or "")
            form.add_error(where or None, message(exc))
        else:
            messages.error(request, message(exc))
