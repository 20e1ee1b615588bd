"""The Partnershiptypologie: ``typologie.yml``.

The seeds name the typology but do not spell out its types (DOMAIN.md), so
the types, their arrangements and the traits that suggest them are our own
reasoned default (``source: eigen``) that trainers may change. The rules are
ours too: unique ids, and cues that name known traits.
"""

from __future__ import annotations

from .loaded import Loaded, _known, _unique


def check_typologie(ld: Loaded) -> None:
    typ = ld.models["typologie.yml"]
    file = "typologie.yml"
    _unique(ld, file, ["traits"], typ.traits, "kenmerk")
    _unique(ld, file, ["partnership_types"], typ.partnership_types, "partnershiptype")
    traits = [t.id for t in typ.traits]
    for i, ptype in enumerate(typ.partnership_types):
        _unique(ld, file, ["partnership_types", i, "arrangements"], ptype.arrangements, "regeling")
        for j, cue in enumerate(ptype.suggest_when):
            _known(
                ld,
                file,
                ["partnership_types", i, "suggest_when", j, "trait"],
                cue.trait,
                traits,
                "kenmerk",
                "traits",
            )
