"""The shared language: one begrippenlijst in the pack, shown where the terms are used, one word per concept."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import ipywidgets as W
import pytest
import yaml

from swc_core.content import load_content
from swc_core.edition import load_edition
from swc_core.errors import ContentError
from swc_core.export.glossary import glossary_html, step_terms
from swc_core.export.praktijkboek import praktijkboek_notebook
from swc_core.messages import text
from swc_core.settings import Settings
from widgets.base import terms_foldout

from conftest import REPO

CONTENT = REPO / "data" / "content"
UI = REPO / "data" / "ui" / "nl.yml"
CLICK = REPO / "data" / "ui" / "click" / "nl.yml"
# keys whose values are ids, file names or references, never text a participant reads
NOT_TEXT = {
    "id",
    "file",
    "source",
    "next",
    "form",
    "root",
    "instruments",
    "terms",
    "situations",
    "aspect",
    "avoid",
    "realisation_routes",
    "colour",
}


@pytest.fixture(scope="module")
def pack():
    return load_content()


def _names(pack) -> set[str]:
    return {t.name.casefold() for t in pack.glossary}


def test_every_form_block_and_toets_question_is_in_the_glossary(pack):
    """The names a page shows for the Code's forms, canvas blocks and four questions each have a definition."""
    names = _names(pack)
    shown = [*pack.forms, *pack.blocks, *pack.toets]
    assert [x.name for x in shown if x.name.casefold() not in names] == []


def test_the_codes_instruments_and_core_words_are_in_the_glossary(pack):
    names = _names(pack)
    for word in (
        "Schakelbak",
        "Samenwerkingscanvas",
        "Beslisboom",
        "Partnershiptypologie",
        "Geconsolideerde doelen",
        "Realisatiestrategie",
        "Schakeling",
        "Aandachtspunt",
        "Coproductie",
    ):
        assert word.casefold() in names, word
    assert {k.name.casefold() for k in pack.vocab.dilemma_kinds} <= names  # trade-off, compromis


def test_every_term_an_instrument_uses_exists_and_every_instrument_names_its_terms(pack):
    ids = {t.id for t in pack.glossary}
    for instrument in pack.instruments:
        assert instrument.terms, instrument.id
        assert set(instrument.terms) <= ids, instrument.id


