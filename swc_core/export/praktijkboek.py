"""The praktijkboek: every case of an edition (or of one team) in one confidential document.

It is built straight from the store, without a kernel: per case the intake
casus, the Samenwerkingscanvas, the Schakelbak and what the analysis finds,
as a notebook in memory that the handout converter turns into HTML (so the
same sanitizer, stylesheet and plotly embedding apply). Only the answers of
the chosen teams' members are read: a team's book holds nothing of others.
The HTML comes from the templates ``swc_core/templates/praktijkboek_*.html.j2``
(autoescape): this module gathers the values, the templates place them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output

from .. import analysis, figures, messages
from ..analysis.completeness import filled
from ..content import ContentPack
from ..edition import Edition, Participant, Team
from ..figures.paper import twins_metadata
from ..html_templates import Markup, render
from ..model import Workbook
from .glossary import glossary_cell
from .paper import canvas_print_html
from .plotly_embed import PLOTLY_MIME, figure_spec


def _t(key: str, **values) -> str:
    return messages.text(f"export.praktijkboek.{key}", **values)


def _ui(key: str) -> str:
    """A label the workbook pages use too (casus and Schakelbak fields)."""
    return messages.text(f"widgets.{key}")


@dataclass(frozen=True)
class Case:
    person: Participant
    team: Team
    workbook: Workbook

    @property
    def anchor(self) -> str:
        return f"casus-{self.person.id}"  # participant ids are plain ids (edition schema)

    def title(self) -> str:
        return self.workbook.casus.title or self.person.casus or _t("untitled")


def casus_html(case: Case) -> str:
    """The intake casus: area, domain, opgave, parties, where it is stuck (the book and the read-only case page)."""
    casus = case.workbook.casus
    return render(
        "praktijkboek_casus.html.j2",
        fields=[(_ui(f"casus.{key}"), getattr(casus, key)) for key in ("area", "domain", "opgave")],
        parties_label=_ui("casus.parties"),
        parties=casus.parties,
        stuck_label=_ui("casus.stuck"),
        stuck=casus.stuck,
    )


def canvas_html(wb: Workbook, pack: ContentPack) -> str:
    """The nine blocks' texts, on screen only (the picture above them shows them shortened; on paper
    the grid of blocks before it holds every text in full)."""
    return render(
        "praktijkboek_canvas_fields.html.j2",
        blocks=[(block.name, wb.canvas.blocks.get(block.id)) for block in pack.blocks],
    )


def party_names(wb: Workbook) -> dict[str, str]:
    """Party id -> the name a reader sees; an unnamed party is "naamloze partij 3" (its place in the list),
    never its internal id."""
    return {
        p.id: p.name.strip() or messages.text("labels.unnamed_party", number=n)
        for n, p in enumerate(wb.canvas.parties, start=1)
    }


def schakelbak_html(wb: Workbook, pack: ContentPack) -> str:
    """The parts as a table (form, parties, goal, agreed performances) and the couplings as a list."""
    names = party_names(wb)
    part_names = {
        p.id: p.name.strip() or messages.text("labels.unnamed_part", number=n)
        for n, p in enumerate(wb.schakelbak.parts, start=1)
    }
    known_forms = {f.id for f in pack.forms}
    rows = [
        {
            "name": part_names[part.id],
            "form": pack.form(part.form).name if part.form in known_forms else "",
            "parties": ", ".join(
                names[pid] for pid in part.parties if pid in names
            ),  # a removed party: not shown
            "goal": part.goal,
            "performances": part.agreed_performances,
        }
        for part in wb.schakelbak.parts
    ]
    head = (
        _ui("schakelbak.part_name"),
        _ui("schakelbak.form"),
        messages.text("export.paper.part_parties"),
        _ui("schakelbak.goal"),
        _ui("schakelbak.agreed_performances"),
    )
    couplings = [
        {
            "source": part_names.get(c.source, c.source),
            "target": part_names.get(c.target, c.target),
            "flow": c.flow,
        }
        for c in wb.schakelbak.couplings
    ]
    return render(
        "praktijkboek_schakelbak.html.j2",
        head=head,
        rows=rows,
        couplings=couplings,
    )


def key_findings(wb: Workbook, pack: ContentPack) -> list[tuple[str, str]]:
    """``(severity, sentence)`` pairs: form checks that need attention, open arrangements, stagnation signals."""
    out = [
        (f.severity, f.message)
        for f in analysis.check_forms(wb.schakelbak, pack)
        if f.severity != "info"
    ]
    if wb.partnership.type:
        open_count = len(analysis.open_arrangements(wb.partnership, pack))
        if open_count:
            out.append(("advies", _t("open_arrangements", count=open_count)))
    for signal in analysis.stagnation_signals(wb, pack):
        out.append(
            ("waarschuwing", f"{signal.pattern.name}: {' '.join(signal.reasons)}".strip(": "))
        )
    return out


def _states_anything(wb: Workbook) -> bool:
    """Whether the case holds anything the findings are drawn from: no verdict from no data."""
    return any(
        filled(section) for section in (wb.schakelbak, wb.partnership, wb.toets, wb.patterns)
    )


def findings_html(wb: Workbook, pack: ContentPack) -> str:
    """What the analysis finds (:func:`key_findings`), or "nog niet ingevuld" when the case states nothing to judge."""
    stated = _states_anything(wb)
    return render(
        "praktijkboek_findings.html.j2",
        stated=stated,
        found=key_findings(wb, pack) if stated else [],
    )


def _html(markup: str):
    return new_output("display_data", data={"text/html": markup})


def _figure(fig):
    """A figure with its phone and paper twins (``figures/paper.py``), as a handout's figures carry them."""
    return new_output(
        "display_data", data={PLOTLY_MIME: figure_spec(fig)}, metadata=twins_metadata(fig)
    )


