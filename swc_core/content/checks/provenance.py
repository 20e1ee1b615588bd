"""Provenance: every section of every pack file names where it comes from.

Our own rule, so trainers can tell what the seeds say from what the product
added: a section's ``source`` lists sources declared in ``pack.yml`` (the
seed documents) or ``eigen``, which no declared source may take as its id.
"""

from __future__ import annotations

from ...messages import text
from ..schema import OWN_SOURCE, Sourced
from .loaded import Loaded, _known, _unique


def check_provenance(ld: Loaded) -> None:
    """Every section of every file names where it comes from: sources of pack.yml, or 'eigen'."""
    meta = ld.models["pack.yml"]
    if not _unique(ld, "pack.yml", ["sources"], meta.sources, "bron"):
        return
    known = [s.id for s in meta.sources]
    for i, source in enumerate(meta.sources):
        if source.id == OWN_SOURCE:
            ld.add(
                "pack.yml",
                ["sources", i, "id"],
                text("content_check.own_source_reserved", id=OWN_SOURCE),
                hint=text("content_check.own_source_reserved_hint", id=OWN_SOURCE),
            )
    known.append(OWN_SOURCE)
    for file, model in ld.models.items():
        if not isinstance(model, Sourced):
            continue
        sections = type(model).SECTIONS
        for missing in (s for s in sections if s not in model.source):
            ld.add(
                file,
                ["source"],
                text("content_check.no_provenance", section=missing),
                hint=text(
                    "content_check.no_provenance_hint", own=OWN_SOURCE, sections=", ".join(sections)
                ),
            )
        for section, sources in model.source.items():
            if section not in sections:
                ld.add(
                    file,
                    ["source", section],
                    text("content_check.no_section", file=file, section=section),
                    hint=text("content_check.sections", sections=", ".join(sections)),
                )
                continue
            for k, source_id in enumerate(sources):
                _known(
                    ld, file, ["source", section, k], source_id, known, "bron", "pack.yml (sources)"
                )
