"""Reading YAML files with line numbers, and validating them with pydantic.

ruamel.yaml's round-trip loader keeps the position of every key and list
item, so a validation error at ``teams[2].captain`` can be reported as
``edition.yml:41``. Both the content pack and editions use this module.

It also finds where YAML reads something other than what the text seems to
say (:func:`yaml_warnings`, :func:`text_hint`). The loader reads YAML 1.2
(ruamel's default), so ``yes``, ``no``, ``on``, ``off``, ``y`` and ``n`` stay
text and only ``true``/``false`` are booleans; ``0612`` is the number 612
(YAML 1.2 octals are written ``0o14``); dates stay text here so pydantic
checks them; duplicate keys and tabs in indentation are refused by ruamel.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from pathlib import Path
from typing import Any, Iterable, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scanner import RoundTripScanner
from ruamel.yaml.tokens import (
    AliasToken,
    AnchorToken,
    BlockEntryToken,
    BlockMappingStartToken,
    BlockSequenceStartToken,
    CommentToken,
    FlowMappingStartToken,
    FlowSequenceStartToken,
    ScalarToken,
    TagToken,
    Token,
    ValueToken,
)

from .errors import Problem, ProblemList
from .messages import text as message

M = TypeVar("M", bound=BaseModel)


class _Constructor(RoundTripConstructor):
    """Leaves dates as text, so pydantic validates them and a bad date gets its line."""


_Constructor.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda self, node: self.construct_scalar(node)
)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    return yaml


class YamlDocument:
    """A parsed YAML file that remembers where each value came from."""

    def __init__(self, path: Path, data: Any, source: str = ""):
        self.path = path
        self.data = data
        self.lines = source.splitlines()

    def where(self, loc: Iterable[Any] = ()) -> str:
        """``file:line`` of the value at ``loc`` (or its nearest parent)."""
        return f"{self.path}:{self.line(loc)}"

    def line(self, loc: Iterable[Any] = ()) -> int:
        node, line = self.data, 1
        for key in loc:
            if isinstance(node, CommentedMap) and key in node:
                line = node.lc.key(key)[0] + 1
                node = node[key]
            elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
                line = node.lc.item(key)[0] + 1
                node = node[key]
            else:
                break
        else:
            return line
        # An unknown key under a map: point at the map itself.
        if (
            line == 1
            and isinstance(node, (CommentedMap, CommentedSeq))
            and node.lc.line is not None
        ):
            return node.lc.line + 1
        return line

    def raw(self, loc: Iterable[Any]) -> str | None:
        """The value at ``loc`` as written on its (first) line, without a comment; None if unknown."""
        *parents, last = loc
        node = self.data
        try:
            for key in parents:
                node = node[key]
            line, column = (
                node.lc.value(last) if isinstance(node, CommentedMap) else node.lc.item(last)
            )
        except (AttributeError, KeyError, IndexError, TypeError):
            return None
        if line >= len(self.lines):
            return None
        return re.split(r"\s#", self.lines[line][column:], maxsplit=1)[0].strip() or None


def read_yaml(path: Path, problems: ProblemList) -> YamlDocument | None:
    """Parse ``path``; on failure add a problem with the line and return None."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.add(message("yaml.no_file"), where=str(path))
        return None
    except OSError as exc:
        problems.add(message("yaml.unreadable", reason=exc.strerror), where=str(path))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(
            message("yaml.not_utf8", byte=exc.start),
            where=f"{path}:{line}",
            hint=message("yaml.not_utf8_hint"),
        )
        return None
    try:
        data = _yaml().load(text)
    except MarkedYAMLError as exc:
        problems.items.append(_syntax_problem(exc, path, text.splitlines()))
        return None
    except Exception as exc:  # ruamel raises a few non-marked errors
        problems.add(message("yaml.error", what=exc), where=str(path))
        return None
    if data is None:
        data = CommentedMap()
    return YamlDocument(path, data, text)


# Parser complaints that mostly mean "this character, meant as text, is YAML syntax here":
# ": " or " #" inside a value, or a value that starts with - ? > | @ ` % * [ {.
_TEXT_AS_SYNTAX = (
    "mapping values are not allowed",
    "sequence entries are not allowed",
    "mapping keys are not allowed",
    "cannot start any token",
    "found undefined alias",
    "expected a comment or a line break",
)


