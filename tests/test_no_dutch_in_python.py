"""No Dutch sentence in Python strings: every text the product says comes from data/ui/nl.yml (issue 18, point 5).

The scan reads every module of ``swc_core/`` and ``widgets/`` as a syntax tree
and looks at each string constant and f-string (docstrings left out: they
describe in English, they say nothing to a user) for a Dutch sentence: text
with a space and at least two of Dutch's common function words
(:data:`DUTCH_WORDS`, chosen so that none is also an English word), or one
word of our short messages that only Dutch has (:data:`DUTCH_MARKERS`). Strings
that read as CSS (a ``{ property: value; }`` rule or a ``/* comment */``)
are no sentences.

Every module is scanned: the list of files allowed to hold Dutch for a while
emptied in session 11, and the mechanism went with it.
"""

from __future__ import annotations

import re

from python_strings import FORMATTED, module_strings, python_strings, scanned_modules

# Dutch function words that are no English words, so an English comment or log line never counts.
DUTCH_WORDS = frozenset(
    """de het een en van niet te dat die er zijn wordt worden geen naar bij om ook nog maar uit
aan als dan kan moet staat deze dit wel hoort heeft hebben voor met op je jouw uw ze zich welke wat waar wie hier
daar nu al alle elk elke ander andere nieuwe meer geen kon zou mag moeten kunnen bestaat ontbreekt""".split()
)
# Words of our error and status messages that are Dutch only: one of them, in text with a space, is a sentence
# (the messages are short: "onbekende deelnemer 'p99'", "opslaan mislukt (...)").
DUTCH_MARKERS = frozenset(
    """ongeldig ongeldige onbekend onbekende bekend bekende bijvoorbeeld gebruik mislukt opslaan lezen
deelnemer deelnemers editie editienaam aantal""".split()
)
WORD = re.compile(r"[a-zà-ÿ]+")
CSS = re.compile(r"/\*.*?\*/|\{[^{}]*?[a-z-]+\s*:\s*[^;{}]+;", re.DOTALL)


def is_dutch_sentence(text: str) -> bool:
    """Whether ``text`` reads as a Dutch sentence: a space and two or more Dutch function words, not CSS."""
    if " " not in text.strip() or CSS.search(text):
        return False
    words = WORD.findall(text.lower())
    return sum(word in DUTCH_WORDS for word in words) >= 2 or any(w in DUTCH_MARKERS for w in words)


def dutch_strings(source: str) -> list[tuple[int, str]]:
    """``(line, text)`` for every string constant or f-string of ``source`` that reads as a Dutch sentence."""
    return sorted(
        (line, text.replace(FORMATTED, "{…}")[:70])
        for line, text in python_strings(source)
        if is_dutch_sentence(text)
    )


def _hits(path: str) -> list[tuple[int, str]]:
    return [
        (line, text.replace(FORMATTED, "{…}")[:70])
        for line, text in module_strings(path)
        if is_dutch_sentence(text)
    ]


def test_no_python_string_in_swc_core_or_widgets_holds_a_dutch_sentence():
    """Dutch belongs in data/ui/nl.yml (read with swc_core.messages.text); a new sentence elsewhere fails here."""
    found = [f"{path}:{line}: {text!r}" for path in scanned_modules() for line, text in _hits(path)]
    assert not found, "Dutch in Python strings (move it into data/ui/nl.yml):\n" + "\n".join(found)


def test_the_scan_sees_dutch_in_strings_and_fstrings_but_not_docstrings_english_or_css():
    source = '''
def f(name):
    """Zegt: dit is de tekst van een knop."""
    a = "het bestand bestaat niet"
    b = f"team {name} heeft geen antwoorden"
    c = "the file does not exist"
    d = "/* de kop van het werkboek */ .swc-head { color: red; }"
    e = "geen_antwoorden_van_het_team"
    g = f"onbekende deelnemer {name!r}"
    h = "unknown participant"
    return "Opslaan"
'''
    assert dutch_strings(source) == [
        (4, "het bestand bestaat niet"),
        (5, "team {…} heeft geen antwoorden"),
        (9, "onbekende deelnemer {…}"),
    ]
