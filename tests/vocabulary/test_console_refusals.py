"""No console view catches a domain error itself (issue 22, item 3): a refusal reaches the page
through ``icpconsole.core.console`` (``refusal_shown``, ``visible_or_404``), the one place that
maps it to a message, a form error or a 404. Read with ``ast`` over every app's ``views.py`` and
``views/*.py``, each ``except`` resolved in its module: ``DomainError``, any of its subclasses
(``NotFound``, ``InvalidInput``, ... in ``icpconsole.core.errors``, or an app's own) and a broad
``except`` that would swallow one are refused. The API modules (``*/api/views.py``) and the RPC
endpoint answer in their own envelopes."""

from __future__ import annotations

import ast
import builtins
import importlib
import os
import pathlib

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied

from icpconsole.core import errors

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


# Every refusal class core defines: the guard must know each by its plain name too.
REFUSAL_CLASSES = {
    name: value
    for name, value in vars(errors).items()
    if isinstance(value, type) and issubclass(value, errors.DomainError)
}


def _resolve(node: ast.expr, namespace: dict) -> object:
    if isinstance(node, ast.Name):
        return namespace.get(node.id, getattr(builtins, node.id, None))
    if isinstance(node, ast.Attribute):
        return getattr(_resolve(node.value, namespace), node.attr, None)
    return None


def _catches_a_refusal(node: ast.expr | None, namespace: dict) -> bool:
    """Whether ``except <node>`` would catch a ``DomainError``: it names one (or a class of one),
    or a base it derives from (``Exception``, a bare ``except``)."""
    if node is None:
        return True
    if isinstance(node, ast.Tuple):
        return any(_catches_a_refusal(element, namespace) for element in node.elts)
    caught = _resolve(node, namespace)
    if not isinstance(caught, type):  # not resolved: judge by the name it is spelled with
        name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")
        return name in REFUSAL_CLASSES
    return issubclass(caught, errors.DomainError) or issubclass(errors.DomainError, caught)


def domain_error_handlers(source: str, namespace: dict | None = None) -> list[tuple[int, str]]:
    """(line, enclosing function) of every ``except`` that catches a ``DomainError``, its names
    resolved in ``namespace`` (the module's globals)."""
    namespace = namespace or {}
    found = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            if isinstance(child, ast.ExceptHandler) and _catches_a_refusal(child.type, namespace):
                found.append((child.lineno, function))
            visit(child, inner)

    visit(ast.parse(source), "")
    return found


def _module_of(path: pathlib.Path):
    parts = path.relative_to(ROOT).with_suffix("").parts
    return importlib.import_module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))


def test_the_guard_knows_every_refusal_class():
    assert {"DomainError", "NotFound", "InvalidInput", "Conflict", "PermissionDenied", "NotEligible"} <= set(
        REFUSAL_CLASSES
    )


def test_the_guard_sees_every_spelling():
    source = (
        "def a():\n    try: pass\n    except DomainError: pass\n"
        "def b():\n    try: pass\n    except (ValueError, errors.DomainError) as exc: pass\n"
        "def c():\n    try: pass\n    except NotFound: pass\n"
        "def d():\n    try: pass\n    except errors.InvalidInput as exc: pass\n"
        "def e():\n    try: pass\n    except Missing: pass\n"
        "def f():\n    try: pass\n    except Exception: pass\n"
        "def g():\n    try: pass\n    except: pass\n"
        "def h():\n    try: pass\n    except (KeyError, ValueError): pass\n"
        "def i():\n    try: pass\n    except PermissionDenied: pass\n"
        "def j():\n    try: pass\n    except TooManyAttempts: pass\n"
    )
    namespace = {
        "DomainError": errors.DomainError,
        "errors": errors,
        "NotFound": errors.NotFound,
        "Missing": errors.NotFound,  # an alias: ``from ...errors import NotFound as Missing``
        "PermissionDenied": DjangoPermissionDenied,  # Django's, not a refusal
    }
    assert domain_error_handlers(source, namespace) == [
        (3, "a"),
        (6, "b"),
        (9, "c"),
        (12, "d"),
        (15, "e"),
        (18, "f"),
        (21, "g"),
        (30, "j"),  # not imported here: known by its name
    ]


def test_the_guard_sees_an_apps_own_refusal_class():
    class ChecksFailed(errors.Conflict):
        pass

    source = "def a():\n    try: pass\n    except ChecksFailed: pass\n"
    assert domain_error_handlers(source, {"ChecksFailed": ChecksFailed}) == [(3, "a")]


def test_the_guard_reads_the_console_views():
    modules = {str(path.relative_to(ROOT)) for path in _console_view_modules()}
    assert {"filings/views/orders.py", "instances/views.py", "servicecodes/views.py"} <= modules
    assert "icpconsole/accounts/views.py" in modules
    assert not any("/api/" in module for module in modules)


def test_no_console_view_catches_a_domain_error_itself():
    offenders = [
        f"{path.relative_to(ROOT)}:{line} in {function or '<module>'}()"
        for path in _console_view_modules()
        for line, function in domain_error_handlers(path.read_text(), vars(_module_of(path)))
        if (str(path.relative_to(ROOT)), function) not in OTHER_FACES
    ]
    assert offenders == [], (
        "use icpconsole.core.console (refusal_shown, visible_or_404) instead: " + ", ".join(offenders)
    )
