"""One vocabulary of rules and refusals (issue 22): read with ``ast`` over every app, the guard
refuses a literal code where an error is raised, a ``code=`` argument, a pre-check ``reason()``,
an entry constructed outside a catalogue, a second class for catalogue entries, and a code with
two texts."""

from __future__ import annotations

import ast
import importlib
import pathlib
import re
from collections import defaultdict

import pytest
from django.utils import translation

from icpconsole.core import errors
from icpconsole.core.reasons import Reason

ROOT = pathlib.Path(__file__).resolve().parents[2]
APPS = [
    "accessors",
    "filings",
    "icpconsole",
    "instances",
    "openapi",
    "registrar",
    "servicecodes",
    "simulator",
]
CODE = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Z]{4,}$")
# The names an entry is built with (only a catalogue may give them a literal code).
ENTRY_NAMES = {"Reason", "Refusal", "RejectionReason", "ReasonSpec", "Entry"}
ENTRY_CLASS_HOME = "icpconsole/core/reasons.py"
# Codes shared by two vocabularies that the API and stored orders keep apart: a refusal's
# top-level ``code``, a pre-check's ``reasons[].code``, a review's ``reason_code``. Renaming one
# would change the API contract and stored rows, so they are named here; no new one may join.
KNOWN_SHARED = {
    "DOMAIN_HOLDER_MISMATCH",  # pre-check finding; review rejection reason
    "PRE_APPROVAL_REQUIRED",  # pre-check finding; review rejection reason
}


def _error_names() -> set[str]:
    names, todo = {"DomainError", "ValidationError"}, [errors.DomainError]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            names.add(sub.__name__)
            todo.append(sub)
    return names


def _name(node) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _literal_code(node) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value):
        return node.value
    return None


def _is_catalogue(path: pathlib.Path) -> bool:
    return path.name.endswith(("refusals.py", "reasons.py"))


def literal_codes(source: str, *, catalogue: bool = False, error_names: set[str] | None = None) -> list:
    """(line, what, code) for every literal code at a raise site of ``source``."""
    error_names = error_names or _error_names()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        first = _literal_code(node.args[0]) if node.args else None
        if first and name in error_names | {"__init__", "reason"}:
            found.append((node.lineno, name, first))
        if first and name in ENTRY_NAMES and not catalogue:
            found.append((node.lineno, name, first))
        for keyword in node.keywords:
            code = _literal_code(keyword.value)
            if keyword.arg == "code" and code and not (catalogue and name in ENTRY_NAMES):
                found.append((node.lineno, "code=", code))
    return found


def _sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def all_literal_codes() -> list[str]:
    names = _error_names()
    return [
        f"{path.relative_to(ROOT)}:{line} {what}({code!r})"
        for path in _sources()
        for line, what, code in literal_codes(
            path.read_text(), catalogue=_is_catalogue(path), error_names=names
        )
    ]


def all_entries() -> list[tuple[str, object]]:
    """(module, entry) for every entry a catalogue module holds, in its globals or its tables."""
    found = []
    for path in _sources():
        if not _is_catalogue(path):
            continue
        module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for value in vars(module).values():
            values = (
                value.values() if isinstance(value, dict) else value if isinstance(value, tuple) else [value]
            )
            found += [
                (module.__name__, item) for item in values if type(item).__name__ in ENTRY_NAMES | {"Reason"}
            ]
    return found


def _english(text) -> str:
    with translation.override("en"):
        return str(text)


def codes_with_two_texts() -> dict[str, set[str]]:
    texts = defaultdict(set)
    for _module, entry in all_entries():
        texts[entry.code].add(_english(entry.message))
    return {code: found for code, found in texts.items() if len(found) > 1}


# --- the guard ------------------------------------------------------------------------------------


def test_no_literal_code_at_a_raise_site_in_any_app():
    assert all_literal_codes() == []


def test_no_new_code_has_two_texts():
    assert set(codes_with_two_texts()) <= KNOWN_SHARED


def test_a_refusal_code_has_one_text_across_every_app():
    """Raised codes (the API's top-level ``code``) have one text, whichever app raises them."""
    texts = defaultdict(set)
    for _module, entry in all_entries():
        if entry.error is not None:
            texts[entry.code].add(_english(entry.message))
    assert {code: found for code, found in texts.items() if len(found) > 1} == {}


def test_every_catalogue_entry_is_the_one_reason_type():
    entries = all_entries()
    assert len(entries) > 150
    assert [f"{module}.{entry.code}" for module, entry in entries if not isinstance(entry, Reason)] == []


def test_only_core_defines_a_catalogue_entry_class():
    classes = [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"
        for path in _sources()
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ClassDef) and node.name in ENTRY_NAMES | {"Variant"}
    ]
    assert sorted(classes) == sorted(
        [
            f"{ENTRY_CLASS_HOME}:{_line_of('class Reason:')} Reason",
            f"{ENTRY_CLASS_HOME}:{_line_of('class Variant:')} Variant",
        ]
    )


def _line_of(text: str) -> int:
    lines = (ROOT / ENTRY_CLASS_HOME).read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(text))


# --- the guard can fail ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        'raise Conflict("SOME_CODE", "text")',
        'raise errors.InvalidInput("SOME_CODE", "text", field="x")',
        'raise ValidationError("text", code="SOME_CODE")',
        'found.append(reason("DOMAIN_EXPIRED", domain=d))',
        'super().__init__("INVALID_WORLD", message)',
        'X = Refusal("SOME_CODE", Conflict, "text")',
    ],
)
def test_the_guard_sees_a_literal_code(source):
    assert literal_codes(source) != []


def test_the_guard_lets_a_catalogue_define_its_entries():
    assert literal_codes('X = Refusal("SOME_CODE", Conflict, "text")', catalogue=True) == []
    assert literal_codes("raise refusals.SOME_CODE(field='x')") == []


def test_a_second_text_for_a_code_is_seen(monkeypatch):
    from filings import refusals

    monkeypatch.setattr(
        refusals, "SECOND", Reason("SUBJECT_EXISTS", errors.Conflict, "another text"), raising=False
    )
    assert "SUBJECT_EXISTS" in codes_with_two_texts()