def _syntax_problem(exc: MarkedYAMLError, path: Path, lines: list[str]) -> Problem:
    """One Dutch problem for a file ruamel cannot read, at the line it stopped, with the likely fix."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else 1
    where = f"{path}:{line}"
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    opened = exc.context_mark
    if isinstance(exc, DuplicateKeyError) and opened is not None:
        key = source.strip().removeprefix("- ").partition(":")[0].strip()
        return Problem(
            message("yaml.duplicate_key", name=key, start=opened.line + 1),
            where,
            message("yaml.duplicate_key_hint"),
        )
    what = exc.problem or exc.context or message("yaml.unreadable_yaml")
    if exc.problem and opened is not None and opened.line + 1 != line:
        what += message(
            "yaml.opened_on", line=opened.line + 1
        )  # e.g. an unclosed [ or " further up
    hint = message("yaml.error_hint")
    if "'\\t'" in what:
        hint = message("yaml.tab_hint")
    elif any(part in what for part in _TEXT_AS_SYNTAX) and source.strip():
        hint = message("yaml.syntax_hint", example=_quote_example(source))
    return Problem(message("yaml.error", what=what), where, hint)


def _quote_example(line: str) -> str:
    """``casus: Dagdeel 1: start`` -> ``casus: "Dagdeel 1: start"``: the line with its value in quotes."""
    body = line.strip()
    dash = "- " if body.startswith("- ") else ""
    key, sep, value = body[len(dash) :].partition(": ")
    return f"{dash}{key}: {_quoted(value.strip())}" if sep else dash + _quoted(body[len(dash) :])


def _quoted(value: str) -> str:
    """``value`` as a YAML string in quotes: double quotes, or single ones if it holds " or \\."""
    if '"' in value or "\\" in value:
        return "'" + value.replace("'", "''") + "'"
    return f'"{value}"'


def loc_text(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def pydantic_message(err: dict) -> str:
    """A Dutch message for one pydantic error."""
    kind, ctx = err["type"], err.get("ctx", {})
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", err["msg"]))
    if kind == "string_pattern_mismatch":
        return message("yaml.pydantic.pattern", value=err["input"], pattern=ctx.get("pattern"))
    if kind == "string_too_long":
        return message("yaml.pydantic.text_too_long", count=ctx.get("max_length"))
    if kind == "too_short":
        return message("yaml.pydantic.too_few_items", min=ctx.get("min_length"))
    if kind == "too_long":
        return message("yaml.pydantic.too_many_items", max=ctx.get("max_length"))
    if kind in ("literal_error", "enum"):
        return message("yaml.pydantic.choice", value=err["input"], expected=ctx.get("expected"))
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        limit = next(iter(ctx.values()), "")
        op = {
            "greater_than_equal": ">=",
            "less_than_equal": "<=",
            "greater_than": ">",
            "less_than": "<",
        }[kind]
        return message("yaml.pydantic.limit", op=op, limit=limit, value=err["input"])
    try:  # the pydantic error types we meet have a Dutch message under yaml.pydantic
        return message(f"yaml.pydantic.{kind}") or err["msg"]
    except KeyError:
        return err["msg"]


def pydantic_problems(
    exc: ValidationError, doc: YamlDocument, prefix: tuple[Any, ...] = ()
) -> list[Problem]:
    """Turn a pydantic ValidationError into problems with file:line."""
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(prefix) + tuple(
            p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))
        )
        msg = pydantic_message(err)
        field = loc_text(loc)
        hint = text_hint(doc, loc, err.get("input")) if err["type"] == "string_type" else None
        out.append(Problem(f"{field}: {msg}" if field else msg, where=doc.where(loc), hint=hint))
    return out


def validate(
    model: type[M], doc: YamlDocument, problems: ProblemList, loc: tuple[Any, ...] = ()
) -> M | None:
    """Validate the value at ``loc`` against ``model``; collect problems."""
    value = doc.data
    for key in loc:
        value = value[key]
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        problems.items.extend(pydantic_problems(exc, doc, loc))
        return None


# ---------------------------------------------------------------- what YAML reads


