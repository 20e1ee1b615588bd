"""Every Dutch text that counts reads right for 0, 1 and many ("1 veld", "0 velden", "5 velden")."""

from __future__ import annotations

import re
import string

import pytest
from click.testing import CliRunner

from swc_core.cli import cli
from swc_core.edition import load_edition, open_store
from swc_core.errors import Problem, ProblemsError, problems_error
from swc_core.messages import catalogue, counted, is_plural, text
from swc_core.model import messages as model_messages
from swc_core.settings import Settings

COUNTS = (0, 1, 5)


def _entries(node, prefix=""):
    """(dotted key, entry) for every text in the screen catalogue; a counted text is one entry."""
    if isinstance(node, dict) and not is_plural(node):
        for key, child in node.items():
            yield from _entries(child, f"{prefix}{key}.")
    else:
        yield prefix[:-1], node


ENTRIES = dict(_entries(catalogue()))
PLURALS = sorted(key for key, entry in ENTRIES.items() if is_plural(entry))
PLAIN = sorted(key for key, entry in ENTRIES.items() if isinstance(entry, str))


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _values(template: str, fill: str = "X", **given) -> dict:
    return {**{name: fill for name in _fields(template)}, **given}


def _first_words(entry: dict) -> tuple[str, str]:
    """The words right after ``{count}`` in the one- and other-form ("afspraak", "afspraken")."""

    def word(form):
        found = re.search(r"\{count\} (\S+)", form)
        return found.group(1).strip(",.()") if found else ""

    return word(entry["one"]), word(entry["other"])


# Nouns (and verbs) that belong to the other-form only: "velden", "afspraken", "deelnemers", ...
PLURAL_WORDS = sorted(
    {
        other
        for one, other in map(_first_words, (ENTRIES[k] for k in PLURALS))
        if other and other != one
    }
)
# "1 velden", unless it is Dutch's partitive ("1 van 5 velden", "1 van de 5 velden").
WRONG_AFTER_ONE = re.compile(
    r"(?<!van )(?<!van de )\b1 (" + "|".join(map(re.escape, PLURAL_WORDS)) + r")(?!\w)"
)


def test_the_catalogue_has_counted_texts_and_their_plural_words():
    assert {
        "homework.open_arrangements",
        "cli.status_filled",
        "widgets.typologie.suggestion",
        "counts.fields",
    } <= set(PLURALS)
    assert {"velden", "afspraken", "revisies"} <= set(PLURAL_WORDS)


@pytest.mark.parametrize("key", PLURALS)
def test_a_counted_text_uses_the_one_form_for_1_and_the_other_form_for_0_and_many(key):
    entry = ENTRIES[key]
    assert entry["one"] != entry["other"], f"{key}: both forms are the same"
    assert _fields(entry["one"]) <= _fields(entry["other"]) | {"count"}
    for count in COUNTS:
        form = entry["one"] if count == 1 else entry["other"]
        rendered = text(key, **_values(entry["other"], count=count))
        assert rendered == form.format(**_values(entry["other"], count=count))
        assert not WRONG_AFTER_ONE.search(rendered), rendered


@pytest.mark.parametrize("key", PLAIN)
def test_a_plain_text_never_puts_a_number_before_a_plural_word(key):
    """A text without forms must not say "{n} velden": with n = 1 that is wrong; it needs one/other forms."""
    template = ENTRIES[key]
    assert not WRONG_AFTER_ONE.search(template.format(**_values(template, fill="1"))), template


def test_a_counted_text_without_count_is_a_bug_not_a_guess():
    with pytest.raises(TypeError, match="count"):
        text("homework.open_arrangements")


@pytest.mark.parametrize("count, expected", [(0, "0 velden"), (1, "1 veld"), (5, "5 velden")])
def test_counted_phrases_for_sentences_that_count_two_things(count, expected):
    assert counted("fields", count) == expected
    assert (
        text("room.notes.parts", parts=counted("parts", count), cases=counted("cases", 1))
        == f"{counted('parts', count)} in 1 casus"
    )


@pytest.mark.parametrize("name", sorted(k for k, v in model_messages.TEXTS.items() if is_plural(v)))
def test_the_models_counted_texts_have_both_forms(name):
    entry = model_messages.TEXTS[name]
    for count in COUNTS:
        form = entry["one"] if count == 1 else entry["other"]
        assert model_messages.text(name, count=count) == form.format(count=count)
    assert not WRONG_AFTER_ONE.search(model_messages.text(name, count=1))


@pytest.mark.parametrize(
    "n, summary",
    [(1, "edition.yml: 1 probleem gevonden"), (2, "edition.yml: 2 problemen gevonden")],
)
def test_the_problem_count_above_a_list_of_errors(n, summary):
    assert problems_error(ProblemsError, [Problem("x")] * n, "edition.yml").message == summary


def test_status_of_an_edition_with_exactly_one_filled_field_says_1_veld(sessions_dir):
    settings = Settings(sessions_dir)
    edition = load_edition("demo", settings)
    first, *others = [pid for team in edition.teams.values() for pid in team.members]
    with open_store(edition, settings) as store:
        store.save("demo", first, "casus.title", "Veenweide Oost", author="test")

    result = CliRunner().invoke(
        cli, ["--sessions-dir", str(sessions_dir), "status", "demo"], catch_exceptions=False
    )

    assert result.exit_code == 0, result.output
    assert "(1 revisie)" in result.output
    line = next(line for line in result.output.splitlines() if line.strip().startswith(first))
    assert line.endswith("  1 veld ingevuld"), line
    assert result.output.count("  0 velden ingevuld") == len(others)
    assert not WRONG_AFTER_ONE.search(result.output), result.output
