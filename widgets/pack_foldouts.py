"""Reference material from the pack under an instrument, folded shut: what the forms ask partners to agree
(and examples of each), the question each role answers, what each competence means.

The pack holds these for the participant (``forms.yml`` ``must_agree`` and
``examples``, ``roles.yml`` ``question``, ``competences.yml`` ``description``);
they are shown where they help: under the Schakelbak and the beslisboom (which
ask the participant to choose a form), under the own-role instrument and under
the self-assessment. Live pages only: a handout carries the answers, not the
reference.
"""
from __future__ import annotations

from typing import Callable

import ipywidgets as W

from swc_core import messages
from swc_core.content import ContentPack
from swc_core.html_templates import render


def _forms(pack: ContentPack, language: str) -> str:
    return render("pack_foldout.html.j2", entries=[
        {"name": f.name, "lead": f.essence,
         "lists": [(messages.text("widgets.pack_foldouts.must_agree", language), f.must_agree),
                   (messages.text("widgets.pack_foldouts.examples", language), f.examples)]}
        for f in pack.forms])


def _roles(pack: ContentPack, language: str) -> str:
    return render("pack_foldout.html.j2", entries=[{"name": r.name, "lead": r.question, "lists": []}
                                                   for r in pack.roles])


def _competences(pack: ContentPack, language: str) -> str:
    return render("pack_foldout.html.j2", entries=[{"name": c.name, "lead": c.description, "lists": []}
                                                   for c in pack.competences])


# instrument id -> (title key under widgets.pack_foldouts, the fold-out's HTML)
FOLDOUTS: dict[str, tuple[str, Callable[[ContentPack, str], str]]] = {
    "schakelbak": ("forms", _forms),
    "beslisboom": ("forms", _forms),
    "eigen-rol": ("roles", _roles),
    "competenties": ("competences", _competences),
}


def pack_foldout(pack: ContentPack, instrument_id: str, language: str = "nl") -> W.Accordion | None:
    """The closed fold-out of reference material under ``instrument_id``, or None when it has none."""
    if instrument_id not in FOLDOUTS:
        return None
    title, build = FOLDOUTS[instrument_id]
    fold = W.Accordion(children=[W.HTML(build(pack, language))], selected_index=None)
    fold.set_title(0, messages.text(f"widgets.pack_foldouts.{title}", language))
    fold.add_class("swc-pack-foldout")
    return fold
