"""The layers of docs/architecture.md hold: the core stands on no domain app, a domain app stands
on the ones below it only, and nothing below the simulator app imports it."""

import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOMAIN_APPS = {"instances", "servicecodes", "filings", "openapi", "registrar", "accessors"}
TOP = {"simulator"}

# package (folder) -> top-level packages it must never import. ``icpconsole/`` itself holds the
# project's settings and root URLconf, which name every app; its ``core`` and ``accounts`` apps
# are the ground floor.
FORBIDDEN = {
    "icpconsole/core": DOMAIN_APPS | TOP,
    "icpconsole/accounts": DOMAIN_APPS | TOP,
    "instances": (DOMAIN_APPS - {"instances"}) | TOP,
    "servicecodes": {"filings", "openapi", "accessors"} | TOP,
    "filings": {"openapi", "accessors"} | TOP,
    "accessors": {"openapi"} | TOP,
    "openapi": TOP,
}


def imported_packages(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(package):
    offenders = []
    for path in (ROOT / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        wrong = imported_packages(path) & FORBIDDEN[package]
        if wrong:
            offenders.append(f"{path.relative_to(ROOT)}: {sorted(wrong)}")
    assert offenders == []
