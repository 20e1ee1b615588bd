"""The shared language: one begrippenlijst in the pack, shown where the terms are used, one word per concept."""
from __future__ import annotations

import re
from pathlib import Path

import ipywidgets as W
import pytest
import yaml
from conftest import REPO

from swc_core.content import load_content
from swc_core.errors import ContentError
from swc_core.edition import load_edition
from swc_core.export.glossary import glossary_html, step_terms
from swc_core.export.praktijkboek import praktijkboek_notebook
from swc_core.messages import text
from swc_core.settings import Settings
from widgets.base import terms_foldout

CONTENT = REPO / "data" / "content"
UI = REPO / "data" / "ui" / "nl.yml"
# keys whose values are ids, file names or references, never text a participant reads
NOT_TEXT = {"id", "file", "source", "next", "form", "root", "instruments", "terms", "situations", "aspect",
            "avoid", "realisation_routes", "colour"}


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
    for word in ("Schakelbak", "Samenwerkingscanvas", "Beslisboom", "Partnershiptypologie", "Geconsolideerde doelen",
                 "Realisatiestrategie", "Schakeling", "Aandachtspunt", "Coproductie"):
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
    path.write_text(path.read_text(encoding="utf-8").replace("terms: [schakelbak,", "terms: [schakelkast,"),
                    encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    problem = [p for p in caught.value.problems if "schakelkast" in p.message][0]
    assert problem.where.startswith(str(path)) and "begrip 'schakelkast' bestaat niet" in problem.message


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


@pytest.mark.parametrize("path", [UI, *sorted(CONTENT.glob("*.yml"))], ids=lambda p: Path(p).name)
def test_no_text_uses_a_word_the_glossary_avoids(pack, path):
    """One word per concept: partnership (never partnerschap), schakeling, aandachtspunt, coproductie, ..."""
    doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    found = []
    for variant, word in _variants(pack).items():
        pattern = re.compile(rf"(?<![\w-]){re.escape(variant)}", re.IGNORECASE)
        found += [f"{variant!r} (zeg: {word}): {s[:80]!r}" for s in _texts(doc) if pattern.search(s)]
    assert found == []


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
    from swc_core.store import Store
    from widgets.autosave import StoreBinding
    from widgets.base import PageContext
    from widgets.page import build_page
    from widgets.scheduling import ManualScheduler

    edition = load_edition("demo", Settings(sessions_dir=REPO / "sessions"))
    store = Store.open(f"sqlite:///{tmp_path / 'swc.db'}")
    try:
        binding = StoreBinding(store, "demo", "p01", "p01", scheduler=ManualScheduler())
        page = build_page(PageContext(edition, "p01", binding, binding.load(), "nl", "dagdeel-4"))
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
