"""The pack as the cross-checks see it, and the three rules every check applies.

:class:`Loaded` holds the YAML documents and validated models read so far, so
a problem is reported at the ``file:line`` of the offending value. The shared
rules are our own, made for the code that reads the pack: ids are unique
(:func:`_unique`), the ids code relies on are there, in their order where it
matters (:func:`_fixed`, the list is ``schema.FIXED_IDS``), and a reference
names a known id (:func:`_known`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from pydantic import BaseModel

from ...errors import ProblemList
from ...messages import text
from ...yamlfile import YamlDocument
from ..schema import FIXED_IDS


@dataclass
class Loaded:
    """The pack's files as read so far: YAML documents and validated models by file name."""

    folder: Path
    problems: ProblemList
    docs: dict[str, YamlDocument] = field(default_factory=dict)
    models: dict[str, Any] = field(default_factory=dict)

    def where(self, file: str, *loc: Any) -> str:
        return self.docs[file].where(loc)

    def add(self, file: str, loc: Sequence[Any], message: str, hint: str | None = None) -> None:
        self.problems.add(message, where=self.where(file, *loc), hint=hint)


def _unique(
    ld: Loaded, file: str, key: Sequence[Any], items: Sequence[BaseModel], what: str
) -> bool:
    """Report repeated ids in ``items`` (found at ``key`` in ``file``); True if all unique."""
    seen: set[str] = set()
    ok = True
    for i, item in enumerate(items):
        if item.id in seen:
            ld.add(
                file,
                (*key, i, "id"),
                text("content_check.duplicate_id", what=what, id=item.id),
                hint=text("content_check.duplicate_id_hint"),
            )
            ok = False
        seen.add(item.id)
    return ok


def _fixed(
    ld: Loaded, file: str, key: Sequence[Any], items: Sequence[BaseModel], name: str, what: str
) -> None:
    """Unique ids, and the fixed ones of FIXED_IDS[name] (in order, if exact)."""
    if not _unique(ld, file, key, items, what):
        return  # the duplicate is the real problem; an order message would only distract
    mode, expected = FIXED_IDS[name]
    ids = [item.id for item in items]
    fixed_hint = text("content_check.fixed_ids", ids=", ".join(expected))
    for missing in (x for x in expected if x not in ids):
        ld.add(
            file, key, text("content_check.fixed_missing", what=what, id=missing), hint=fixed_hint
        )
    if mode != "exact":
        return
    for i, item_id in enumerate(ids):
        if item_id not in expected:
            ld.add(
                file,
                (*key, i, "id"),
                text("content_check.fixed_unknown", what=what, id=item_id),
                hint=fixed_hint + text("content_check.fixed_unknown_hint"),
            )
    positions = [i for i, x in enumerate(ids) if x in expected]
    wanted = [x for x in expected if x in ids]
    for pos, want in zip(positions, wanted):
        if ids[pos] != want:
            ld.add(
                file,
                (*key, pos, "id"),
                text("content_check.fixed_order", what=what, id=ids[pos], want=want),
                hint=text("content_check.fixed_order_hint", ids=", ".join(expected)),
            )
            break


def _known(
    ld: Loaded,
    file: str,
    loc: Sequence[Any],
    value: str,
    known: Iterable[str],
    what: str,
    source: str,
) -> bool:
    known = list(known)
    if value in known:
        return True
    ld.add(
        file,
        loc,
        text("content_check.unknown_ref", what=what, value=value),
        hint=text("content_check.known_in", source=source, ids=", ".join(known)),
    )
    return False
