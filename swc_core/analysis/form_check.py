""" "Klopt de vorm?": the content pack's form checks run on every Schakelbak part.

The rules themselves are data (``forms.yml``, ``checks``); this module only
feeds each part to the checks of its form, and adds the few structural
findings no form rule can express: a part without a form, a form the pack
does not know, a part without parties, a coupling to a missing part.
"""

from __future__ import annotations

from ..content import ContentPack
from ..content.schema import Form
from ..model.schakelbak import Part, Schakelbak
from .findings import Finding, say

# Sources of the structural findings (the content pack's check ids are the others).
NO_FORM = "geen-vorm"
UNKNOWN_FORM = "onbekende-vorm"
NO_PARTIES = "geen-partijen"
DANGLING_COUPLING = "losse-koppeling"

_PARTIES_FIELD = "parties"  # the Part field a form check can count parties on (see PART_FIELDS)


def check_forms(schakelbak: Schakelbak, pack: ContentPack) -> list[Finding]:
    """Every finding about the parts and couplings, part by part in Schakelbak order."""
    forms = {f.id: f for f in pack.forms}
    findings: list[Finding] = []
    for part in schakelbak.parts:
        findings += _check_part(part, forms)
    findings += _check_couplings(schakelbak)
    return findings


def _check_part(part: Part, forms: dict[str, Form]) -> list[Finding]:
    findings: list[Finding] = []
    counted_parties = False  # a form rule already spoke about the parties
    if part.form is None:
        findings.append(Finding.create(NO_FORM, "info", say("no_form"), part.id))
    elif part.form not in forms:
        findings.append(
            Finding.create(UNKNOWN_FORM, "info", say("unknown_form", form=part.form), part.id)
        )
    else:
        values = part.model_dump()
        for check in forms[part.form].checks:
            if check.when.matches(values):
                findings.append(Finding.create(check.id, check.severity, check.message, part.id))
                counted_parties |= check.when.field == _PARTIES_FIELD
    if not part.parties and not counted_parties:
        findings.append(Finding.create(NO_PARTIES, "advies", say("no_parties"), part.id))
    return findings


def _check_couplings(schakelbak: Schakelbak) -> list[Finding]:
    """One info finding per coupling that points at a part that is not (or no longer) there."""
    known = {p.id for p in schakelbak.parts}
    findings: list[Finding] = []
    for i, coupling in enumerate(schakelbak.couplings):
        ends = (coupling.source, coupling.target)
        if all(end in known for end in ends):
            continue
        # attach it to the end that still exists, so a picture can show it there
        subject = next((end for end in ends if end in known), None)
        findings.append(
            Finding(
                id=f"{DANGLING_COUPLING}:{i}",
                message=say("dangling_coupling"),
                severity="info",
                subject=subject,
                source=DANGLING_COUPLING,
            )
        )
    return findings
