"""The whole `swc` command speaks Dutch: its help, click's headings and click's usage errors."""

from __future__ import annotations

import ast
import re
import string
from functools import lru_cache
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from swc_core.cli import cli
from swc_core.cli_texts import CLICK_MODULES, catalogue
from swc_core.messages import is_plural

from servers import SWC, serve_command

# What click prints in English when nothing translates it: headings, help options, value names, errors.
ENGLISH = [
    "Usage:",
    "Options:",
    "Commands:",
    "Positional arguments",
    "Show this message and exit.",
    "Show the version and exit.",
    "[OPTIONS]",
    "COMMAND",
    "[ARGS]",
    "default:",
    "env var:",
    "(dynamic)",
    "TEXT",
    "INTEGER",
    "FLOAT",
    "RANGE",
    "BOOLEAN",
    "DIRECTORY",
    "PATH",
    "FILENAME",
    "FILE",
    "FOLDER",
    "[%Y-%m-%d]",
    "Error:",
    "Try '",
    "for help",
    "Missing argument",
    "Missing option",
    "Invalid value",
    "No such option",
    "No such command",
    "Did you mean",
    "Got unexpected",
    "is not a valid",
    "is not in the range",
    "does not match",
    "does not exist",
    "is not one of",
    "requires an argument",
]
ENGLISH_RE = re.compile("|".join(re.escape(e) if not e.isalpha() else rf"\b{e}\b" for e in ENGLISH))


def _english(output: str) -> list[str]:
    return ENGLISH_RE.findall(output)


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="swc")


@pytest.mark.parametrize("command", [None, *sorted(cli.commands)])
def test_the_help_of_swc_and_of_every_command_is_dutch(command):
    result = invoke(*([command] if command else []), "--help")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Gebruik: swc") and "Opties:" in result.output
    assert "Toon deze hulp en stop." in result.output
    assert not _english(result.output), (_english(result.output), result.output)


def test_the_version_option_is_explained_in_dutch():
    assert (
        "--version" in invoke("--help").output
        and "Toon de versie en stop." in invoke("--help").output
    )
    assert invoke("--version").output.startswith("swc ")


@pytest.mark.parametrize(
    "args, message",
    [
        (["check"], "fout: Ontbrekend argument 'EDITIE'."),
        (["check", "--bogus", "demo"], "fout: Onbekende optie '--bogus'."),
        (["chek", "demo"], "fout: Onbekende opdracht 'chek'. Bedoel je 'check'?"),
        (
            serve_command("demo", "abc")[len(SWC) :],
            "fout: Ongeldige waarde voor '--port': 'abc' is geen geldig getal.",
        ),
        (
            serve_command("demo", 0)[len(SWC) :],
            "fout: Ongeldige waarde voor '--port': 0 ligt niet tussen de grenzen",
        ),
        (["init", "x", "--start", "2027-13-01"], "past niet bij de vorm"),
        (["migrate", "--to", "x"], "fout: Ontbrekende optie '--from'."),
        (["generate", "demo", "extra"], "fout: Onverwacht extra argument (extra)"),
    ],
)
def test_a_wrong_call_gets_a_dutch_message_and_exit_code_2(args, message):
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Gebruik: swc" in result.output and "--help' toont de hulp." in result.output
    assert not _english(result.output), result.output


@lru_cache(maxsize=1)
def _click_texts() -> dict[str, tuple[str, ...]]:
    """Every text click asks for through ``_()`` or ``ngettext()``: msgid -> (msgid, plural msgid)."""
    texts = {}
    root = Path(click.__file__).parent
    for name in CLICK_MODULES:
        tree = ast.parse((root / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "ngettext")
            ):
                ids = tuple(a.value for a in node.args[:2] if isinstance(a, ast.Constant))
                if ids:
                    texts[ids[0]] = ids
    return texts


def test_every_text_click_asks_for_has_a_dutch_translation():
    """A new click version that adds a text fails here instead of printing English to a trainer."""
    missing = sorted(set(_click_texts()) - set(catalogue()["messages"]))
    assert not missing


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("msgid", sorted(catalogue()["messages"]))
def test_a_translation_uses_only_the_placeholders_click_fills_in(msgid):
    english = _click_texts().get(msgid, (msgid,))
    dutch = catalogue()["messages"][msgid]
    forms = [dutch["one"], dutch["other"]] if is_plural(dutch) else [dutch]
    assert is_plural(dutch) == (len(english) == 2), (
        "ngettext texts have one/other forms, gettext texts one"
    )
    allowed = set().union(*map(_fields, english)) | {
        "len",
        "nargs",
    }  # ngettext's count names in click
    for form in forms:
        assert _fields(form) <= allowed, form
