"""`swc export-data` and the trainer's download: whatever was typed, the file opens and holds it.

Each test stores a value that hits one limit of Excel or CSV in a real
SQLite store (validated as a participant's page validates it), exports it
with the real command and reads every value back: the exact text where the
format can hold it; otherwise the closest faithful text, a note in that cell
and a line in the command's summary.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import urllib.error
import urllib.request
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils.escape import unescape

from swc_core.cli import cli
from swc_core.data_export import (
    COLUMNS,
    EXCEL,
    ExcelLimits,
    Fix,
    check_choice,
    entries_frame,
    excel_text,
    render_entries,
)
from swc_core.edition import load_edition, open_store
from swc_core.errors import InputError
from swc_core.messages import text
from swc_core.model import block_field, parse_field
from swc_core.settings import Settings

from conftest import copy_sessions
from factories import ids, make_parties
from servers import swc_serve

BLOCKS = [block_field(b) for b in ids("blocks")]
NOTE = "\n" + text("data_export.note", what="\0").split("\0")[0]  # how every note in a cell begins
BOM = "\ufeff".encode("utf-8")


# -- helpers -----------------------------------------------------------------


@pytest.fixture
def edition(sessions_dir):
    return load_edition("demo", Settings(sessions_dir=sessions_dir))


def save_as_participant(sessions_dir, edition, values: dict[str, Any]) -> dict[str, Any]:
    """Save ``{field: value}`` for the edition's first participant as a page would (``parse_field``
    first); returns the values as the store gives them back."""
    who = next(iter(edition.participants))
    with open_store(edition, Settings(sessions_dir=sessions_dir)) as s:
        s.save_many(
            edition.name,
            [(who, key, parse_field(key, value)) for key, value in values.items()],
            who,
        )
        return s.values(edition.name, who)


def export(sessions_dir, tmp_path, fmt: str = "xlsx", *args: str):
    """``swc export-data demo`` to a file under ``tmp_path``; returns (result, path)."""
    out = tmp_path / f"antwoorden.{fmt}"
    result = CliRunner().invoke(
        cli,
        [
            "--sessions-dir",
            str(sessions_dir),
            "export-data",
            "demo",
            "--format",
            fmt,
            "--out",
            str(out),
            *args,
        ],
    )
    return result, out


def excel_rows(source) -> tuple[list[str], list[dict]]:
    """Header and rows (over every sheet) as Excel shows them.

    openpyxl reads the cells; the ``_xHHHH_`` escapes are then decoded as
    Excel decodes them (ECMA-376 ST_Xstring), which openpyxl does not do.
    """
    book = load_workbook(source)
    header, rows = None, []
    for sheet in book.worksheets:
        first, *body = sheet.iter_rows(values_only=True)
        header = list(first)
        rows += [
            dict(zip(header, (unescape(v) if isinstance(v, str) else v for v in row)))
            for row in body
        ]
    return header, rows


def by_field(rows: list[dict]) -> dict[str, dict]:
    return {row["veld"]: row for row in rows}


def units(value: str) -> int:
    """Length as Excel counts it (UTF-16 code units)."""
    return len(value.encode("utf-16-le")) // 2


def typed_and_note(cell: str) -> tuple[str, str]:
    """A cell split into the participant's text and the note after it ("" if none)."""
    head, sep, note = cell.partition(NOTE)
    return head, sep + note


# -- the faults the user found -------------------------------------------------


def test_word_soft_line_break_reaches_excel_as_a_new_line_with_a_note(
    sessions_dir, edition, tmp_path
):
    """Word pastes a soft line break as \\v; a worksheet refuses it (this ended in a traceback, exit 1)."""
    save_as_participant(
        sessions_dir,
        edition,
        {BLOCKS[0]: "Regel een\vRegel twee", BLOCKS[1]: "Pagina een\fPagina twee"},
    )
    result, out = export(sessions_dir, tmp_path)
    assert result.exit_code == 0, result.output
    cells = by_field(excel_rows(out)[1])
    typed, note = typed_and_note(cells[BLOCKS[0]]["waarde"])
    assert typed == "Regel een\nRegel twee"
    assert note == NOTE + text("data_export.fix.line_break") + "]"
    assert typed_and_note(cells[BLOCKS[1]]["waarde"]) == ("Pagina een\nPagina twee", note)
    assert text("data_export.summary.line_break", count=2) in result.output


