"""A participant's presentation for the eindsessie: their case and advice as reveal.js slides, offline.

The programme ends with every participant sharing what they found with their
commissioners (opdrachtgevers) and colleagues (``programme.yml``, step
``eindsessie``). ``swc export EDITIE --slides`` makes, per participant, one
HTML file of slides from what the workbook holds: the case, the parties, the
canvas and the Schakelbak (as figures), the interventions, the advice and
what they take with them.

How: the slides are a notebook of display outputs (one cell per slide, with
``slideshow`` metadata), turned into HTML by nbconvert's ``SlidesExporter``
with our template ``swc_slides`` (``templates/swc_slides``, based on
nbconvert's ``reveal``). Like a handout it works without a network: reveal.js
(from the npm registry, ``swc_core/export/vendor``, installed by ``make
install``) and plotly.js are inline, and the Content-Security-Policy forbids
every load from elsewhere. Participants' text is escaped by the slide template
(Jinja2, autoescape) and passes nbconvert's sanitizer like a handout's.
"""

from __future__ import annotations

import re
import secrets
import textwrap
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output

from .. import figures, messages
from ..analysis.completeness import filled
from ..atomic import private_dir, write_bytes
from ..content import ContentPack
from ..edition import Edition
from ..errors import InputError
from ..figures.paper import twins_metadata
from ..html_templates import render
from ..model import Workbook
from .html import TEMPLATES
from .paper import canvas_blocks
from .plotly_embed import PLOTLY_MIME, figure_spec, plotly_js
from .praktijkboek import Case
from .preprocessors import PlotlyFigures, sanitizer

TEMPLATE = "swc_slides"
VENDOR = Path(__file__).with_name("vendor") / "node_modules" / "reveal.js" / "dist"
THEME = "white-contrast.css"  # reveal's high-contrast light theme: a projector in a lit room
SLIDE_SIZE = (1280, 720)  # px: reveal scales this 16:9 canvas to the screen


def _t(key: str, **values) -> str:
    return messages.text(f"export.slides.{key}", **values)


@lru_cache(maxsize=1)
def reveal_assets() -> tuple[str, str]:
    """reveal.js and its stylesheets (``reveal.css`` + theme, the theme's web-font import dropped).

    Raises :class:`InputError` with the command that installs them when they are missing.
    """
    script, css, theme = VENDOR / "reveal.js", VENDOR / "reveal.css", VENDOR / "theme" / THEME
    if not all(p.is_file() for p in (script, css, theme)):
        raise InputError(_t("no_reveal"), where=str(VENDOR), hint=_t("no_reveal_hint"))
    theme_css = re.sub(
        r"@import url\([^)]*\);", "", theme.read_text(encoding="utf-8")
    )  # fonts: the system's
    return script.read_text(encoding="utf-8"), css.read_text(encoding="utf-8") + "\n" + theme_css


FIGURE_ROOM = (1200, 570)  # px of the 1280×720 slide left for a figure under its heading
PORTRAIT_WIDTH = (
    640  # px: a slide on a screen held upright (a phone, a tablet) is this wide, and as tall as the
)
# screen's shape makes it; reveal.js scales it to the screen, so text is read at ~17 px on a 390 px phone


def _on_a_slide(fig: dict) -> dict:
    """A figure's plotly spec laid out for the room under a slide's heading (``FIGURE_ROOM``): as wide as the
    slide (plotly.js takes the width of the slide, the template shows it), as high as the room.

    A figure laid out for a page (the canvas: 1,200 by 900 px) filled two thirds of a projected slide.
    """
    spec = figure_spec(fig)
    layout = {
        **spec.get("layout", {}),
        "autosize": False,
        "width": FIGURE_ROOM[0],
        "height": FIGURE_ROOM[1],
    }
    return {**spec, "layout": layout, "config": {**spec.get("config", {}), "responsive": False}}


def _slide(markup: str, *figures_: dict) -> nbformat.NotebookNode:
    """One slide: ``markup`` and each figure of ``figures_`` (a builder's ``Figure``), with its narrow twin for a
    slide held upright (``paper.twins_metadata``)."""
    outputs = [new_output("display_data", data={"text/html": markup})]
    outputs += [
        new_output(
            "display_data", data={PLOTLY_MIME: _on_a_slide(fig)}, metadata=twins_metadata(fig)
        )
        for fig in figures_
    ]
    return new_code_cell(outputs=outputs, metadata={"slideshow": {"slide_type": "slide"}})


