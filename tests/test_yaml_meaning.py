"""A trainer's YAML means what it looks like, or swc says where and how to fix it (issue 15).

YAML reads some text as something else without complaint: `` #`` starts a
comment (``organisation: Gemeente Testdorp #2`` keeps only "Gemeente
Testdorp"), ``&Co`` is an anchor. ``swc check`` and ``swc import`` warn
about those with file:line and the fix (quotes), exit code 0. Where pydantic
or the parser already refuse the value (``name: 0612``, ``title: Dagdeel 1:
start``), the error's tip explains what YAML read and gives the quoted line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from swc_core.edition import load_edition
from swc_core.settings import Settings
from swc_core.yamlfile import yaml_warnings

# the first participant of the demo edition, as sessions/demo/edition.yml writes it
P01_ORGANISATION = "organisation: Provincie Zuidwaarde\n"
P01_ORGANISATION_LINE = 21


def _edit_demo(sessions: Path, old: str, new: str) -> Path:
    path = sessions / "demo" / "edition.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _answers(tmp: Path, text: str) -> str:
    path = tmp / "answers.yml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _yaml(tmp: Path, text: str) -> Path:
    path = tmp / "file.yml"
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- comments after a value


def test_a_comment_cutting_a_value_short_is_a_warning_with_file_line_and_the_quoted_fix(
    run, sessions_dir
):
    path = _edit_demo(
        sessions_dir, P01_ORGANISATION, "organisation: Gemeente Testdorp #2 (cluster Noord)\n"
    )
    result = run("check", "demo")
    assert result.exit_code == 0, result.output
    assert (
        f"let op: {path}:{P01_ORGANISATION_LINE}: YAML leest hier 'Gemeente Testdorp'"
        in result.output
    )
    assert "'#2 (cluster Noord)' is commentaar" in result.output
    assert (
        "tip: hoort het bij de tekst, zet dan de hele waarde tussen aanhalingstekens: "
        'organisation: "Gemeente Testdorp #2 (cluster Noord)"' in result.output
    )
    assert "editie demo is in orde: 12 deelnemers, 3 teams – 1 waarschuwing" in result.output


def test_the_same_value_in_quotes_gives_no_warning_and_keeps_the_whole_name(run, sessions_dir):
    _edit_demo(
        sessions_dir,
        P01_ORGANISATION,
        'organisation: "Gemeente Testdorp #2 (cluster Noord)"  # hoofdlocatie\n',
    )
    result = run("check", "demo")
    assert result.exit_code == 0, result.output
    assert "let op" not in result.output and "waarschuwing" not in result.output
    edition = load_edition("demo", Settings(sessions_dir=sessions_dir))
    assert edition.participant("p01").organisation == "Gemeente Testdorp #2 (cluster Noord)"


def test_the_demo_edition_and_a_new_edition_from_the_template_check_without_warnings(run):
    """The template has full-line comments and comments set apart after quoted values: both are fine."""
    assert run("init", "nieuw-2027", "--start", "2027-03-02").exit_code == 0
    for edition in ("demo", "nieuw-2027"):
        result = run("check", edition)
        assert result.exit_code == 0, result.output
        assert "let op" not in result.output and "waarschuwing" not in result.output, result.output


def test_import_warns_about_a_comment_in_an_answers_file_and_saves_what_yaml_read(run, tmp_path):
    file = _answers(
        tmp_path,
        "p01:\n  canvas.block.doelen: Doel #1: bodemdaling halveren\n"
        "teams:\n  team-veen:\n    homework.tussentijd-a.herkenning: Zie #3\n",
    )
    result = run("import", "demo", file)
    assert result.exit_code == 0, result.output
    assert f"let op: {file}:2: YAML leest hier 'Doel'" in result.output
    assert 'canvas.block.doelen: "Doel #1: bodemdaling halveren"' in result.output
    assert f"let op: {file}:5: YAML leest hier 'Zie'" in result.output
    assert "2 velden opgeslagen" in result.output


def test_a_value_a_comment_leaves_empty_is_explained_next_to_the_error_it_causes(run, sessions_dir):
    path = _edit_demo(sessions_dir, "title: Regisseur", "title: #1 Regisseur")
    result = run("check", "demo")
    assert result.exit_code == 2
    assert result.output.startswith(f"fout: {path}:3: title: moet tekst zijn")
    assert f"let op: {path}:3: YAML leest hier een lege waarde: '#1 Regisseur" in result.output
    assert 'title: "#1 Regisseur van de Samenwerking' in result.output


@pytest.mark.parametrize(
    "text, lines",
    [
        pytest.param("a: waarde # opmerking\n", [1], id="one-space-before-the-hash"),
        pytest.param("a: waarde  #2\n", [1], id="no-space-after-the-hash"),
        pytest.param("- Gemeente #2\n- b\n", [1], id="list-item"),
        pytest.param("a: een\n  twee #3\n", [2], id="value-over-two-lines"),
        pytest.param("a: #2\nb: x\n", [1], id="value-left-empty"),
        pytest.param("a: #2\n  Veenweide\n", [1], id="comment-before-the-text-below"),
        pytest.param("members: [p01 #kapitein, p02]\n", [1], id="inside-brackets"),
        pytest.param("# kop\na: x\n  # ingesprongen\nb: y\n#los\n", [], id="full-line-comments"),
        pytest.param("a: waarde  # opmerking\n", [], id="comment-set-apart"),
        pytest.param("a: \"Gemeente #2\" # c\nb: 'Team #1' #x\n", [], id="after-quoted-values"),
        pytest.param("a: |  #c\n  tekst # geen commentaar\nb: >-\n  x #y\n", [], id="block-text"),
        pytest.param("a: # nog invullen\nb:\n", [], id="empty-with-a-note"),
        pytest.param("a: #c\n  b: x\nl: #c\n- x\n- #c\n  id: y\n", [], id="map-or-list-below"),
        pytest.param("a: C#\nb: nummer#2\n", [], id="hash-inside-a-word"),
        pytest.param("a: [x, y] #c\n", [], id="after-brackets"),
    ],
)
def test_which_comments_are_reported(tmp_path, text, lines):
    """Only a comment that cuts a value short (or leaves it empty) and is not written as a comment
    usually is (two spaces before the #, one after it) is reported."""
    path = _yaml(tmp_path, text)
    assert [int(w.where.rsplit(":", 1)[1]) for w in yaml_warnings(path)] == lines


# ---------------------------------------------------------------- anchors and tags


def test_an_anchor_at_the_start_of_a_value_is_reported_because_its_text_vanishes(run, tmp_path):
    file = _answers(tmp_path, "p01:\n  canvas.block.partijen: &Co en de provincie\n")
    result = run("import", "demo", file)
    assert result.exit_code == 0, result.output
    assert f"let op: {file}:2: '&Co' is voor YAML een anker" in result.output
    assert "YAML leest hier 'en de provincie'" in result.output
    assert 'canvas.block.partijen: "&Co en de provincie"' in result.output


@pytest.mark.parametrize(
    "text, count",
    [
        pytest.param("a: !belangrijk project\n", 1, id="tag"),
        pytest.param("a: &x tekst\nb: *x\n", 0, id="anchor-used-by-an-alias"),
        pytest.param("a: !!str 0612\n", 0, id="yaml-own-str-tag"),
    ],
)
def test_anchors_and_tags_meant_as_yaml_are_not_reported(tmp_path, text, count):
    assert len(yaml_warnings(_yaml(tmp_path, text))) == count


# ---------------------------------------------------------------- values YAML reads as another type


@pytest.mark.parametrize(
    "old, new, line, tip",
    [
        pytest.param(
            "name: Annelies Verhoef",
            "name: 0612",
            20,
            "YAML leest 0612 als getal, niet als tekst; bedoel je tekst, zet die dan tussen "
            'aanhalingstekens: name: "0612"',
            id="number-name",
        ),
        pytest.param("id: team-veen", "id: 01", 69, 'id: "01"', id="number-team-id"),
        pytest.param(
            "name: Annelies Verhoef",
            "name: true",
            20,
            "YAML leest true als ja/nee-waarde",
            id="boolean",
        ),
        pytest.param("name: Annelies Verhoef", "name: ~", 20, "de waarde is leeg", id="null"),
        pytest.param(
            "casus: Veenweide Oost – bodemdaling remmen met boeren",
            "casus:\n      - Veenweide",
            22,
            "YAML leest dit als een lijst",
            id="list",
        ),
    ],
)
def test_a_value_yaml_reads_as_no_text_is_refused_with_what_yaml_read_and_the_fix(
    run, sessions_dir, old, new, line, tip
):
    path = _edit_demo(sessions_dir, old, new)
    result = run("check", "demo")
    assert result.exit_code == 2
    assert result.output.startswith(f"fout: {path}:{line}:") and "moet tekst zijn" in result.output
    assert tip in result.output, result.output


@pytest.mark.parametrize(
    "value, tip",
    [
        pytest.param("2040", 'canvas.block.doelen: "2040"', id="number"),
        pytest.param(
            "\n    Nee: niet doen",
            "YAML leest dit als een map (sleutel: waarde), door de ': ' in de tekst; "
            "bedoel je tekst, zet die dan tussen aanhalingstekens: "
            'canvas.block.doelen: "Nee: niet doen"',
            id="map",
        ),
    ],
)
def test_an_answer_yaml_reads_as_no_text_is_refused_with_the_fix(run, tmp_path, value, tip):
    file = _answers(tmp_path, f"p01:\n  canvas.block.doelen: {value}\n")
    result = run("import", "demo", file)
    assert result.exit_code == 2
    assert f"{file}:2: p01: canvas.block.doelen: moet tekst zijn" in result.output
    assert tip in result.output


@pytest.mark.parametrize("value", ["no", "Y", "on", "2026-01-01", "12:30", "C#", "Jan:de Vries"])
def test_what_yaml_1_1_would_change_stays_text_as_written(run, sessions_dir, value):
    """The loader reads YAML 1.2: yes/no/on/off/y/n are text, and dates in text fields stay text."""
    _edit_demo(sessions_dir, "name: Annelies Verhoef", f"name: {value}")
    result = run("check", "demo")
    assert result.exit_code == 0 and "let op" not in result.output, result.output
    assert (
        load_edition("demo", Settings(sessions_dir=sessions_dir)).participant("p01").name == value
    )


# ---------------------------------------------------------------- files YAML refuses


@pytest.mark.parametrize(
    "old, new, line, fragments",
    [
        pytest.param(
            "casus: Veenweide Oost – bodemdaling remmen met boeren",
            "casus: Dagdeel 1: start",
            22,
            [
                "mapping values are not allowed here",
                'zet de tekst dan tussen aanhalingstekens: casus: "Dagdeel 1: start"',
            ],
            id="colon-in-text",
        ),
        pytest.param(
            "casus: Veenweide Oost – bodemdaling remmen met boeren",
            "casus: - start",
            22,
            ['casus: "- start"'],
            id="dash-at-the-start",
        ),
        pytest.param(
            "    name: Annelies Verhoef",
            "\tname: Annelies Verhoef",
            20,
            ["tip: YAML staat hier geen tab toe: vervang de tab door spaties"],
            id="tab",
        ),
        pytest.param(
            "    name: Annelies Verhoef\n",
            "    name: Annelies Verhoef\n    name: Anne\n",
            21,
            [
                "sleutel 'name' staat twee keer in dezelfde map (die op regel 19 begint)",
                "tip: een sleutel mag in een map maar één keer voorkomen",
            ],
            id="duplicate-key",
        ),
    ],
)
def test_a_file_yaml_refuses_names_the_line_and_the_likely_fix_in_dutch(
    run, sessions_dir, old, new, line, fragments
):
    path = _edit_demo(sessions_dir, old, new)
    result = run("check", "demo")
    assert result.exit_code == 2
    assert result.output.startswith(f"fout: {path}:{line}: YAML-fout: ")
    for fragment in fragments:
        assert fragment in result.output, result.output


def test_check_content_warns_about_a_comment_cutting_a_name_in_the_pack(run, tmp_path):
    import shutil

    from conftest import REPO

    pack = tmp_path / "pakket"
    shutil.copytree(REPO / "data" / "content", pack)
    forms = pack / "forms.yml"
    lines = forms.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, 1) if line.lstrip().startswith("name: "))
    lines[number - 1] = lines[number - 1].rstrip("\n") + " #2 (regio)\n"
    forms.write_text("".join(lines), encoding="utf-8")
    result = run("check-content", str(pack))
    assert result.exit_code == 0, result.output
    assert f"let op: {forms}:{number}:" in result.output and '#2 (regio)"' in result.output
    assert "1 waarschuwing" in result.output
    clean = run("check-content")
    assert "let op" not in clean.output, "the shipped pack reads as it looks"
