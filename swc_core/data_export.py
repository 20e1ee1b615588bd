"""Export of an edition's entries to CSV or Excel, for trainers.

One row per field (its latest value) or, with ``history``, one row per
revision. Participant text is data: in CSV a value that a spreadsheet would
read as a formula (starting with = + - @) gets a leading apostrophe, and in
Excel every value is written as a string cell, never as a formula.
"""
from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pandas as pd

from .atomic import atomic_path
from .edition import Edition
from .errors import InputError
from .store import Revision, Store

FORMATS = ("csv", "xlsx")
COLUMNS = ["editie", "onderwerp", "soort", "naam", "team", "veld", "waarde", "auteur", "opgeslagen_op", "revisie"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def entries_frame(store: Store, edition: Edition, history: bool = False) -> pd.DataFrame:
    if history:
        revs: list[Revision] = store.history(edition.name)
    else:
        revs = [r for fields in store.latest(edition.name).values() for r in fields.values()]
        revs.sort(key=lambda r: (r.subject, r.field))
    rows = []
    for r in revs:
        if r.subject in edition.participants:
            kind, name = "deelnemer", edition.participants[r.subject].name
            team = edition.team_of(r.subject)
            team_id = team.id if team else ""
        elif r.subject in edition.teams:
            kind, name, team_id = "team", edition.teams[r.subject].name, r.subject
        else:
            kind, name, team_id = "onbekend", "", ""
        rows.append([edition.name, r.subject, kind, name, team_id, r.field, _text(r.value), r.author,
                     r.saved_at.isoformat(timespec="seconds"), r.id])
    return pd.DataFrame(rows, columns=COLUMNS)


def _defuse(cell: Any) -> Any:
    return "'" + cell if isinstance(cell, str) and cell.startswith(_FORMULA_START) else cell


def write_entries(frame: pd.DataFrame, target: Path, fmt: str) -> Path:
    if fmt not in FORMATS:
        raise InputError(f"onbekend formaat {fmt!r}", hint="kies csv of xlsx")
    target = Path(target)
    with atomic_path(target) as tmp:
        if fmt == "csv":
            frame.map(_defuse).to_csv(tmp, index=False, encoding="utf-8")
        else:
            _write_xlsx(frame, tmp)
    return target


def entries_bytes(frame: pd.DataFrame, fmt: str) -> bytes:
    """The same file as :func:`write_entries`, in memory (for a download)."""
    if fmt not in FORMATS:
        raise InputError(f"onbekend formaat {fmt!r}", hint="kies csv of xlsx")
    if fmt == "csv":
        return frame.map(_defuse).to_csv(index=False).encode("utf-8")
    buffer = io.BytesIO()
    _write_xlsx(frame, buffer)
    return buffer.getvalue()


def _write_xlsx(frame: pd.DataFrame, path: Path | io.BytesIO) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "antwoorden"
    sheet.append(list(frame.columns))
    for r, row in enumerate(frame.itertuples(index=False), start=2):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # a string cell, never a formula
    book.save(path)
