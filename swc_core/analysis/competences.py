"""The competence self-assessment: intake against end, per competence of the pack."""

from __future__ import annotations

from dataclasses import dataclass

from ..content import ContentPack
from ..content.schema import Competence
from ..model.workbook import Workbook


@dataclass(frozen=True)
class CompetenceChange:
    """Scores (1..5) at intake and end; ``delta`` is end minus intake, None unless both are there."""

    competence: Competence
    intake: int | None
    end: int | None
    delta: int | None


def competence_change(workbook: Workbook, pack: ContentPack) -> list[CompetenceChange]:
    """One row per competence of the pack, in its order; scores for unknown competences are left out."""
    rows = []
    for competence in pack.competences:
        intake = workbook.competences_intake.get(competence.id)
        end = workbook.competences_end.get(competence.id)
        delta = end - intake if intake is not None and end is not None else None
        rows.append(CompetenceChange(competence, intake, end, delta))
    return rows