def test_default_csv_opens_in_dutch_excel_and_plain_csv_is_comma_separated(
    sessions_dir, edition, tmp_path
):
    """Excel on a Dutch Windows laptop needs a BOM to read UTF-8 and ; between the cells."""
    typed = "Coöperatie, één café; “citaat” 🤝"
    save_as_participant(sessions_dir, edition, {BLOCKS[0]: typed})
    result, out = export(sessions_dir, tmp_path, "csv")
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(BOM)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == COLUMNS
    assert rows[1][COLUMNS.index("waarde")] == typed

    result, out = export(sessions_dir, tmp_path, "csv", "--csv-dialect", "plain")
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert not raw.startswith(BOM)
    plain = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert plain[0]["waarde"] == typed


# -- every other limit -----------------------------------------------------------


def test_control_characters_show_as_their_visible_sign_and_the_sheet_opens(
    sessions_dir, edition, tmp_path
):
    refused = [
        chr(c) for c in range(0x20) if ILLEGAL_CHARACTERS_RE.match(chr(c)) and chr(c) not in "\v\f"
    ]
    typed = "a" + "b".join(refused) + "z"
    save_as_participant(
        sessions_dir, edition, {BLOCKS[0]: typed, BLOCKS[1]: "tab\tblijft\nen een regeleinde ook"}
    )
    result, out = export(sessions_dir, tmp_path)
    assert result.exit_code == 0, result.output
    cells = by_field(excel_rows(out)[1])
    shown, note = typed_and_note(cells[BLOCKS[0]]["waarde"])
    assert (
        shown == "a" + "b".join(chr(0x2400 + ord(c)) for c in refused) + "z"
    )  # \x01 -> ␁, \x1b -> ␛
    assert text("data_export.fix.control") in note
    assert cells[BLOCKS[1]]["waarde"] == "tab\tblijft\nen een regeleinde ook", (
        "allowed characters pass unchanged"
    )
    assert text("data_export.summary.control", count=1) in result.output


def test_every_character_a_worksheet_refuses_is_replaced():
    """The rule covers openpyxl's ILLEGAL_CHARACTERS_RE and what XML 1.0 forbids besides (U+FFFE, U+FFFF)."""
    everything = "".join(chr(c) for c in range(0x20)) + "\ufffe\uffff\ud800\udfff"
    cleaned, fixes = excel_text(everything)
    assert not ILLEGAL_CHARACTERS_RE.search(cleaned)
    assert not set(cleaned) & set("\r\ufffe\uffff\ud800\udfff")
    assert fixes == {Fix.LINE_BREAK, Fix.CONTROL, Fix.INVALID}


def test_noncharacters_become_the_replacement_sign_with_a_note(sessions_dir, edition, tmp_path):
    """U+FFFE and U+FFFF can be stored, but no XML file may hold them: openpyxl wrote a file nobody could open."""
    save_as_participant(sessions_dir, edition, {BLOCKS[0]: "voor\ufffemidden\uffffna"})
    result, out = export(sessions_dir, tmp_path)
    assert result.exit_code == 0, result.output
    shown, note = typed_and_note(by_field(excel_rows(out)[1])[BLOCKS[0]]["waarde"])
    assert shown == "voor\ufffdmidden\ufffdna" and text("data_export.fix.invalid") in note
    assert text("data_export.summary.invalid", count=1) in result.output


def test_lone_surrogates_cannot_be_stored_and_would_still_export():
    """A browser's JSON can carry half an emoji; the page refuses it, and the export would not crash on it."""
    with pytest.raises(InputError):
        parse_field(BLOCKS[0], "half \ud83d emoji")
    frame = pd.DataFrame(
        [["demo", "p01", "deelnemer", "", "", BLOCKS[0], "half \ud83d emoji", "p01", "", 1]],
        columns=COLUMNS,
    )
    for fmt, dialect in [("xlsx", "excel-nl"), ("csv", "excel-nl"), ("csv", "plain")]:
        exported = render_entries(frame, fmt, dialect)
        assert exported.report.fixes[Fix.INVALID] == 1
        if fmt == "xlsx":
            cell = excel_rows(io.BytesIO(exported.body))[1][0]["waarde"]
        else:
            encoding, delimiter = ("utf-8-sig", ";") if dialect == "excel-nl" else ("utf-8", ",")
            reader = csv.DictReader(
                io.StringIO(exported.body.decode(encoding), newline=""), delimiter=delimiter
            )
            cell = next(reader)["waarde"]
        assert typed_and_note(cell)[0] == "half \ufffd emoji", (fmt, dialect)


