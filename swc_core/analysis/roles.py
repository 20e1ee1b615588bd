"""Own role: where the participant places their work, next to the survey's four orientations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from ..content import ContentPack
from ..content.schema import Focus, Scope
from ..content.schema import Role as SurveyRole
from ..model.strategy import Role
from .findings import say

# The two ends of each axis, as the schema names them: (richten, inrichten), (binnen, buiten).
FOCUS_ENDS: tuple[str, str] = get_args(get_args(Focus)[0])
SCOPE_ENDS: tuple[str, str] = get_args(get_args(Scope)[0])
# The sliders run 0..100 from the first end of an axis to the second; below
# the middle the work leans to the first end, from the middle on to the second.
AXIS_MIDDLE = 50


@dataclass(frozen=True)
class ShareComparison:
    """The participant's own share of time for one orientation against the survey's share (percent)."""

    role: SurveyRole
    own: int | None
    survey: int
    difference: int | None  # own minus survey


@dataclass(frozen=True)
class RoleProfile:
    """The orientation of the participant's quadrant (None until both axes are set), and the shares."""

    placement: SurveyRole | None
    shares: list[ShareComparison]
    message: str


def shares_vs_survey(role: Role, pack: ContentPack) -> list[ShareComparison]:
    """One row per orientation of the pack, in its order."""
    rows = []
    for survey_role in pack.roles:
        own = role.shares.get(survey_role.id)
        rows.append(
            ShareComparison(
                survey_role,
                own,
                survey_role.share,
                own - survey_role.share if own is not None else None,
            )
        )
    return rows


def placement(role: Role, pack: ContentPack) -> SurveyRole | None:
    """The orientation whose quadrant holds the participant's point on the two axes."""
    if role.focus is None or role.scope is None:
        return None
    focus = FOCUS_ENDS[role.focus >= AXIS_MIDDLE]
    scope = SCOPE_ENDS[role.scope >= AXIS_MIDDLE]
    return next((r for r in pack.roles if r.focus == focus and r.scope == scope), None)


def role_profile(role: Role, pack: ContentPack) -> RoleProfile:
    """Placement and shares, with one sentence that puts them side by side."""
    placed = placement(role, pack)
    shares = shares_vs_survey(role, pack)
    sentences = [
        say("role_placed", role=placed.name, share=placed.share)
        if placed
        else say("role_not_placed")
    ]
    given = [s for s in shares if s.own]
    if given:
        top = max(given, key=lambda s: s.own)  # max keeps the first of equals
        sentences.append(say("role_most_time", role=top.role.name, own=top.own, survey=top.survey))
    return RoleProfile(placement=placed, shares=shares, message=" ".join(sentences))
