"""Weight of a workbook page's widgets: each Layout and Style of its own (baseline) against shared looks.

For every workbook step of the demo edition (participant p01, answers imported), in this process, no
kernel: the page is built as a page kernel builds it (``widgets.page.build_page``), then

  baseline - what ipywidgets gives: a Layout and a Style model per control;
  shared   - ``widgets.shared_looks.share_looks``: one model per distinct look;

and for each: the number of widget models, the size of the JSON a browser receives when it asks for every
widget's state (ipywidgets' ``request_states`` reply: ``{model_id: {model_name, model_module, state}}``),
and the CPU time the kernel spends producing it (median of 5). Ratios shared/baseline. Nothing asserts.

    .venv/bin/python bench/page_weight.py
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

import ipywidgets as W
from ipywidgets.widgets.widget import _remove_buffers

from widgets.page import build_page, open_context
from widgets.shared_looks import share_looks

from common import demo_edition, machine

REPEATS = 5


def states_reply() -> tuple[int, int, float]:
    """(models, bytes of JSON, CPU seconds): every open widget's state, as ipywidgets sends it."""
    started = time.process_time()
    reply = {}
    for model_id, widget in list(W.Widget.widgets.items()):
        state, _paths, _buffers = _remove_buffers(widget.get_state())
        reply[model_id] = {
            "model_name": widget._model_name,
            "model_module": widget._model_module,
            "model_module_version": widget._model_module_version,
            "state": state,
        }
    size = len(json.dumps(reply))
    return len(reply), size, time.process_time() - started


def measure(step: str, edition, settings, shared: bool) -> tuple[int, int, float]:
    W.Widget.close_all()
    page = build_page(open_context(step, edition, "p01", settings))
    if shared:
        share_looks(page)
    runs = [states_reply() for _ in range(REPEATS)]
    return runs[0][0], runs[0][1], statistics.median(r[2] for r in runs)


def main() -> None:
    import warnings

    warnings.simplefilter(
        "ignore", DeprecationWarning
    )  # Widget.widgets: ipywidgets 8 still fills it
    with tempfile.TemporaryDirectory() as tmp:
        edition, settings = demo_edition(Path(tmp))
        print(f"page weight: {machine()}")
        print(f"{'step':<14} {'models':>15} {'state (KiB)':>19} {'CPU (ms)':>17}   shared/baseline")
        totals = [0.0] * 6
        for step in (s.id for s in edition.content.programme):
            base, shared = (
                measure(step, edition, settings, False),
                measure(step, edition, settings, True),
            )
            for i, v in enumerate((*base, *shared)):
                totals[i] += v
            print(
                f"{step:<14} {base[0]:>6} -> {shared[0]:>6} {base[1] / 1024:>8.0f} -> {shared[1] / 1024:>6.0f} "
                f"{base[2] * 1000:>7.1f} -> {shared[2] * 1000:>5.1f}   models {shared[0] / base[0]:.2f}x  "
                f"state {shared[1] / base[1]:.2f}x  CPU {shared[2] / base[2]:.2f}x"
            )
        print(
            f"{'all steps':<14} models {totals[3] / totals[0]:.2f}x  state {totals[4] / totals[1]:.2f}x  "
            f"CPU {totals[5] / totals[2]:.2f}x"
        )


if __name__ == "__main__":
    main()