def _page(**values) -> str:
    """One slide's HTML (``swc_core/templates/slide.html.j2``); the parts not given are left out."""
    parts = {
        "kind": "",
        "kicker": "",
        "lead": "",
        "who": [],
        "fields": [],
        "items": [],
        "empty": _t("empty"),
    }
    return render("slide.html.j2", **{**parts, **values})


CANVAS_FONT_PX, CANVAS_LINE_PX = (
    15,
    20,
)  # a canvas block's text on a 1280×720 slide (slide.html.j2's CSS)
CANVAS_ROOM = (1200, 520)  # px of the slide for the canvas's grid under its heading
CANVAS_GAP_PX = 8  # between two blocks (slide.html.j2's CSS)
CANVAS_BLOCK_CHROME_PX = 4 + 12 + 26  # a block's borders, its padding and its name above the text


def _canvas_grid(wb: Workbook, pack: ContentPack) -> str:
    """The canvas as a grid of blocks as wide as the slide (``slide_canvas.html.j2``), each block's text cut
    (with the figure's note) where it would not fit its block on a projected slide; a slide held upright
    shows the blocks one under the other, the first lines of each.

    The canvas picture, laid out for a 1,200 by 800 px page, filled two thirds of a projected slide; its
    narrow twin, scaled to an upright slide, printed its text at 6 px on a phone."""
    blocks, cut = canvas_blocks(wb, pack), False
    cols, rows = pack.grid.cols, pack.grid.rows
    for block in blocks:
        per_line = int(block["colspan"] * CANVAS_ROOM[0] / cols / (0.55 * CANVAS_FONT_PX)) - 2
        row_px = (CANVAS_ROOM[1] - (rows - 1) * CANVAS_GAP_PX) / rows
        height = block["rowspan"] * row_px + (block["rowspan"] - 1) * CANVAS_GAP_PX
        room = int((height - CANVAS_BLOCK_CHROME_PX) / CANVAS_LINE_PX)
        kept, used = [], 0
        for line in block["lines"]:
            # wrapped at its words, as the browser does: a line of long words needs more lines than its
            # characters divided by a line's (issue 16: the "Partijen" block clipped its last line)
            wrapped = textwrap.wrap(line, per_line) or [""]
            if used + len(wrapped) > room:
                if room > used:
                    shown = wrapped[: room - used]
                    shown[-1] = shown[-1][: per_line - 2].rstrip() + " …"
                    kept.append(" ".join(shown))
                cut = True
                break
            kept.append(line)
            used += len(wrapped)
        block["lines"] = kept
    return render(
        "slide_canvas.html.j2",
        blocks=blocks,
        title=pack.instrument("canvas").name,
        empty=_t("empty"),
        cut=messages.text("figures.truncated") if cut else "",
    )


def slide_cells(case: Case, pack: ContentPack, edition: Edition) -> list[nbformat.NotebookNode]:
    """The slides of one case, in the order of a talk; a part the workbook leaves empty is left out.

    The title slide and the advice are always there (an empty advice says it is not filled in yet).
    """
    wb, person, t = case.workbook, case.person, _t
    cells = [
        _slide(
            _page(
                kind="title",
                heading=case.title(),
                kicker=edition.title,
                lead=t("subtitle"),
                who=[person.name, person.organisation, case.team.name],
            )
        )
    ]
    casus = wb.casus
    if casus.opgave.strip() or casus.stuck.strip():
        cells.append(
            _slide(
                _page(
                    heading=t("opgave"),
                    kicker=casus.area,
                    fields=[(t("opgave_label"), casus.opgave), (t("stuck_label"), casus.stuck)],
                )
            )
        )
    if casus.parties:
        cells.append(
            _slide(
                _page(
                    heading=t("parties"),
                    items=[
                        (p.name or t("unnamed_party", n=i), p.role)
                        for i, p in enumerate(casus.parties, start=1)
                    ],
                )
            )
        )
    if filled(wb.canvas):
        cells.append(_slide(_page(heading=t("canvas")) + _canvas_grid(wb, pack)))
    if filled(wb.schakelbak):
        cells.append(_slide(_page(heading=t("schakelbak")), figures.schakelbak_figure(wb, pack)))
    chosen = [i for i in wb.interventions if i.option.strip() or i.intervention.strip()]
    if chosen:
        cells.append(
            _slide(
                _page(
                    heading=t("interventions"),
                    items=[
                        (
                            i.option or i.intervention,
                            " → ".join(x for x in (i.intervention, i.expected) if x.strip())
                            if i.option
                            else i.expected,
                        )
                        for i in chosen
                    ],
                )
            )
        )
    advice = wb.advice
    cells.append(
        _slide(
            _page(
                heading=t("advice"),
                kicker=t("advice_to", to=advice.to) if advice.to else "",
                fields=[("", advice.text)],
                empty=t("empty"),
            )
        )
    )
    if wb.reflection.takeaway.strip():
        cells.append(_slide(_page(heading=t("takeaway"), fields=[("", wb.reflection.takeaway)])))
    return cells