def case_outputs(case: Case, pack: ContentPack) -> list:
    """One case as notebook outputs: head and casus, canvas (HTML, figure, texts), Schakelbak (table, figure), findings."""
    wb = case.workbook
    form_findings = analysis.check_forms(wb.schakelbak, pack)
    if filled(
        wb.canvas
    ):  # the picture on screen, its grid of blocks on paper, then every block's text
        print_grid = Markup(
            canvas_print_html(wb, pack)
        )  # a fragment export/paper.py escaped itself
        canvas = [
            _html(render("praktijkboek_canvas.html.j2", filled=True, grid=print_grid)),
            _figure(figures.canvas_figure(wb, pack)),
            _html(canvas_html(wb, pack)),
        ]
    else:  # an empty instrument is one line, not nine empty blocks and an empty picture
        canvas = [_html(render("praktijkboek_canvas.html.j2", filled=False, grid=""))]
    schakelbak = [_html(schakelbak_html(wb, pack))]
    if filled(wb.schakelbak):
        schakelbak.append(_figure(figures.schakelbak_figure(wb, pack, form_findings)))
    head = render(
        "praktijkboek_case_head.html.j2",
        anchor=case.anchor,
        title=case.title(),
        person=case.person.name,
        organisation=case.person.organisation,
        team=case.team.name,
    )
    return [
        _html(head + casus_html(case)),
        *canvas,
        *schakelbak,
        _html(findings_html(wb, pack)),
    ]


def contents_teams(cases: list[Case], edition: Edition) -> list[dict]:
    """The book's contents: per team (in edition order) its captain's name and its cases' anchors and titles."""
    out = []
    for team in _teams_in_order(cases):
        captain = edition.participants.get(team.captain)
        out.append(
            {
                "name": team.name,
                "captain": captain.name if captain else "",
                "cases": [
                    {"anchor": c.anchor, "title": c.title(), "person": c.person.name}
                    for c in cases
                    if c.team.id == team.id
                ],
            }
        )
    return out


def _teams_in_order(cases: Iterable[Case]) -> list[Team]:
    seen: dict[str, Team] = {}
    for case in cases:
        seen.setdefault(case.team.id, case.team)
    return list(seen.values())


def collect_cases(
    edition: Edition, latest: dict[str, dict[str, Any]], teams: list[str] | None = None
) -> list[Case]:
    """The cases of the chosen teams (all teams when None), in edition order; ``latest``: subject -> field -> value."""
    cases = []
    for team in edition.teams.values():
        if teams and team.id not in teams:
            continue
        for pid in team.members:
            fields = latest.get(pid, {})
            cases.append(
                Case(edition.participant(pid), team, Workbook.from_fields(fields, problems=[]))
            )
    return cases


def praktijkboek_notebook(
    edition: Edition,
    cases: list[Case],
    title: str,
    team: Team | None = None,
) -> nbformat.NotebookNode:
    """The praktijkboek as a notebook of display outputs, ready for the handout converter.

    ``team``: the book of one team, whose cover says so (else: every case of the edition).
    """
    pack = edition.content
    intro = _t("intro_team", team=team.name) if team else _t("intro")
    cover = render(
        "praktijkboek_cover.html.j2",
        edition=edition.title,
        title=title,
        intro=intro,
        teams=contents_teams(cases, edition),
    )
    cells = [new_code_cell(outputs=[_html(cover)])]
    cells += [new_code_cell(outputs=case_outputs(case, pack)) for case in cases]
    cells.append(glossary_cell(pack.glossary))  # the shared language, as the last chapter
    return new_notebook(cells=cells, metadata={"swc": {"kind": "praktijkboek"}})
