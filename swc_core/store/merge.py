"""Three-way merge of stored values: what two people changed from the same base, both kept.

A page saves a field based on the revision it last saw. When the store has
moved on meanwhile (another device, a teammate), the page's value (``mine``)
and the store's (``theirs``) are merged against that base instead of one
overwriting the other (issue 17: no silent last-writer-wins).

The rules, recursively over the JSON value:

* equal sides, or one side unchanged from the base: the other side's value;
* dicts: key by key (a key deleted on one side and changed on the other
  keeps the change: nothing typed is dropped);
* lists: items are units. An item changed on one side only takes that
  change; changed on both sides, the two changes are merged recursively;
  deleted on one side and changed on the other, the change is kept;
  insertions on both sides are both kept (``mine`` first, then ``theirs``;
  the same item inserted by both is kept once);
* lists of items that carry an ``"id"`` (Schakelbak parts, dilemmas,
  beslisboom runs) are aligned by id, so an item edited on one device and
  moved or neighboured by an insertion on the other is still one item;
* free-text strings: merged as text with the Yjs CRDT (:func:`merge_text`),
  so two people typing in one text field keep both contributions. Which
  strings are free text is the caller's ``is_text`` rule (read off the
  field's JSON schema with :func:`text_rule`): an id or a choice is a
  string too, and merging "netwerk" with "contract" as text would make a
  new word, so those are scalars;
* anything else changed two different ways (a choice, a number, a string
  against a list) is a conflict: the merged value keeps ``mine`` and the
  conflict lists both, so the page can show them and let the person pick.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from pycrdt import Doc, Text

# Fixed Yjs client ids: the base's, then each side's. Concurrent insertions at
# one place are ordered by client id (lowest first), so ``mine`` comes first,
# the same way every time.
_BASE_CLIENT, _MINE_CLIENT, _THEIRS_CLIENT = 1, 2, 3
_MISSING = object()  # a dict key that one side does not have


@dataclass(frozen=True)
class Conflict:
    """One place where both sides changed a value two ways that cannot be merged.

    ``path``: the keys and list indices from the field's value down to the
    conflicting value (``()`` for the value itself); ``mine``/``theirs``:
    both values.
    """

    path: tuple[str | int, ...]
    mine: Any
    theirs: Any


@dataclass
class Merged:
    """The merged value and the conflicts in it (``value`` holds ``mine`` at each conflict)."""

    value: Any
    conflicts: list[Conflict] = field(default_factory=list)


def merge_text(base: str, mine: str, theirs: str) -> str:
    """Both sides' edits of ``base``, merged the way Yjs merges two people typing.

    Each side's edits (:func:`edits`, a diff from ``base``) become Y text
    operations in a document forked from one holding ``base``; the two
    updates are applied to one document and its text is the result. Text
    deleted by one side and edited by the other loses the deleted
    characters but keeps the other's insertions; insertions at the same
    place are both kept, ``mine`` first.
    """
    if mine == theirs or theirs == base:
        return mine
    if mine == base:
        return theirs
    doc = Doc(client_id=_BASE_CLIENT)
    doc.get("t", type=Text).insert(0, base)
    start = doc.get_update()
    merged = _forked_edit(start, base, mine, _MINE_CLIENT)
    other = _forked_edit(start, base, theirs, _THEIRS_CLIENT)
    merged.apply_update(other.get_update())
    return str(merged.get("t", type=Text))


def _forked_edit(start: bytes, base: str, new: str, client_id: int) -> Doc:
    """A document forked from ``start`` (holding ``base``) with the edits base→new applied."""
    doc = Doc(client_id=client_id)
    doc.apply_update(start)
    text = doc.get("t", type=Text)
    with doc.transaction():
        # From the end backwards, so the base's offsets of earlier edits stay valid.
        for i1, i2, j1, j2 in reversed(edits(base, new)):
            at = _utf8_len(base[:i1])  # Yrs counts offsets in UTF-8 bytes
            if i2 > i1:
                del text[at : at + _utf8_len(base[i1:i2])]
            if j2 > j1:
                text.insert(at, new[j1:j2])
    return doc


CHAR_DIFF_LIMIT = (
    1_000_000  # len(a) * len(b) up to which two texts are compared character by character
)
UNIT_DIFF_LIMIT = (
    4_000_000  # the same for lines or words; past it difflib's faster "junk" heuristic is used
)
_LEVELS = (
    lambda s: s.splitlines(keepends=True),
    re.compile(r"\s*\S+\s*|\s+").findall,
)  # lines, then words


def edits(a: str, b: str, level: int = 0) -> list[tuple[int, int, int, int]]:
    """The changes from ``a`` to ``b``: ``(i1, i2, j1, j2)``, ``a[i1:i2]`` becomes ``b[j1:j2]``, in order.

    Close to a minimal character diff, in bounded time: the common start and
    end are cut off first (most saves change one place); what is left is
    compared character by character when small, else line by line and then
    word by word inside the lines that differ (difflib is quadratic: a
    character diff of two 20,000-character texts took 27 s here).
    """
    p = len(os.path.commonprefix([a, b]))
    tail = len(os.path.commonprefix([a[p:][::-1], b[p:][::-1]]))
    a_mid, b_mid = a[p : len(a) - tail], b[p : len(b) - tail]
    if not a_mid and not b_mid:
        return []
    if (
        not a_mid
        or not b_mid
        or level >= len(_LEVELS)
        or len(a_mid) * len(b_mid) <= CHAR_DIFF_LIMIT
    ):
        if not a_mid or not b_mid or len(a_mid) * len(b_mid) > CHAR_DIFF_LIMIT:
            return [(p, p + len(a_mid), p, p + len(b_mid))]
        matcher = difflib.SequenceMatcher(None, a_mid, b_mid, autojunk=False)
        return [
            (p + i1, p + i2, p + j1, p + j2)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            if tag != "equal"
        ]
    ua, ub = _LEVELS[level](a_mid), _LEVELS[level](b_mid)
    if len(ua) <= 1 and len(ub) <= 1:
        return [
            (p + i1, p + i2, p + j1, p + j2) for i1, i2, j1, j2 in edits(a_mid, b_mid, level + 1)
        ]
    oa, ob = _offsets(ua), _offsets(ub)
    matcher = difflib.SequenceMatcher(None, ua, ub, autojunk=len(ua) * len(ub) > UNIT_DIFF_LIMIT)
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        x, y = p + oa[i1], p + ob[j1]
        if tag == "replace":
            out += [
                (x + k1, x + k2, y + m1, y + m2)
                for k1, k2, m1, m2 in edits(
                    a_mid[oa[i1] : oa[i2]], b_mid[ob[j1] : ob[j2]], level + 1
                )
            ]
        else:
            out.append((x, p + oa[i2], y, p + ob[j2]))
    return out


def _offsets(units: list[str]) -> list[int]:
    out = [0]
    for unit in units:
        out.append(out[-1] + len(unit))
    return out


def _utf8_len(s: str) -> int:
    return len(s.encode("utf-8", "surrogatepass"))


IsText = Callable[[tuple], bool]  # path inside a value -> is the string there free text?
ATOMIC_MAX_LENGTH = 63  # ids and choices (``swc_core.model.base.Ref``) are at most this long


def merge_values(base: Any, mine: Any, theirs: Any, is_text: IsText | None = None) -> Merged:
    """Merge two JSON values changed from ``base`` (see the module's rules); never raises on JSON input.

    ``is_text(path)``: whether the string at ``path`` is free text (merged
    character by character) rather than an id or choice (a conflict when
    changed two ways); default: every string is free text.
    """
    conflicts: list[Conflict] = []
    value = _Merger(is_text or (lambda path: True), conflicts).merge(base, mine, theirs, ())
    return Merged(value, conflicts)


def text_rule(schema: dict) -> IsText:
    """The ``is_text`` rule of a value described by ``schema`` (pydantic's JSON schema of the field's type).

    A string is free text unless its schema bounds it to at most
    :data:`ATOMIC_MAX_LENGTH` characters (the model's ids and choices); a
    path the schema does not describe counts as text.
    """
    defs = schema.get("$defs", {})

    def resolve(node: dict) -> list[dict]:
        if "$ref" in node:
            return resolve(defs.get(node["$ref"].rsplit("/", 1)[-1], {}))
        if "anyOf" in node:
            return [n for branch in node["anyOf"] for n in resolve(branch)]
        return [node]

    def is_text(path: tuple) -> bool:
        nodes = resolve(schema)
        for step in path:
            below = []
            for node in nodes:
                if isinstance(step, int):
                    below += resolve(node["items"]) if isinstance(node.get("items"), dict) else []
                elif step in node.get("properties", {}):
                    below += resolve(node["properties"][step])
                elif isinstance(node.get("additionalProperties"), dict):
                    below += resolve(node["additionalProperties"])
            nodes = below
        strings = [n for n in nodes if n.get("type") == "string"]
        if not strings:
            return True
        return any(n.get("maxLength", ATOMIC_MAX_LENGTH + 1) > ATOMIC_MAX_LENGTH for n in strings)

    return is_text


def _same(a: Any, b: Any) -> bool:
    """JSON equality (``True`` is not ``1``, key order does not count)."""
    if a is _MISSING or b is _MISSING:
        return a is b
    return _key(a) == _key(b)


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


class _Merger:
    def __init__(self, is_text: IsText, conflicts: list[Conflict]):
        self.is_text = is_text
        self.conflicts = conflicts

    def merge(self, base: Any, mine: Any, theirs: Any, path: tuple) -> Any:
        if _same(mine, theirs) or _same(theirs, base):
            return mine
        if _same(mine, base):
            return theirs
        if mine is _MISSING:  # removed here, changed elsewhere: keep the change
            return theirs
        if theirs is _MISSING:
            return mine
        if isinstance(mine, dict) and isinstance(theirs, dict):
            return self.merge_dicts(base if isinstance(base, dict) else {}, mine, theirs, path)
        if isinstance(mine, list) and isinstance(theirs, list):
            return self.merge_lists(base if isinstance(base, list) else [], mine, theirs, path)
        if isinstance(mine, str) and isinstance(theirs, str) and self.is_text(path):
            return merge_text(base if isinstance(base, str) else "", mine, theirs)
        self.conflicts.append(Conflict(path, mine, theirs))
        return mine

    def merge_dicts(self, base: dict, mine: dict, theirs: dict, path: tuple) -> dict:
        out = {}
        keys = list(mine) + [k for k in theirs if k not in mine]
        keys += [k for k in base if k not in mine and k not in theirs]
        for k in keys:
            v = self.merge(
                base.get(k, _MISSING), mine.get(k, _MISSING), theirs.get(k, _MISSING), path + (k,)
            )
            if v is not _MISSING:
                out[k] = v
        return out

    def merge_lists(self, base: list, mine: list, theirs: list, path: tuple) -> list:
        by_id = all(_has_id(x) for x in (*base, *mine, *theirs))
        key = _id_of if by_id else _key
        a, b = _side(base, mine, key, by_id), _side(base, theirs, key, by_id)
        out: list = []
        for i in range(len(base) + 1):
            out += self.inserted_by_both(a.inserted[i], b.inserted[i], key, path + (len(out),))
            if i == len(base):
                break
            m = base[i] if a.fate[i] is _KEPT else a.fate[i]
            t = base[i] if b.fate[i] is _KEPT else b.fate[i]
            v = self.merge(base[i], m, t, path + (len(out),))
            if v is not _MISSING:
                out.append(v)
        return self.one_per_id(base, out, path) if by_id else out

    def one_per_id(self, base: list, items: list, path: tuple) -> list:
        """An item moved on one side and edited on the other appears twice: merge it into its first place."""
        base_of = {x["id"]: x for x in base}
        out: list = []
        first: dict[str, int] = {}
        for item in items:
            if item["id"] in first:
                n = first[item["id"]]
                out[n] = self.merge(base_of.get(item["id"], _MISSING), out[n], item, path + (n,))
            else:
                first[item["id"]] = len(out)
                out.append(item)
        return out

    def inserted_by_both(self, mine: list, theirs: list, key, path: tuple) -> list:
        """Both sides' new items at one place: mine first; an item both added (same key) once, merged."""
        out = list(mine)
        at = {key(x): n for n, x in enumerate(mine)}
        for item in theirs:
            if key(item) in at:
                n = at[key(item)]
                out[n] = self.merge(_MISSING, out[n], item, path[:-1] + (path[-1] + n,))
            else:
                out.append(item)
        return out


def _has_id(item: Any) -> bool:
    return isinstance(item, dict) and isinstance(item.get("id"), str)


def _id_of(item: dict) -> str:
    return item["id"]


@dataclass
class _Side:
    """What one side did to each base item: its fate per index, and what it inserted before each index."""

    fate: list[Any]  # per base index: _KEPT, _MISSING (deleted) or the changed item
    inserted: list[list[Any]]  # per base index 0..n: new items placed before it (n: at the end)


_KEPT = object()


def _side(base: list, new: list, key: Callable[[Any], str], by_id: bool) -> _Side:
    """How ``new`` differs from ``base``, item by item (``by_id``: items with other ids are other items)."""
    n = len(base)
    side = _Side([_KEPT] * n, [[] for _ in range(n + 1)])
    ops = difflib.SequenceMatcher(
        None, [key(x) for x in base], [key(x) for x in new], autojunk=False
    ).get_opcodes()
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":  # same keys; by id, the item itself may have changed
            for k in range(i2 - i1):
                if not _same(base[i1 + k], new[j1 + k]):
                    side.fate[i1 + k] = new[j1 + k]
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" and not by_id else 0
        for k in range(paired):  # an item replaced in place: a change of that item
            side.fate[i1 + k] = new[j1 + k]
        for i in range(i1 + paired, i2):
            side.fate[i] = _MISSING
        side.inserted[i2 if paired else i1].extend(new[j1 + paired : j2])
    return side
