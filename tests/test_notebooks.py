"""Every dagdeel notebook runs top to bottom under papermill for every demo participant."""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import nbformat
import papermill as pm
import pytest

from conftest import REPO

STEPS = ["intake", "dagdeel-1-2", "dagdeel-3", "dagdeel-4", "dagdeel-5", "eindsessie"]
PARTICIPANTS = [f"p{i:02d}" for i in range(1, 13)]


def test_notebooks_are_valid_stripped_and_parameterised():
    for step in STEPS:
        path = REPO / "notebooks" / f"{step}.ipynb"
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), f"{step}: outputs stored in git"
        params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
        assert len(params) == 1, f"{step}: needs exactly one parameters cell"
        for name in ("edition", "participant", "db", "language"):
            assert f"{name} =" in params[0].source
        body = "\n".join(c.source for c in code)
        assert "def " not in body and "class " not in body, f"{step}: no logic in notebooks"
        assert nb.metadata.kernelspec.name == "swc"


def _run(step: str, participant: str, sessions, out_dir) -> nbformat.NotebookNode:
    out = out_dir / f"{step}-{participant}.ipynb"
    pm.execute_notebook(
        str(REPO / "notebooks" / f"{step}.ipynb"), str(out),
        parameters={"edition": "demo", "participant": participant, "sessions_dir": str(sessions)},
        kernel_name="swc", progress_bar=False, execution_timeout=120, cwd=str(REPO),
    )
    return nbformat.read(out, as_version=4)


@pytest.mark.parametrize("step", STEPS)
def test_notebook_runs_for_every_demo_participant(step, sessions_dir, tmp_path):
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda p: (p, _run(step, p, sessions_dir, tmp_path)), PARTICIPANTS))
    for participant, nb in results:
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        assert not [o for o in outputs if o.output_type == "error"], f"{step}/{participant} raised"
        shown = json.dumps([o.get("data", {}) for o in outputs])
        assert "application/vnd.jupyter.widget-view+json" in shown, f"{step}/{participant}: no page widget"
        assert "swc-page" in shown, f"{step}/{participant}: no workbook page"
        assert "swc-error" not in shown, f"{step}/{participant}: the page shows an error box"
