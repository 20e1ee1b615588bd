"""Valid workbooks in one line, for tests that then change one thing.

``make_fields(parties=4, parts=3)`` is a complete, consistent ``{field key:
value}`` dict for one participant: every id it uses exists in the shipped
content pack or in the workbook itself, so ``check_against_pack`` finds
nothing. A test copies it, breaks exactly one thing, and asserts on that.
"""
from __future__ import annotations

import copy
from typing import Any

from swc_core.model import Workbook

BLOCKS = ["doelen", "partijen", "bijdragen", "operatie", "besluitvorming", "regels", "risicos",
          "levenscyclus", "investeringen-opbrengsten"]
PARTY_TYPES = ["provincie", "waterschap", "agrarisch-collectief", "gemeente", "natuurorganisatie", "kennisinstelling"]
FORMS = ["partnership", "contractsamenwerking", "netwerk", "organisatie"]
COMPETENCES = ["object", "taal", "opties", "afwegen", "ontwerpen", "toepassen", "inbrengen", "verbinden"]
TOETS = ["kan", "klopt", "werkt", "levert"]
GOAL_STATUSES = ["gezamenlijk", "in", "van-tafel", "open"]
# one real path through data/content/beslisboom.yml per outcome form
PATHS = {
    "partnership": {"alleen": "nee", "partners": "in-beeld", "gezamenlijk-doel": "ja"},
    "contractsamenwerking": {"alleen": "ja", "maken": "nee", "inkopen": "ja"},
    "netwerk": {"alleen": "ja", "maken": "nee", "inkopen": "nee", "leren": "ja"},
    "organisatie": {"alleen": "ja", "maken": "ja"},
}
# partnership type -> its arrangement ids (data/content/typologie.yml)
ARRANGEMENTS = {
    "uitvoering": ["opdracht-resultaat", "bijdragen-risico", "aansturing", "informatie-verantwoording",
                   "geschillen", "afronding"],
    "ontwikkeling": ["ontwikkelagenda", "investering-per-fase", "beslismomenten", "kennis-eigendom",
                     "risico-onzekerheid", "uittreden"],
    "gebied": ["doelenset", "bestuur-mandaat", "afwegingskader", "meerjarige-bijdragen", "toetreden-uittreden",
               "informatie-verantwoording", "herijking"],
}


def make_parties(n: int = 3, goals: int = 2) -> list[dict[str, Any]]:
    """``n`` parties ``partij-1`` .. with ``goals`` goals ``doel-1`` .. each."""
    return [
        {
            "id": f"partij-{i}",
            "name": f"Partij {i}",
            "type": PARTY_TYPES[(i - 1) % len(PARTY_TYPES)],
            "goals": [{"id": f"doel-{g}", "text": f"Doel {g} van partij {i}."} for g in range(1, goals + 1)],
        }
        for i in range(1, n + 1)
    ]


def make_part(i: int, form: str | None, parties: list[str]) -> dict[str, Any]:
    """Schakelbak part ``deel-<i>`` whose answers fit its form (no form-check finding)."""
    return {
        "id": f"deel-{i}",
        "name": f"Onderdeel {i}",
        "form": form,
        "parties": parties,
        "goal": f"Het doel van onderdeel {i}.",
        "joint_goal": form in ("partnership", "netwerk"),
        "risk_bearing": form == "partnership",
        "agreed_performances": "Levering over en weer." if form == "contractsamenwerking" else "",
    }


def make_schakelbak(parts: int = 3, party_ids: list[str] | None = None) -> dict[str, Any]:
    """``parts`` parts cycling through the four forms, coupled in a chain ``deel-1 -> deel-2 -> ...``."""
    party_ids = party_ids or ["partij-1", "partij-2"]
    built = []
    for i in range(1, parts + 1):
        form = FORMS[(i - 1) % len(FORMS)]
        built.append(make_part(i, form, party_ids[:1] if form == "organisatie" else party_ids[:3]))
    couplings = [{"source": f"deel-{i}", "target": f"deel-{i + 1}", "flow": f"Stroom {i}."} for i in range(1, parts)]
    return {"parts": built, "couplings": couplings}


