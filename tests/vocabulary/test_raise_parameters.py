"""Every raise site gives the parameters its entry's texts name (read with ``ast`` over every app).
A missing one is a KeyError when the text is rendered: a 500 where the user should read a refusal
(a leader's wrong ID number once did this in the pre-check)."""

from __future__ import annotations

import ast
import re

from django.utils import translation

from .test_vocabulary import ROOT, _sources, all_entries

PLACEHOLDER = re.compile(r"%\((\w+)\)")
# Keywords of ``Reason.__call__`` and of the pre-check's ``reason()`` that are not text parameters.
NOT_PARAMETERS = {"field", "extra", "target"}


def _needs(entry) -> set[str]:
    with translation.override("en"):
        texts = [str(entry.message), str(entry.remedy or "")]
    return {name for text in texts for name in PLACEHOLDER.findall(text)}


def _entries_by_name() -> dict[str, set[str]]:
    """Parameters each entry needs, by the name it is raised with (its code); a name two entries
    share with different needs is left out (the call cannot tell which is meant)."""
    needs: dict[str, set[str]] = {}
    ambiguous = set()
    for _module, entry in all_entries():
        found = _needs(entry)
        if entry.code in needs and needs[entry.code] != found:
            ambiguous.add(entry.code)
        needs[entry.code] = found
    return {code: found for code, found in needs.items() if code not in ambiguous}


def _call_sites(source: str):
    """(line, entry name, keywords) for ``X.NAME(...)``, ``NAME(...)`` and ``reason(X.NAME, ...)``."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or any(k.arg is None for k in node.keywords):
            continue  # **params: not checkable here
        keywords = {k.arg for k in node.keywords}
        func = node.func
        name = getattr(func, "attr", None) or getattr(func, "id", None)
        if name == "reason" and node.args:
            first = node.args[0]
            entry = first.attr if isinstance(first, ast.Attribute) else getattr(first, "id", None)
            yield node.lineno, entry, keywords
        elif name:
            yield node.lineno, name, keywords


def missing_parameters(source: str, needs: dict[str, set[str]]) -> list[tuple[int, str, list[str]]]:
    found = []
    for line, name, keywords in _call_sites(source):
        if name in needs and needs[name] - keywords - NOT_PARAMETERS:
            found.append((line, name, sorted(needs[name] - keywords)))
    return found


def test_every_raise_site_gives_its_texts_parameters():
    needs = _entries_by_name()
    problems = [
        f"{path.relative_to(ROOT)}:{line} {name} lacks {', '.join(missing)}"
        for path in _sources()
        for line, name, missing in missing_parameters(path.read_text(), needs)
    ]
    assert problems == []


def test_the_check_sees_a_missing_parameter():
    needs = {"DOMAIN_EXPIRED": {"domain"}}
    assert missing_parameters("raise refusals.DOMAIN_EXPIRED(field='x')", needs) == [
        (1, "DOMAIN_EXPIRED", ["domain"])
    ]
    assert missing_parameters("reason(check_reasons.DOMAIN_EXPIRED, target=t)", needs) != []
    assert missing_parameters("reason(check_reasons.DOMAIN_EXPIRED, domain=d)", needs) == []
    assert missing_parameters("raise refusals.DOMAIN_EXPIRED(**params)", needs) == []
