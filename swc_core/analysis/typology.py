"""The Partnershiptypologie applied to one design: a suggested type, and what is still to arrange."""

from __future__ import annotations

from ..content import ContentPack
from ..content.schema import Arrangement, PartnershipType
from ..model.decisions import Partnership


def match(ptype: PartnershipType, traits: dict[str, bool | None]) -> tuple[float, int]:
    """How well the answered traits fit ``ptype``: (net share of its cues, cues met).

    The net share is cues met minus cues contradicted, over all its cues: a
    type whose every cue holds scores 1.0, one whose every cue is answered the
    other way -1.0, and unanswered cues count for neither.
    """
    met, against = ptype.score(traits), ptype.against(traits)
    return (met - against) / len(ptype.suggest_when), met


def suggest_type(partnership: Partnership, pack: ContentPack) -> tuple[PartnershipType | None, int]:
    """The best-matching type and how many of its cues the answers meet.

    Best is the highest net share of cues (see :func:`match`); between equals,
    the type with more cues met (more evidence), then the pack's order. The
    first type that fits is not enough: a case can meet every cue of two
    types, and then the one the answers say more about wins. Nothing is
    suggested (``None, 0``) while no trait is answered, or when no type has
    more cues met than contradicted: a suggestion without support would
    only mislead.
    """
    answers = partnership.traits
    if not any(trait.id in answers for trait in pack.partnership_traits):
        return None, 0
    # max keeps the first of equals, so the pack's order breaks the last ties
    best = max(pack.partnership_types, key=lambda t: match(t, answers))
    share, met = match(best, answers)
    return (best, met) if share > 0 else (None, 0)


def chosen_type(partnership: Partnership, pack: ContentPack) -> PartnershipType | None:
    """The type the participant chose, or None when none is chosen or the pack does not know it."""
    return next((t for t in pack.partnership_types if t.id == partnership.type), None)


def _arranged(partnership: Partnership, arrangement: Arrangement) -> bool:
    return bool(partnership.arrangements.get(arrangement.id, "").strip())


def open_arrangements(partnership: Partnership, pack: ContentPack) -> list[Arrangement]:
    """The arrangements of the chosen type that have no text yet, in the pack's order."""
    ptype = chosen_type(partnership, pack)
    if ptype is None:
        return []
    return [a for a in ptype.arrangements if not _arranged(partnership, a)]


def arrangement_progress(partnership: Partnership, pack: ContentPack) -> tuple[int, int]:
    """(arranged, total) for the chosen type; (0, 0) while no known type is chosen."""
    ptype = chosen_type(partnership, pack)
    if ptype is None:
        return 0, 0
    return sum(_arranged(partnership, a) for a in ptype.arrangements), len(ptype.arrangements)
