"""The team captain records the team's conclusion of a tussentijd; everyone keeps editing.

The programme gives each team a captain who records what the team concluded
(``programme.yml``: the tussentijden's assignments; the essay's "teamcaptains
uit het team"). On the team page the captain's button saves a snapshot of the
team fields, with the captain as its author, under
``homework.<tussentijd>.vastgelegd`` (a team field like the others:
append-only, so every recorded version stays). Everyone sees who recorded it
and when, and whether the fields changed after that; nobody loses the right
to edit. Only the captain sees the button: the page knows its viewer from the
address (``participant=``, which ``swc serve`` only lets through for the
visitor themselves) or from the hub's login.
"""

from __future__ import annotations

import ipywidgets as W

from swc_core import messages
from swc_core.content.checks import (
    CAPTAIN_RECORD as FINAL_FIELD,  # reserved: no pack team field may use it
)
from swc_core.content.schema import Step
from swc_core.edition import Edition, Team
from swc_core.errors import StoreError
from swc_core.html_templates import render
from swc_core.model.fields import homework_field
from swc_core.views.homework import captain_note_html, record_text

from .autosave import StoreBinding


def _t(key: str, **values) -> str:
    return messages.text(f"homework.captain_record.{key}", **values)


class CaptainRecord(W.VBox):
    """Who recorded the team's conclusion, when, whether it changed since; the captain's button to record it."""

    def __init__(
        self,
        edition: Edition,
        team: Team,
        step: Step,
        binding: StoreBinding,
        viewer: str | None,
    ):
        super().__init__()
        self.edition, self.team, self.step, self.binding = (
            edition,
            team,
            step,
            binding,
        )
        self.key = homework_field(step.id, FINAL_FIELD)
        self.fields = [(homework_field(step.id, f.id), f.label) for f in step.team_fields]
        self.viewer = viewer
        self.note = W.HTML()
        self.note.add_class("swc-captain-note")
        children: list[W.Widget] = [self.note]
        self.button: W.Button | None = None
        if viewer is not None and viewer == team.captain:
            self.button = W.Button(
                description=_t("record"),
                button_style="primary",
                layout=W.Layout(width="auto"),
            )
            self.button.on_click(lambda _b: self.record())
            children.append(self.button)
        self.children = children
        self.add_class("swc-captain")
        self._rev = (
            self._latest_record()
        )  # the record's revision: read once, then when a new one arrives
        for key, _ in self.fields:  # a teammate's save
            binding.on_value(key, lambda _field, _value: self.render())
        binding.on_value(self.key, lambda _field, _value: self._record_arrived())  # a new record
        binding.status.observe(
            lambda _change: self.render(), names="value"
        )  # this page's own saves
        self.render()

    def _latest_record(self):
        try:
            return (
                self.binding.store.latest(self.edition.name, self.team.id)
                .get(self.team.id, {})
                .get(self.key)
            )
        except StoreError:
            return None  # the store is away for a moment; the save status says so

    def _record_arrived(self) -> None:
        self._rev = self._latest_record() or self._rev
        self.render()

    def record(self) -> None:
        """Save the team fields as they stand (after saving what is still pending) as the captain's record."""
        self.binding.flush_all()
        try:
            rev = self.binding.store.save(
                self.edition.name,
                self.team.id,
                self.key,
                record_text(self.step, self.binding.values),
                author=self.viewer,
            )
        except StoreError as exc:
            self.note.value = render("captain.html.j2", state="failed", reason=str(exc))
            return
        self.binding.values[self.key] = rev.value
        self._rev = rev
        self.render()

    def render(self) -> None:
        """The note (and the button's label) from the known record and the page's values; no store read."""
        rev = self._rev
        self.note.value = captain_note_html(
            self.edition, self.team, self.step, rev, self.binding.values
        )
        if self.button is not None:
            self.button.description = _t("record" if rev is None else "record_again")
