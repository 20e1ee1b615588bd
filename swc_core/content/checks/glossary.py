"""The shared language: the vocabulary lists, the glossary and the terms an instrument shows.

``vocab.yml`` holds the short lists code relies on (party types, goal
statuses, dilemma kinds, toets answers), fixed by ``FIXED_IDS``; the
glossary's words come from the seeds and our own definitions. One word
belongs to one term, and an instrument names only known terms: our own
rules, so a page always knows which definition to show.
"""

from __future__ import annotations

from ...messages import text
from .loaded import Loaded, _fixed, _known, _unique


def check_vocab(ld: Loaded) -> None:
    vocab = ld.models["vocab.yml"]
    _fixed(ld, "vocab.yml", ["party_types"], vocab.party_types, "party_types", "partijtype")
    _fixed(ld, "vocab.yml", ["goal_statuses"], vocab.goal_statuses, "goal_statuses", "doelstatus")
    _fixed(
        ld, "vocab.yml", ["dilemma_kinds"], vocab.dilemma_kinds, "dilemma_kinds", "soort dilemma"
    )
    _fixed(
        ld, "vocab.yml", ["toets_answers"], vocab.toets_answers, "toets_answers", "toetsantwoord"
    )


def check_glossary(ld: Loaded) -> None:
    terms = ld.models["glossary.yml"].terms
    _unique(ld, "glossary.yml", ["terms"], terms, "begrip")
    # a word (name or other form) belongs to one term, or a page could not tell which definition to show
    owner: dict[str, str] = {}
    for i, term in enumerate(terms):
        for j, word in enumerate(term.words):
            loc = ["terms", i, "name"] if j == 0 else ["terms", i, "forms", j - 1]
            first = owner.setdefault(word.casefold(), term.id)
            if first != term.id:
                ld.add(
                    "glossary.yml",
                    loc,
                    text("content_check.word_taken", word=word, term=first),
                    hint=text("content_check.word_taken_hint"),
                )


def check_instrument_terms(ld: Loaded) -> None:
    known = [t.id for t in ld.models["glossary.yml"].terms]
    for i, instrument in enumerate(ld.models["instruments.yml"].instruments):
        for j, term in enumerate(instrument.terms):
            _known(
                ld,
                "instruments.yml",
                ["instruments", i, "terms", j],
                term,
                known,
                "begrip",
                "glossary.yml",
            )
