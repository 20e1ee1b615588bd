"""Hostile and awkward participant text, saved into every free-text field of an edition.

Whatever a participant types is data: in handouts, the praktijkboek,
dashboards and figure labels it must show as typed and nothing may run.
``PAYLOADS`` holds the texts; :func:`payload_items` spreads them over every
free-text field of the demo answers (and every team homework field), each
with a serial number (``payload(n)``) so every field's text is unique and a
test can tell which field went missing. It goes through the real model: a string is replaced only where ``parse_field``
accepts the payload and the content-pack check finds nothing new, so ids,
choices and numbers stay valid. Independent of any renderer, so every test
that shows participant text can reuse it.
"""

from __future__ import annotations

from typing import Any, Iterator

from swc_core.answers_file import import_answers, read_answers
from swc_core.edition import Edition
from swc_core.model import MAX_TEXT, Workbook, homework_field, is_team_field, parse_field

from conftest import REPO

ALERT_MARK = (
    "swc-payload"  # every payload that would run code calls alert(); a dialog fails the test
)

LONG = ("Lange tekst van een deelnemer die alles in één veld plakt. " * 400)[
    : MAX_TEXT - 20
] + " EINDE"

PAYLOADS: list[str] = [
    "<script>alert('swc-payload script')</script>",
    "<img src=x onerror=\"alert('swc-payload img')\">",
    "\"><svg onload=alert('swc-payload svg')>",
    "</script><script>alert('swc-payload breakout')</script>",
    "<style>body{display:none}</style>Onzichtbaar?",
    "**vet** _schuin_ [klik](javascript:alert('swc-payload md')) # geen kop",
    "{{7*7}} ${7*7} $x^2$ {% raw %}",
    "Boeren 👩‍🌾 en water 💧: ‘enkel’ “dubbel” \"recht\" 'apostrof' & &amp; &lt;b&gt; <b>niet vet</b>",
    "regel één\nregel twee\n\n<i>regel vier</i>",
    LONG,
]


def payload(n: int) -> str:
    """The ``n``-th payload text: the payloads in turn, each made unique by its serial number."""
    return f"{PAYLOADS[n % len(PAYLOADS)]} ·{n}"


def is_payload(value: Any) -> bool:
    return isinstance(value, str) and any(value.startswith(p) for p in PAYLOADS)


def payload_texts(items: list[tuple[str, str, Any]]) -> dict[tuple[str, str], list[str]]:
    """``{(subject, field key): [payload texts in it]}`` for the items :func:`payload_items` made."""
    out: dict[tuple[str, str], list[str]] = {}
    for subject, key, value in items:
        found = [v for _path, v in _leaves(value) if is_payload(v)]
        if found:
            out[(subject, key)] = found
    return out


def _leaves(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string value inside ``value`` (dict keys are ids and stay), with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _leaves(item, (*path, i))


def _replaced(value: Any, path: tuple, new: str) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replaced(value[head], rest, new)}
    return [_replaced(item, rest, new) if i == head else item for i, item in enumerate(value)]


def _problems(key: str, value: Any, pack) -> int | None:
    """How many content-pack problems ``value`` has; None when ``parse_field`` refuses it."""
    try:
        parsed = parse_field(key, value)
    except Exception:  # noqa: BLE001 - refused: not a free-text place
        return None
    return (
        0
        if is_team_field(key)
        else len(Workbook.from_fields({key: parsed}).check_against_pack(pack))
    )


def with_payloads(key: str, value: Any, pack, start: int = 0) -> tuple[Any, int]:
    """``value`` with every free-text string replaced by a payload (in turn, from ``start``).

    A string counts as free text when the model takes a payload in its place
    and the content-pack check finds no more problems than before (ids and
    choices fail one or the other).
    """
    n, before = start, _problems(key, value, pack)
    for path, _original in list(_leaves(value)):
        candidate = _replaced(value, path, payload(n))
        after = _problems(key, candidate, pack)
        if after is not None and before is not None and after <= before:
            value, n = candidate, n + 1
    return value, n


def payload_items(edition: Edition) -> list[tuple[str, str, Any]]:
    """The demo answers with payloads in every free-text field, plus every team homework field."""
    pack = edition.content
    items, n = [], 0
    for subject, key, value in read_answers(REPO / "data" / "demo" / "answers.yml", edition):
        value, n = with_payloads(key, value, pack, n)
        items.append((subject, key, parse_field(key, value)))
    for team in edition.teams:
        for step in pack.programme:
            for field in step.team_fields:
                items.append((team, homework_field(step.id, field.id), payload(n)))
                n += 1
    return items


def save_payloads(store, edition: Edition) -> int:
    """Save :func:`payload_items` as new revisions; returns how many fields changed."""
    return import_answers(store, edition, payload_items(edition), author="payloads").saved
