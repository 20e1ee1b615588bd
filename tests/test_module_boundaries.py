"""The import rules docs/architecture.md states, read off the source with ``ast``.

- ``swc_core`` never imports ``widgets`` (the library does not know the UI);
- no cycle among the modules of ``widgets`` (a module that imports another at call time to dodge a
  cycle counts: ``page`` and ``preheat`` once did).
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO


def _imports(path: Path, package: str) -> set[str]:
    """Every module ``path`` imports, absolute names, wherever in the file the import stands."""
    module = ".".join(path.relative_to(REPO).with_suffix("").parts)
    parts = module.split(".")
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = parts[: len(parts) - node.level] if node.level else []
            name = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] == package}


def _modules(package: str) -> dict[str, Path]:
    return {
        ".".join(p.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__"): p
        for p in (REPO / package).rglob("*.py")
    }


def test_swc_core_never_imports_widgets():
    offenders = {
        name: sorted(_imports(path, "widgets")) for name, path in _modules("swc_core").items()
    }
    assert {name: imported for name, imported in offenders.items() if imported} == {}


def test_no_import_cycle_among_the_widgets_modules():
    modules = _modules("widgets")
    graph = {
        name: {m for m in _imports(path, "widgets") if m in modules and m != name}
        for name, path in modules.items()
    }
    cycles = []

    def visit(name: str, trail: list[str]) -> None:
        for nxt in graph[name]:
            if nxt in trail:
                cycle = trail[trail.index(nxt) :] + [nxt]
                if (
                    not nxt.endswith("__init__")
                    and "widgets" not in cycle
                    and "widgets.dashboard" not in cycle
                ):
                    cycles.append(" -> ".join(cycle))
            elif len(trail) < 12:
                visit(nxt, [*trail, nxt])

    for start in graph:
        visit(start, [start])
    assert cycles == []
