"""The praktijkboek: every case of an edition (or of one team) in one confidential document.

It is built straight from the store, without a kernel: per case the intake
casus, the Samenwerkingscanvas, the Schakelbak and what the analysis finds,
as a notebook in memory that the handout converter turns into HTML (so the
same sanitizer, stylesheet and plotly embedding apply). Only the answers of
the chosen teams' members are read: a team's book holds nothing of others.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Iterable

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output

from .. import analysis, figures, messages
from ..analysis.completeness import filled
from ..content import ContentPack
from ..edition import Edition, Participant, Team
from ..model import Workbook
from .glossary import glossary_cell
from .paper import canvas_print_html
from .plotly_embed import PLOTLY_MIME, figure_spec

e = html.escape


def _t(key: str, language: str, **values) -> str:
    return messages.text(f"export.praktijkboek.{key}", language, **values)


def _ui(key: str, language: str) -> str:
    """A label the workbook pages use too (casus and Schakelbak fields)."""
    return messages.text(f"widgets.{key}", language)


@dataclass(frozen=True)
class Case:
    person: Participant
    team: Team
    workbook: Workbook

    @property
    def anchor(self) -> str:
        return f"casus-{self.person.id}"  # participant ids are plain ids (edition schema)

    def title(self, language: str) -> str:
        return self.workbook.casus.title or self.person.casus or _t("untitled", language)


def _text(value: str | None, language: str) -> str:
    if not (value or "").strip():
        return f"<span class='swc-empty'>{e(_t('empty', language))}</span>"
    return e(value).replace("\n", "<br>")


def _field(label: str, value_html: str) -> str:
    return (f"<div class='swc-field'><div class='swc-field-label'>{e(label)}</div>"
            f"<div class='swc-field-value'>{value_html}</div></div>")


def casus_html(case: Case, language: str) -> str:
    casus = case.workbook.casus
    parts = [_field(_ui(f"casus.{key}", language), _text(getattr(casus, key), language))
             for key in ("area", "domain", "opgave")]
    parties = "".join(f"<li><b>{e(p.name)}</b>{': ' + e(p.role) if p.role else ''}</li>" for p in casus.parties)
    parts.append(_field(_ui("casus.parties", language),
                        f"<ul class='swc-list'>{parties}</ul>" if parties else _text("", language)))
    parts.append(_field(_ui("casus.stuck", language), _text(casus.stuck, language)))
    return f"<h3>{e(_t('casus', language))}</h3>" + "".join(parts)


def canvas_html(wb: Workbook, pack: ContentPack, language: str) -> str:
    """The nine blocks' texts, on screen only (the picture above them shows them shortened; on paper
    the grid of blocks before it holds every text in full)."""
    fields = "".join(_field(block.name, _text(wb.canvas.blocks.get(block.id), language)) for block in pack.blocks)
    return f"<div class='swc-screen-only'>{fields}</div>"


def party_names(wb: Workbook, language: str) -> dict[str, str]:
    """Party id -> the name a reader sees; an unnamed party is "naamloze partij 3" (its place in the list),
    never its internal id."""
    return {p.id: p.name.strip() or messages.text("labels.unnamed_party", language, number=n)
            for n, p in enumerate(wb.canvas.parties, start=1)}


def schakelbak_html(wb: Workbook, pack: ContentPack, language: str) -> str:
    """The parts as a table (form, parties, goal, agreed performances) and the couplings as a list."""
    names = party_names(wb, language)
    part_names = {p.id: p.name.strip() or messages.text("labels.unnamed_part", language, number=n)
                  for n, p in enumerate(wb.schakelbak.parts, start=1)}
    rows = []
    for part in wb.schakelbak.parts:
        form = pack.form(part.form).name if part.form in {f.id for f in pack.forms} else ""
        who = ", ".join(names[pid] for pid in part.parties if pid in names)  # a removed party: not shown
        rows.append(f"<tr><td>{e(part_names[part.id])}</td><td>{e(form)}</td><td>{e(who)}</td>"
                    f"<td>{_text(part.goal, language)}</td><td>{_text(part.agreed_performances, language)}</td></tr>")
    head = "".join(f"<th scope='col'>{e(text)}</th>" for text in (
        _ui("schakelbak.part_name", language), _ui("schakelbak.form", language),
        messages.text("export.paper.part_parties", language), _ui("schakelbak.goal", language),
        _ui("schakelbak.agreed_performances", language)))
    table = (f"<table class='swc-table'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
             if rows else _text("", language))
    couplings = "".join(
        f"<li>{e(part_names.get(c.source, c.source))} → {e(part_names.get(c.target, c.target))}"
        f"{': ' + e(c.flow) if c.flow else ''}</li>" for c in wb.schakelbak.couplings)
    out = f"<h3>{e(_t('schakelbak', language))}</h3>{table}"
    if couplings:
        out += f"<div class='swc-field-label'>{e(_t('couplings', language))}</div><ul class='swc-list'>{couplings}</ul>"
    return out


def key_findings(wb: Workbook, pack: ContentPack, language: str) -> list[tuple[str, str]]:
    """``(severity, sentence)`` pairs: form checks that need attention, open arrangements, stagnation signals."""
    out = [(f.severity, f.message) for f in analysis.check_forms(wb.schakelbak, pack) if f.severity != "info"]
    if wb.partnership.type:
        open_count = len(analysis.open_arrangements(wb.partnership, pack))
        if open_count:
            out.append(("advies", _t("open_arrangements", language, count=open_count)))
    for signal in analysis.stagnation_signals(wb, pack):
        out.append(("waarschuwing", f"{signal.pattern.name}: {' '.join(signal.reasons)}".strip(": ")))
    return out


def _states_anything(wb: Workbook) -> bool:
    """Whether the case holds anything the findings are drawn from: no verdict from no data."""
    return any(filled(section) for section in (wb.schakelbak, wb.partnership, wb.toets, wb.patterns))


def findings_html(wb: Workbook, pack: ContentPack, language: str) -> str:
    if not _states_anything(wb):
        return f"<h3>{e(_t('findings', language))}</h3>" + _text("", language)
    found = key_findings(wb, pack, language)
    items = "".join(f"<div class='swc-finding swc-finding-{e(sev)}'>{e(msg)}</div>" for sev, msg in found)
    return f"<h3>{e(_t('findings', language))}</h3>" + (items or f"<p>{e(_t('no_findings', language))}</p>")


def _html(markup: str):
    return new_output("display_data", data={"text/html": markup})


def _figure(fig):
    return new_output("display_data", data={PLOTLY_MIME: figure_spec(fig)})


def case_outputs(case: Case, pack: ContentPack, language: str) -> list:
    wb, person = case.workbook, case.person
    head = (f"<div class='swc-case' id='{case.anchor}'><h2>{e(case.title(language))}</h2>"
            f"<div class='swc-who'><b>{e(person.name)}</b> · {e(person.organisation)} · {e(case.team.name)}</div></div>")
    form_findings = analysis.check_forms(wb.schakelbak, pack)
    canvas_head = f"<h3>{e(_t('canvas', language))}</h3>"
    if filled(wb.canvas):  # the picture on screen, its grid of blocks on paper, then every block's text
        canvas = [_html(canvas_head + canvas_print_html(wb, pack, language)), _figure(figures.canvas_figure(wb, pack)),
                  _html(canvas_html(wb, pack, language))]
    else:  # an empty instrument is one line, not nine empty blocks and an empty picture
        canvas = [_html(canvas_head + _text("", language))]
    schakelbak = [_html(schakelbak_html(wb, pack, language))]
    if filled(wb.schakelbak):
        schakelbak.append(_figure(figures.schakelbak_figure(wb, pack, form_findings)))
    return [_html(head + casus_html(case, language)), *canvas, *schakelbak, _html(findings_html(wb, pack, language))]


def contents_html(cases: list[Case], edition: Edition, language: str) -> str:
    parts = [f"<nav class='swc-toc'><h2>{e(_t('contents', language))}</h2>"]
    for team in _teams_in_order(cases):
        captain = edition.participants.get(team.captain)
        lead = f" ({e(_t('captain', language))}: {e(captain.name)})" if captain else ""
        items = "".join(f"<li><a href='#{c.anchor}'>{e(c.title(language))}</a> – {e(c.person.name)}</li>"
                        for c in cases if c.team.id == team.id)
        parts.append(f"<h3>{e(team.name)}{lead}</h3><ol>{items}</ol>")
    return "".join(parts) + "</nav>"


def _teams_in_order(cases: Iterable[Case]) -> list[Team]:
    seen: dict[str, Team] = {}
    for case in cases:
        seen.setdefault(case.team.id, case.team)
    return list(seen.values())


def collect_cases(edition: Edition, latest: dict[str, dict[str, Any]], teams: list[str] | None = None) -> list[Case]:
    """The cases of the chosen teams (all teams when None), in edition order; ``latest``: subject -> field -> value."""
    cases = []
    for team in edition.teams.values():
        if teams and team.id not in teams:
            continue
        for pid in team.members:
            fields = latest.get(pid, {})
            cases.append(Case(edition.participant(pid), team, Workbook.from_fields(fields, problems=[])))
    return cases


def praktijkboek_notebook(edition: Edition, cases: list[Case], title: str, language: str = "nl",
                          team: Team | None = None) -> nbformat.NotebookNode:
    """The praktijkboek as a notebook of display outputs, ready for the handout converter.

    ``team``: the book of one team, whose cover says so (else: every case of the edition).
    """
    pack = edition.content
    intro = _t("intro_team", language, team=team.name) if team else _t("intro", language)
    cover = (f"<div class='swc-header'><div class='swc-edition'>{e(edition.title)}</div><h1>{e(title)}</h1>"
             f"<p class='swc-goal'>{e(intro)}</p></div>")
    cells = [new_code_cell(outputs=[_html(cover + (contents_html(cases, edition, language) if cases
                                                     else f"<p>{e(_t('no_cases', language))}</p>"))])]
    cells += [new_code_cell(outputs=case_outputs(case, pack, language)) for case in cases]
    cells.append(glossary_cell(pack.glossary, language))  # the shared language, as the last chapter
    return new_notebook(cells=cells, metadata={"swc": {"kind": "praktijkboek"}})
