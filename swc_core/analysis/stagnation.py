"""Patterns of stagnation: which of the pack's patterns the participant's own statements point at.

A pattern is a diagnosis of a running collaboration. It is indicated by what
the participant stated, and by nothing else: their own recognition of the
pattern (dagdeel 5), and the signals of ``patterns.yml``, which speak of toets
answers, dilemmas named and goal statuses given (:class:`SignalFacts`). What
is not filled in yet is no evidence: an empty canvas block, an unanswered
toets question or a goal nobody discussed indicate no pattern at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content import FIXED_IDS, ContentPack, Signal, SignalFacts
from ..content.schema import Pattern
from ..model.strategy import Recognition
from ..model.workbook import Workbook
from .findings import say
from .tradeoffs import OPEN, dilemma_balance, goals_matrix

# The answers with which a participant says they see a pattern in their own
# collaboration: the first two toets answers ("ja", "deels"; order fixed by the schema).
RECOGNISED = FIXED_IDS["toets_answers"][1][:2]


@dataclass(frozen=True)
class PatternSignal:
    """A pattern the participant's statements point at: their own recognition, the signals that hold, and why."""

    pattern: Pattern
    signals: tuple[Signal, ...]
    reasons: tuple[
        str, ...
    ]  # one sentence for the recognition (when there is one), then one per signal
    recognised: Recognition | None = (
        None  # the participant's own answer, when it says they see the pattern
    )

    @property
    def signal_reasons(self) -> tuple[str, ...]:
        """The sentences for the signals only, without the participant's own recognition."""
        return self.reasons[1:] if self.recognised is not None else self.reasons


def stated_goal_counts(workbook: Workbook, pack: ContentPack) -> dict[str, int]:
    """How many goals on the canvas were given each status (zeros included), counting only statuses set.

    A goal without a recorded status, or with the status of a goal nobody
    discussed yet, is not counted: that says nothing about the collaboration.
    """
    recorded = {(g.party, g.goal) for g in workbook.goals.consolidated}
    counts = {s.id: 0 for s in pack.vocab.goal_statuses if s.id != OPEN}
    for row in goals_matrix(workbook):
        if (row.party.id, row.goal.id) in recorded and row.status in counts:
            counts[row.status] += 1
    return counts


def signal_facts(workbook: Workbook, pack: ContentPack) -> SignalFacts:
    """What the participant stated, in the terms of the pack's signals."""
    return SignalFacts(
        toets_answers={qid: a.answer for qid, a in workbook.toets.items() if a.answer is not None},
        dilemma_counts=dilemma_balance(workbook.goals, pack).counts,
        goal_counts=stated_goal_counts(workbook, pack),
    )


def stagnation_signals(workbook: Workbook, pack: ContentPack) -> list[PatternSignal]:
    """The patterns the participant recognises or whose signals hold, in the pack's order."""
    facts = signal_facts(workbook, pack)
    found = []
    for pattern in pack.patterns:
        own = workbook.patterns.get(pattern.id)
        recognised = own if own is not None and own.answer in RECOGNISED else None
        matched = tuple(s for s in pattern.signals if s.matches(facts))
        if recognised is None and not matched:
            continue
        reasons = [_recognised(recognised, pack)] if recognised is not None else []
        reasons += [_reason(s, facts, pack) for s in matched]
        found.append(PatternSignal(pattern, matched, tuple(reasons), recognised))
    return found


def _name(items, item_id: str) -> str:
    """The name of ``item_id`` in a list of the pack, or the id itself if the pack lacks it."""
    return next((i.name for i in items if i.id == item_id), item_id)


def _recognised(own: Recognition, pack: ContentPack) -> str:
    answer = _name(pack.vocab.toets_answers, own.answer or "")
    evidence = " ".join(own.evidence.split())
    if evidence:
        return say("signal_recognised_because", answer=answer, evidence=evidence)
    return say("signal_recognised", answer=answer)


def _reason(signal: Signal, facts: SignalFacts, pack: ContentPack) -> str:
    """Why ``signal`` holds, as a sentence for the participant."""
    vocab = pack.vocab
    if signal.toets is not None:
        return say(
            "signal_toets",
            question=_name(pack.toets, signal.toets),
            answer=_name(vocab.toets_answers, facts.toets_answers[signal.toets]),
        )
    if signal.dilemma_kind is not None:
        return say(
            "signal_dilemma_kind",
            count=facts.dilemma_counts[signal.dilemma_kind],
            kind=_name(vocab.dilemma_kinds, signal.dilemma_kind),
        )
    return say(
        "signal_goal_status",
        count=facts.goal_counts[signal.goal_status],
        status=_name(vocab.goal_statuses, signal.goal_status),
    )
