"""No console view catches ``DomainError`` itself (issue 22, item 3): a refusal reaches the page
through ``icpconsole.core.console.refusal_shown``, the one helper that maps it to a message, a
form error or a 404. Read with ``ast`` over every app's ``views.py`` and ``views/*.py``; the API
modules (``*/api/views.py``) and the RPC endpoint answer in their own envelopes."""

from __future__ import annotations

import ast
import os
import pathlib

from .test_vocabulary import ROOT

# Other faces than the console's pages, each with its own mapping of a refusal.
OTHER_FACES = {
    ("openapi/views.py", "rpc"): "the RPC endpoint answers in Alibaba's error envelope",
}
SKIPPED_DIRS = {"api", "migrations", "node_modules", "static", "staticfiles", "templates", "tests"}


def _console_view_modules() -> list[pathlib.Path]:
    found = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in SKIPPED_DIRS and not name.startswith(".")]
        here = pathlib.Path(folder)
        found += [
            here / name
            for name in files
            if name == "views.py" or (here.name == "views" and name.endswith(".py"))
        ]
    return sorted(found)


def _names_domain_error(node: ast.expr | None) -> bool:
    if isinstance(node, ast.Tuple):
        return any(_names_domain_error(element) for element in node.elts)
    if isinstance(node, ast.Name):
        return node.id == "DomainError"
    if isinstance(node, ast.Attribute):
        return node.attr == "DomainError"
    return False


def domain_error_handlers(source: str) -> list[tuple[int, str]]:
    """(line, enclosing function) of every ``except`` naming ``DomainError`` (alone or in a tuple)."""
    found = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            if isinstance(child, ast.ExceptHandler) and _names_domain_error(child.type):
                found.append((child.lineno, function))
            visit(child, inner)

    visit(ast.parse(source), "")
    return found


def test_the_guard_sees_every_spelling():
    source = (
        "def a():\n    try: pass\n    except DomainError: pass\n"
        "def b():\n    try: pass\n    except (ValueError, errors.DomainError) as exc: pass\n"
        "def c():\n    try: pass\n    except NotFound: pass\n"
    )
    assert domain_error_handlers(source) == [(3, "a"), (6, "b")]


def test_the_guard_reads_the_console_views():
    modules = {str(path.relative_to(ROOT)) for path in _console_view_modules()}
    assert {"filings/views/orders.py", "instances/views.py", "servicecodes/views.py"} <= modules
    assert "icpconsole/accounts/views.py" in modules
    assert not any("/api/" in module for module in modules)


def test_no_console_view_catches_a_domain_error_itself():
    offenders = [
        f"{path.relative_to(ROOT)}:{line} in {function or '<module>'}()"
        for path in _console_view_modules()
        for line, function in domain_error_handlers(path.read_text())
        if (str(path.relative_to(ROOT)), function) not in OTHER_FACES
    ]
    assert offenders == [], "use icpconsole.core.console.refusal_shown instead: " + ", ".join(offenders)
