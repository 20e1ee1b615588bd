"""No HTML in Python strings: every page piece is a Jinja template with autoescape (issue 18, "Templates").

The scan reads every module of ``swc_core/`` and ``widgets/`` as a syntax tree
and looks at each string constant and f-string (docstrings left out: they
describe, they render nothing) for an HTML tag: an element name of HTML or
SVG after ``<`` or ``</``, or a tag whose name is itself a formatted value
(``f"<{tag}>"``). Placeholders such as ``<editie>`` in help texts are no tags.

Files still on :data:`NOT_YET` hold HTML that was not moved this session;
each says why. A file that no longer holds any must leave the list, so the
list only shrinks.
"""

from __future__ import annotations

import re

import pytest

from python_strings import FORMATTED, listed, module_strings, python_strings, scanned_modules

# HTML (WHATWG) and the SVG elements we draw; a tag is one of these names, or a formatted name (FORMATTED).
ELEMENTS = """a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite code
col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer form h1 h2 h3
h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map mark menu meta meter nav
noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script search section select
slot small source span strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr
track u ul var video wbr path g rect circle line polyline polygon tspan""".split()
TAG = re.compile(rf"</?(?:{'|'.join(ELEMENTS)}|{FORMATTED})(?:[\s/][^<>]*)?>", re.IGNORECASE)

FIGURES_REASON = (
    "plotly's own label markup (<b>, <br>, <i> in titles, labels and hover texts of "
    "swc_core/figures), interpreted by plotly, not HTML of ours"
)
# path (a file, or a folder ending in /) -> why it may still hold HTML in Python strings
NOT_YET: dict[str, str] = {
    "swc_core/figures/": FIGURES_REASON,
}


def html_strings(source: str) -> list[tuple[int, str]]:
    """``(line, tag)`` for every string constant or f-string of ``source`` that holds an HTML tag."""
    return sorted(
        (line, match.group(0).replace(FORMATTED, "{…}"))
        for line, text in python_strings(source)
        if (match := TAG.search(text))
    )


def _hits(path: str) -> list[tuple[int, str]]:
    return [
        (line, match.group(0).replace(FORMATTED, "{…}"))
        for line, text in module_strings(path)
        if (match := TAG.search(text))
    ]


def _allowed(path: str) -> bool:
    return any(listed(path, entry) for entry in NOT_YET)


def test_no_python_string_in_swc_core_or_widgets_holds_html():
    """HTML belongs in swc_core/templates/ (autoescape); a new tag in a Python string anywhere else fails here."""
    found = [
        f"{path}:{line}: {tag}"
        for path in scanned_modules()
        if not _allowed(path)
        for line, tag in _hits(path)
    ]
    assert not found, (
        "HTML in Python strings (move it into a template in swc_core/templates/):\n"
        + "\n".join(found)
    )


@pytest.mark.parametrize("entry", sorted(NOT_YET))
def test_every_file_on_the_list_still_holds_html(entry):
    """The list only shrinks: a file converted to templates leaves it (so it is scanned from then on)."""
    paths = [p for p in scanned_modules() if listed(p, entry)]
    assert paths, f"{entry} does not exist"
    assert any(_hits(p) for p in paths), f"{entry}: no HTML left, drop it"


def test_the_scan_sees_tags_in_strings_and_fstrings_but_not_docstrings_or_placeholders():
    source = '''
def f(tag, name):
    """Returns <div> markup."""
    a = "<p>plain</p>"
    b = f"<span class='x'>{name}</span>"
    c = f"<{tag} class='y'>"
    d = "swc check <editie> --team <team-id>"
    e = "a < b and c > d"
    g = '<br/>'
    return "<A HREF='/'>x</A>"
'''
    assert html_strings(source) == [
        (4, "<p>"),
        (5, "<span class='x'>"),
        (6, "<{…} class='y'>"),
        (9, "<br/>"),
        (10, "<A HREF='/'>"),
    ]
