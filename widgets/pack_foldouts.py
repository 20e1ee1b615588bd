"""Reference material from the pack under an instrument, folded shut: what the forms are like and ask partners to
agree (with examples), the question each role answers, what each competence means, the balance the patterns
disturb, and the lenses and the ladder to look at a collaboration with.

The pack holds these for the participant (``forms.yml`` ``binding``,
``joint_goal``, ``risk_bearing``, ``mutual_performances``, ``must_agree`` and
``examples``; ``roles.yml`` ``question``; ``competences.yml`` ``description``;
``patterns.yml`` ``balance``; ``lenses.yml`` ``lenses`` and ``ladder``); they
are shown where they help: under the Schakelbak and the beslisboom (which ask
the participant to choose a form), under the own-role instrument, under the
self-assessment, under the patterns of dagdeel 5 (each names the aspect it
mostly disturbs) and under the reflection (evaluating with the lenses and the
ladder). Live pages only: a handout carries the answers, not the reference.
"""

from __future__ import annotations

from typing import Callable

import ipywidgets as W

from swc_core import messages
from swc_core.content import ContentPack, provenance_note
from swc_core.content.schema import Form
from swc_core.html_templates import render


def _say(key: str, **values) -> str:
    return messages.text(f"widgets.pack_foldouts.{key}", **values)


def form_traits(form: Form) -> list[str]:
    """What the pack says a form is like (``binding``, ``joint_goal``, ``risk_bearing``, ``mutual_performances``),
    as short Dutch lines from ``widgets.pack_foldouts.traits`` in the ui catalogue."""
    yes_no = lambda flag: "yes" if flag else "no"  # noqa: E731
    return [
        _say(f"traits.binding_{yes_no(form.binding)}"),
        _say(f"traits.joint_goal_{form.joint_goal.replace('-', '_')}"),
        _say(f"traits.risk_bearing_{yes_no(form.risk_bearing)}"),
        _say(f"traits.mutual_performances_{yes_no(form.mutual_performances)}"),
    ]


def _forms(pack: ContentPack) -> str:
    return render(
        "pack_foldout.html.j2",
        entries=[
            {
                "name": f.name,
                "lead": f.essence,
                "lists": [
                    (_say("traits.heading"), form_traits(f)),
                    (_say("must_agree"), f.must_agree),
                    (_say("examples"), f.examples),
                ],
            }
            for f in pack.forms
        ],
    )


def _roles(pack: ContentPack) -> str:
    return render(
        "pack_foldout.html.j2",
        entries=[{"name": r.name, "lead": r.question, "lists": []} for r in pack.roles],
    )


def _competences(pack: ContentPack) -> str:
    return render(
        "pack_foldout.html.j2",
        entries=[{"name": c.name, "lead": c.description, "lists": []} for c in pack.competences],
    )


def _balance(pack: ContentPack) -> str:
    return render(
        "pack_foldout.html.j2",
        entries=[
            {
                "name": b.name,
                "lead": b.explanation,
                "lists": [(_say("ask"), [b.question])],
            }
            for b in pack.balance
        ],
    )


def _lenses_and_ladder(pack: ContentPack) -> str:
    lenses = [
        {
            "name": lens.name,
            "lead": lens.explanation,
            "lists": [(_say("ask"), [lens.question])],
        }
        for lens in pack.lenses
    ]
    ladder = {
        "name": _say("ladder"),
        "lead": _say("ladder_lead"),
        "lists": [
            ("", [f"{rung.name}: {' '.join(rung.explanation.split())}" for rung in pack.ladder])
        ],
    }
    return render("pack_foldout.html.j2", entries=[*lenses, ladder])


# instrument id -> (title key under widgets.pack_foldouts, the fold-out's HTML, the pack sections it shows)
FOLDOUTS: dict[str, tuple[str, Callable[[ContentPack], str], tuple[str, ...]]] = {
    "schakelbak": ("forms", _forms, ("forms.forms",)),
    "beslisboom": ("forms", _forms, ("forms.forms",)),
    "eigen-rol": ("roles", _roles, ("roles.roles",)),
    "competenties": ("competences", _competences, ("competences.competences",)),
    "patronen": ("balance", _balance, ("patterns.balance",)),
    "reflectie": ("lenses", _lenses_and_ladder, ("lenses.lenses", "lenses.ladder")),
}


def pack_foldout(pack: ContentPack, instrument_id: str) -> W.Accordion | None:
    """The closed fold-out of reference material under ``instrument_id``, or None when it has none.

    Like an instrument, it says in one small line where (part of) what it shows is not from the Code
    (``provenance_note`` on the pack sections it shows).
    """
    if instrument_id not in FOLDOUTS:
        return None
    title, build, sections = FOLDOUTS[instrument_id]
    note = provenance_note(pack, sections)
    below = render("pack_foldout_note.html.j2", note=note) if note else ""
    fold = W.Accordion(children=[W.HTML(build(pack) + below)], selected_index=None)
    fold.set_title(0, _say(title))
    fold.add_class("swc-pack-foldout")
    return fold
