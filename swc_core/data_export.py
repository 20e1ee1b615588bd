"""Export of an edition's entries to CSV or Excel, for trainers.

One row per field (its latest value) or, with ``history``, one row per
revision. Every value reaches the file as the text that was typed; where a
format cannot hold it, as the closest faithful text with a note in that cell
("[let op: …]", from the ``data_export`` catalogue) and a count in the
report, so a command can say what changed. Never silently, never a crash.

The limits, and what is done at each (a :class:`Fix` names each kind):

- Line breaks other than ``\\n`` (Word's soft break ``\\v``, a page break
  ``\\f``, ``\\r\\n``, ``\\r``): a worksheet refuses ``\\v`` and ``\\f``
  (XML 1.0, openpyxl's ``ILLEGAL_CHARACTERS_RE``) and XML reads every
  ``\\r`` back as ``\\n``, so they are written as ``\\n``, Excel's line
  break, which is what was meant (``LINE_BREAK``).
- Other C0 control characters, refused for the same reason: their visible
  Unicode "Control Pictures" sign, ``\\x01`` -> ``␁`` (``CONTROL``).
- Lone surrogates (no UTF-8 file can hold them) and U+FFFE/U+FFFF (no XML
  file may hold them): U+FFFD ``�`` (``INVALID``).
- More than 32,767 characters in one cell (Microsoft, "Excel specifications
  and limits"; counted as Excel counts, in UTF-16 code units, so an emoji
  is two): the text is kept whole, the rest goes into continuation columns
  ``<column>_vervolg_1``, ``_2``, … at the right of the sheet (``TOO_LONG``).
  The cell's note says so; the continuation cells hold only text, so
  joining them gives back the value. (Filling Excel's 16,384 columns would
  take one value of over 500 million characters: not checked.)
- More than 1,048,576 rows in one worksheet (same source): the rows go on
  over the sheets ``antwoorden 2``, ``antwoorden 3``, … (``SHEETS``). Sheet
  names never come from data, so Excel's rules for them (31 characters,
  none of ``[]:*?/\\``, unique) hold by construction.
- Text Excel reads as an escape, ``_xHHHH_`` (ECMA-376 ST_Xstring): its
  underscore is written as ``_x005F_``, as Excel itself and XlsxWriter do,
  so Excel shows what was typed (openpyxl does not decode these escapes).
- Formulas: in Excel every text is a string cell, never a formula; in CSV a
  cell that a spreadsheet would read as a formula (starting with = + - @,
  tab or CR) gets a leading apostrophe (``FORMULA``), in both dialects;
  also a continuation cell, so rejoin those from the Excel file.
- Emoji and every other character pass unchanged. Microsoft's list also
  names 253 line feeds per cell; that is left alone (not verified in Excel
  itself whether more are only hidden or refused).

CSV comes in two dialects: ``excel-nl`` (the default), what Excel on a Dutch
laptop opens right, UTF-8 with a BOM and ``;`` between the cells, with the
same cells as the Excel file; and ``plain``, UTF-8 without BOM and ``,``,
the exact text for other tools (only lone surrogates are replaced and
formulas defused). An ``excel-nl`` CSV with more rows than Excel shows is
written whole, with a count in the report (``CSV_ROWS``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import pandas as pd

from .atomic import write_bytes
from .edition import Edition
from .errors import InputError
from .messages import text as ui_text
from .store import Revision, Store

FORMATS = ("csv", "xlsx")
COLUMNS = [
    "editie",
    "onderwerp",
    "soort",
    "naam",
    "team",
    "veld",
    "waarde",
    "auteur",
    "opgeslagen_op",
    "revisie",
]
SHEET = "antwoorden"
CONTINUATION = "{column}_vervolg_{n}"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class CsvDialect:
    delimiter: str
    encoding: str
    excel_cells: bool  # the cells of the Excel file (True) or the exact text (False)


CSV_DIALECTS = {
    "excel-nl": CsvDialect(";", "utf-8-sig", excel_cells=True),
    "plain": CsvDialect(",", "utf-8", excel_cells=False),
}
DEFAULT_CSV_DIALECT = "excel-nl"


@dataclass(frozen=True)
class ExcelLimits:
    """The limits of Excel an export can reach (Microsoft, "Excel specifications and limits").

    ``cell``: characters in one cell, in UTF-16 code units (as Excel counts);
    ``rows``: rows in one worksheet, the header included.
    """

    cell: int = 32_767
    rows: int = 1_048_576


EXCEL = ExcelLimits()


class Fix(Enum):
    """A kind of change a format forced on a cell; the value is its key in the ``data_export`` catalogue."""

    LINE_BREAK = "line_break"
    CONTROL = "control"
    INVALID = "invalid"
    TOO_LONG = "too_long"
    FORMULA = "formula"
    SHEETS = "sheets"
    CSV_ROWS = "csv_rows"


@dataclass
class ExportReport:
    """What was written: ``rows`` (the frame's rows), ``sheets``, and per :class:`Fix` how many cells.

    For ``SHEETS`` the count is the number of sheets, for ``CSV_ROWS`` the rows Excel will not show.
    """

    rows: int
    limits: ExcelLimits = EXCEL
    sheets: int = 1
    fixes: Counter = field(default_factory=Counter)

    def lines(self) -> list[str]:
        """One Dutch "let op: …" line per kind of change, in a fixed order; empty when nothing changed."""
        return [
            ui_text(
                f"data_export.summary.{fix.value}",
                count=self.fixes[fix],
                limit=_nl(self.limits.cell),
                rows=_nl(self.limits.rows),
            )
            for fix in Fix
            if self.fixes[fix]
        ]


@dataclass(frozen=True)
class ExportFile:
    body: bytes
    report: ExportReport


def _nl(number: int) -> str:
    """A number as Dutch text writes it: 32.767."""
    return f"{number:,}".replace(",", ".")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def entries_frame(store: Store, edition: Edition, history: bool = False) -> pd.DataFrame:
    """The edition's entries as a frame with :data:`COLUMNS`; raises StoreError if the store cannot be read."""
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
        rows.append(
            [
                edition.name,
                r.subject,
                kind,
                name,
                team_id,
                r.field,
                _text(r.value),
                r.author,
                r.saved_at.isoformat(timespec="seconds"),
                r.id,
            ]
        )
    return pd.DataFrame(rows, columns=COLUMNS)


# -- one cell ------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|[\r\v\f]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # with \v and \f: openpyxl's ILLEGAL_CHARACTERS_RE
_INVALID = re.compile("[\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_OOXML_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_CONTROL_PICTURES = 0x2400  # U+2400 SYMBOL FOR NULL … U+241F SYMBOL FOR UNIT SEPARATOR


def excel_text(value: str) -> tuple[str, set[Fix]]:
    """``value`` as a worksheet cell can hold it, and the kinds of change that needed.

    In: any Python string. Out: the text with line breaks as ``\\n``, other
    C0 control characters as their Control Pictures sign and lone
    surrogates, U+FFFE and U+FFFF as U+FFFD (see the module docstring for
    why), plus the set of :class:`Fix` kinds applied (empty: unchanged).
    Length is not checked here. Raises nothing.
    """
    fixes: set[Fix] = set()
    value, n = _LINE_BREAK.subn("\n", value)
    if n:
        fixes.add(Fix.LINE_BREAK)
    value, n = _CONTROL.subn(lambda m: chr(_CONTROL_PICTURES + ord(m.group())), value)
    if n:
        fixes.add(Fix.CONTROL)
    value, n = _INVALID.subn("\ufffd", value)
    if n:
        fixes.add(Fix.INVALID)
    return value, fixes


def _utf8_cell(value: str) -> tuple[list[str], set[Fix]]:
    """The exact text for a plain CSV: only what UTF-8 cannot hold (lone surrogates) is replaced, noted."""
    value, n = _SURROGATE.subn("\ufffd", value)
    if not n:
        return [value], set()
    return [value + _note({Fix.INVALID})], {Fix.INVALID}


def _units(value: str) -> int:
    """Length as Excel counts it: UTF-16 code units (a character outside the BMP, e.g. an emoji, is two)."""
    return len(value) + sum(1 for ch in value if ord(ch) > 0xFFFF)


def _pieces(value: str, first: int, size: int) -> list[str]:
    """``value`` cut into a head of at most ``first`` UTF-16 units and pieces of at most ``size``.

    A cut never falls inside a character (an emoji stays whole).
    """
    data = value.encode("utf-16-le")
    out, start, limit = [], 0, first
    while start < len(data):
        end = min(start + 2 * limit, len(data))
        if end < len(data) and 0xD800 <= int.from_bytes(data[end - 2 : end], "little") <= 0xDBFF:
            end -= 2  # the high half of a surrogate pair: keep the pair together
        out.append(data[start:end].decode("utf-16-le"))
        start, limit = end, size
    return out


def _note(fixes: set[Fix], **values: Any) -> str:
    if not fixes:
        return ""
    what = "; ".join(
        ui_text(f"data_export.fix.{fix.value}", **values) for fix in Fix if fix in fixes
    )
    return "\n" + ui_text("data_export.note", what=what)


def _excel_cell(value: str, column: str, limits: ExcelLimits) -> tuple[list[str], set[Fix]]:
    """The cell for ``value`` (text, then its note) and its continuation cells, with the kinds of change."""
    value, fixes = excel_text(value)
    note = _note(fixes)
    length = _units(value)
    if length + _units(note) <= limits.cell:
        return [value + note], fixes
    fixes.add(Fix.TOO_LONG)
    note = _note(
        fixes,
        chars=_nl(length),
        limit=_nl(limits.cell),
        column=CONTINUATION.format(column=column, n=1),
    )
    head, *rest = _pieces(value, limits.cell - _units(note), limits.cell)
    return [head + note, *rest], fixes


# -- the sheet -------------------------------------------------------------------


def _sheet(
    frame: pd.DataFrame, report: ExportReport, limits: ExcelLimits | None
) -> tuple[list[str], list[list]]:
    """Header and rows of cells: Excel's cells (``limits`` given) or the exact UTF-8 text (``None``)."""
    columns = [str(c) for c in frame.columns]
    rows, spill, widths = [], [], Counter()
    for row in frame.itertuples(index=False):
        cells, extra = [], {}
        for column, value in zip(columns, row):
            if isinstance(value, str):
                pieces, fixes = _excel_cell(value, column, limits) if limits else _utf8_cell(value)
                report.fixes.update(fixes)
                value = pieces[0]
                if len(pieces) > 1:
                    extra[column] = pieces[1:]
                    widths[column] = max(widths[column], len(pieces) - 1)
            cells.append(value)
        rows.append(cells)
        spill.append(extra)
    more = [(c, n) for c in columns for n in range(1, widths[c] + 1)]
    header = columns + [CONTINUATION.format(column=c, n=n) for c, n in more]
    if more:
        for cells, extra in zip(rows, spill):
            cells.extend(extra[c][n - 1] if n <= len(extra.get(c, ())) else "" for c, n in more)
    return header, rows


def check_choice(fmt: str, csv_dialect: str = DEFAULT_CSV_DIALECT) -> None:
    """InputError (one Dutch line and a hint) unless ``fmt`` is in :data:`FORMATS` and ``csv_dialect``
    in :data:`CSV_DIALECTS`; for a command to call before it reads anything."""
    if fmt not in FORMATS:
        raise InputError(
            ui_text("data_export.unknown_format", fmt=fmt),
            hint=ui_text("data_export.choose", choices=", ".join(FORMATS)),
        )
    if csv_dialect not in CSV_DIALECTS:
        raise InputError(
            ui_text("data_export.unknown_dialect", dialect=csv_dialect),
            hint=ui_text("data_export.choose", choices=", ".join(CSV_DIALECTS)),
        )


def render_entries(
    frame: pd.DataFrame,
    fmt: str,
    csv_dialect: str = DEFAULT_CSV_DIALECT,
    limits: ExcelLimits = EXCEL,
) -> ExportFile:
    """The export file of ``frame`` in memory, with the report of what had to change.

    ``fmt``: ``csv`` or ``xlsx``; ``csv_dialect``: a key of :data:`CSV_DIALECTS`
    (ignored for xlsx); ``limits``: Excel's limits (smaller ones only in tests).
    Raises InputError for an unknown format or dialect; any stored value is
    written (see the module docstring for how each limit is met).
    """
    check_choice(fmt, csv_dialect)
    report = ExportReport(rows=len(frame), limits=limits)
    if fmt == "xlsx":
        return ExportFile(_xlsx_bytes(*_sheet(frame, report, limits), report, limits), report)
    dialect = CSV_DIALECTS[csv_dialect]
    header, rows = _sheet(frame, report, limits if dialect.excel_cells else None)
    if dialect.excel_cells and len(rows) + 1 > limits.rows:
        report.fixes[Fix.CSV_ROWS] = len(rows) + 1 - limits.rows
    return ExportFile(_csv_bytes(header, rows, dialect, report), report)


def write_entries(
    frame: pd.DataFrame,
    target: Path,
    fmt: str,
    csv_dialect: str = DEFAULT_CSV_DIALECT,
    limits: ExcelLimits = EXCEL,
) -> ExportReport:
    """Write :func:`render_entries` to ``target`` atomically (whole or not at all); returns its report.

    Raises InputError as :func:`render_entries` does, before anything is written.
    """
    exported = render_entries(frame, fmt, csv_dialect, limits)
    write_bytes(Path(target), exported.body)
    return exported.report


def _defuse(cell: Any, report: ExportReport) -> Any:
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        report.fixes[Fix.FORMULA] += 1
        return "'" + cell
    return cell


def _csv_bytes(
    header: list[str], rows: list[list], dialect: CsvDialect, report: ExportReport
) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=dialect.delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_defuse(cell, report) for cell in row] for row in rows)
    return buffer.getvalue().encode(dialect.encoding)


def _xlsx_bytes(
    header: list[str], rows: list[list], report: ExportReport, limits: ExcelLimits
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    per_sheet = limits.rows - 1  # the header takes one row of each sheet
    chunks = [rows[i : i + per_sheet] for i in range(0, len(rows), per_sheet)] or [[]]
    for number, chunk in enumerate(chunks, start=1):
        sheet = book.create_sheet(SHEET if number == 1 else f"{SHEET} {number}")
        for values in [header, *chunk]:
            cells = []
            for value in values:
                cell = WriteOnlyCell(
                    sheet,
                    value=_OOXML_ESCAPE.sub("_x005F_", value) if isinstance(value, str) else value,
                )
                if isinstance(value, str):
                    cell.data_type = "s"  # a string cell, never a formula
                cells.append(cell)
            sheet.append(cells)
    report.sheets = len(chunks)
    if len(chunks) > 1:
        report.fixes[Fix.SHEETS] = len(chunks)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
