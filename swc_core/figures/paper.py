"""A figure's twins in a handout: one for a phone's screen, one for an A4 page.

A figure is laid out for a 1,200 px screen. Zoomed to fit an A4 page
(182 mm between the margins of handout.css, ~688 CSS px) its text printed
at about 6 pt (the Schakelbak, the role quadrant, the goals: issue 16); on
a phone the same figure ran off the screen. A handout therefore carries each
figure three times (``swc_core/export/plotly_embed.py``): the figure itself,
its narrow twin for screens under :data:`~.narrow.NARROW_BELOW` (both at the
width of the page), and :func:`paper_twin`, drawn at the width of the paper
with no text under :data:`~.narrow.MIN_TEXT_PX` (12 px = 9 pt), shown only
in print. The paper twin starts from the narrow twin, whose builder laid its
text out for a small width (the role quadrant's axis ends in its axis
titles, the realisation routes one under the other), and has the room of a
page; a figure whose narrow twin is too cramped for a page carries its own
(``Figure.paper``: the Schakelbak's ring at a page's width).
"""

from __future__ import annotations

from .mimetype import figure_spec
from .narrow import MIN_TEXT_PX, floor_fonts, narrow_of, shrunk
from .spec import Figure, copy_of

PAPER_WIDTH = 680  # CSS px: A4 (210 mm) less the 14 mm side margins of handout.css, rounded down
PAPER_MAX_HEIGHT = (
    860  # CSS px: a figure and the heading above it on one A4 page (~990 px between margins)
)
TWINS = "swc_twins"  # the output metadata of a handout figure that holds its twins: {"narrow": spec, "paper": spec}


def narrow_twin(fig: dict) -> Figure:
    """The figure for a phone: the builder's own narrow twin when ``fig`` carries one (a ``Figure``
    from a builder), else the generic one (:func:`~.narrow.shrunk`, for plain JSON). Never a text
    under :data:`MIN_TEXT_PX`."""
    return narrow_of(fig) or floor_fonts(shrunk(fig), MIN_TEXT_PX)


def paper_twin(fig: dict, narrow: dict | None = None) -> Figure:
    """``fig`` as printed on A4: ``narrow`` (default :func:`narrow_twin` of ``fig``) drawn
    :data:`PAPER_WIDTH` px wide and at most :data:`PAPER_MAX_HEIGHT` high, every text at least
    :data:`MIN_TEXT_PX`.

    In: a ``{data, layout}`` dict (a builder's ``Figure`` or the JSON of one). Out: a new figure;
    ``fig`` and ``narrow`` are not changed. Never raises for a figure a builder made.
    """
    own = getattr(fig, "paper", None)  # a builder's own layout for paper (the Schakelbak's ring)
    base = own() if own is not None else narrow if narrow is not None else narrow_twin(fig)
    paper = copy_of(base)
    layout = paper["layout"]
    layout["width"] = PAPER_WIDTH
    layout["height"] = min(
        layout.get("height") or fig["layout"].get("height") or PAPER_MAX_HEIGHT, PAPER_MAX_HEIGHT
    )
    layout["autosize"] = False
    return floor_fonts(paper, MIN_TEXT_PX)


def twins_metadata(fig: dict) -> dict:
    """``{TWINS: {"narrow": ..., "paper": ...}}``: the output metadata that carries ``fig``'s twins
    into a handout (``swc_core/export/preprocessors.py``), as plain JSON. Built where the figure
    still carries its builder's narrow twin (``widgets/plotly_display.show_figure``); an output
    without it gets generic twins at export time (:func:`twins_of`)."""
    narrow = narrow_twin(fig)
    return {TWINS: {"narrow": figure_spec(narrow), "paper": figure_spec(paper_twin(fig, narrow))}}


def twins_of(metadata: dict | None, spec: dict) -> tuple[dict, dict]:
    """(narrow, paper) of a figure output: from its ``metadata`` (:func:`twins_metadata`), else built
    from ``spec``, its plain JSON."""
    twins = (metadata or {}).get(TWINS) or {}
    if twins.get("narrow") and twins.get("paper"):
        return twins["narrow"], twins["paper"]
    narrow = narrow_twin(spec)
    return figure_spec(narrow), figure_spec(paper_twin(spec, narrow))


def fit_width(spec: dict) -> dict:
    """``spec`` (a ``{data, layout}`` dict, changed in place and returned) without a fixed width.

    With ``autosize`` and no ``layout.width`` plotly.js takes the width of the element it draws
    in; the height is the builder's, which sized it to the rows it shows.
    """
    layout = spec.setdefault("layout", {})
    layout.pop("width", None)
    layout["autosize"] = True
    return spec
