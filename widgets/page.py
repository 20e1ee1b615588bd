"""A workbook page: the header of one step and its instruments, bound to the store.

The notebook of each step calls ``widgets.entry.open_workbook``, which sends a
live page here (:func:`open_workbook`) and a handout to
``swc_core.views.entry`` (no ipywidgets imported); everything else (which
instruments, their texts) comes from the content pack's programme.
"""

from __future__ import annotations

import logging

import ipywidgets as W
from markupsafe import Markup

from swc_core.edition import Edition, open_store
from swc_core.errors import SwcError
from swc_core.page_params import (
    PageParams,
    hub_cases_url,
    load_for_page,
    page_params,
    required_participant,
)
from swc_core.settings import Settings
from swc_core.views.entry import error_html, workbook_handout
from swc_core.views.page import header_html

from .autosave import StoreBinding
from .base import PageContext, terms_foldout
from .development_goals import development_goals_box
from .leaving import tag_text_fields
from .pack_foldouts import pack_foldout
from .preheat import before_workbook
from .registry import instrument_class
from .shared_looks import share_looks
from .style import page_style
from .term_markup import marked_terms

log = logging.getLogger("swc.page")


def header(ctx: PageContext) -> W.HTML:
    """Who this page is for and what this step is about (``swc_core.views.page.header_html``, escaped)."""
    glossary = cases = ""
    if ctx.live:  # the begrippenlijst as a page of its own (a handout carries it as a chapter)
        cases = (
            hub_cases_url()
        )  # on JupyterHub: served by the hub's service, with colleagues' cases
        glossary = f"{cases}begrippen" if cases else "/begrippen"
    goal = _goal(ctx, ctx.content.step(ctx.step).goal)
    return W.HTML(
        header_html(
            ctx.edition,
            ctx.subject,
            ctx.workbook,
            ctx.step,
            goal=goal,
            glossary_href=glossary,
            cases_href=cases,  # colleagues' cases: read in the hub's service
        )
    )


def _goal(ctx: PageContext, goal: str) -> str | Markup:
    """The step's goal: on a live page with its Code terms marked (hover or tap shows the definition)."""
    goal = goal.strip()
    return (
        Markup(marked_terms(goal, ctx.content.glossary)) if ctx.live else goal
    )  # marked_terms escapes the text


def error_box(exc: SwcError) -> W.HTML:
    """:func:`error_html` of a user's mistake, as the page's widget."""
    return W.HTML(error_html(exc))


def failure_box(what: str) -> W.HTML:
    """An unexpected failure: the server's log gets the traceback, the participant one Dutch line."""
    log.exception("page %s could not be opened", what)
    return W.HTML(error_html(None))


def build_page(ctx: PageContext, foldouts: bool = True) -> W.VBox:
    """The page of ``ctx.step``; ``foldouts``: each instrument's terms (a handout has the begrippenlijst instead)."""
    step = ctx.content.step(ctx.step)
    ctx.live = foldouts
    parts = [page_style(), header(ctx)]
    for instrument_id in step.instruments:
        cls = instrument_class(instrument_id)
        if cls is not None:
            if (
                instrument_id == "competenties"
            ):  # the self-assessment, framed by what the training aims at
                parts.append(
                    development_goals_box(ctx.content, "intake" if step.kind == "intake" else "end")
                )
            parts.append(cls(ctx))
            if foldouts:  # live pages: the terms and the pack's reference material, folded shut
                parts += [
                    f
                    for f in (
                        terms_foldout(ctx.content, instrument_id),
                        pack_foldout(ctx.content, instrument_id),
                    )
                    if f is not None
                ]
    parts.append(ctx.binding.status)
    page = W.VBox(parts)
    page.add_class("swc-page")
    page.ctx = ctx
    return page


def open_context(step: str, edition: Edition, participant: str, settings: Settings) -> PageContext:
    edition.participant(participant)  # unknown participant: clear error
    edition.content.step(step)
    store = open_store(edition, settings)
    binding = StoreBinding(store, edition.name, participant, author=participant)
    return PageContext(edition, participant, binding, binding.load(), step)


def open_workbook(
    step: str,
    *,
    edition: str,
    participant: str = "",
    db: str = "",
    sessions_dir: str = "",
    handout: bool = False,
) -> W.Widget | None:
    """The page of ``step`` for one participant; an error box instead of a traceback.

    ``handout``: show the static views of the workbook instead of live widgets (generated notebooks;
    ``swc_core.views.entry.workbook_handout``, no widget built); nothing is returned.
    """
    if handout:
        return workbook_handout(
            step,
            edition=edition,
            participant=participant,
            db=db,
            sessions_dir=sessions_dir,
        )
    try:
        defaults = PageParams(edition, participant, db=db, sessions_dir=sessions_dir)
        before_workbook(
            step, defaults
        )  # a preheated kernel: all that does not depend on who opens the page
        params = page_params(defaults)
        ed, settings = load_for_page(params)
        participant = required_participant(params)
        tag_text_fields()  # what a leaving browser still holds can reach this kernel (leaving.py)
        page = build_page(open_context(step, ed, participant, settings))
        page.ctx.binding.follow()  # saves made on another device reach this page within about a second
        share_looks(page)  # one Layout/Style model per distinct look: ~0.4x the models to send
    except SwcError as exc:
        page = error_box(exc)
    except Exception:  # a bug, not a user mistake: never a traceback on a participant's screen
        page = failure_box(step)
    return page
