"""De Partnershiptypologie (dagdeel 3): design the partnership part of the collaboration.

Pick the Schakelbak part that is the partnership, answer the typology
questions, see the suggested type, choose a type, and fill in what that type
requires. Suggestion and open arrangements come from ``swc_core.analysis``.
"""

from __future__ import annotations

import ipywidgets as W

from swc_core import messages
from swc_core.analysis import open_arrangements, suggest_type

from . import choices
from .base import Instrument, PageContext
from .controls import Captioned, bullets, heading, label, name_by_caption, note, textarea, ui
from .list_editor import ListEditor, Spec
from .term_markup import explained

FIELD = "partnership"


class TypologyInstrument(Instrument):
    instrument_id = "typologie"

    def __init__(self, ctx: PageContext, **kwargs):
        super().__init__(ctx, **kwargs)
        self.pack = pack = ctx.content
        saved = dict(self.value_of(FIELD) or {})
        self._saved = saved  # keys this form does not show are kept as they were
        self._arrangements: dict[str, str] = dict(saved.get("arrangements") or {})
        self.part = self._part_choice(saved)
        self.trait_inputs = {
            trait.id: choices.yes_no_unknown(
                (saved.get("traits") or {}).get(trait.id), width="16em"
            )
            for trait in pack.partnership_traits
        }
        trait_rows = []
        for trait in pack.partnership_traits:
            name_by_caption(
                self.trait_inputs[trait.id], trait.question
            )  # a screen reader reads the question
            help_ = [label(trait.help.strip(), "swc-help")] if trait.help else []
            trait_rows.append(
                W.VBox([label(trait.question, "swc-question"), *help_, self.trait_inputs[trait.id]])
            )
        self.suggestion = label("", "swc-suggestion")
        self.type = choices.optional(
            [(t.name, t.id) for t in pack.partnership_types],
            saved.get("type"),
            description=self._t("type"),
        )
        self.type_info = W.VBox()
        self.arrangement_box = W.VBox()
        self.arrangement_inputs: dict[str, W.Textarea] = {}
        self.open_list = W.VBox()
        self.considerations = ListEditor(
            [
                Spec(
                    "text",
                    lambda v: textarea(v, placeholder=self._t("consideration_placeholder"), rows=2),
                )
            ],
            [{"text": text} for text in saved.get("considerations") or []],
            new_item=lambda _items: {"text": ""},
            add_label=self._t("add_consideration"),
        )

        self.part.observe(lambda _c: self._changed(), names="value")
        for dropdown in self.trait_inputs.values():
            dropdown.observe(lambda _c: self._changed(), names="value")
        self.type.observe(lambda _c: self._type_changed(), names="value")
        self.considerations.observe(lambda _c: self._changed(), names="value")

        self.children = [
            self.title,
            self.intro,
            heading(self._t("part_title")),
            *self._part_hint(),
            self.part,
            heading(self._t("traits_title")),
            *trait_rows,
            self.suggestion,
            heading(self._t("type_title")),
            self.type,
            self.type_info,
            heading(self._t("arrangements_title")),
            self.arrangement_box,
            self.open_list,
            heading(self._t("considerations_title")),
            label(self._t("considerations_help"), "swc-help"),
            self.considerations,
        ]
        self._build_arrangements()
        self._refresh()

    def _t(self, key: str, **values) -> str:
        return ui(self.instrument_id, key, **values)

    # --- the Schakelbak part -------------------------------------------------

    def _parts(self) -> list[dict]:
        return list((self.value_of("schakelbak") or {}).get("parts") or [])

    def _part_choice(self, saved: dict) -> W.Dropdown:
        # forms that ask for a partnership design: binding agreements around a joint goal, at own risk
        partnership_forms = {
            f.id for f in self.pack.forms if f.joint_goal == "vereist" and f.risk_bearing
        }
        forms = {f.id: f.name for f in self.pack.forms}
        names = {  # an unnamed part by its place in the Schakelbak, never by its internal id (issue 16)
            p["id"]: (p.get("name") or "").strip() or messages.text("labels.unnamed_part", number=n)
            for n, p in enumerate(self._parts(), 1)
        }
        parts = sorted(self._parts(), key=lambda p: p.get("form") not in partnership_forms)
        options = [
            (
                self._t(
                    "part_option",
                    name=names[p["id"]],
                    form=forms.get(p.get("form"), self._t("no_form")),
                ),
                p["id"],
            )
            for p in parts
        ]
        chosen = saved.get("part")  # a part gone from the Schakelbak stays chosen and visible
        if chosen is None and parts and parts[0].get("form") in partnership_forms:
            chosen = parts[0]["id"]
        return choices.optional(options, chosen, description=self._t("part"))

    def _part_hint(self) -> list[W.Widget]:
        return [] if self._parts() else [label(self._t("no_parts"), "swc-hint")]

    # --- the chosen type and its arrangements ------------------------------

    def _type_changed(self) -> None:
        self._build_arrangements()
        self._changed()

    def _build_arrangements(self) -> None:
        chosen = choices.read(self.type)
        if chosen is None:
            self.type_info.children = []
            self.arrangement_inputs = {}
            self.arrangement_box.children = [label(self._t("choose_type_first"), "swc-hint")]
            return
        ptype = self.pack.partnership_type(chosen)
        self.type_info.children = [
            explained(ptype.definition, self.ctx),
            label(self._t("when_it_fits", text=ptype.when_it_fits.strip()), "swc-help"),
        ]
        self.arrangement_inputs = {}
        rows = []
        for arrangement in ptype.arrangements:
            area = textarea(self._arrangements.get(arrangement.id, ""), rows=2)
            area.observe(
                lambda change, a=arrangement.id: self._arrangement_typed(a, change["new"]),
                names="value",
            )
            self.arrangement_inputs[arrangement.id] = area
            rows.append(Captioned(arrangement.name, area, help=arrangement.help.strip()))
        self.arrangement_box.children = rows

    def _arrangement_typed(self, arrangement_id: str, text: str) -> None:
        self._arrangements[arrangement_id] = text
        self._changed()

    # --- value, save, findings ---------------------------------------------

    @property
    def value(self) -> dict:
        traits = dict(self._saved.get("traits") or {})
        for trait_id, dropdown in self.trait_inputs.items():
            answer = choices.read_yes_no(dropdown)
            if answer is None:
                traits.pop(trait_id, None)
            else:
                traits[trait_id] = answer
        # texts of another type's arrangements stay, so switching type and back loses nothing
        arrangements = {k: v for k, v in self._arrangements.items() if v.strip()}
        return {
            **self._saved,
            "part": choices.read(self.part),
            "traits": traits,
            "type": choices.read(self.type),
            "arrangements": arrangements,
            "considerations": [row["text"] for row in self.considerations.value],
        }

    def _changed(self) -> None:
        if self.save(FIELD, self.value):  # refused: the status line says why, the advice stays
            self._refresh()

    def _refresh(self) -> None:
        partnership = self.ctx.workbook.partnership  # as the page holds it: checked once, typed
        suggested, score = suggest_type(partnership, self.pack)
        if suggested is None:
            self.suggestion.value = self._t("no_suggestion")
        else:
            self.suggestion.value = self._t(
                "suggestion", name=suggested.name, count=score, total=len(suggested.suggest_when)
            )
        if partnership.type is None:
            self.open_list.children = []
            return
        still_open = open_arrangements(partnership, self.pack)
        if still_open:
            self.open_list.children = [
                note(self._t("open_title"), "swc-finding"),
                bullets([a.name for a in still_open]),
            ]
        else:
            self.open_list.children = [label(self._t("all_arranged"), "swc-ok")]