def test_an_unknown_term_is_reported_at_its_line(tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    for f in CONTENT.glob("*.yml"):
        (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    path = folder / "instruments.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("terms: [schakelbak,", "terms: [schakelkast,"),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    problem = [p for p in caught.value.problems if "schakelkast" in p.message][0]
    assert (
        problem.where.startswith(str(path))
        and "begrip 'schakelkast' bestaat niet" in problem.message
    )


def _texts(node, key=None):
    """Every string a participant may read in a YAML document (ids and references left out)."""
    if key in NOT_TEXT:
        return
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _texts(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _texts(v, key)


def _variants(pack) -> dict[str, str]:
    return {variant: t.name for t in pack.glossary for variant in t.avoid}


# Every file a participant reads text from: the pack, the screen texts, the templates of pages, handouts, slides
# and the praktijkboek, and the notebooks (their markdown cells; today's notebooks have none, a future one may).
TEMPLATES = sorted(p for p in (REPO / "swc_core").rglob("*.j2") if "node_modules" not in p.parts)
NOTEBOOKS = sorted((REPO / "notebooks").rglob("*.ipynb"))


def _participant_texts(path: Path) -> list[str]:
    """The participant-facing strings of one file: YAML values (no ids), a template's text, markdown cells."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".yml":
        return list(_texts(yaml.safe_load(raw)))
    if path.suffix == ".ipynb":
        return [
            "".join(c["source"]) for c in json.loads(raw)["cells"] if c["cell_type"] == "markdown"
        ]
    return raw.splitlines()


def _variant_uses(pack, texts: list[str]) -> list[str]:
    found = []
    for variant, word in _variants(pack).items():
        pattern = re.compile(rf"(?<![\w-]){re.escape(variant)}", re.IGNORECASE)
        found += [f"{variant!r} (zeg: {word}): {s[:80]!r}" for s in texts if pattern.search(s)]
    return found


@pytest.mark.parametrize(
    "path",
    [UI, CLICK, *sorted(CONTENT.glob("*.yml")), *TEMPLATES, *NOTEBOOKS],
    ids=lambda p: str(Path(p).relative_to(REPO)),
)
def test_no_text_uses_a_word_the_glossary_avoids(pack, path):
    """One word per concept: partnership (never partnerschap), schakeling, aandachtspunt, coproductie, ..."""
    assert _variant_uses(pack, _participant_texts(Path(path))) == []


def test_the_one_word_check_reads_templates_and_notebook_markdown(pack, tmp_path):
    """The check above can fail on each kind of file it reads, and it reads every kind there is."""
    assert TEMPLATES and NOTEBOOKS and any("export" in p.parts for p in TEMPLATES)
    template = tmp_path / "x.html.j2"
    template.write_text(
        "<p>{{ t('a') }} De schakelbak en de koppeling tussen onderdelen.</p>\n", encoding="utf-8"
    )
    notebook = tmp_path / "x.ipynb"
    notebook.write_text(
        json.dumps(
            {
                "cells": [
                    {"cell_type": "markdown", "source": ["Een co-productie van partijen"]},
                    {"cell_type": "code", "source": ["partnerschap = 1  # code is not read"]},
                ]
            }
        ),
        encoding="utf-8",
    )
    assert [f.split(" ")[0] for f in _variant_uses(pack, _participant_texts(template))] == [
        "'koppeling'"
    ]
    assert [f.split(" ")[0] for f in _variant_uses(pack, _participant_texts(notebook))] == [
        "'co-productie'"
    ]


def test_the_variant_check_would_catch_partnerschap(pack):
    """The check above can fail: the avoided forms are listed, and a sentence with one is found."""
    assert _variants(pack)["partnerschap"] == "Partnership"
    doc = {"steps": [{"id": "x", "goal": "Je ontwerpt een partnerschap voor je casus."}]}
    assert any(re.search(r"(?<![\w-])partnerschap", s, re.I) for s in _texts(doc))


def test_the_foldout_lists_the_instruments_terms_with_their_definitions(pack):
    fold = terms_foldout(pack, "schakelbak")
    assert isinstance(fold, W.Accordion) and fold.selected_index is None  # closed until opened
    assert fold.get_title(0) == text("widgets.terms")
    body = fold.children[0].value
    for term in pack.terms_of("schakelbak"):
        assert f"<dt>{term.name}</dt>" in body
    assert pack.term("schakeling").definition.strip()[:30] in body


def test_every_page_shows_a_foldout_after_each_instrument(tmp_path):
    from swc_core.scheduling import ManualScheduler
    from swc_core.store import Store
    from widgets.autosave import StoreBinding
    from widgets.base import PageContext
    from widgets.page import build_page

    edition = load_edition("demo", Settings(sessions_dir=REPO / "sessions"))
    store = Store.open(f"sqlite:///{tmp_path / 'swc.db'}")
    try:
        binding = StoreBinding(store, "demo", "p01", "p01", scheduler=ManualScheduler())
        page = build_page(PageContext(edition, "p01", binding, binding.load(), step="dagdeel-4"))
        folds = [w for w in page.children if "swc-terms-foldout" in w._dom_classes]
        assert len(folds) == len(edition.content.step("dagdeel-4").instruments)
    finally:
        store.close()


def test_the_glossary_chapter_is_escaped_and_complete(pack):
    chapter = glossary_html(pack.glossary)
    assert text("export.glossary.title") in chapter
    assert chapter.count("<dt>") == len(pack.glossary)
    assert "Risico&#x27;s" in chapter  # the block name, escaped


def test_a_handout_gets_the_terms_of_its_step(pack):
    terms = step_terms(pack, "dagdeel-1-2")
    ids = [t.id for t in terms]
    assert "samenwerkingscanvas" in ids and "schakeling" in ids and len(ids) == len(set(ids))
    assert "trade-off" not in ids  # dagdeel 4's word, not dagdeel 1-2's


def test_the_praktijkboek_ends_with_the_begrippenlijst():
    edition = load_edition("demo", Settings(sessions_dir=REPO / "sessions"))
    nb = praktijkboek_notebook(edition, [], "Praktijkboek")
    last = nb.cells[-1].outputs[0]["data"]["text/html"]
    assert "swc-glossary" in last and last.count("<dt>") == len(edition.content.glossary)


# --- the begrippenlijst covers every term the pages use ----------------------------------------------------------

# The words of the Code and of the training (the seeds and ../shared/DOMAIN.md), as a page may write them. A page
# that uses one of them needs it in the begrippenlijst, with its definition; the plain Dutch around them does not.
CODE_WORDS = (
    "samenwerkingsvorm",
    "samenwerkingsvormen",
    "netwerk",
    "netwerken",
    "contractsamenwerking",
    "contractsamenwerkingen",
    "partnership",
    "partnerships",
    "samenwerkingscanvas",
    "schakelbak",
    "onderdeel",
    "onderdelen",
    "schakeling",
    "schakelingen",
    "beslisboom",
    "opgave",
    "opgaven",
    "situatie",
    "situaties",
    "partnershiptypologie",
    "geconsolideerde doelen",
    "dilemma",
    "dilemma's",
    "trade-off",
    "trade-offs",
    "compromis",
    "compromissen",
    "kunst van het haalbare",
    "toets",
    "aandachtspunt",
    "aandachtspunten",
    "patroon van stagnatie",
    "patronen van stagnatie",
    "balans",
    "realisatiestrategie",
    "route",
    "routes",
    "eigen rol",
    "regisseur",
    "coproductie",
    "evaluatie",
    "ladder van samenwerking",
    "casus",
    "casussen",
    "praktijkboek",
    "teamcaptain",
    "intake",
    "dagdeel",
    "dagdelen",
    "tussentijd",
    "tussentijden",
    "eindsessie",
    "opdrachtgever",
    "opdrachtgevers",
    "bestuurlijke afweging",
    "bestuurlijke afwegingen",
    "competentie",
    "competenties",
    "ontwikkeldoel",
    "ontwikkeldoelen",
    "optie",
    "opties",
    "interventie",
    "interventies",
    "advies",
    "adviezen",
)


def _widget_texts(root) -> list[str]:
    """Every text a widget tree can show: values, captions, placeholders, choices and fold-out titles."""
    out, stack = [], [root]
    while stack:
        widget = stack.pop()
        for attr in ("value", "description", "placeholder"):
            value = getattr(widget, attr, None)
            if isinstance(value, str):
                out.append(value)
        out += [
            str(o[0] if isinstance(o, tuple) else o) for o in getattr(widget, "options", ()) or ()
        ]
        if isinstance(widget, W.Accordion):
            out += [widget.get_title(i) or "" for i in range(len(widget.children))]
        stack.extend(getattr(widget, "children", ()) or ())
    return [html.unescape(re.sub(r"<[^>]+>", " ", t)) for t in out]


def _uses(text_: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text_, re.IGNORECASE) is not None


def missing_terms(pages: dict[str, str], glossary) -> dict[str, list[str]]:
    """Each Code word some page uses that no term of ``glossary`` names (name or other form), with those pages."""
    known = {w.casefold() for t in glossary for w in t.words}
    return {
        word: [page for page, text_ in pages.items() if _uses(text_, word)]
        for word in CODE_WORDS
        if word.casefold() not in known and any(_uses(t, word) for t in pages.values())
    }


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The visible text of every workbook (the demo's p01, with the demo answers) and every team page (team-veen)."""
    from swc_core.answers_file import read_answers
    from swc_core.scheduling import ManualScheduler
    from swc_core.store import Store
    from widgets.autosave import StoreBinding
    from widgets.base import PageContext
    from widgets.homework import build_homework
    from widgets.page import build_page

    edition = load_edition("demo", Settings(sessions_dir=REPO / "sessions"))
    team = edition.team_of("p01")
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('glossary') / 'swc.db'}")
    try:
        for subject, key, value in read_answers(REPO / "data" / "demo" / "answers.yml", edition):
            if subject in team.members:
                store.save("demo", subject, key, value, "demo")
        shown = {}
        for step in edition.content.programme:
            binding = StoreBinding(store, "demo", "p01", "p01", scheduler=ManualScheduler())
            page = build_page(PageContext(edition, "p01", binding, binding.load(), step=step.id))
            shown[step.id] = " ".join(_widget_texts(page))
            if step.team_fields:
                team_page = build_homework(edition, team.id, step.id, store, viewer=team.captain)
                shown[f"team {step.id}"] = " ".join(_widget_texts(team_page))
        yield shown
    finally:
        store.close()


def test_the_begrippenlijst_covers_every_code_word_the_pages_use(pack, pages):
    assert missing_terms(pages, pack.glossary) == {}
    used = [w for w in CODE_WORDS if any(_uses(t, w) for t in pages.values())]
    assert len(used) >= 40, used  # the pages really were read: most of the Code's words are on them


def test_the_coverage_check_names_a_word_a_page_uses_without_a_term(pack, pages):
    """Without 'Casus' (and its plural) in the begrippenlijst, the check names both words and the pages."""
    without = [t for t in pack.glossary if t.id != "casus"]
    missing = missing_terms(pages, without)
    assert set(missing) == {"casus", "casussen"} and "intake" in missing["casus"]


def test_a_term_on_a_page_shows_its_definition_in_each_of_its_forms(pack):
    """The other forms (plurals) of a term are marked like its name, with the same definition."""
    from widgets.term_markup import marked_terms

    out = marked_terms(
        "De onderdelen van je samenwerking en de schakelingen ertussen.", pack.glossary
    )
    assert ">onderdelen<span class='swc-term-def' role='tooltip'>Onderdeel: " in out
    assert ">schakelingen<span class='swc-term-def' role='tooltip'>Schakeling: " in out


def test_a_word_of_two_terms_is_reported(tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    for f in CONTENT.glob("*.yml"):
        (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    path = folder / "glossary.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "forms: [opties]", "forms: [opties, interventies]"
        ),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    assert any(
        "'interventies'" in p.message and "'optie'" in p.message for p in caught.value.problems
    ), [p.message for p in caught.value.problems]
