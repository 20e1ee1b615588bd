"""Samenwerkingscanvas: nine blocks of free text, the parties with their goals, their contributions.

Each block is its own field (``canvas.block.<block id>``); parties and
contributions are lists (``canvas.parties``, ``canvas.contributions``). The
picture of the canvas is redrawn a moment after any change. When the
parties change, the contributions' party choices follow (and the Schakelbak
on the same page hears about it through :mod:`widgets.page_events`).
"""

from __future__ import annotations

import ipywidgets as W

from swc_core.figures import canvas_figure

from . import choices
from .base import Instrument, PageContext
from .controls import Captioned, bullets, heading, label, line, set_visible, textarea, ui
from .figure_view import FigureView
from .list_editor import ListEditor, Spec, new_id
from .page_events import announce
from .term_markup import explained

PARTIES = "canvas.parties"
CONTRIBUTIONS = "canvas.contributions"


def block_field(block_id: str) -> str:
    return f"canvas.block.{block_id}"


class CanvasInstrument(Instrument):
    """The canvas blocks in an accordion, the party and contribution lists, and the picture."""

    instrument_id = "canvas"

    def __init__(self, ctx: PageContext, **kwargs):
        super().__init__(ctx, **kwargs)
        self.pack = ctx.content
        self.hush = choices.Hush()  # true while dropdown options are refreshed
        self.figure = FigureView(
            lambda: canvas_figure(ctx.workbook, self.pack),
            scheduler=ctx.binding.scheduler,
            layout=W.Layout(width="100%"),
        )
        self.blocks = {
            b.id: textarea(
                self.value_of(block_field(b.id)), placeholder=self._t("block_placeholder"), rows=6
            )
            for b in self.pack.blocks
        }
        self.accordion = W.Accordion(
            [self._block_panel(b) for b in self.pack.blocks], layout=W.Layout(width="100%")
        )
        for i, b in enumerate(self.pack.blocks):
            self.blocks[b.id].observe(lambda _c, i=i, b=b: self._block_changed(i, b), names="value")
            self._title_block(i, b)
        self.parties = self._parties_editor(self.value_of(PARTIES) or [])
        self.contributions = self._contributions_editor(self.value_of(CONTRIBUTIONS) or [])
        self.no_parties = label(self._t("need_parties"), "swc-help")
        self.no_parties.layout = W.Layout(
            width="100%"
        )  # its own: label() shares one Layout, set_visible changes it
        self.parties.observe(lambda _c: self._parties_changed(), names="value")
        self.contributions.observe(lambda _c: self._contributions_changed(), names="value")
        self._guard_contributions()
        self.children = [
            self.title,
            self.intro,
            heading(self._t("picture")),
            self.figure,
            heading(self._t("blocks")),
            label(self._t("blocks_help"), "swc-help"),
            self.accordion,
            heading(self._t("parties")),
            label(self._t("parties_help"), "swc-help"),
            self.parties,
            heading(self._t("contributions")),
            label(self._t("contributions_help"), "swc-help"),
            self.no_parties,
            self.contributions,
        ]

    def _t(self, key: str, **values) -> str:
        return ui(self.instrument_id, key, **values)

    # -- the nine blocks -------------------------------------------------

    def _block_panel(self, block) -> W.VBox:
        panel = W.VBox(
            [
                explained(block.explanation, self.ctx),
                label(self._t("questions"), "swc-caption"),
                bullets([q.strip() for q in block.questions], "swc-help"),
                self.blocks[block.id],
            ],
            layout=W.Layout(width="100%"),
        )
        panel.add_class("swc-canvas-block")
        return panel

    def _title_block(self, index: int, block) -> None:
        filled = bool(self.blocks[block.id].value.strip())
        self.accordion.set_title(
            index, self._t("block_filled", name=block.name) if filled else block.name
        )

    def _block_changed(self, index: int, block) -> None:
        self._title_block(index, block)
        field = block_field(block.id)
        text = self.blocks[block.id].value
        if text != self.value_of(field, ""):
            self.save(field, text)
        self.figure.refresh_soon()

    def show_value(self, field: str, value) -> None:
        """The store's value of a block, the parties or the contributions: only what changed is set."""
        block = next((b for b in self.pack.blocks if block_field(b.id) == field), None)
        if block is not None:
            if self.blocks[block.id].value != (value or ""):
                self.blocks[block.id].value = value or ""
        elif field == PARTIES:
            self.parties.set_items(list(value or []))
        elif field == CONTRIBUTIONS:
            self.contributions.set_items(list(value or []))
        else:
            return super().show_value(field, value)
        self.figure.refresh_soon()

    # -- parties and their goals ------------------------------------------

    def _parties_editor(self, items: list[dict]) -> ListEditor:
        types = [(t.name, t.id) for t in self.pack.vocab.party_types]
        specs = [
            Spec(
                "name",
                lambda v: Captioned(
                    self._t("party_name"),
                    line(v),
                    width="45%",
                ),
            ),
            Spec(
                "type",
                lambda v: Captioned(self._t("party_type"), choices.optional(types, v), width="45%"),
                read=lambda w: choices.read(w.input),
            ),
            Spec("goals", self._goals_editor),
        ]
        return ListEditor(
            specs,
            items,
            add_label=self._t("add_party"),
            new_item=lambda rows: {
                "id": new_id("partij-", rows),
                "name": "",
                "type": None,
                "goals": [],
            },
        )

    def _goals_editor(self, goals: list[dict] | None) -> ListEditor:
        editor = ListEditor(
            [
                Spec(
                    "text",
                    lambda v: textarea(
                        v, placeholder=self._t("goal_placeholder"), rows=1, width="90%"
                    ),
                )
            ],
            goals or [],
            add_label=self._t("add_goal"),
            new_item=lambda rows: {"id": new_id("doel-", rows), "text": ""},
        )
        editor.children = [label(self._t("goals"), "swc-caption"), *editor.children]
        editor.layout = W.Layout(width="95%", margin="0 0 0 4%")
        return editor

    def _parties_changed(self) -> None:
        if self.hush:
            return
        value = self.parties.value
        if value != self.value_of(PARTIES) and self.save(PARTIES, value):
            announce(self.ctx, PARTIES)
        self._refresh_party_choices()
        self.figure.refresh_soon()

    # -- contributions -----------------------------------------------------

    def _party_options(self) -> list[tuple[str, str]]:
        return choices.named_options(self.parties.value)

    def _contributions_editor(self, items: list[dict]) -> ListEditor:
        specs = [
            Spec(
                "party",
                lambda v: Captioned(
                    self._t("contribution_party"),
                    choices.required(self._party_options(), v),
                    width="40%",
                ),
            ),
            Spec(
                "risk_bearing",
                lambda v: W.Checkbox(
                    value=bool(v),
                    description=self._t("risk_bearing"),
                    indent=False,
                    layout=W.Layout(width="50%"),
                ),
            ),
            Spec(
                "description",
                lambda v: Captioned(self._t("contribution_description"), textarea(v, rows=2)),
            ),
        ]

        def new_item(_rows: list[dict]) -> dict:
            options = self._party_options()
            return {
                "party": options[0][1] if options else "",
                "description": "",
                "risk_bearing": False,
            }

        return ListEditor(specs, items, new_item=new_item, add_label=self._t("add_contribution"))

    def _refresh_party_choices(self) -> None:
        options = self._party_options()
        with self.hush:
            for row in self.contributions.rows:
                choices.refresh_options(row.fields["party"].input, options)
        self._guard_contributions()

    def _guard_contributions(self) -> None:
        """A contribution belongs to a party: no new ones before there is a party to choose."""
        has_parties = bool(self._party_options())
        self.contributions.add_button.disabled = not has_parties
        set_visible(self.no_parties, not has_parties)

    def _contributions_changed(self) -> None:
        self._guard_contributions()
        if self.hush:
            return
        value = self.contributions.value
        if value != self.value_of(CONTRIBUTIONS):
            self.save(CONTRIBUTIONS, value)
        self.figure.refresh_soon()
