"""The trainer's cards of personal links: printable, and as a list for a mail merge.

One card per participant: name, organisation and team, the QR code of their
personal link, the room's address and the short code to type there
(``codes.py``). The cards page is a Jinja2 template (autoescape) with its
own stylesheet, eight cards to an A4 sheet; the same cards are served to
the trainer by ``swc serve`` (``/kaarten``) with the server's own address.

The list for a mail merge (CSV for Excel on a Dutch laptop, and Excel) goes
through ``data_export``'s writers, so a name that looks like a formula
stays text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .atomic import private_dir, write_bytes
from .codes import PersonalCode
from .data_export import render_entries
from .edition import Edition, Participant, Team
from .html_templates import Markup, render, stylesheet
from .qr_code import qr_svg

CARDS_DIR = "kaarten"
CARDS_PAGE = "kaarten.html"
LINKS_FILE = "links"  # .csv and .xlsx
COLUMNS = ["id", "naam", "organisatie", "team", "e-mail", "code", "persoonlijke_link", "zaallink"]


@dataclass(frozen=True)
class Card:
    participant: Participant
    team: Team | None
    code: PersonalCode
    link: str  # the personal link (its QR code is on the card)
    room: str  # the room's door, where the short code is typed

    @property
    def qr(self) -> Markup:
        return Markup(qr_svg(self.link))

    @property
    def room_parts(self) -> list[str]:
        """The room's link in the two pieces a line may break between: the address up to its last ``/``,
        and the room's code, which never breaks (a code cut in two is typed wrongly)."""
        head, slash, code = self.room.rpartition("/")
        return [head + slash, code] if head and code else [self.room]


def personal_link(base: str, code: PersonalCode) -> str:
    """The participant's own link on a server at ``base`` (``http://host:port``)."""
    return f"{base.rstrip('/')}/p/{code.secret}"


def make_cards(
    edition: Edition,
    codes: dict[str, PersonalCode],
    base: str,
    room: str,
    only: list[str] | None = None,
) -> list[Card]:
    """Cards in the edition's order; ``only``: just these participants (a renewed card)."""
    return [
        Card(p, edition.team_of(p.id), codes[p.id], personal_link(base, codes[p.id]), room)
        for p in edition.spec.participants
        if p.id in codes and (only is None or p.id in only)
    ]


def cards_page(edition: Edition, cards: list[Card]) -> str:
    return render("cards.html.j2", edition=edition, cards=cards, css=stylesheet("cards.css"))


def links_frame(cards: list[Card]) -> pd.DataFrame:
    rows = [
        [
            c.participant.id,
            c.participant.name,
            c.participant.organisation,
            c.team.name if c.team else "",
            c.participant.email or "",
            c.code.shown,
            c.link,
            c.room,
        ]
        for c in cards
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


@dataclass(frozen=True)
class LinksFiles:
    page: Path
    csv: Path
    xlsx: Path
    renewed: list[Path]  # one page per renewed card, to print just that one


def write_links(
    edition: Edition,
    codes: dict[str, PersonalCode],
    base: str,
    room: str,
    folder: Path,
    renewed: list[str] = (),
) -> LinksFiles:
    """Write the cards page and the mail-merge lists into ``folder`` (owner-only: they hold the codes)."""
    private_dir(folder)
    cards = make_cards(edition, codes, base, room)
    page = folder / CARDS_PAGE
    write_bytes(page, cards_page(edition, cards).encode("utf-8"))
    frame = links_frame(cards)
    paths = {}
    for fmt in ("csv", "xlsx"):
        paths[fmt] = folder / f"{LINKS_FILE}.{fmt}"
        write_bytes(paths[fmt], render_entries(frame, fmt).body)
    single = []
    for pid in renewed:
        target = folder / f"kaart-{pid}.html"
        write_bytes(
            target,
            cards_page(edition, make_cards(edition, codes, base, room, only=[pid])).encode("utf-8"),
        )
        single.append(target)
    return LinksFiles(page, paths["csv"], paths["xlsx"], single)
