"""Checks and derived views on a workbook: plain functions on the model and the content pack.

No widgets, no store, no figures: every page, dashboard and handout asks
these functions, and the tests call them directly. The rules of the Code
come from the content pack; the few sentences the analysis writes itself
are in ``data/ui/nl.yml`` under ``analysis``.
"""

from .beslisboom import (
    BeslisboomResult,
    SituationRoute,
    end_nodes,
    evaluate_run,
    outcome_counts,
    situation_routes,
)
from .competences import CompetenceChange, competence_change
from .completeness import (
    INSTRUMENT_FILLED,
    STRUCTURED_BLOCKS,
    canvas_completeness,
    filled,
    step_progress,
)
from .findings import SEVERITIES, Finding
from .form_check import check_forms
from .roles import RoleProfile, ShareComparison, placement, role_profile, shares_vs_survey
from .stagnation import PatternSignal, signal_facts, stagnation_signals, stated_goal_counts
from .tradeoffs import DilemmaBalance, GoalRow, dilemma_balance, goal_status_counts, goals_matrix
from .typology import arrangement_progress, chosen_type, open_arrangements, suggest_type

__all__ = [
    "INSTRUMENT_FILLED",
    "SEVERITIES",
    "STRUCTURED_BLOCKS",
    "BeslisboomResult",
    "CompetenceChange",
    "DilemmaBalance",
    "Finding",
    "GoalRow",
    "PatternSignal",
    "RoleProfile",
    "ShareComparison",
    "SituationRoute",
    "arrangement_progress",
    "canvas_completeness",
    "check_forms",
    "chosen_type",
    "competence_change",
    "dilemma_balance",
    "end_nodes",
    "evaluate_run",
    "filled",
    "goal_status_counts",
    "goals_matrix",
    "open_arrangements",
    "outcome_counts",
    "placement",
    "role_profile",
    "shares_vs_survey",
    "signal_facts",
    "situation_routes",
    "stagnation_signals",
    "stated_goal_counts",
    "step_progress",
    "suggest_type",
]
