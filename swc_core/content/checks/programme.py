"""The programme and its instruments: ``programme.yml``, ``instruments.yml``, and the realisation routes.

The steps of an edition follow the example programme of the essay seed and
the slides' block schedule (intake, dagdelen, tussentijden, eindsessie),
fixed by ``FIXED_IDS``. Our own rules: a step's kind is the first word of its
id, the instruments a step names exist, and no team field takes the id under
which the captain's record is kept (:data:`CAPTAIN_RECORD`). The realisation
routes (``vocab.yml``, from the slides: per task, own organisation, contract,
network or partnership) each name a collaboration form, once.
"""

from __future__ import annotations

from ...messages import text
from ..schema import FIXED_IDS
from .loaded import Loaded, _fixed, _known, _unique

CAPTAIN_RECORD = (
    "vastgelegd"  # the team field id of the captain's record (widgets/captain.py FINAL_FIELD)
)


def check_programme(ld: Loaded) -> None:
    steps = ld.models["programme.yml"].steps
    _fixed(ld, "programme.yml", ["steps"], steps, "steps", "programmastap")
    for i, step in enumerate(steps):
        if step.id.split("-")[0] != step.kind and step.id in FIXED_IDS["steps"][1]:
            ld.add(
                "programme.yml",
                ["steps", i, "kind"],
                text(
                    "content_check.step_kind",
                    id=step.id,
                    kind=step.kind,
                    want=step.id.split("-")[0],
                ),
            )
        _unique(ld, "programme.yml", ["steps", i, "team_fields"], step.team_fields, "teamveld")
        for j, team_field in enumerate(step.team_fields):
            if (
                team_field.id == CAPTAIN_RECORD
            ):  # widgets/captain.py keeps the captain's record under this id
                ld.add(
                    "programme.yml",
                    ["steps", i, "team_fields", j, "id"],
                    text("content_check.captain_field_reserved", id=team_field.id),
                    hint=text("content_check.captain_field_reserved_hint"),
                )


def check_programme_instruments(ld: Loaded) -> None:
    known = [x.id for x in ld.models["instruments.yml"].instruments]
    for i, step in enumerate(ld.models["programme.yml"].steps):
        for j, instrument in enumerate(step.instruments):
            _known(
                ld,
                "programme.yml",
                ["steps", i, "instruments", j],
                instrument,
                known,
                "instrument",
                "instruments.yml",
            )


def check_instruments(ld: Loaded) -> None:
    _fixed(
        ld,
        "instruments.yml",
        ["instruments"],
        ld.models["instruments.yml"].instruments,
        "instruments",
        "instrument",
    )


def check_routes(ld: Loaded) -> None:
    form_ids = [f.id for f in ld.models["forms.yml"].forms]
    seen: set[str] = set()
    for i, route in enumerate(ld.models["vocab.yml"].realisation_routes):
        loc = ["realisation_routes", i]
        if (
            _known(ld, "vocab.yml", loc, route, form_ids, "samenwerkingsvorm", "forms.yml")
            and route in seen
        ):
            ld.add("vocab.yml", loc, text("content_check.route_twice", route=route))
        seen.add(route)
