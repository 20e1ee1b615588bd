"""Cross-checks of the content pack: what one file's schema cannot see.

Each check names the files it needs and runs only when those validated, so a
broken file elsewhere never hides a problem here: every problem in the pack
is reported in one go, each at the ``file:line`` of the offending value.
One module per concept of the pack; :func:`run_checks` runs them all, in the
order of :data:`CHECKS`.
"""

from __future__ import annotations

from typing import Callable

from .beslisboom import check_beslisboom, check_beslisboom_forms, check_situations
from .canvas import check_canvas, check_forms
from .competences import check_competences, check_lenses, check_roles
from .glossary import check_glossary, check_instrument_terms, check_vocab
from .loaded import Loaded
from .patterns import check_patterns, check_signals, check_toets
from .programme import (
    CAPTAIN_RECORD,
    check_instruments,
    check_programme,
    check_programme_instruments,
    check_routes,
)
from .provenance import check_provenance
from .typology import check_typologie

__all__ = ["CAPTAIN_RECORD", "CHECKS", "Loaded", "run_checks"]

# Each check with the files it needs; it runs only if all of them validated.
CHECKS: list[tuple[tuple[str, ...], Callable[[Loaded], None]]] = [
    (("canvas.yml",), check_canvas),
    (("forms.yml",), check_forms),
    (("beslisboom.yml",), check_beslisboom),
    (("beslisboom.yml",), check_situations),
    (("beslisboom.yml", "forms.yml"), check_beslisboom_forms),
    (("typologie.yml",), check_typologie),
    (("toets.yml",), check_toets),
    (("patterns.yml",), check_patterns),
    (("patterns.yml", "toets.yml", "vocab.yml"), check_signals),
    (("competences.yml",), check_competences),
    (("roles.yml",), check_roles),
    (("lenses.yml",), check_lenses),
    (("programme.yml",), check_programme),
    (("programme.yml", "instruments.yml"), check_programme_instruments),
    (("instruments.yml",), check_instruments),
    (("vocab.yml",), check_vocab),
    (("vocab.yml", "forms.yml"), check_routes),
    (("glossary.yml",), check_glossary),
    (("glossary.yml", "instruments.yml"), check_instrument_terms),
    (("pack.yml",), check_provenance),
]


def run_checks(ld: Loaded) -> None:
    """Run every check of :data:`CHECKS` whose files validated; problems go to ``ld.problems``."""
    for needs, check in CHECKS:
        if all(name in ld.models for name in needs):
            check(ld)
