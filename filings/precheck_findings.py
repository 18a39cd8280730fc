"""A failing pre-check (SPEC 3.9) as it is found: its catalogue entry (``filings.check_reasons``),
its parameters and what it is about; its texts and remedy in the active language. Re-exported by
``filings.precheck``."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from django.utils import translation

from .check_reasons import ACTION_AT_REGISTRAR, AT_REGISTRAR_REMEDIES, REASONS
from .check_reasons import Reason as ReasonSpec


@dataclass(frozen=True)
class Finding:
    """One failing check: its code, the texts in the active language, and what fixes it.
    ``target`` names what it is about (a domain, ``subject``, ``subject_leader``, a document kind)
    so the console can put the remedy next to it."""

    code: str
    params: tuple[tuple[str, object], ...] = ()
    target: str = ""

    @property
    def spec(self) -> ReasonSpec:
        return REASONS[self.code]

    @property
    def message(self) -> str:
        return str(self.spec.message) % dict(self.params)

    @property
    def at_registrar(self) -> bool:
        return bool(self.param("registrar")) and self.code in AT_REGISTRAR_REMEDIES

    @property
    def remedy(self) -> str:
        text = str(AT_REGISTRAR_REMEDIES[self.code] if self.at_registrar else self.spec.remedy)
        return text % dict(self.params) if "%(" in text else text

    @property
    def remedy_action(self) -> str:
        return ACTION_AT_REGISTRAR if self.at_registrar else self.spec.remedy_action

    def param(self, name: str, default=""):
        return dict(self.params).get(name, default)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "message": self.message,
            "remedy": self.remedy,
            "remedy_action": self.remedy_action,
            "target": self.target,
        }


# The old name of a found failing check (a catalogue entry is ``icpconsole.core.reasons.Reason``).
Reason = Finding


def reason(entry: ReasonSpec | str, *, target: str = "", **params) -> Reason:
    """A failing check of catalogue ``entry`` (``check_reasons.DOMAIN_EXPIRED``, ...; a code is
    looked up, for callers outside the app)."""
    code = entry if isinstance(entry, str) else entry.code
    if code not in REASONS or not (isinstance(entry, str) or REASONS[code] is entry):
        raise KeyError(code)
    missing = _placeholders(code) - params.keys()
    if missing:  # found where the finding is made, not when a page renders it
        raise KeyError(f"{code} needs {', '.join(sorted(missing))}")
    return Reason(code=code, params=tuple(sorted(params.items())), target=target)


PLACEHOLDER = re.compile(r"%\((\w+)\)")


@functools.cache
def _placeholders(code: str) -> frozenset[str]:
    """The parameters an entry's English message and remedy name."""
    spec = REASONS[code]
    with translation.override("en"):
        texts = (str(spec.message), str(spec.remedy or ""))
    return frozenset(name for text in texts for name in PLACEHOLDER.findall(text))