def text_hint(doc: YamlDocument, loc: Iterable[Any], value: Any) -> str | None:
    """Why ``value`` at ``loc`` is not text although it looks like it, and the fix; None if it is text.

    For a value that YAML 1.2 reads as a number (``0612``, ``1.10``), a
    boolean (``true``), empty (nothing, ``~``, ``null``), a map (``Doel: x``
    on its own line) or a list (``- x``) where text is expected.
    """
    if isinstance(value, str):
        return None
    if value is None:
        return message("yaml.typed.empty")
    loc = list(loc)
    raw = doc.raw(loc) if loc and not isinstance(value, (dict, list)) else None
    if isinstance(value, bool):
        reading = message("yaml.typed.bool", raw=raw or value)
    elif isinstance(value, (int, float)):
        reading = message("yaml.typed.number", raw=raw or value)
    elif isinstance(value, (dict, list)):
        reading = message("yaml.typed.map" if isinstance(value, dict) else "yaml.typed.list")
        raw = _first_line(value, doc)
    else:
        return None
    prefix = f"{loc[-1]}: " if loc and isinstance(loc[-1], str) else "- " if loc else ""
    return message("yaml.typed.hint", reading=reading, example=prefix + _quoted(raw or "..."))


def _first_line(node: Any, doc: YamlDocument) -> str | None:
    """The first line of a map or list as written (``Doel: x`` or ``- x``)."""
    lc = getattr(node, "lc", None)  # only ruamel's own maps and lists know where they were
    line, column = getattr(lc, "line", None), getattr(lc, "col", None)
    if line is None or column is None or line >= len(doc.lines):
        return None
    return doc.lines[line][column:].strip() or None


class _Scanner(RoundTripScanner):
    """ruamel's round-trip scanner that also keeps every comment it reads, before it is attached."""

    def fetch_comment(self, comment: Any) -> None:
        if not hasattr(self, "seen_comments"):
            self.seen_comments: list[CommentToken] = []
        value, start, end = comment
        self.seen_comments.append(CommentToken(value, start, end))
        super().fetch_comment(comment)


def _scan(text: str) -> tuple[list[Token], list[CommentToken]]:
    """Every token and comment of ``text``; for a broken file, those up to the error."""
    yaml = YAML(typ="rt")
    yaml.Scanner = _Scanner
    tokens: list[Token] = []
    queued: list[Token] = []
    try:
        for token in yaml.scan(text):
            tokens.append(token)
            queued = yaml.scanner.tokens  # the scanner's queue; kept, since an error discards it
    except YAMLError:
        tokens += [t for t in queued if not isinstance(t, CommentToken)]
    return tokens, list(getattr(yaml.scanner, "seen_comments", []))


def yaml_warnings(path: Path) -> list[Problem]:
    """Where the YAML in ``path`` reads something other than the text seems to say.

    In: a file. Out: one :class:`Problem` per place, ``where`` = ``file:line``
    and ``hint`` = how to keep the text (quotes); ``[]`` for a file that
    cannot be read (:func:`read_yaml` reports that). Warnings, not errors:
    the file is valid YAML, only perhaps not what a trainer meant.

    - A comment right after a value: the YAML 1.2 spec (section 6.6) says
      "comments must be separated from other tokens by white space
      characters", so in ``organisation: Gemeente Testdorp #2`` the value
      ends before `` #2``. A comment in the usual form, at least two spaces
      before the ``#`` and one after it (yamllint's defaults for its
      ``comments`` rule), is taken as meant and not reported.
    - An anchor ``&Co`` or tag ``!belangrijk`` at the start of a value: YAML
      syntax (spec 6.9), not text; ``&Co`` vanishes from the value. Anchors
      that an alias uses and ``!!`` tags (``!!str``) are taken as meant.
    """
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    tokens, comments = _scan(source)
    lines = source.splitlines()
    starts = [(t.start_mark.line, t.start_mark.column) for t in tokens]
    found = [
        _comment_warning(c, tokens, starts, lines) for c in comments if c.value.startswith("#")
    ]
    used = {t.value for t in tokens if isinstance(t, AliasToken)}
    for i, token in enumerate(tokens):
        if isinstance(token, AnchorToken) and token.value not in used:
            found.append(_mark_warning("yaml.anchor", i, tokens, lines))
        elif isinstance(token, TagToken) and token.value[0] != "!!":
            found.append(_mark_warning("yaml.tag", i, tokens, lines))
    found = sorted((w for w in found if w is not None), key=lambda w: w[0])
    return [Problem(msg, f"{path}:{line + 1}", hint) for line, msg, hint in found]


