"""One way for a console view to show a domain refusal: a service's ``DomainError`` becomes the
page's message (or the form's error), a ``NotFound`` a 404 (another account's object is not
there), so views do not repeat their ``except`` blocks::

    with refusal_shown(request) as outcome:
        row = services.domain_renew(actor=request.user, domain=domain, years=years)
    if outcome.ok:
        messages.success(request, ...)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404

from .errors import DomainError, NotFound


@dataclass
class Outcome:
    refusal: DomainError | None = None

    @property
    def ok(self) -> bool:
        return self.refusal is None


@contextmanager
def refusal_shown(request, *, form=None) -> Iterator[Outcome]:
    """Run the block; a refusal is shown on ``form`` (a non-field error) or as the page's error
    message, and the outcome says whether the block went through."""
    outcome = Outcome()
    try:
        yield outcome
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        outcome.refusal = exc
        if form is not None:
            form.add_error(None, exc.message)
        else:
            messages.error(request, exc.message)
