"""Pages the server builds itself, without a kernel: a colleague's case to read, and the trainer's cards.

``/casus/<participant>``: a colleague's casus, canvas and Schakelbak, read
from the store and rendered here as plain HTML (Jinja2, autoescape; the
fragments are the praktijkboek's own views, which escape every value). No
kernel is started, so nothing on this page can save anything, and there is
no download, export or print of it for a participant (the print stylesheet
leaves only a notice). Who may read whom is the edition's ``case_reading``
(``Edition.may_read_case``); the trainer reads every case.

``/begrippen``: the begrippenlijst, every term of the pack with its
definition (the same chapter as in the handouts), for participants and the
trainer.

``/kaarten`` and ``/kaarten/links.(csv|xlsx)``: the trainer's cards and
mail-merge lists (``swc_core/cards.py``) with this server's own address.
"""

from __future__ import annotations

from ..cards import cards_page, links_frame, make_cards
from ..data_export import render_entries
from ..edition import open_store
from ..errors import StoreError
from ..export.glossary import glossary_html
from ..export.praktijkboek import Case, canvas_html, casus_html, schakelbak_html
from ..html_templates import Markup, render, stylesheet
from ..messages import text
from ..model import Workbook
from .access import Role, Visitor
from .handlers import ExportHandler, PageHandler, current_visitor, serve_context

# Even if a value slipped through unescaped, nothing on a read-only page could run or load.
READ_ONLY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; "
    "form-action 'none'"
)


class CasusHandler(PageHandler):
    needed = Role.PARTICIPANT

    def permits(self, visitor: Visitor) -> bool | None:
        edition = serve_context(self).site.edition
        owner = self.path_args[0] if self.path_args else ""
        if visitor.role < Role.PARTICIPANT:
            return False  # the door says nothing about who takes part
        if owner not in edition.participants:
            return None
        if visitor.role is Role.TRAINER:
            return True
        return visitor.role is Role.PARTICIPANT and edition.may_read_case(
            visitor.participant, owner
        )

    def get(self, owner: str):
        ctx = serve_context(self)
        edition = ctx.site.edition
        try:
            with open_store(edition, ctx.settings) as store:
                values = store.values(edition.name, owner)
        except StoreError as exc:
            self.set_status(503)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            return self.finish(text("serve.casus.store", reason=exc) + "\n")
        self.set_header("Content-Security-Policy", READ_ONLY_POLICY)
        self.set_header("Referrer-Policy", "no-referrer")
        self.send_html(casus_page(edition, owner, values, current_visitor(self)))


def casus_page(
    edition,
    owner: str,
    values: dict,
    reader: Visitor,
    back: str = "/",
    back_label: str = "serve.casus.back",
) -> str:
    """The read-only page of ``owner``'s case for ``reader`` (``values``: the latest field values).

    ``back``: where the page's "back" link leads, ``back_label`` its catalogue key (the landing
    page; the list of cases on JupyterHub).
    """
    person, team = edition.participant(owner), edition.team_of(owner)
    workbook = Workbook.from_fields(
        values, problems=[]
    )  # a value that does not fit is left out, not a crash
    case = Case(person, team, workbook)
    pack = edition.content
    return render(
        "casus.html.j2",
        edition=edition,
        person=person,
        team=team,
        title=case.title(),
        own=reader.participant == owner,
        back=back,
        back_label=back_label,
        css=stylesheet("casus.css"),
        casus=Markup(casus_html(case)),
        canvas_heading=text("export.praktijkboek.canvas"),
        canvas=Markup(canvas_html(workbook, pack)),
        schakelbak=Markup(schakelbak_html(workbook, pack)),
    )


class GlossaryHandler(PageHandler):
    """``/begrippen``: the shared language of the Code as one page (no kernel, no participant data)."""

    needed = Role.PARTICIPANT

    def get(self):
        self.set_header("Content-Security-Policy", READ_ONLY_POLICY)
        self.send_html(glossary_page(serve_context(self).site.edition))


def glossary_page(edition, back: str = "/") -> str:
    """The begrippenlijst of ``edition``'s pack as a page of its own (``back``: where "back" leads)."""
    return render(
        "glossary_page.html.j2",
        edition=edition,
        back=back,
        css=stylesheet("glossary.css"),
        chapter=Markup(glossary_html(edition.content.glossary)),
    )


class CardsHandler(PageHandler):
    """``/kaarten``: every card to print; ``?deelnemer=p07``: one (a renewed card)."""

    needed = Role.TRAINER

    def permits(self, visitor: Visitor) -> bool | None:
        return None if serve_context(self).policy.codes is None else super().permits(visitor)

    def get(self):
        only = self.get_query_argument("deelnemer", None)
        cards = _cards(self, [only] if only else None)
        if not cards:
            return self._refuse(404)
        self.set_header("Referrer-Policy", "no-referrer")
        self.send_html(cards_page(serve_context(self).site.edition, cards))


class LinksFileHandler(PageHandler):
    """``/kaarten/links.csv`` and ``.xlsx``: the personal links for a mail merge."""

    needed = Role.TRAINER
    TYPES = ExportHandler.TYPES

    def permits(self, visitor: Visitor) -> bool | None:
        return None if serve_context(self).policy.codes is None else super().permits(visitor)

    def get(self, fmt: str):
        edition = serve_context(self).site.edition
        body = render_entries(links_frame(_cards(self)), fmt).body
        self.set_header("Content-Type", self.TYPES[fmt])
        self.set_header("Content-Disposition", f'attachment; filename="links-{edition.name}.{fmt}"')
        self.set_header("Cache-Control", "no-store")
        self.finish(body)


def _cards(handler: PageHandler, only: list[str] | None = None):
    ctx = serve_context(handler)
    codes = ctx.policy.codes.ensure(ctx.site.edition.participants)
    return make_cards(ctx.site.edition, codes, ctx.links.base, ctx.links.room, only=only)
