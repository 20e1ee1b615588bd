"""De beslisboom (dagdeel 3 and 4): per task, walk the decision tree step by step.

Each task is one run: the task text and the answers given, node by node, in
the order taken. The walk itself (which question is next, where it ends,
which situations the route reaches) is ``swc_core.analysis.evaluate_run``;
this module only shows it and records the clicks. Below the tasks, the
routes to the numbered situations (``situation_routes``). The tree, its
questions, outcomes and situations come from the content pack.
"""

from __future__ import annotations

import ipywidgets as W
import traitlets

from swc_core.analysis import evaluate_run, situation_routes
from swc_core.content import ContentPack
from swc_core.model.decisions import BeslisboomRun

from .base import Instrument, PageContext
from .controls import Captioned, bullets, label, note, set_visible, textarea, ui
from .list_editor import ListEditor, Spec, new_id
from .term_markup import explained

FIELD = "beslisboom"
INSTRUMENT = "beslisboom"
RUN_PREFIX = "opgave-"


class TreeWalk(W.VBox):
    """One task's walk through the tree; ``value`` is ``{node id: answer id}`` in the order taken."""

    value = traitlets.Dict(help="The answers given so far: node id -> answer id, in order.")

    def __init__(
        self,
        pack: ContentPack,
        answers: dict | None = None,
        ctx: PageContext | None = None,
    ):
        """``ctx``: the page, when the walk is on one; on a live page the Code's terms in the question's help and
        in the outcome carry their definition (``term_markup.explained``). Without it: plain text."""
        super().__init__(layout=W.Layout(width="100%"))
        self.pack = pack
        self.ctx = ctx
        self.path_box = W.VBox()
        self.situation_box = W.VBox()
        self.question_box = W.VBox()
        self.end_box = W.VBox()
        self.undo_button = W.Button(
            description=self._t("undo"),
            icon="undo",
            layout=W.Layout(width="auto", align_self="flex-start"),
        )
        self.undo_button.on_click(lambda _b: self.undo())
        self.answer_buttons: dict[str, W.Button] = {}
        self.add_class("swc-tree-walk")
        self.children = [
            self.path_box,
            self.situation_box,
            self.question_box,
            self.end_box,
            self.undo_button,
        ]
        self.set_trait("value", dict(answers or {}))
        self.observe(lambda _change: self.render(), names="value")
        self.render()

    def _t(self, key: str, **values) -> str:
        return ui(INSTRUMENT, key, **values)

    def result(self):
        # evaluation looks only at the answers; id and task of the run do not matter here
        return evaluate_run(BeslisboomRun(id="walk", answers=self.value), self.pack)

    def _answers_on_path(self, result) -> dict[str, str]:
        return {node.id: answer.id for node, answer in result.path}

    def choose(self, answer_id: str) -> None:
        """Answer the current question; answers off the path taken are dropped."""
        result = self.result()
        if result.current is None or result.complete:
            return
        answers = self._answers_on_path(result)
        answers[result.current.id] = answer_id
        self.value = answers

    def undo(self) -> None:
        """Take back the last answer."""
        result = self.result()
        if result.path:
            self.value = {node.id: answer.id for node, answer in result.path[:-1]}

    def render(self) -> None:
        result = self.result()
        steps = [note(self._t("path_title"), "swc-caption")] if result.path else []
        for node, answer in result.path:
            steps.append(
                label(
                    self._t("path_step", question=node.text, answer=answer.label), "swc-path-step"
                )
            )
        self.path_box.children = steps
        self.situation_box.children = situation_lines(result.situations)
        self.answer_buttons = {}
        question = result.current if result.current is not None and not result.complete else None
        if question is not None:
            for answer in question.answers:
                button = W.Button(
                    description=answer.label,
                    tooltip=answer.label,
                    layout=W.Layout(width="auto", max_width="100%"),
                )
                button.add_class("swc-answer")
                button.on_click(lambda _b, a=answer.id: self.choose(a))
                self.answer_buttons[answer.id] = button
            help_ = [explained(question.help, self.ctx, "swc-help")] if question.help else []
            self.question_box.children = [
                note(question.text, "swc-question"),
                *help_,
                W.HBox(list(self.answer_buttons.values()), layout=W.Layout(flex_flow="row wrap")),
            ]
        else:
            self.question_box.children = []
        self.end_box.children = self._end(result)
        set_visible(self.undo_button, bool(result.path))

    def _end(self, result) -> list[W.Widget]:
        end = result.outcome
        if end is None:
            return []
        if result.exit:  # no joint goal possible: collaborating is not the way (now)
            parts = [note(self._t("exit", text=end.text), "swc-exit")]
            if end.follow_up:
                parts.append(explained(end.follow_up, self.ctx))
            return parts
        form = self.pack.form(result.form)
        parts = [
            note(self._t("outcome", form=form.name), "swc-outcome"),
            explained(end.text, self.ctx),
            explained(form.essence, self.ctx, "swc-help"),
        ]
        if end.follow_up:
            parts.append(label(self._t("follow_up", text=end.follow_up.strip())))
        if end.requirements:
            parts += [label(self._t("requirements")), bullets(list(end.requirements))]
        return parts