def test_text_longer_than_a_cell_goes_on_whole_in_continuation_columns(
    sessions_dir, edition, tmp_path
):
    """20,000 characters pass the page's limit, but 20,000 emoji are 40,000 of Excel's characters."""
    emoji = "Samen 🤝 verder " + "😀" * 17_000 + " einde"
    parties = make_parties(60, goals=5)
    for party in parties:
        for goal in party["goals"]:
            goal["text"] = "Doel met veel uitleg. " * 12
    stored = save_as_participant(
        sessions_dir, edition, {BLOCKS[0]: emoji, "canvas.parties": parties, BLOCKS[1]: "kort"}
    )
    long_json = json.dumps(stored["canvas.parties"], ensure_ascii=False)
    assert units(emoji) > EXCEL.cell and len(long_json) > 2 * EXCEL.cell  # three cells or more

    result, out = export(sessions_dir, tmp_path)
    assert result.exit_code == 0, result.output
    header, rows = excel_rows(out)
    assert header[: len(COLUMNS)] == COLUMNS
    more = header[len(COLUMNS) :]
    assert more == [f"waarde_vervolg_{n}" for n in range(1, len(more) + 1)] and len(more) >= 2
    assert all(units(v) <= EXCEL.cell for row in rows for v in row.values() if isinstance(v, str))
    cells = by_field(rows)
    for key, typed in [(BLOCKS[0], emoji), ("canvas.parties", long_json)]:
        first, note = typed_and_note(cells[key]["waarde"])
        assert "waarde_vervolg_1" in note and f"{units(typed):,}".replace(",", ".") in note
        assert first + "".join(cells[key][m] or "" for m in more) == typed, key
    assert cells[BLOCKS[1]]["waarde"] == "kort" and all(cells[BLOCKS[1]][m] is None for m in more)
    assert text("data_export.summary.too_long", count=2, limit="32.767") in result.output


def test_emoji_and_other_characters_outside_the_bmp_pass_unchanged(sessions_dir, edition, tmp_path):
    typed = "Samenwerken 🤝 met 🌊 en 𝔘 — “netjes” · €5 · ĳ · 中文 · עברית"
    save_as_participant(sessions_dir, edition, {BLOCKS[0]: typed})
    result, out = export(sessions_dir, tmp_path)
    assert result.exit_code == 0, result.output
    assert by_field(excel_rows(out)[1])[BLOCKS[0]]["waarde"] == typed
    assert "let op" not in result.output


def test_formula_looking_text_stays_text(sessions_dir, edition, tmp_path):
    save_as_participant(
        sessions_dir,
        edition,
        {BLOCKS[0]: '=HYPERLINK("http://x","klik")', BLOCKS[1]: "-1+1", BLOCKS[2]: "@SOM(A1)"},
    )
    result, out = export(sessions_dir, tmp_path)
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    values = {c.value for row in sheet.iter_rows(min_row=2) for c in row}
    assert {'=HYPERLINK("http://x","klik")', "-1+1", "@SOM(A1)"} <= values
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)

    result, out = export(sessions_dir, tmp_path, "csv")
    rows = list(
        csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";")
    )
    assert {r["waarde"] for r in rows} == {'\'=HYPERLINK("http://x","klik")', "'-1+1", "'@SOM(A1)"}
    assert text("data_export.summary.formula", count=3) in result.output


