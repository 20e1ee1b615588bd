"""Patterns of stagnation: which of the pack's patterns the workbook shows signals of.

The patterns and their signals are data (``patterns.yml``); this module
gathers the facts about one casus in the terms the signals speak
(:class:`SignalFacts`) and says, per pattern, which signals hold and why.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..content import ContentPack, Signal, SignalFacts
from ..content.schema import Pattern
from ..model.workbook import Workbook
from .completeness import canvas_completeness
from .findings import say
from .tradeoffs import dilemma_balance, goal_status_counts


@dataclass(frozen=True)
class PatternSignal:
    """A pattern with the signals that hold for this casus, and a sentence for each."""

    pattern: Pattern
    signals: tuple[Signal, ...]
    reasons: tuple[str, ...]


def signal_facts(workbook: Workbook, pack: ContentPack) -> SignalFacts:
    """What the workbook says, in the terms of the pack's signals.

    Empty blocks count only once the canvas is started: an untouched canvas
    says that the participant has not begun, not that the collaboration
    lacks decision-making or contributions.
    """
    completeness = canvas_completeness(workbook.canvas, pack)
    started = any(completeness.values())
    return SignalFacts(
        toets_answers={qid: a.answer for qid, a in workbook.toets.items() if a.answer is not None},
        empty_blocks=tuple(block for block, share in completeness.items() if started and not share),
        dilemma_counts=dilemma_balance(workbook.goals, pack).counts,
        goal_counts=goal_status_counts(workbook, pack),
    )


def stagnation_signals(workbook: Workbook, pack: ContentPack) -> list[PatternSignal]:
    """The patterns with at least one signal that holds, in the pack's order."""
    facts = signal_facts(workbook, pack)
    found = []
    for pattern in pack.patterns:
        matched = tuple(s for s in pattern.signals if s.matches(facts))
        if matched:
            found.append(PatternSignal(pattern, matched, tuple(_reason(s, facts, pack) for s in matched)))
    return found


def _name(items, item_id: str) -> str:
    """The name of ``item_id`` in a list of the pack, or the id itself if the pack lacks it."""
    return next((i.name for i in items if i.id == item_id), item_id)


def _reason(signal: Signal, facts: SignalFacts, pack: ContentPack) -> str:
    """Why ``signal`` holds, as a sentence for the participant."""
    vocab = pack.vocab
    if signal.toets is not None:
        return say(pack, "signal_toets", question=_name(pack.toets, signal.toets),
                   answer=_name(vocab.toets_answers, facts.toets_answers[signal.toets]))
    if signal.empty_block is not None:
        return say(pack, "signal_empty_block", block=_name(pack.blocks, signal.empty_block))
    if signal.dilemma_kind is not None:
        return say(pack, "signal_dilemma_kind", count=facts.dilemma_counts[signal.dilemma_kind],
                   kind=_name(vocab.dilemma_kinds, signal.dilemma_kind))
    return say(pack, "signal_goal_status", count=facts.goal_counts[signal.goal_status],
               status=_name(vocab.goal_statuses, signal.goal_status))
