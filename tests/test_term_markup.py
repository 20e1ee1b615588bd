"""Definitions at each word: the first use of a glossary term in a text shows its definition (hover, tap, focus)."""

from __future__ import annotations

from swc_core.content import load_content
from swc_core.content.schema import GlossaryTerm
from widgets.term_markup import marked_terms

SCHAKELBAK = GlossaryTerm(
    id="schakelbak", name="Schakelbak", definition="Het overzicht van de delen."
)
NETWERK = GlossaryTerm(id="netwerk", name="Netwerk", definition="Partijen <leren> samen.")
CONTRACT = GlossaryTerm(
    id="contractsamenwerking", name="Contractsamenwerking", definition="Over en weer leveren."
)


def test_the_first_use_of_each_term_is_marked_with_its_definition():
    out = marked_terms(
        "In de schakelbak zet je een netwerk; de Schakelbak toont het.", [SCHAKELBAK, NETWERK]
    )
    assert out.count("class='swc-term'") == 2, "each term once"
    assert (
        "In de <span class='swc-term' tabindex='0'>schakelbak<span class='swc-term-def' role='tooltip'>"
        in out
    )
    assert "Netwerk: Partijen &lt;leren&gt; samen." in out, "definitions are escaped too"
    assert out.endswith("; de Schakelbak toont het."), "the second use stays plain"


def test_only_whole_words_and_the_longest_name_match():
    out = marked_terms("Een netwerkje is geen contractsamenwerking.", [NETWERK, CONTRACT])
    assert "netwerkje" in out and out.count("swc-term'") == 1
    assert ">contractsamenwerking<span" in out


def test_a_term_that_is_also_an_everyday_word_is_not_marked():
    """The canvas blocks ("Partijen", "Bijdragen") are marked: false: "partijen" in a sentence is not the block."""
    pack = load_content()
    out = marked_terms("Partijen leveren bijdragen aan een partnership.", pack.glossary)
    assert out.count("class='swc-term'") == 1 and ">partnership<span" in out
    assert all(not t.marked for t in pack.glossary if t.id.startswith("blok-")) and pack.term(
        "blok-partijen"
    )


def test_text_that_is_markup_stays_text():
    out = marked_terms("<script>x</script> netwerk", [NETWERK])
    assert out.startswith("&lt;script&gt;x&lt;/script&gt; <span")
    assert marked_terms("", [NETWERK]) == "" and marked_terms("a < b", []) == "a &lt; b"


def test_every_instrument_explanation_marks_the_terms_it_names():
    pack = load_content()
    marked = {i.id: marked_terms(i.explanation, pack.glossary) for i in pack.instruments}
    assert "swc-term" in marked["schakelbak"], marked["schakelbak"]
    assert sum("swc-term" in m for m in marked.values()) >= 5, (
        "the pages' intros use the shared language"
    )


def test_the_packs_texts_on_a_live_page_show_their_terms_and_a_handout_keeps_plain_text(tmp_path):
    """Block, toets, typology, pattern, role and route texts carry the definitions on a live page (not just the
    instrument's intro); a handout's snapshot gets the same text as a plain Label (its chapter has the terms)."""
    import ipywidgets as W

    from swc_core.edition import load_edition
    from swc_core.scheduling import ManualScheduler
    from swc_core.settings import Settings
    from swc_core.store import Store
    from widgets.autosave import StoreBinding
    from widgets.base import PageContext
    from widgets.page import build_page

    from conftest import REPO

    edition = load_edition("demo", Settings(sessions_dir=REPO / "sessions"))
    store = Store.open(f"sqlite:///{tmp_path / 'swc.db'}")

    def page(step: str, live: bool):
        binding = StoreBinding(store, "demo", "p01", "p01", scheduler=ManualScheduler())
        return build_page(
            PageContext(edition, "p01", binding, binding.load(), step=step), foldouts=live
        )

    def walk(widget):
        yield widget
        for child in getattr(widget, "children", ()) or ():
            yield from walk(child)

    try:
        pack = edition.content
        for step, text in (
            ("dagdeel-1-2", pack.block("bijdragen").explanation),
            ("dagdeel-4", pack.toets_question("kan").step_back),
            ("dagdeel-5", pack.role("strateeg").description),
        ):
            live = [
                w for w in walk(page(step, True)) if "swc-marked" in getattr(w, "_dom_classes", ())
            ]
            [marked] = [w for w in live if _plain(w.value) == " ".join(text.split())]
            assert isinstance(marked, W.HTML) and "class='swc-term'" in marked.value, (
                step,
                marked.value,
            )
            handout = list(walk(page(step, False)))
            assert not any("swc-marked" in getattr(w, "_dom_classes", ()) for w in handout)
            assert any(isinstance(w, W.Label) and w.value == text.strip() for w in handout), step
    finally:
        store.close()


def _plain(marked: str) -> str:
    """The text a marked HTML reads as, without its definitions."""
    import html
    import re

    return html.unescape(
        re.sub(r"<[^>]+>", "", re.sub(r"<span class='swc-term-def'[^>]*>.*?</span>", "", marked))
    )


def test_a_definition_shown_at_the_right_edge_of_a_phone_stays_on_the_screen():
    """The pop-up is placed against its paragraph, not its word: on a 390 px phone a term at the end of a line
    pushed it past the edge. Real Chromium, the page's own CSS, the glossary's own markup."""
    from widgets.style import CSS

    from servers import chromium_browser

    term = next(t for t in load_content().glossary if t.name == "Schakelbak")
    marked = marked_terms("Een lange zin die eindigt op het woord " * 3 + "Schakelbak.", [term])
    html = (
        f"<html><head><style>body{{margin:0;padding:8px}} {CSS}</style></head><body>"
        f"<div class='widget-html swc-intro'><div class='widget-html-content' style='text-align: right'>"
        f"{marked}</div></div></body></html>"
    )  # right-aligned: the term ends at the screen's edge
    with chromium_browser() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 700})
        page.set_content(html)
        page.focus(".swc-term")
        word = page.evaluate(
            "() => document.querySelector('.swc-term').getBoundingClientRect().toJSON()"
        )
        shown = page.evaluate(
            "() => document.querySelector('.swc-term-def').getBoundingClientRect().toJSON()"
        )
        assert word["right"] > 300, "the term ends near the right edge"
        assert 0 <= shown["left"] and shown["right"] <= 390 and shown["width"] > 200, shown
        assert shown["top"] >= word["bottom"] - 1, "below the word's line"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
