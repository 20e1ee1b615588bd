"""The Dutch texts of the model: validation messages and pack-check findings.

Kept in one place so the wording can be reviewed (and one day moved to the
message catalogue) without hunting through validators.
"""
from __future__ import annotations

from ..messages import is_plural, plural_form

# A text that counts has ``one``/``other`` forms, chosen by ``count`` as in the screen catalogue.
TEXTS: dict[str, str | dict[str, str]] = {
    # parse_field
    "unknown_field": "onbekend veld {key!r}; bekende velden: {shapes}",
    "field_hint": "controleer de schrijfwijze van de veldnaam; <...> staat voor een id uit het inhoudspakket",
    "more_errors": " (en nog {n} andere)",
    "text_too_long": {"one": "mag maximaal {count} teken bevatten", "other": "mag maximaal {count} tekens bevatten"},
    "too_many_items": {"one": "mag maximaal {count} item bevatten", "other": "mag maximaal {count} items bevatten"},
    "bad_chars": "bevat tekens die geen geldige tekst zijn (losse surrogaattekens)",
    "bad_id": "ongeldige id {value!r}: gebruik kleine letters, cijfers, streepjes of liggende streepjes (hoogstens 63 tekens)",
    "duplicate_id": "id {value!r} komt meer dan eens voor; elk item heeft een eigen id nodig",
    "int_bool": "moet een geheel getal zijn (geen ja/nee)",
    # check_against_pack
    "unknown_ref": "{what} {value!r} bestaat niet",
    "known_ids": "bekend: {ids}",
    "unknown_party": "partij {value!r} staat niet bij de partijen van het canvas",
    "unknown_party_hint": "voeg de partij toe onder Partijen van het canvas, of kies een bestaande partij",
    "unknown_goal": "doel {goal!r} van partij {party!r} staat niet bij de doelen van die partij op het canvas",
    "unknown_part": "onderdeel {value!r} staat niet in de Schakelbak",
    "self_coupling": "een koppeling verbindt onderdeel {value!r} met zichzelf",
    "unknown_answer": "antwoord {value!r} hoort niet bij beslisboomvraag {node!r}",
    "not_a_tussentijd": "stap {value!r} heeft geen teamhuiswerk",
}

# How check_against_pack names each kind of id ("<what> 'x' bestaat niet").
WHAT: dict[str, str] = {
    "block": "canvasblok",
    "form": "samenwerkingsvorm",
    "party_type": "partijtype",
    "competence": "competentie",
    "node": "beslisboomvraag",
    "partnership_type": "partnershiptype",
    "trait": "kenmerk uit de Partnershiptypologie",
    "arrangement": "afspraak van dit partnershiptype",
    "goal_status": "doelstatus",
    "dilemma_kind": "soort dilemma",
    "toets_question": "toetsvraag",
    "toets_answer": "toetsantwoord",
    "pattern": "patroon van stagnatie",
    "route": "route",
    "role": "rol",
    "step": "programmastap",
    "team_field": "teamveld van deze stap",
}


def text(name: str, **values: object) -> str:
    entry = TEXTS[name]
    return (plural_form(entry, values["count"]) if is_plural(entry) else entry).format(**values)
