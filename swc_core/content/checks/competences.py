"""The regisseur: competences, own role and lenses (``competences.yml``, ``roles.yml``, ``lenses.yml``).

The competences and development goals come from the essay seed, the four
roles with their shares and quadrants (richten or inrichten, binnen or
buiten) from the survey article, the ladder of collaboration and the
evaluation questions from the samenwerkingswijzer; the lenses are named in
the praktijklessen and listed by us. So the shares add up to 100, no two
roles share a quadrant, and the ladder ends at co-production
(``LADDER_TOP``). The self-assessment scale is our own (``SCALE_VALUES``).
"""

from __future__ import annotations

from ...messages import text
from ..schema import LADDER_TOP, SCALE_VALUES
from .loaded import Loaded, _fixed, _unique


def check_competences(ld: Loaded) -> None:
    comp = ld.models["competences.yml"]
    _fixed(ld, "competences.yml", ["competences"], comp.competences, "competences", "competentie")
    _fixed(
        ld,
        "competences.yml",
        ["development_goals"],
        comp.development_goals,
        "development_goals",
        "ontwikkeldoel",
    )
    values = tuple(p.value for p in comp.scale)
    if values != SCALE_VALUES:
        ld.add(
            "competences.yml",
            ["scale"],
            text(
                "content_check.scale",
                want=", ".join(map(str, SCALE_VALUES)),
                got=", ".join(map(str, values)),
            ),
        )


def check_roles(ld: Loaded) -> None:
    roles = ld.models["roles.yml"].roles
    _fixed(ld, "roles.yml", ["roles"], roles, "roles", "rol")
    total = sum(r.share for r in roles)
    if total != 100:
        ld.add(
            "roles.yml",
            ["roles"],
            text(
                "content_check.shares", total=total, shares=" + ".join(str(r.share) for r in roles)
            ),
            hint=text("content_check.shares_hint"),
        )
    seen: dict[tuple[str, str], str] = {}
    for i, role in enumerate(roles):
        quadrant = (role.focus, role.scope)
        if quadrant in seen:
            ld.add(
                "roles.yml",
                ["roles", i, "focus"],
                text(
                    "content_check.same_quadrant",
                    id=role.id,
                    focus=role.focus,
                    scope=role.scope,
                    other=seen[quadrant],
                ),
                hint=text("content_check.same_quadrant_hint"),
            )
        seen.setdefault(quadrant, role.id)


def check_lenses(ld: Loaded) -> None:
    lenses = ld.models["lenses.yml"]
    _fixed(ld, "lenses.yml", ["lenses"], lenses.lenses, "lenses", "lens")
    if (
        _unique(ld, "lenses.yml", ["ladder"], lenses.ladder, "trede")
        and lenses.ladder[-1].id != LADDER_TOP
    ):
        ld.add(
            "lenses.yml",
            ["ladder", len(lenses.ladder) - 1, "id"],
            text("content_check.ladder_top", id=lenses.ladder[-1].id, want=LADDER_TOP),
            hint=text("content_check.ladder_top_hint"),
        )
    _unique(ld, "lenses.yml", ["evaluation"], lenses.evaluation, "evaluatievraag")