def make_fields(parties: int = 3, parts: int = 3, partnership_type: str = "gebied", **overrides: Any) -> dict[str, Any]:
    """A complete, consistent participant fields dict.

    Keyword overrides replace a field by key (``**{"canvas.block.doelen": "x"}``);
    an override of ``None`` leaves the field out.
    """
    party_list = make_parties(parties)
    ids = [p["id"] for p in party_list]
    schakelbak = make_schakelbak(parts, ids)
    fields: dict[str, Any] = {
        "casus": {
            "title": "Testcasus",
            "area": "Testgebied",
            "domain": "Water",
            "opgave": "Een opgave die niemand alleen kan halen.",
            "parties": [{"name": p["name"], "role": "Doet mee."} for p in party_list],
            "stuck": "Besluiten blijven liggen.",
        },
        "competences.intake": {c: 2 for c in COMPETENCES},
        "competences.end": {c: 4 for c in COMPETENCES},
        **{f"canvas.block.{b}": f"Tekst voor {b}." for b in BLOCKS},
        "canvas.parties": party_list,
        "canvas.contributions": [
            {"party": pid, "description": f"Bijdrage van {pid}.", "risk_bearing": n == 0}
            for n, pid in enumerate(ids)
        ],
        "schakelbak": schakelbak,
        "beslisboom": [{"id": f"run-{form}", "task": f"Opgave voor {form}.", "answers": dict(path)}
                       for form, path in PATHS.items()],
        "partnership": {
            "part": schakelbak["parts"][0]["id"] if schakelbak["parts"] else None,
            "type": partnership_type,
            "traits": {"lange-termijn": True, "meerdere-opgaven": True},
            "arrangements": {a: f"Afspraak over {a}." for a in ARRANGEMENTS[partnership_type][:-1]},
            "considerations": ["Eerste afweging.", "Tweede afweging."],
        },
        "goals": {
            "consolidated": [
                {"party": p["id"], "goal": g["id"], "status": GOAL_STATUSES[n % len(GOAL_STATUSES)]}
                for n, (p, g) in enumerate((p, g) for p in party_list for g in p["goals"])
            ],
            "dilemmas": [
                {"id": "dilemma-1", "kind": "trade-off", "description": "Het een of het ander.",
                 "gives_up": "Partij 1 levert in.", "gains": "Ruimte voor doel 2.", "owner": "Stuurgroep"},
                {"id": "dilemma-2", "kind": "compromis", "description": "Allebei een beetje.",
                 "gives_up": "Ieder wat.", "gains": "Rust.", "owner": "Stuurgroep"},
            ],
        },
        "toets": {q: {"answer": "ja", "evidence": f"Bewijs voor {q}.", "step_back": ""} for q in TOETS},
        "realisation": [{"id": f"route-{form}", "task": f"Taak via {form}.", "route": form, "connection": "Sluit aan."}
                        for form in FORMS],
        "role": {"focus": 40, "scope": 60, "shares": {"strateeg": 28, "netwerker": 36, "organisatieontwikkelaar": 22,
                                                      "procesmanager": 14}},
        "interventions": [{"id": "interventie-1", "option": "Optie.", "intervention": "Ingreep.", "expected": "Effect."}],
        "advice": {"to": "Directie", "text": "Regel het mandaat."},
    }
    for key, value in overrides.items():
        if value is None:
            fields.pop(key, None)
        else:
            fields[key] = value
    return fields


def make_team_fields(step: str = "tussentijd-a", field_ids: tuple[str, ...] = ("herkenning", "lege-blokken"),
                     ) -> dict[str, str]:
    """Team homework fields ``homework.<step>.<field>`` with some text each."""
    return {f"homework.{step}.{f}": f"Het team over {f}." for f in field_ids}


def make_workbook(**kwargs: Any) -> Workbook:
    """``Workbook.from_fields(make_fields(**kwargs))``."""
    return Workbook.from_fields(make_fields(**kwargs))


def changed(fields: dict[str, Any], key: str, change) -> dict[str, Any]:
    """A deep copy of ``fields`` with ``change(value)`` applied in place to the value of ``key``."""
    out = copy.deepcopy(fields)
    change(out[key])
    return out