def slides_notebook(case: Case, edition: Edition) -> nbformat.NotebookNode:
    """The presentation of one case as a notebook of display outputs, ready for :class:`SlidesConverter`."""
    cells = slide_cells(case, edition.content, edition)
    return new_notebook(cells=cells, metadata={"swc": {"kind": "slides"}, "title": case.title()})


@dataclass(frozen=True)
class Deck:
    participant: str
    target: Path
    slides: int


class SlidesConverter:
    """Notebooks of slides to one self-contained reveal.js HTML file each; build once, call :meth:`convert`."""

    @cached_property
    def exporter(self):
        from nbconvert import SlidesExporter
        from traitlets.config import Config

        config = Config({"NbConvertBase": {"display_data_priority": ["text/html", "text/plain"]}})
        exporter = SlidesExporter(
            config=config,
            extra_template_basedirs=[str(TEMPLATES)],
            template_name=TEMPLATE,
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            language_code="nl",
        )
        # each figure with its narrow twin, for a slide held upright; a slide is not printed from here
        for pre in (sanitizer(), PlotlyFigures(twins=True, paper=False)):
            exporter.register_preprocessor(pre, enabled=True)
        return exporter

    def convert(self, nb: nbformat.NotebookNode, title: str) -> str:
        """The slides of ``nb`` as one HTML string; reveal.js and (if needed) plotly.js are inline."""
        script, css = reveal_assets()
        nonce = secrets.token_urlsafe(18)
        marks = {name: f"/*{name} {nonce}*/" for name in ("reveal", "plotly")}
        swc = {
            "nonce": nonce,
            "title": title,
            "css": css,
            "width": SLIDE_SIZE[0],
            "height": SLIDE_SIZE[1],
            "portrait_width": PORTRAIT_WIDTH,
            "reveal_placeholder": marks["reveal"],
            "plotly_placeholder": marks["plotly"],
        }
        body, resources = self.exporter.from_notebook_node(nb, resources={"swc": swc})
        body = body.replace(
            marks["reveal"], script, 1
        )  # spliced in after rendering: no parser walks them
        if resources["swc"].get("plotly"):
            body = body.replace(marks["plotly"], plotly_js(), 1)
        return body


def export_slides(
    edition: Edition,
    latest: dict[str, dict],
    out_dir: Path,
    participants: list[str] | None = None,
    teams: list[str] | None = None,
) -> list[Deck]:
    """One presentation per chosen participant at ``<out>/<team>/<pid>/presentatie.html``.

    Chosen: the ``participants`` plus every member of the ``teams``; everyone in a
    team when neither is given. ``latest``: subject -> field -> value, as the
    store gives it. Files and new folders are the owner's only (0600/0700).
    Raises :class:`InputError` for an unknown participant or team id, before
    anything is written, and for an output folder that cannot be written.
    """
    for given, known, what in (
        (participants or [], edition.participants, "participant"),
        (teams or [], edition.teams, "team"),
    ):
        unknown = [g for g in given if g not in known]
        if unknown:
            raise InputError(
                _t(f"unknown_{what}", id=unknown[0]),
                hint=_t(f"unknown_{what}_hint", known=", ".join(known)),
            )
    chosen = [
        pid
        for team in edition.teams.values()
        for pid in team.members
        if (not participants and not teams)
        or pid in (participants or [])
        or team.id in (teams or [])
    ]
    converter, decks = SlidesConverter(), []
    for pid in dict.fromkeys(chosen):
        person, team = edition.participant(pid), edition.team_of(pid)
        case = Case(person, team, Workbook.from_fields(latest.get(pid, {}), problems=[]))
        nb = slides_notebook(case, edition)
        target = out_dir / team.id / pid / "presentatie.html"
        private_dir(
            target.parent
        )  # owner-only folders, like the handouts; a clear error when not writable
        html_text = converter.convert(
            nb,
            title=_t("title", case=case.title(), name=person.name),
        )
        write_bytes(target, html_text.encode("utf-8"))  # atomically, readable by the owner only
        decks.append(Deck(pid, target, len(nb.cells)))
    return decks
