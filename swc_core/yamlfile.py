"""Reading YAML files with line numbers, and validating them with pydantic.

ruamel.yaml's round-trip loader keeps the position of every key and list
item, so a validation error at ``teams[2].captain`` can be reported as
``edition.yml:41``. Both the content pack and editions use this module.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError

from .errors import Problem, ProblemList

M = TypeVar("M", bound=BaseModel)


class _Constructor(RoundTripConstructor):
    """Leaves dates as text, so pydantic validates them and a bad date gets its line."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", lambda self, node: self.construct_scalar(node))


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    return yaml


class YamlDocument:
    """A parsed YAML file that remembers where each value came from."""

    def __init__(self, path: Path, data: Any):
        self.path = path
        self.data = data

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
        if line == 1 and isinstance(node, (CommentedMap, CommentedSeq)) and node.lc.line is not None:
            return node.lc.line + 1
        return line


def read_yaml(path: Path, problems: ProblemList) -> YamlDocument | None:
    """Parse ``path``; on failure add a problem with the line and return None."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.add("bestand bestaat niet", where=str(path))
        return None
    except OSError as exc:
        problems.add(f"bestand kan niet gelezen worden ({exc.strerror})", where=str(path))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(
            f"geen geldige UTF-8-tekst (byte {exc.start})",
            where=f"{path}:{line}",
            hint="sla het bestand op als UTF-8",
        )
        return None
    try:
        data = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = exc.problem or exc.context or "onleesbare YAML"
        opened = exc.context_mark
        if exc.problem and opened is not None and opened.line + 1 != line:
            what += f" (begonnen op regel {opened.line + 1})"  # e.g. an unclosed [ or " further up
        problems.add(f"YAML-fout: {what}", where=f"{path}:{line}", hint="controleer inspringing, dubbele punten en aanhalingstekens")
        return None
    except Exception as exc:  # ruamel raises a few non-marked errors (e.g. duplicate keys)
        problems.add(f"YAML-fout: {exc}", where=str(path))
        return None
    if data is None:
        data = CommentedMap()
    return YamlDocument(path, data)


def loc_text(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# pydantic messages for the error types we meet, in Dutch
_MESSAGES = {
    "missing": "ontbreekt",
    "extra_forbidden": "onbekend veld",
    "string_type": "moet tekst zijn",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "float_type": "moet een getal zijn",
    "float_parsing": "moet een getal zijn",
    "bool_type": "moet ja/nee (true/false) zijn",
    "bool_parsing": "moet ja/nee (true/false) zijn",
    "list_type": "moet een lijst zijn",
    "dict_type": "moet een map (sleutel: waarde) zijn",
    "model_type": "moet een map (sleutel: waarde) zijn",
    "date_type": "moet een datum zijn (JJJJ-MM-DD)",
    "date_parsing": "moet een datum zijn (JJJJ-MM-DD)",
    "date_from_datetime_parsing": "moet een datum zijn (JJJJ-MM-DD)",
    "string_too_short": "mag niet leeg zijn",
}


def pydantic_message(err: dict) -> str:
    """A Dutch message for one pydantic error."""
    kind, ctx = err["type"], err.get("ctx", {})
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", err["msg"]))
    if kind == "string_pattern_mismatch":
        return f"ongeldige waarde {err['input']!r} (verwacht: kleine letters, cijfers en streepjes; patroon {ctx.get('pattern')})"
    if kind == "string_too_long":
        return f"is te lang (maximaal {ctx.get('max_length')} tekens)"
    if kind == "too_short":
        return f"moet minstens {ctx.get('min_length')} item(s) bevatten"
    if kind == "too_long":
        return f"mag hoogstens {ctx.get('max_length')} item(s) bevatten"
    if kind in ("literal_error", "enum"):
        return f"ongeldige waarde {err['input']!r}; kies uit {ctx.get('expected')}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        limit = next(iter(ctx.values()), "")
        op = {"greater_than_equal": ">=", "less_than_equal": "<=", "greater_than": ">", "less_than": "<"}[kind]
        return f"moet {op} {limit} zijn (gegeven: {err['input']!r})"
    return _MESSAGES.get(kind) or err["msg"]


def pydantic_problems(exc: ValidationError, doc: YamlDocument, prefix: tuple[Any, ...] = ()) -> list[Problem]:
    """Turn a pydantic ValidationError into problems with file:line."""
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(prefix) + tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        msg = pydantic_message(err)
        field = loc_text(loc)
        out.append(Problem(f"{field}: {msg}" if field else msg, where=doc.where(loc)))
    return out


def validate(model: type[M], doc: YamlDocument, problems: ProblemList, loc: tuple[Any, ...] = ()) -> M | None:
    """Validate the value at ``loc`` against ``model``; collect problems."""
    value = doc.data
    for key in loc:
        value = value[key]
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        problems.items.extend(pydantic_problems(exc, doc, loc))
        return None
