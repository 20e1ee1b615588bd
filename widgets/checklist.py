"""Pick any number of options with a finger: one checkbox a line, instead of a Ctrl/Cmd multi-select.

A drop-in for ``W.SelectMultiple`` where it matters to callers: ``options``
as ``(label, id)`` pairs, ``value`` as a tuple of ids, ``label`` as the
chosen labels (handouts show those). Each checkbox is named by its option's
label, so a screen reader says which party it is.
"""

from __future__ import annotations

import ipywidgets as W
import traitlets


class Checklist(W.VBox):
    options = traitlets.List(help="The (label, id) pairs to choose from, in order.")
    value = traitlets.Tuple(help="The chosen ids, in the order of the options.")
    description = traitlets.Unicode(
        "", help="The caption above it as its name (controls.name_by_caption); not shown twice."
    )

    def __init__(self, options, value=(), **kwargs):
        super().__init__(**kwargs)
        self.add_class("swc-checklist")
        self._boxes: dict[str, W.Checkbox] = {}
        self._syncing = False
        self.observe(lambda _c: self._build(), names="options")
        self.observe(lambda _c: self._show_value(), names="value")
        self.options = [tuple(o) for o in options]
        self.value = tuple(value)

    @property
    def label(self) -> tuple[str, ...]:
        names = dict((i, name) for name, i in self.options)
        return tuple(names.get(i, i) for i in self.value)

    def _build(self) -> None:
        self._boxes = {}
        for name, option_id in self.options:
            box = W.Checkbox(
                value=option_id in self.value,
                description=name,
                indent=False,
                layout=W.Layout(width="auto"),
            )
            box.observe(lambda _c: self._read_boxes(), names="value")
            self._boxes[option_id] = box
        self.children = list(self._boxes.values())

    def _read_boxes(self) -> None:
        if not self._syncing:
            self.value = tuple(i for i, box in self._boxes.items() if box.value)

    def _show_value(self) -> None:
        self._syncing = True
        try:
            for option_id, box in self._boxes.items():
                box.value = option_id in self.value
        finally:
            self._syncing = False
