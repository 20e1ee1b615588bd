"""Where the pack's content comes from, and how a page or ``swc check`` says so.

Every section of every pack file names its sources (``source:``): ids of the
source texts in ``pack.yml`` and/or ``eigen`` for material the trainers wrote
themselves. A page shows one small note where a section it presents is not
(only) from De Samenwerkingscode, so an own elaboration is never taken for the
Code's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

from ..messages import counted, text
from .pack import ContentPack
from .schema import OWN_SOURCE, Source

Own = Literal["geheel", "deels"]


@dataclass(frozen=True)
class Origin:
    """The combined provenance of some sections.

    ``own``: "geheel" when every section is the trainers' own material only,
    "deels" when some of it is, None when none is. ``outside``: the named
    sources that are not the Code's own texts, in the pack's order.
    """

    own: Own | None
    outside: tuple[Source, ...]


def origin(pack: ContentPack, sections: Iterable[str]) -> Origin:
    """The provenance of ``sections`` ("<file stem>.<section>"); an unknown section counts as unknown, not as own."""
    given = [pack.provenance[s] for s in sections if s in pack.provenance]
    own_only = bool(given) and all(ids == (OWN_SOURCE,) for ids in given)
    some_own = any(OWN_SOURCE in ids for ids in given)
    named = {i for ids in given for i in ids}
    outside = tuple(s for s in pack.sources if s.id in named and not s.code)
    return Origin(own="geheel" if own_only else "deels" if some_own else None, outside=outside)


def provenance_note(pack: ContentPack, sections: Iterable[str]) -> str | None:
    """One short line for a page, or None when everything shown comes from the Code's own texts."""
    found = origin(pack, sections)
    if found.own == "geheel":
        return text("provenance.own")
    if found.own == "deels":
        return text("provenance.partly")
    if found.outside:
        return text("provenance.outside", sources=", ".join(s.name for s in found.outside))
    return None


def provenance_counts(pack: ContentPack) -> tuple[int, int, int]:
    """(sections, own only, partly own) over the whole pack."""
    values = list(pack.provenance.values())
    own = sum(ids == (OWN_SOURCE,) for ids in values)
    partly = sum(OWN_SOURCE in ids and ids != (OWN_SOURCE,) for ids in values)
    return len(values), own, partly


def provenance_summary(pack: ContentPack) -> str:
    """The line ``swc check`` and ``swc check-content`` print about where the pack's content comes from."""
    sections, own, partly = provenance_counts(pack)
    return text(
        "cli.provenance",
        sections=counted("sections", sections),
        own=own,
        partly=partly,
    )
