"""The training's development goals (essay; ``competences.yml``), framing the self-assessment.

Shown above the competences instrument on the intake (what the training works
towards) and on the eindsessie (what it worked towards: look back with it).
"""

from __future__ import annotations

import ipywidgets as W

from swc_core import messages
from swc_core.content import ContentPack
from swc_core.html_templates import render


def development_goals_box(pack: ContentPack, moment: str) -> W.HTML:
    """The five goals with their description (``moment``: "intake" or "end", which sets the lead line)."""
    lead = messages.text(f"widgets.development_goals.{moment}")
    box = W.HTML(render("development_goals.html.j2", goals=pack.development_goals, lead=lead))
    box.add_class("swc-development-goals")
    return box