def situation_lines(situations) -> list[W.Widget]:
    """Where a route leads: the situations' names, and the description of each that has one."""
    if not situations:
        return []
    lines = [
        note(
            ui(INSTRUMENT, "situations", names=", ".join(s.name for s in situations)),
            "swc-situations",
        )
    ]
    described = [
        ui(INSTRUMENT, "situation", name=s.name, text=" ".join(s.description.split()))
        for s in situations
        if s.description
    ]
    if described:
        lines.append(bullets(described, "swc-help"))
    return lines


def situation_overview(pack: ContentPack) -> list[W.Widget]:
    """Every route from the first question to a node that names situations, as one line each."""
    routes = situation_routes(pack)
    if not routes:
        return []
    lines = []
    for route in routes:
        steps = [
            ui(INSTRUMENT, "path_step", question=n.text, answer=a.label) for n, a in route.path
        ]
        lines.append(
            ui(
                INSTRUMENT,
                "situations_route",
                names=", ".join(s.name for s in route.situations),
                route=" · ".join(steps) or ui(INSTRUMENT, "route_start"),
            )
        )
    return [
        note(ui(INSTRUMENT, "situations_title"), "swc-caption"),
        bullets(lines, "swc-help"),
    ]


class BeslisboomInstrument(Instrument):
    instrument_id = INSTRUMENT

    def __init__(self, ctx: PageContext, **kwargs):
        super().__init__(ctx, **kwargs)
        pack = ctx.content
        t = lambda key: ui(self.instrument_id, key)  # noqa: E731
        runs = list(self.value_of(FIELD) or [])
        first = not runs
        if first:  # one empty task to start with; saved only once something is filled in
            runs = [self._new_run([])]
        self.editor = ListEditor(
            [
                Spec(
                    "task",
                    lambda v: Captioned(
                        t("task"), textarea(v, placeholder=t("task_placeholder"), rows=2)
                    ),
                ),
                Spec("answers", lambda v: TreeWalk(pack, v, ctx)),
            ],
            runs,
            new_item=self._new_run,
            add_label=t("add"),
        )
        self.editor.observe(lambda change: self.save(FIELD, change["new"]), names="value")
        intro = [label(pack.beslisboom.intro.strip(), "swc-help")] if pack.beslisboom.intro else []
        self.children = [
            self.title,
            self.intro,
            *intro,
            self.editor,
            *situation_overview(pack),
        ]

    @staticmethod
    def _new_run(items: list[dict]) -> dict:
        return {"id": new_id(RUN_PREFIX, items), "task": "", "answers": {}}

    def show_value(self, field: str, value) -> None:
        """The store's runs: only the runs that changed are rebuilt."""
        if field != FIELD:
            return super().show_value(field, value)
        self.editor.set_items(list(value or []) or [self._new_run([])])

    def walks(self) -> list[TreeWalk]:
        return [row.fields["answers"] for row in self.editor.rows]
