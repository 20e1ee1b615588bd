"""Schakelbak: the collaboration split into parts, each in a form, and how the parts are coupled.

Saved as one ``schakelbak`` value ``{parts, couplings}``. Every change
re-runs the consistency check "klopt de vorm?" and shows its findings per
part (as plain text); the diagram is redrawn a moment later. The parties to
choose from are the canvas parties; when the canvas on the same page
changes them, the choices follow.
"""

from __future__ import annotations

import ipywidgets as W
from traitlets import Dict

from swc_core.analysis import check_forms
from swc_core.figures import schakelbak_figure
from swc_core.messages import text as ui_text
from swc_core.model import Workbook

from . import choices
from .base import Instrument, PageContext
from .controls import Captioned, heading, label, line, set_visible, textarea, ui
from .figure_view import FigureView
from .list_editor import ListEditor, Spec, new_id
from .page_events import on_saved
from .term_markup import explained

FIELD = "schakelbak"
PARTIES = "canvas.parties"


class SchakelbakInstrument(Instrument):
    """Parts and couplings, the check per part, the form help and the diagram."""

    instrument_id = "schakelbak"
    value = Dict(help="The Schakelbak as saved: {parts: [...], couplings: [...]}.")

    def __init__(self, ctx: PageContext, **kwargs):
        super().__init__(ctx, **kwargs)
        self.pack = ctx.content
        self.hush = choices.Hush()  # true while dropdown options are refreshed
        saved = dict(self.value_of(FIELD) or {})
        self._saved = saved  # keys this form does not show are kept as they were
        self.findings = []
        self.check_box = W.VBox(layout=W.Layout(width="100%"))
        self.check_box.add_class("swc-findings")
        self._check()
        self.figure = FigureView(
            lambda: schakelbak_figure(self._workbook(), self.pack, self.findings),
            scheduler=ctx.binding.scheduler,
            layout=W.Layout(width="100%"),
        )
        self.parts = self._parts_editor(saved.get("parts") or [])
        self.couplings = self._couplings_editor(saved.get("couplings") or [])
        self.no_parties = label(self._t("need_parties"), "swc-help")
        self.few_parts = label(self._t("need_parts"), "swc-help")
        for hint in (
            self.no_parties,
            self.few_parts,
        ):  # their own: label() shares one Layout, set_visible changes it
            hint.layout = W.Layout(width="100%")
        self.set_trait("value", self._collect())
        self.parts.observe(lambda _c: self._parts_changed(), names="value")
        self.couplings.observe(lambda _c: self._changed(), names="value")
        self.observe(lambda change: self._save(change["new"]), names="value")
        on_saved(ctx, PARTIES, self._parties_changed)
        self._guard()
        self.children = [
            self.title,
            self.intro,
            heading(self._t("parts")),
            label(self._t("parts_help"), "swc-help"),
            self._forms_help(),
            self.no_parties,
            self.parts,
            heading(self._t("couplings")),
            label(self._t("couplings_help"), "swc-help"),
            self.few_parts,
            self.couplings,
            heading(self._t("check")),
            label(self._t("check_help"), "swc-help"),
            self.check_box,
            heading(self._t("picture")),
            self.figure,
        ]

    def _t(self, key: str, **values) -> str:
        return ui(self.instrument_id, key, **values)

    def show_value(self, field: str, value) -> None:
        """The store's Schakelbak (or canvas parties): only the rows that changed are rebuilt."""
        if field == PARTIES:
            return self._parties_changed()
        if field != FIELD:
            return super().show_value(field, value)
        saved = dict(value or {})
        self._saved = saved
        self.parts.set_items(list(saved.get("parts") or []))
        self.couplings.set_items(list(saved.get("couplings") or []))
        self._refresh_part_choices()
        self._guard()
        self.set_trait("value", self._collect())
        self._check()
        self.figure.refresh_soon()

    def _forms_help(self) -> W.VBox:
        lines = [
            explained(
                self._t("form_essence", name=f.name, essence=" ".join(f.essence.split())),
                self.ctx,
                "swc-help",
            )
            for f in self.pack.forms
        ]
        asked = self.pack.part_questions
        questions = [
            label(
                self._t(
                    "part_question", question=q.question, help=" ".join((q.help or "").split())
                ),
                "swc-help",
            )
            for q in (asked.joint_goal, asked.risk_bearing)
        ]
        box = W.VBox(
            [
                label(self._t("forms_help"), "swc-caption"),
                *lines,
                label(self._t("part_questions"), "swc-caption"),
                *questions,
            ],
            layout=W.Layout(width="100%"),
        )
        box.add_class("swc-forms-help")
        return box

    # -- the parts -----------------------------------------------------------

    def _party_options(self) -> list[tuple[str, str]]:
        return choices.named_options(self.value_of(PARTIES) or [])

    def _parts_editor(self, items: list[dict]) -> ListEditor:
        t = self._t
        asked = self.pack.part_questions
        forms = [(f.name, f.id) for f in self.pack.forms]
        specs = [
            Spec("name", lambda v: Captioned(t("part_name"), line(v), width="45%")),
            Spec(
                "form",
                lambda v: Captioned(t("form"), choices.optional(forms, v), width="45%"),
                read=lambda w: choices.read(w.input),
            ),
            Spec(
                "parties",
                lambda v: Captioned(
                    t("part_parties"),
                    choices.several(self._party_options(), v),
                    width="45%",
                ),
                read=lambda w: choices.read_several(w.input),
            ),
            # the two yes/no questions are the Code's, worded in the pack: the form checks read the answers
            Spec(
                "joint_goal",
                lambda v: Captioned(
                    asked.joint_goal.question, choices.yes_no_unknown(v), width="22%"
                ),
                read=lambda w: choices.read_yes_no(w.input),
            ),
            Spec(
                "risk_bearing",
                lambda v: Captioned(
                    asked.risk_bearing.question,
                    choices.yes_no_unknown(v),
                    width="22%",
                ),
                read=lambda w: choices.read_yes_no(w.input),
            ),
            Spec("goal", lambda v: Captioned(t("goal"), textarea(v, rows=2), width="45%")),
            Spec(
                "agreed_performances",
                lambda v: Captioned(t("agreed_performances"), textarea(v, rows=2), width="45%"),
            ),
        ]
        return ListEditor(
            specs,
            items,
            add_label=t("add_part"),
            new_item=lambda rows: {
                "id": new_id("deel-", rows),
                "name": "",
                "form": None,
                "parties": [],
                "goal": "",
                "joint_goal": None,
                "risk_bearing": None,
                "agreed_performances": "",
            },
        )

    def _parts_changed(self) -> None:
        self._refresh_part_choices()
        self._changed()

    def _parties_changed(self) -> None:
        """The canvas parties changed on this page: offer the new names, keep what was chosen."""
        options = self._party_options()
        with self.hush:
            for row in self.parts.rows:
                choices.refresh_options(row.fields["parties"].input, options)
        self._guard()
        self.figure.refresh_soon()

    # -- the couplings ---------------------------------------------------------

    def _part_options(self) -> list[tuple[str, str]]:
        return choices.named_options(self.parts.value)

    def _couplings_editor(self, items: list[dict]) -> ListEditor:
        t = self._t
        specs = [
            Spec(
                "source",
                lambda v: Captioned(
                    t("source"),
                    choices.required(self._part_options(), v),
                    width="30%",
                ),
            ),
            Spec(
                "target",
                lambda v: Captioned(
                    t("target"),
                    choices.required(self._part_options(), v),
                    width="30%",
                ),
            ),
            Spec("flow", lambda v: Captioned(t("flow"), textarea(v, rows=1), width="38%")),
        ]

        def new_item(_rows: list[dict]) -> dict:
            ids = [value for _label, value in self._part_options()] or [""]
            return {"source": ids[0], "target": ids[1] if len(ids) > 1 else ids[0], "flow": ""}

        return ListEditor(specs, items, new_item=new_item, add_label=t("add_coupling"))

    def _refresh_part_choices(self) -> None:
        options = self._part_options()
        with self.hush:
            for row in self.couplings.rows:
                for key in ("source", "target"):
                    choices.refresh_options(row.fields[key].input, options)

    def _guard(self) -> None:
        """Say what is missing: parties in the canvas; two parts before a coupling."""
        set_visible(self.no_parties, not self._party_options())
        enough = len(self._part_options()) >= 2
        self.couplings.add_button.disabled = not enough
        set_visible(self.few_parts, not enough)

    # -- saving, checking, drawing -------------------------------------------------

    def _collect(self) -> dict:
        return {**self._saved, "parts": self.parts.value, "couplings": self.couplings.value}

    def _changed(self) -> None:
        self._guard()
        if not self.hush:
            self.value = self._collect()

    def _save(self, value: dict) -> None:
        if value != self.value_of(FIELD) and self.save(FIELD, value):
            self._check()
            self.figure.refresh_soon()

    def _workbook(self) -> Workbook:
        return self.ctx.workbook

    def _check(self) -> None:
        """Run "klopt de vorm?" on the saved Schakelbak and list the findings per part."""
        schakelbak = self._workbook().schakelbak
        self.findings = check_forms(schakelbak, self.pack)
        names = {  # an unnamed part by its place, as on paper and in the figures (labels.unnamed_part)
            p.id: p.name.strip() or ui_text("labels.unnamed_part", number=n)
            for n, p in enumerate(schakelbak.parts, 1)
        }
        groups: dict[str | None, list] = {}
        for finding in self.findings:
            groups.setdefault(finding.subject if finding.subject in names else None, []).append(
                finding
            )
        rows: list[W.Widget] = []
        for subject in [*names, None]:
            if subject not in groups:
                continue
            rows.append(label(names[subject] if subject else self._t("general"), "swc-caption"))
            for finding in groups[subject]:
                line = label(
                    self._t(
                        "finding",
                        severity=self._severity(finding.severity),
                        message=finding.message,
                    ),
                    "swc-finding",
                    f"swc-finding-{finding.severity}",
                )
                rows.append(line)
        # no verdict from no data: without a chosen form there is nothing the forms could fit
        verdict = "no_findings" if any(p.form for p in schakelbak.parts) else "nothing_to_check"
        self.check_box.children = rows or [label(self._t(verdict), "swc-help")]

    def _severity(self, severity: str) -> str:
        try:
            return self._t(f"severity.{severity}")
        except KeyError:
            return severity
