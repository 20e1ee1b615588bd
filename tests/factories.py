"""Valid workbooks and field dicts in one line, for tests.

``make_fields()`` gives ``{field key: value}`` exactly as the store holds it
(every value already normalised by ``parse_field``), so a test can change
one thing and know the rest is valid, also against the shipped content pack.
The ids come from the content pack's fixed ids, never spelled out here.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from swc_core.content import FIXED_IDS, ContentPack, load_content
from swc_core.model import TeamHomework, Workbook, block_field, homework_field, parse_field


def ids(kind: str) -> tuple[str, ...]:
    """The fixed ids of one kind in the content pack (``ids("forms")``)."""
    return FIXED_IDS[kind][1]


@cache
def shipped_pack() -> ContentPack:
    """The repository's content pack, loaded once per test run."""
    return load_content()


def homework_step(pack: ContentPack | None = None):
    """The first programme step that has team homework."""
    return next(s for s in (pack or shipped_pack()).programme if s.team_fields)


def make_parties(n: int = 3, goals: int = 2) -> list[dict[str, Any]]:
    party_types = ids("party_types")
    return [
        {
            "id": f"partij-{i}",
            "name": f"Partij {i}",
            "type": party_types[i % len(party_types)],
            "goals": [
                {"id": f"doel-{j}", "text": f"Doel {j} van partij {i}"} for j in range(1, goals + 1)
            ],
        }
        for i in range(1, n + 1)
    ]


def make_schakelbak(parts: int = 3, parties: int = 3) -> dict[str, Any]:
    """``parts`` parts, one form each in turn, answered so that each fits its form; coupled in a chain."""
    forms = shipped_pack().forms
    party_ids = [f"partij-{i}" for i in range(1, parties + 1)]
    built = []
    for i in range(1, parts + 1):
        form = forms[(i - 1) % len(forms)]
        built.append(
            {
                "id": f"deel-{i}",
                "name": f"Onderdeel {i}",
                "form": form.id,
                "parties": party_ids[:1]
                if form.joint_goal == "niet-nodig" and not form.mutual_performances
                else party_ids[:2],
                "goal": f"Doel van onderdeel {i}",
                "joint_goal": form.joint_goal != "niet-nodig",
                "risk_bearing": form.risk_bearing,
                "agreed_performances": "Levering over en weer" if form.mutual_performances else "",
            }
        )
    couplings = [
        {"source": f"deel-{i}", "target": f"deel-{i + 1}", "flow": "kennis"}
        for i in range(1, parts)
    ]
    return {"parts": built, "couplings": couplings}


def first_path(pack: ContentPack | None = None) -> dict[str, str]:
    """A real walk through the beslisboom: from the root, always the first answer."""
    tree = (pack or shipped_pack()).beslisboom
    answers, node = {}, tree.node(tree.root)
    while node.answers:
        answers[node.id] = node.answers[0].id
        node = tree.node(node.answers[0].next)
    return answers


def make_fields(*, parts: int = 3, parties: int = 3, **overrides: Any) -> dict[str, Any]:
    """A full participant workbook as field values; ``overrides`` replace keys (None drops one).

    Field keys hold dots, so pass them unpacked: ``make_fields(**{"canvas.parties": []})``.
    """
    party_ids = [f"partij-{i}" for i in range(1, parties + 1)]
    ptype = shipped_pack().partnership_types[0]
    schakelbak = make_schakelbak(parts, parties)
    core = next(
        (p["id"] for p in schakelbak["parts"] if p["form"] == ids("forms")[-1]), None
    )  # the partnership
    fields: dict[str, Any] = {
        "casus": {
            "title": "Veenweide Oost",
            "area": "Polder Oost",
            "domain": "veenweide",
            "opgave": "Bodemdaling remmen",
            "parties": [{"name": "Provincie", "role": "trekker"}],
            "stuck": "Geen mandaat",
        },
        "competences.intake": {c: 1 + i % 5 for i, c in enumerate(ids("competences"))},
        "competences.end": {c: 5 - i % 5 for i, c in enumerate(ids("competences"))},
        **{block_field(b): f"Tekst van blok {b}" for b in ids("blocks")},
        "canvas.parties": make_parties(parties),
        "canvas.contributions": [
            {"party": p, "description": "geld", "risk_bearing": True} for p in party_ids
        ],
        "schakelbak": schakelbak,
        "beslisboom": [{"id": "opgave-1", "task": "Drains aanleggen", "answers": first_path()}],
        "partnership": {
            "part": core,
            "type": ptype.id,
            "traits": {},
            "arrangements": {ptype.arrangements[0].id: "Afgesproken"},
            "considerations": ["Mandaat regelen"],
        },
        "goals": {
            "consolidated": [
                {"party": p, "goal": "doel-1", "status": ids("goal_statuses")[i % 4]}
                for i, p in enumerate(party_ids)
            ],
            "dilemmas": [
                {
                    "id": "dilemma-1",
                    "kind": ids("dilemma_kinds")[0],
                    "description": "peil",
                    "gives_up": "",
                    "gains": "",
                    "owner": "stuurgroep",
                }
            ],
        },
        "toets": {
            q: {"answer": ids("toets_answers")[i % 4], "evidence": "", "step_back": ""}
            for i, q in enumerate(ids("toets"))
        },
        "patterns": {
            p: {"answer": ids("toets_answers")[i % 4], "evidence": "In het overleg van maart"}
            for i, p in enumerate(ids("patterns"))
        },
        "realisation": [
            {"id": "route-1", "task": "Peil verhogen", "route": ids("forms")[-1], "connection": ""}
        ],
        "role": {"focus": 40, "scope": 60, "shares": {r: 25 for r in ids("roles")}},
        "interventions": [
            {"id": "interventie-1", "option": "a", "intervention": "b", "expected": "c"}
        ],
        "advice": {"to": "directie", "text": "Kies per onderdeel de vorm die past."},
        "reflection": {
            "takeaway": "Eerst de vorm per onderdeel.",
            "answers": {"goede-partner": "Meestal wel."},
        },
    }
    for key, value in overrides.items():
        if value is None:
            fields.pop(key, None)
        else:
            fields[key] = value
    return {key: parse_field(key, value) for key, value in fields.items()}


def make_workbook(**kwargs: Any) -> Workbook:
    """``make_workbook(parts=4)``: a full, valid workbook."""
    return Workbook.from_fields(make_fields(**kwargs))


def make_team_fields() -> dict[str, str]:
    """Every team field of the first tussentijd, filled in."""
    step = homework_step()
    return {
        homework_field(step.id, f.id): f"Wat het team schreef bij {f.id}" for f in step.team_fields
    }


def make_team_homework() -> TeamHomework:
    return TeamHomework.from_fields(make_team_fields())
