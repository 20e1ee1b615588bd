"""The strings of our Python modules, read as a syntax tree: shared by the scans for HTML and for Dutch.

``python_strings`` gives every string constant and f-string of a module with its
line, docstrings left out (they describe; they say and render nothing). An
f-string is one string, each ``{value}`` in it stood for by :data:`FORMATTED`.
``NOT_YET`` lists of the scans name a file or a folder ending in ``/``.
"""

from __future__ import annotations

import ast
from functools import lru_cache

from conftest import REPO

SCANNED = ("swc_core", "widgets")
FORMATTED = "\x00"  # stands for each {value} of an f-string


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body
        ):
            first = node.body[0]
            value = first.value if isinstance(first, ast.Expr) else None
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.add(id(value))
    return found


def python_strings(source: str) -> list[tuple[int, str]]:
    """``(line, text)`` for every string constant and f-string of ``source`` that is no docstring."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            skip.update(id(part) for part in node.values)  # judged as part of the whole f-string
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            found.append((node.lineno, node.value))
        elif isinstance(node, ast.JoinedStr):
            text = "".join(
                p.value if isinstance(p, ast.Constant) else FORMATTED for p in node.values
            )
            found.append((node.lineno, text))
    return found


@lru_cache(maxsize=None)
def module_strings(path: str) -> tuple[tuple[int, str], ...]:
    """:func:`python_strings` of the module at ``path`` (relative to the repository)."""
    return tuple(python_strings((REPO / path).read_text(encoding="utf-8")))


def scanned_modules() -> list[str]:
    """Every module of :data:`SCANNED`, as paths relative to the repository."""
    return sorted(str(p.relative_to(REPO)) for pkg in SCANNED for p in (REPO / pkg).rglob("*.py"))


def listed(path: str, entry: str) -> bool:
    """Whether ``entry`` of a ``NOT_YET`` list (a file, or a folder ending in ``/``) covers ``path``."""
    return path == entry or (entry.endswith("/") and path.startswith(entry))