def _set_apart(gap: str, note: str) -> bool:
    """A comment in the usual form: two spaces (or a tab) before the ``#``, a space after it."""
    return (len(gap) >= 2 or "\t" in gap) and (note == "#" or note.startswith("# "))


_COLLECTION_START = (
    BlockMappingStartToken,
    BlockSequenceStartToken,
    FlowMappingStartToken,
    FlowSequenceStartToken,
)


def _comment_warning(
    comment: CommentToken, tokens: list[Token], starts: list[tuple[int, int]], lines: list[str]
):
    """(line, message, hint) when ``comment`` cuts a value short or leaves it empty; else None."""
    line, column = comment.start_mark.line, comment.start_mark.column
    index = _token_before(tokens, starts, line, column)
    if index is None:
        return None  # a comment on a line of its own
    before = tokens[index]
    gap = lines[line][before.end_mark.column : column]
    note = comment.value.split("\n", 1)[0].rstrip()
    if isinstance(before, ScalarToken) and before.plain:
        if _set_apart(gap, note):
            return None
        reading, kept, start = f"'{before.value}'", before.value + gap + note, before.start_mark
    elif isinstance(before, (ValueToken, BlockEntryToken)):
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        list_below = isinstance(before, ValueToken) and isinstance(
            after, BlockEntryToken
        )  # "key: #c" + "- x"
        if isinstance(after, _COLLECTION_START) or list_below:
            return None  # the value is the map or list below: nothing is cut off
        if note == "#" or note.startswith("# "):
            return None  # "casus: # nog invullen": an empty value with a note, as meant
        below = (
            after.value if isinstance(after, ScalarToken) and after.plain else None
        )  # "casus: #2" + text below
        reading = f"'{below}'" if below is not None else message("yaml.empty")
        kept, start = note if below is None else f"{note} {below}", before.end_mark
    else:
        return None  # after a quoted value, a ] or a }: the comment cuts nothing off
    return (
        line,
        message("yaml.comment", reading=reading, comment=note),
        message("yaml.comment_hint", example=_example(lines, start, kept)),
    )


def _token_before(
    tokens: list[Token], starts: list[tuple[int, int]], line: int, column: int
) -> int | None:
    """Index of the last token with width that starts before (line, column), if it ends on ``line``."""
    for i in range(bisect_left(starts, (line, column)) - 1, -1, -1):
        start, end = tokens[i].start_mark, tokens[i].end_mark
        if (start.line, start.column) != (end.line, end.column):  # skip the markers without width
            return i if end.line == line else None
    return None


def _mark_warning(key: str, index: int, tokens: list[Token], lines: list[str]):
    """(line, message, hint) for an anchor or tag that starts a value."""
    token = tokens[index]
    start, end = token.start_mark, token.end_mark
    mark = lines[start.line][start.column : end.column]
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    if isinstance(after, ScalarToken):
        reading = f"'{after.value}'"
        same_line = after.end_mark.line == start.line
        kept = lines[start.line][start.column : after.end_mark.column] if same_line else mark
    else:
        reading, kept = message("yaml.empty"), mark
    hint = message("yaml.quote_hint", example=_example(lines, start, kept))
    return start.line, message(key, mark=mark, reading=reading), hint


def _example(lines: list[str], start: Any, kept: str) -> str:
    """The line of ``start`` with ``kept`` in quotes as its value: ``organisation: "Gemeente Testdorp #2"``.

    Inside [ ] or { } only the value itself, up to the next , ] or }: ``"p01 #kapitein"``.
    """
    prefix = lines[start.line][: start.column].strip()
    if "[" in prefix or "{" in prefix:
        return _quoted(re.split(r"[,\]}]", kept, maxsplit=1)[0].rstrip())
    return f"{prefix} {_quoted(kept)}" if prefix else _quoted(kept)