def test_windows_line_breaks_are_excel_line_breaks_and_stay_exact_in_plain_csv(
    sessions_dir, edition, tmp_path
):
    """XML reads every \\r back as \\n, so the old file changed this text without saying so."""
    typed = "regel een\r\nregel twee\rregel drie\nregel vier"
    save_as_participant(sessions_dir, edition, {BLOCKS[0]: typed})
    result, out = export(sessions_dir, tmp_path)
    assert result.exit_code == 0, result.output
    shown, note = typed_and_note(by_field(excel_rows(out)[1])[BLOCKS[0]]["waarde"])
    assert shown == "regel een\nregel twee\nregel drie\nregel vier" and note
    result, out = export(sessions_dir, tmp_path, "csv", "--csv-dialect", "plain")
    assert (
        next(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8"), newline="")))["waarde"]
        == typed
    )
    assert "let op" not in result.output


def test_text_that_looks_like_an_excel_escape_shows_as_typed(sessions_dir, edition, tmp_path):
    """Excel reads _x000D_ in a cell as a carriage return; typed text must not turn into one."""
    typed = "_x000D_ en _x0041_x0042_ en _X_ en _x12_"
    save_as_participant(sessions_dir, edition, {BLOCKS[0]: typed})
    result, out = export(sessions_dir, tmp_path)
    assert result.exit_code == 0, result.output
    assert by_field(excel_rows(out)[1])[BLOCKS[0]]["waarde"] == typed


def test_more_rows_than_a_sheet_holds_go_on_over_more_sheets(sessions_dir, edition):
    """Excel's 1,048,576 rows, tried with a limit of 4 (a header and three rows per sheet)."""
    save_as_participant(
        sessions_dir, edition, {block: f"tekst {i}" for i, block in enumerate(BLOCKS)}
    )
    with open_store(edition, Settings(sessions_dir=sessions_dir)) as s:
        frame = entries_frame(s, edition)
    limits = ExcelLimits(rows=4)
    exported = render_entries(frame, "xlsx", limits=limits)
    book = load_workbook(io.BytesIO(exported.body))
    names = book.sheetnames
    assert names == ["antwoorden", "antwoorden 2", "antwoorden 3"]
    assert len(set(names)) == len(names) and all(
        len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names
    )
    assert all(sheet.max_row <= 4 for sheet in book.worksheets)
    assert [r["waarde"] for r in excel_rows(io.BytesIO(exported.body))[1]] == list(frame["waarde"])
    assert exported.report.lines() == [text("data_export.summary.sheets", count=3)]

    csv_file = render_entries(frame, "csv", limits=limits)
    assert len(csv_file.body.decode("utf-8-sig").splitlines()) == len(frame) + 1, (
        "the CSV holds every row"
    )
    assert csv_file.report.lines() == [
        text("data_export.summary.csv_rows", count=len(frame) + 1 - 4, rows="4")
    ]


# -- user errors and the served download ---------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "xls"], "onbekend formaat 'xls'"),
        (["--csv-dialect", "excel"], "onbekende CSV-vorm 'excel'"),
    ],
)
def test_an_unknown_format_or_csv_form_is_one_dutch_line_and_exit_2(
    sessions_dir, tmp_path, args, message
):
    result = CliRunner().invoke(
        cli,
        [
            "--sessions-dir",
            str(sessions_dir),
            "export-data",
            "demo",
            "--out",
            str(tmp_path / "x"),
            *args,
        ],
    )
    assert (
        result.exit_code == 2
        and f"fout: {message}" in result.output
        and "tip: kies uit:" in result.output
    )
    assert "Traceback" not in result.output and not (tmp_path / "x").exists()
    with pytest.raises(InputError):
        check_choice("csv", "excel")


def _download(url: str) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read(), dict(err.headers)


def test_served_export_gives_the_file_with_a_word_paste_and_a_dutch_503_without_a_store(tmp_path):
    """The trainer's export button answered 500 for one pasted \\v; a lost store must say so in Dutch."""
    sessions = copy_sessions(tmp_path)
    edition = load_edition("demo", Settings(sessions_dir=sessions))
    save_as_participant(sessions, edition, {BLOCKS[0]: "Regel een\vRegel twee"})
    with swc_serve(sessions, tmp_path / "serve.log", "--pool", "0") as base:
        status, body, headers = _download(base + "/export/antwoorden.xlsx")
        assert status == 200, body[:300]
        assert (
            typed_and_note(by_field(excel_rows(io.BytesIO(body))[1])[BLOCKS[0]]["waarde"])[0]
            == "Regel een\nRegel twee"
        )
        status, body, headers = _download(base + "/export/antwoorden.csv")
        assert (
            status == 200
            and body.startswith(BOM)
            and headers["Content-Type"].startswith("text/csv")
        )

        db = sessions / "demo" / "swc.db"
        shutil.move(db, tmp_path / "swc.db.weg")
        db.mkdir()  # the store's file is gone and cannot be made again
        status, body, headers = _download(base + "/export/antwoorden.xlsx")
        line = body.decode("utf-8")
        assert status == 503 and headers["Content-Type"].startswith("text/plain"), (status, line)
        assert (
            line.startswith("Export mislukt: de antwoorden zijn nu niet te lezen")
            and line.count("\n") == 1
        )
