"""Eigen rol (dagdeel 5): your place on the two axes and how you divide your time.

The axes and the four orientations (strateeg, netwerker, organisatie-
ontwikkelaar, procesmanager) come from the content pack; the profile text
from ``swc_core.analysis.role_profile``.
"""

from __future__ import annotations

import ipywidgets as W

from swc_core.analysis import role_profile
from swc_core.figures import role_figure, shares_figure
from swc_core.model import Workbook

from .base import Instrument, PageContext
from .controls import heading, label, name_by_caption, note, set_visible, ui
from .figure_view import FigureView
from .term_markup import explained

FIELD = "role"
MIDDLE = 50  # where a slider starts before you place yourself


class RoleInstrument(Instrument):
    instrument_id = "eigen-rol"

    def __init__(self, ctx: PageContext, **kwargs):
        super().__init__(ctx, **kwargs)
        pack = ctx.content
        saved = dict(self.value_of(FIELD) or {})
        self._saved = saved  # keys this form does not show are kept as they were
        axes = pack.axes
        self.focus = self._slider(saved.get("focus"))
        self.scope = self._slider(saved.get("scope"))
        # an axis counts as answered once its slider is moved (or was saved): the start in the middle is no answer
        self._placed = {
            "focus": saved.get("focus") is not None,
            "scope": saved.get("scope") is not None,
        }
        self.focus.observe(lambda _c: self._placed.update(focus=True), names="value")
        self.scope.observe(lambda _c: self._placed.update(scope=True), names="value")
        axis_rows = [
            self._axis(axes.focus.name, axes.focus.richten, self.focus, axes.focus.inrichten),
            self._axis(axes.scope.name, axes.scope.binnen, self.scope, axes.scope.buiten),
        ]
        shares = saved.get("shares") or {}
        self.shares = {
            r.id: W.BoundedIntText(
                value=shares.get(r.id, 0), min=0, max=100, step=5, layout=W.Layout(width="7em")
            )
            for r in pack.roles
        }
        for r in pack.roles:
            name_by_caption(
                self.shares[r.id], r.name
            )  # a screen reader reads the role beside the field
        # the role's name and description take the rest of the row (a long description used to wrap the
        # whole box under the number field); on a phone the page's style stacks them anyway
        share_rows = [
            W.HBox(
                [
                    self.shares[r.id],
                    W.VBox(
                        [label(r.name, "swc-caption"), explained(r.description, ctx, "swc-help")],
                        layout=W.Layout(flex="1 1 0%", min_width="0"),
                    ),
                ],
                layout=W.Layout(align_items="flex-start"),
            )
            for r in pack.roles
        ]
        self.total = label("", "swc-sum")
        self.total_note = note(self._t("total_note"), "swc-finding")
        self.profile = W.VBox()
        scheduler = ctx.binding.scheduler
        self.role_figure = FigureView(
            lambda: role_figure(self._workbook(), pack), scheduler=scheduler
        )
        self.shares_figure = FigureView(
            lambda: shares_figure(self._workbook(), pack), scheduler=scheduler
        )
        for widget in (self.focus, self.scope, *self.shares.values()):
            widget.observe(lambda _c: self._changed(), names="value")
        self.children = [
            self.title,
            self.intro,
            heading(self._t("axes_title")),
            label(self._t("axes_help"), "swc-help"),
            *axis_rows,
            self.role_figure,
            heading(self._t("shares_title")),
            label(self._t("shares_help"), "swc-help"),
            *share_rows,
            self.total,
            self.total_note,
            self.shares_figure,
            heading(self._t("profile_title")),
            self.profile,
        ]
        self._refresh()

    def _t(self, key: str, **values) -> str:
        return ui(self.instrument_id, key, **values)

    @staticmethod
    def _slider(value: int | None) -> W.IntSlider:
        return W.IntSlider(
            value=MIDDLE if value is None else value,
            min=0,
            max=100,
            step=1,
            readout=False,
            layout=W.Layout(width="40%"),
        )

    @staticmethod
    def _axis(name: str, low: str, slider: W.IntSlider, high: str) -> W.VBox:
        slider.tooltip = name  # the template gives the slider's handle this name (its aria-label)
        ends = [label(low, "swc-axis-low"), slider, label(high, "swc-axis-high")]
        for end in ends[::2]:
            end.layout.width = "28%"
        return W.VBox(
            [label(name, "swc-caption"), W.HBox(ends, layout=W.Layout(align_items="center"))]
        )

    @property
    def value(self) -> dict:
        shares = {
            **(self._saved.get("shares") or {}),
            **{rid: w.value for rid, w in self.shares.items()},
        }
        axes = {
            axis: slider.value if self._placed[axis] else self._saved.get(axis)
            for axis, slider in (("focus", self.focus), ("scope", self.scope))
        }
        return {**self._saved, **axes, "shares": shares}

    def _workbook(self) -> Workbook:
        return self.ctx.workbook

    def _changed(self) -> None:
        if self.save(FIELD, self.value):
            self._refresh()
            self.role_figure.refresh_soon()
            self.shares_figure.refresh_soon()

    def _refresh(self) -> None:
        known = {r.id for r in self.ctx.content.roles}
        shares = self.value["shares"]
        total = sum(v for rid, v in shares.items() if rid in known)
        self.total.value = self._t("total", total=total)
        set_visible(self.total_note, 0 < total != 100)  # nothing entered yet: no note
        role = self.ctx.workbook.role  # as the page holds it: checked once, typed
        self.profile.children = [label(role_profile(role, self.ctx.content).message, "swc-profile")]
