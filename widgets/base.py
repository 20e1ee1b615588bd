"""What every instrument gets: the page context, and a common base class."""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, ClassVar

import ipywidgets as W

from swc_core import messages
from swc_core.content import ContentPack, provenance_note
from swc_core.edition import Edition

from .autosave import StoreBinding


@dataclass
class PageContext:
    """One participant's (or team's) page: who, which edition, where to save."""

    edition: Edition
    subject: str
    binding: StoreBinding
    values: dict[str, Any] = field(default_factory=dict)  # latest saved value per field
    language: str = "nl"
    step: str = ""

    @property
    def content(self) -> ContentPack:
        return self.edition.content


def terms_foldout(content: ContentPack, instrument_id: str, language: str = "nl") -> W.Accordion | None:
    """The "Begrippen" fold-out under an instrument: each glossary term it uses with its definition (closed).

    None for an instrument that names no terms (a trainer's own instrument, say).
    """
    terms = content.terms_of(instrument_id)
    if not terms:
        return None
    e = html.escape
    items = "".join(f"<dt>{e(t.name)}</dt><dd>{e(t.definition.strip())}</dd>" for t in terms)
    fold = W.Accordion(children=[W.HTML(f"<dl class='swc-terms'>{items}</dl>")], selected_index=None)
    fold.set_title(0, messages.text("widgets.terms", language))
    fold.add_class("swc-terms-foldout")
    return fold


class Instrument(W.VBox):
    """Base of every instrument: a titled box with its own save status line.

    ``sections`` names the content pack sections the instrument presents
    ("<file stem>.<section>"); when (part of) them is not from the Code, a
    small note under the title says so (``provenance_note``).
    """

    instrument_id: ClassVar[str]
    sections: ClassVar[tuple[str, ...]] = ()

    def __init__(self, ctx: PageContext, **kwargs):
        super().__init__(**kwargs)
        self.ctx = ctx
        info = ctx.content.instrument(self.instrument_id)
        note = provenance_note(ctx.content, self.sections, ctx.language)
        self.provenance = note  # the note's text, or None
        below = f"<div class='swc-provenance'>{html.escape(note)}</div>" if note else ""
        self.title = W.HTML(f"<h2 class='swc-instrument-title'>{html.escape(info.name)}</h2>{below}")
        self.intro = W.Label(info.explanation.strip(), layout=W.Layout(width="100%"))
        self.intro.add_class("swc-intro")
        self.add_class("swc-instrument")
        self.add_class(f"swc-instrument-{self.instrument_id}")

    def value_of(self, field: str, default: Any = None) -> Any:
        return self.ctx.values.get(field, default)

    def save(self, field: str, value: Any) -> bool:
        """Hand a changed value to the autosaver (checked, debounced, retried)."""
        accepted = self.ctx.binding.saver(field).submit(value)
        if accepted:
            self.ctx.values[field] = value
        return accepted
