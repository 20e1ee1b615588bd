"""The four test questions and the patterns of stagnation: ``toets.yml`` and ``patterns.yml``.

The questions (kan, klopt, werkt, levert) come from the slides seed, the
patterns from the essay and the slides, the balance the regisseur guards
(inhoud, relatie, proces, inrichting) from the essay; ``FIXED_IDS`` fixes
their ids. A pattern is a diagnosis made from evidence, never from an empty
block (DOMAIN.md), so a signal names only what a participant stated: known
toets questions and answers, dilemma kinds and goal statuses, and never the
status of a goal nobody discussed yet or the answer "don't know (yet)".
"""

from __future__ import annotations

from ...messages import text
from ..schema import FIXED_IDS
from .loaded import Loaded, _fixed, _known

# What a signal may not count, because it records that nothing was stated:
# the goal status of a goal nobody discussed yet, and the toets answer "I do not know (yet)".
# Both ids are fixed in their place by FIXED_IDS ("exact").
UNDISCUSSED_GOAL = FIXED_IDS["goal_statuses"][1][0]


UNKNOWN_ANSWER = FIXED_IDS["toets_answers"][1][-1]


def check_toets(ld: Loaded) -> None:
    _fixed(ld, "toets.yml", ["questions"], ld.models["toets.yml"].questions, "toets", "toetsvraag")


def check_patterns(ld: Loaded) -> None:
    pat = ld.models["patterns.yml"]
    _fixed(ld, "patterns.yml", ["patterns"], pat.patterns, "patterns", "patroon")
    _fixed(ld, "patterns.yml", ["balance"], pat.balance, "balance", "balansaspect")
    aspects = [b.id for b in pat.balance]
    for i, pattern in enumerate(pat.patterns):
        if pattern.aspect is not None:
            _known(
                ld,
                "patterns.yml",
                ["patterns", i, "aspect"],
                pattern.aspect,
                aspects,
                "balansaspect",
                "balance",
            )


def check_signals(ld: Loaded) -> None:
    """Signals name toets questions and answers, dilemma kinds and goal statuses, all of them stated ones."""
    vocab = ld.models["vocab.yml"]
    refs = {
        "toets": ([q.id for q in ld.models["toets.yml"].questions], "toetsvraag", "toets.yml"),
        "dilemma_kind": ([t.id for t in vocab.dilemma_kinds], "soort dilemma", "vocab.yml"),
        "goal_status": ([t.id for t in vocab.goal_statuses], "doelstatus", "vocab.yml"),
    }
    answers = [t.id for t in vocab.toets_answers]
    for i, pattern in enumerate(ld.models["patterns.yml"].patterns):
        for j, signal in enumerate(pattern.signals):
            loc = ["patterns", i, "signals", j]
            known, what, source = refs[signal.kind]
            _known(
                ld,
                "patterns.yml",
                [*loc, signal.kind],
                getattr(signal, signal.kind),
                known,
                what,
                source,
            )
            if signal.goal_status == UNDISCUSSED_GOAL:
                ld.add(
                    "patterns.yml",
                    [*loc, "goal_status"],
                    text("content_check.undiscussed_signal", status=UNDISCUSSED_GOAL),
                    hint=text("content_check.signal_hint"),
                )
            if signal.kind != "toets":
                continue
            for k, answer in enumerate(signal.answers):
                if not _known(
                    ld,
                    "patterns.yml",
                    [*loc, "answers", k],
                    answer,
                    answers,
                    "toetsantwoord",
                    "vocab.yml",
                ):
                    continue
                if answer == UNKNOWN_ANSWER:
                    ld.add(
                        "patterns.yml",
                        [*loc, "answers", k],
                        text("content_check.unknown_answer_signal", answer=answer),
                        hint=text("content_check.signal_hint"),
                    )
