"""The Partnershiptypologie applied to one design: a suggested type, and what is still to arrange."""
from __future__ import annotations

from ..content import ContentPack
from ..content.schema import Arrangement, PartnershipType
from ..model.decisions import Partnership


def suggest_type(partnership: Partnership, pack: ContentPack) -> tuple[PartnershipType | None, int]:
    """The type to suggest and how many of its cues the answers meet.

    A type whose cues all hold comes first (the first in the pack's order);
    otherwise the type meeting the most cues. Nothing is suggested (``None,
    0``) while no trait is answered, or when the answers meet no cue at all:
    a suggestion without any support would only mislead.
    """
    answers = partnership.traits
    if not any(trait.id in answers for trait in pack.partnership_traits):
        return None, 0
    fitting = next((t for t in pack.partnership_types if t.fits(answers)), None)
    if fitting is not None:
        return fitting, fitting.score(answers)
    best = max(pack.partnership_types, key=lambda t: t.score(answers))  # max keeps the first of equals
    score = best.score(answers)
    return (best, score) if score > 0 else (None, 0)


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
