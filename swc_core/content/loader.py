"""Loading the content pack: read every file, validate, cross-check, report all.

A broken pack never produces a traceback: every problem of every file is
collected and raised as one :class:`~swc_core.errors.ContentError`, each
problem with the ``file:line`` of the offending value.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..errors import ContentError, Problem, ProblemList
from ..messages import text
from ..yamlfile import read_yaml, validate, yaml_warnings
from .checks import Loaded, run_checks
from .pack import ContentPack
from .schema import (
    Beslisboom,
    CanvasFile,
    CompetencesFile,
    FormsFile,
    GlossaryFile,
    InstrumentsFile,
    LensesFile,
    PackMeta,
    PatternsFile,
    ProgrammeFile,
    RolesFile,
    ToetsFile,
    TypologieFile,
    Vocab,
)

DEFAULT_CONTENT_DIR = Path(__file__).resolve().parents[2] / "data" / "content"

# The pack, in one place: every file and the model of its contents.
PACK_FILES: dict[str, type[BaseModel]] = {
    "pack.yml": PackMeta,
    "canvas.yml": CanvasFile,
    "forms.yml": FormsFile,
    "beslisboom.yml": Beslisboom,
    "typologie.yml": TypologieFile,
    "toets.yml": ToetsFile,
    "patterns.yml": PatternsFile,
    "competences.yml": CompetencesFile,
    "roles.yml": RolesFile,
    "lenses.yml": LensesFile,
    "programme.yml": ProgrammeFile,
    "instruments.yml": InstrumentsFile,
    "vocab.yml": Vocab,
    "glossary.yml": GlossaryFile,
}


# Packs already loaded by this process, with the state of their files then. A pack
# is frozen, so one object can serve every page and dashboard of a kernel; a
# changed, added or removed file means a fresh load.
_loaded: dict[Path, tuple[tuple, ContentPack]] = {}


def _files_state(folder: Path) -> tuple:
    """Name and content hash of every YAML file (reading ~100 kB is cheap next to parsing it)."""
    state = []
    for file in sorted(folder.glob("*.y*ml")):
        try:
            state.append((file.name, hashlib.blake2b(file.read_bytes(), digest_size=16).digest()))
        except OSError:
            state.append((file.name, None))  # unreadable: the load reports it
    return tuple(state)


def content_warnings(pack: ContentPack) -> list[Problem]:
    """Places in the pack's YAML files where YAML may not read what was meant (``yaml_warnings``), in file order."""
    return [w for file in sorted(pack.source.glob("*.y*ml")) for w in yaml_warnings(file)]


def load_content(path: Path | str | None = None) -> ContentPack:
    """The validated pack in ``path`` (default: the repository's data/content)."""
    folder = Path(path if path is not None else DEFAULT_CONTENT_DIR).expanduser().resolve()
    if folder.is_dir():
        state = _files_state(folder)
        cached = _loaded.get(folder)
        if cached is not None and cached[0] == state and all(h is not None for _, h in state):
            return cached[1]
        pack = _load(folder)
        _loaded[folder] = (state, pack)
        return pack
    return _load(folder)


def _load(folder: Path) -> ContentPack:
    what = f"inhoudspakket {folder}"
    problems = ProblemList()
    if not folder.is_dir():
        problems.add(
            text("content_check.no_folder"),
            where=str(folder),
            hint=text("content_check.no_folder_hint"),
        )
        problems.raise_if_any(ContentError, what)
    ld = Loaded(folder, problems)
    for name, model in PACK_FILES.items():
        doc = read_yaml(folder / name, problems)
        if doc is None:
            continue
        ld.docs[name] = doc
        parsed = validate(model, doc, problems)
        if parsed is not None:
            ld.models[name] = parsed
    for extra in sorted(p.name for p in folder.glob("*.y*ml") if p.name not in PACK_FILES):
        problems.add(
            text("content_check.unknown_file"),
            where=str(folder / extra),
            hint=text("content_check.unknown_file_hint", files=", ".join(PACK_FILES)),
        )
    run_checks(ld)
    problems.raise_if_any(ContentError, what)
    return _assemble(folder, ld.models)


def _assemble(folder: Path, m: dict[str, Any]) -> ContentPack:
    typ, pat, comp, roles, lenses = (
        m["typologie.yml"],
        m["patterns.yml"],
        m["competences.yml"],
        m["roles.yml"],
        m["lenses.yml"],
    )
    return ContentPack(
        source=folder,
        meta=m["pack.yml"],
        provenance={
            f"{Path(name).stem}.{section}": sources
            for name, model in m.items()
            for section, sources in getattr(model, "source", {}).items()
        },
        grid=m["canvas.yml"].grid,
        blocks=m["canvas.yml"].blocks,
        forms=m["forms.yml"].forms,
        part_questions=m["forms.yml"].part_questions,
        beslisboom=m["beslisboom.yml"],
        partnership_traits=typ.traits,
        partnership_types=typ.partnership_types,
        toets=m["toets.yml"].questions,
        patterns=pat.patterns,
        balance=pat.balance,
        competences=comp.competences,
        scale=comp.scale,
        development_goals=comp.development_goals,
        roles=roles.roles,
        axes=roles.axes,
        lenses=lenses.lenses,
        ladder=lenses.ladder,
        evaluation=lenses.evaluation,
        programme=m["programme.yml"].steps,
        instruments=m["instruments.yml"].instruments,
        vocab=m["vocab.yml"],
        glossary=m["glossary.yml"].terms,
    )
