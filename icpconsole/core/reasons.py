"""The one vocabulary of rules and refusals: a :class:`Reason` is a catalogue entry, one stable
code with the kind of error it is (if it is ever raised), its English text (a lazy msgid whose
Chinese lives in the ``zh_Hans`` catalogue), and, where the user can act, a remedy and the
console's remedy action.

Every app keeps its entries in one catalogue module and names them at the point of use::

    raise refusals.SUBJECT_EXISTS()                      # filings/refusals.py
    reason(check_reasons.DOMAIN_EXPIRED, domain=...)     # filings/check_reasons.py (the pre-check)
    review_reasons.CATALOGUE[code].text                  # filings/review_reasons.py
    eligibility reasons                                  # servicecodes/reasons.py

Texts take ``%(name)s`` parameters. ``variants`` pick other texts for some parameter values
(the eligibility reasons' Hong Kong and cumulative-duration texts).
``tests/core/test_vocabulary.py`` refuses a literal code at a raise site and a code with two texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.functional import Promise

from .errors import DomainError, InvalidInput

Text = str | Promise

# The language of ``message_zh`` / ``remedy_zh`` (settings.LANGUAGES).
CHINESE = "zh-hans"


class RenderedText(str):
    """A reason's text in the active language; calling it fills its parameters
    (``entry.text`` reads as a string, ``entry.text(id=5)`` as the filled-in text)."""

    def __new__(cls, value: str, entry: Reason):
        rendered = super().__new__(cls, value)
        rendered._entry = entry
        return rendered

    def __call__(self, **params: Any) -> str:
        return self._entry.render(self._entry.message, params)


@dataclass(frozen=True)
class Variant:
    """Texts used instead of the defaults when ``params[param] == value``."""

    param: str
    value: object
    message: Text
    remedy: Text | None = None  # None: keep the reason's default remedy


@dataclass(frozen=True)
class Reason:
    """One entry of a catalogue. ``error`` (its kind) is the :class:`DomainError` raised for it,
    or None for a reason that is only shown (a pre-check finding, a review's rejection reason)."""

    code: str
    error: type[DomainError] | None
    message: Text
    remedy: Text | None = None
    action: str = ""  # the remedy action key; the console maps it to a link or a button
    params: tuple[str, ...] = ()  # the parameters the texts need
    variants: tuple[Variant, ...] = ()

    # --- texts -----------------------------------------------------------------------------------

    @property
    def kind(self) -> type[DomainError] | None:
        return self.error

    @property
    def remedy_action(self) -> str:
        return self.action

    @staticmethod
    def render(text: Text | None, params: Mapping[str, Any]) -> str:
        if text is None:
            return ""
        # A lazy ngettext string picks singular/plural from the dict it is formatted with.
        return str(text % dict(params)) if params else str(text)

    def texts(self, params: Mapping[str, object] = {}) -> tuple[Text, Text | None]:  # noqa: B006
        """(message, remedy) for these params, variants applied."""
        for variant in self.variants:
            if params.get(variant.param) == variant.value:
                return variant.message, self.remedy if variant.remedy is None else variant.remedy
        return self.message, self.remedy

    @property
    def text(self) -> RenderedText:
        """The message in the active language (call it with parameters to fill them)."""
        return RenderedText(str(self.message), self)

    def remedy_text(self, **params: Any) -> str:
        return self.render(self.texts(params)[1], params)

    def message_zh(self, **params: Any) -> str:
        with translation.override(CHINESE):
            return self.render(self.texts(params)[0], params)

    @property
    def msgid(self) -> str:
        """The English text, as a catalogue keeps it (``gettext(msgid)`` translates it later)."""
        with translation.override("en"):
            return str(self.message)

    def as_dict(self) -> dict:
        """A catalogue row in the active language (the review-reason list)."""
        return {"code": self.code, "text": str(self.message)}

    # --- raising ---------------------------------------------------------------------------------

    def __call__(self, *, field: str | None = None, extra: Mapping[str, Any] | None = None, **params):
        """The error to raise, its text filled with ``params``; ``extra`` goes into the API body."""
        if self.error is None:
            raise TypeError(f"reason {self.code} is shown, never raised")
        message, remedy = self.texts(params)
        text = self.render(message, params)
        details = dict(extra or {})
        if remedy is not None:
            details.setdefault("remedy", self.render(remedy, params))
        if issubclass(self.error, InvalidInput):
            return self.error(self.code, text, field=field, **details)
        if field:
            details.setdefault("fields", {field: [text]})
        return self.error(self.code, text, **details)


def catalogue(entries: Iterable[Reason]) -> dict[str, Reason]:
    """Entries by code; a code defined twice is a programming error (the same entry named twice
    is not: one app may list another's entry)."""
    table: dict[str, Reason] = {}
    for entry in entries:
        if entry.code in table and table[entry.code] is not entry:
            raise ValueError(f"reason {entry.code} is defined twice")
        table[entry.code] = entry
    return table
