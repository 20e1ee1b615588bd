"""Definitions at each word: the first use of a glossary term in a text shows its definition (hover, tap, focus)."""
from __future__ import annotations

from swc_core.content import load_content
from swc_core.content.schema import GlossaryTerm
from widgets.term_markup import marked_terms

SCHAKELBAK = GlossaryTerm(id="schakelbak", name="Schakelbak", definition="Het overzicht van de delen.")
NETWERK = GlossaryTerm(id="netwerk", name="Netwerk", definition="Partijen <leren> samen.")
CONTRACT = GlossaryTerm(id="contractsamenwerking", name="Contractsamenwerking", definition="Over en weer leveren.")


def test_the_first_use_of_each_term_is_marked_with_its_definition():
    out = marked_terms("In de schakelbak zet je een netwerk; de Schakelbak toont het.", [SCHAKELBAK, NETWERK])
    assert out.count("class='swc-term'") == 2, "each term once"
    assert "In de <span class='swc-term' tabindex='0'>schakelbak<span class='swc-term-def' role='tooltip'>" in out
    assert "Netwerk: Partijen &lt;leren&gt; samen." in out, "definitions are escaped too"
    assert out.endswith("; de Schakelbak toont het."), "the second use stays plain"


def test_only_whole_words_and_the_longest_name_match():
    out = marked_terms("Een netwerkje is geen contractsamenwerking.", [NETWERK, CONTRACT])
    assert "netwerkje" in out and out.count("swc-term'") == 1
    assert ">contractsamenwerking<span" in out


def test_text_that_is_markup_stays_text():
    out = marked_terms("<script>x</script> netwerk", [NETWERK])
    assert out.startswith("&lt;script&gt;x&lt;/script&gt; <span")
    assert marked_terms("", [NETWERK]) == "" and marked_terms("a < b", []) == "a &lt; b"


def test_every_instrument_explanation_marks_the_terms_it_names():
    pack = load_content()
    marked = {i.id: marked_terms(i.explanation, pack.glossary) for i in pack.instruments}
    assert "swc-term" in marked["schakelbak"], marked["schakelbak"]
    assert sum("swc-term" in m for m in marked.values()) >= 5, "the pages' intros use the shared language"
