"""Every user-facing command meets bad input with one clear message, exit code 2 and nothing half-written.

One table: the mistake, the command, what the message must say (what is
wrong, where, how to fix it). tests/test_cli.py, tests/test_generate.py and
tests/test_content.py hold the cases that were there before; this table
adds the rest for every command. Each case also checks that no traceback
is shown and that no file under the test's folder was created or changed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from swc_core.cli import cli
from swc_core.model import MAX_TEXT, Workbook
from swc_core.store import Store

from conftest import REPO

UNREACHABLE = "postgresql://nobody@127.0.0.1:1/none"
LONG = "x" * (MAX_TEXT + 1)


def _answers(tmp: Path, text: str | bytes) -> str:
    path = tmp / "answers.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return str(path)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _content_copy(tmp: Path) -> Path:
    folder = tmp / "content"
    shutil.copytree(REPO / "data" / "content", folder)
    return folder


def _broken_content(tmp: Path, file: str, old: str, new: str) -> str:
    folder = _content_copy(tmp)
    _edit(folder / file, old, new)
    return str(folder)


def _under_a_file(tmp: Path, *rest: str) -> str:
    blocker = tmp / "een-bestand"
    blocker.write_text("geen map")  # nothing can be created inside a file, not even by root
    return str(blocker.joinpath(*rest))


def _edition_yml(sessions: Path) -> Path:
    return sessions / "demo" / "edition.yml"


def _not_a_backup(tmp: Path) -> str:
    path = tmp / "geen-backup.db"
    path.write_text("dit is geen database\n")
    return str(path)


# (id, build the arguments from (sessions_dir, tmp_path), fragments the message must contain)
CASES = [
    # malformed YAML, with its line
    (
        "edition-yaml-malformed",
        lambda s, t: (_edit(_edition_yml(s), "name: demo", "name: [demo"), ["check", "demo"])[1],
        ["edition.yml:3", "YAML-fout", "begonnen op regel 2", "tip:"],
    ),
    (
        "answers-yaml-malformed",
        lambda s, t: ["import", "demo", _answers(t, "p01:\n  canvas.block.doelen: [open\n")],
        ["answers.yml:", "fout:"],
    ),
    (
        "content-yaml-malformed",
        lambda s, t: [
            "check-content",
            _broken_content(t, "competences.yml", "  - id: taal", "  - id: [taal"),
        ],
        ["competences.yml:", "fout:"],
    ),
    # a content pack that breaks the schema, checked alone or through an edition
    (
        "content-schema",
        lambda s, t: [
            "check-content",
            _broken_content(t, "competences.yml", "  - id: taal", "  - idd: taal"),
        ],
        ["competences.yml:", "idd"],
    ),
    (
        "edition-with-broken-content",
        lambda s, t: (
            _edit(
                _edition_yml(s),
                f"content: {REPO / 'data' / 'content'}",
                "content: "
                + _broken_content(t, "competences.yml", "  - id: taal", "  - idd: taal"),
            ),
            ["check", "demo"],
        )[1],
        ["competences.yml:", "idd"],
    ),
    # unknown or duplicate ids
    (
        "duplicate-participant-id",
        lambda s, t: (_edit(_edition_yml(s), "id: p02", "id: p01"), ["check", "demo"])[1],
        ["edition.yml:", "'p01' komt twee keer voor"],
    ),
    (
        "duplicate-content-id",
        lambda s, t: [
            "check-content",
            _broken_content(t, "competences.yml", "  - id: taal", "  - id: object"),
        ],
        ["competences.yml:", "object"],
    ),
    (
        "import-unknown-team",
        lambda s, t: [
            "import",
            "demo",
            _answers(t, "teams:\n  team-x:\n    homework.tussentijd-a.x: y\n"),
        ],
        ["answers.yml:2", "onbekend team 'team-x'", "tip: bekende teams: team-veen"],
    ),
    (
        "import-unknown-field",
        lambda s, t: ["import", "demo", _answers(t, "p01:\n  canvas.blok.doelen: tekst\n")],
        ["answers.yml:2", "canvas.blok.doelen"],
    ),
    (
        "generate-unknown-team",
        lambda s, t: ["generate", "demo", "--team", "team-x"],
        ["team-x", "team-veen"],
    ),
    (
        "restore-edition-not-in-backup",
        lambda s, t: ["restore", "demo", _backup_of_other_edition(t)],
        ["geen antwoorden van editie 'demo'", "andere"],
    ),
    # an edition folder that does not exist, for every command that takes one
    *[
        (
            f"{cmd}-unknown-edition",
            (lambda c: lambda s, t: [*c, "bestaat-niet"])(args),
            ["'bestaat-niet' niet gevonden", "tip:"],
        )
        for cmd, args in [
            ("status", ["status"]),
            ("export-data", ["export-data"]),
            ("generate", ["generate"]),
            ("backup", ["backup"]),
        ]
    ],
    (
        "import-unknown-edition",
        lambda s, t: ["import", "bestaat-niet", _answers(t, "p01: {}\n")],
        ["'bestaat-niet' niet gevonden"],
    ),
    (
        "restore-unknown-edition",
        lambda s, t: ["restore", "bestaat-niet", _not_a_backup(t)],
        ["'bestaat-niet' niet gevonden"],
    ),
    (
        "answers-file-missing",
        lambda s, t: ["import", "demo", str(t / "bestaat-niet.yml")],
        ["bestaat-niet.yml"],
    ),
    (
        "backup-file-missing",
        lambda s, t: ["restore", "demo", str(t / "bestaat-niet.db")],
        ["back-up niet gevonden"],
    ),
    (
        "restore-not-a-backup",
        lambda s, t: ["restore", "demo", _not_a_backup(t)],
        ["geen back-up van een swc-store", "geen-backup.db"],
    ),
    # an output folder that cannot be written
    (
        "generate-out-unwritable",
        lambda s, t: [
            "generate",
            "demo",
            "--participant",
            "p01",
            "--dagdeel",
            "intake",
            "--out",
            _under_a_file(t, "out"),
        ],
        ["kan niet schrijven", "tip: kies met --out"],
    ),
    (
        "export-data-out-unwritable",
        lambda s, t: ["export-data", "demo", "--out", _under_a_file(t, "sub", "x.csv")],
        ["kan niet schrijven", "tip: kies met --out"],
    ),
    (
        "backup-out-unwritable",
        lambda s, t: ["backup", "demo", "--out", _under_a_file(t, "b.db")],
        ["kan niet schrijven", "tip: kies met --out"],
    ),
    # a database that cannot be reached, for every command that opens the store
    *[
        (
            f"{cmd}-unreachable-db",
            (lambda c: lambda s, t: [*c(t), "--db", UNREACHABLE])(args),
            ["database niet bereikbaar", "nobody@127.0.0.1:1/none", "tip:"],
        )
        for cmd, args in [
            (
                "import",
                lambda t: ["import", "demo", _answers(t, "p01:\n  canvas.block.doelen: x\n")],
            ),
            ("export-data", lambda t: ["export-data", "demo", "--out", str(t / "x.csv")]),
            (
                "generate",
                lambda t: ["generate", "demo", "--participant", "p01", "--out", str(t / "out")],
            ),
            ("backup", lambda t: ["backup", "demo", "--out", str(t / "b.db")]),
            ("restore", lambda t: ["restore", "demo", _backup_of_other_edition(t, "demo")]),
        ]
    ],
    # a value over the length limit
    (
        "import-text-over-the-limit",
        lambda s, t: ["import", "demo", _answers(t, f"p01:\n  canvas.block.doelen: {LONG}\n")],
        ["answers.yml:2", f"maximaal {MAX_TEXT}"],
    ),
    # bytes that are not UTF-8
    (
        "edition-non-utf8",
        lambda s, t: (
            _edition_yml(s).write_bytes(
                _edition_yml(s).read_bytes().replace(b"demo-editie", b"demo-\xe9ditie")
            ),
            ["check", "demo"],
        )[1],
        ["edition.yml:3", "geen geldige UTF-8"],
    ),
    (
        "content-non-utf8",
        lambda s, t: ["check-content", _non_utf8_content(t)],
        ["competences.yml:", "geen geldige UTF-8"],
    ),
]


def _backup_of_other_edition(tmp: Path, edition: str = "andere") -> str:
    from swc_core.store.backup import backup_edition

    with Store.open(f"sqlite:///{tmp / 'elders.db'}") as store:
        store.save(edition, "p01", "canvas.block.doelen", "x", author="p01")
        return str(backup_edition(store, edition, tmp / "backup.db").path)


def _non_utf8_content(tmp: Path) -> str:
    folder = _content_copy(tmp)
    path = folder / "competences.yml"
    path.write_bytes(
        path.read_bytes().replace(b"De samenwerking als object", b"De samenwerking als \xe9bject")
    )
    return str(folder)


def _files(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns) for p in root.rglob("*")
    }


@pytest.mark.parametrize("build, fragments", [pytest.param(b, f, id=i) for i, b, f in CASES])
def test_bad_input_gives_one_clear_message_exit_2_and_writes_nothing(
    build, fragments, sessions_dir, tmp_path
):
    args = build(sessions_dir, tmp_path)
    before = _files(tmp_path)
    result = CliRunner().invoke(cli, ["--sessions-dir", str(sessions_dir), *args])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), f"not a user error but {result.exception!r}"
    assert "Traceback" not in result.output and result.output.startswith("fout: ")
    for fragment in fragments:
        assert fragment in result.output, f"{fragment!r} not in:\n{result.output}"
    assert _files(tmp_path) == before, "a file was created or changed"


def test_a_text_at_the_limit_is_kept_whole_and_only_the_picture_cuts_it_with_a_note(
    sessions_dir, tmp_path
):
    text = ("Bodemdaling halveren in 2040 " * (MAX_TEXT // 29 + 1))[:MAX_TEXT]
    answers = _answers(tmp_path, f"p01:\n  canvas.block.doelen: '{text}'\n")
    result = CliRunner().invoke(
        cli, ["--sessions-dir", str(sessions_dir), "import", "demo", answers]
    )
    assert result.exit_code == 0, result.output
    with Store.open(f"sqlite:///{sessions_dir / 'demo' / 'swc.db'}") as store:
        kept = store.values("demo", "p01")
    assert kept["canvas.block.doelen"] == text
    from swc_core.edition import load_edition
    from swc_core.figures import canvas_figure
    from swc_core.figures.style import caption
    from swc_core.settings import Settings

    pack = load_edition("demo", Settings(sessions_dir=sessions_dir)).content
    fig = canvas_figure(Workbook.from_fields(kept), pack)
    shown = " ".join(a.get("text") or "" for a in fig["layout"]["annotations"])
    assert len(shown) < len(text) and "…" in shown
    assert caption("truncated") in shown
