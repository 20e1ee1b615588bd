"""The notebooks in git are valid, stripped, parameterised and free of logic.

(That each runs for every demo participant is proven by tests/test_generate.py.)
"""

from __future__ import annotations

import nbformat

from conftest import REPO

STEPS = ["intake", "dagdeel-1-2", "dagdeel-3", "dagdeel-4", "dagdeel-5", "eindsessie", "homework"]


def test_notebooks_are_valid_stripped_and_parameterised():
    for step in STEPS:
        path = REPO / "notebooks" / f"{step}.ipynb"
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), (
            f"{step}: outputs stored in git"
        )
        params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
        assert len(params) == 1, f"{step}: needs exactly one parameters cell"
        for name in ("edition", "team" if step == "homework" else "participant", "db"):
            assert f"{name} =" in params[0].source
        body = "\n".join(c.source for c in code)
        assert "def " not in body and "class " not in body, f"{step}: no logic in notebooks"
        assert nb.metadata.kernelspec.name == "swc"
