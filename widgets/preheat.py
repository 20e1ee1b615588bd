"""What a preheated kernel does before its page is requested.

Voilà starts a pool of kernels for the page participants open now; each runs
the notebook until the page needs the request (who it is for), then waits.
Whatever does not depend on who opens the page is best done in that wait, so
the request only pays for the participant's own answers: the edition and its
content pack, the screen texts, the store's connection and first queries,
the instruments' modules. Outside a preheated kernel nothing happens here
(papermill, tests and plain Voilà pages load on demand).

A problem found here is not reported: the page meets it again after the
request and shows it then, with its own message.
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace

from swc_core import messages
from swc_core.edition import Edition, open_store
from swc_core.page_params import ROOM_LINK_ENV, SERVED_EDITION_ENV, PageParams, load_for_page
from swc_core.qr_code import qr_svg
from swc_core.voila_request import preheated

from .registry import instrument_class

log = logging.getLogger("swc.preheat")


def _edition(defaults: PageParams):
    served = os.environ.get(SERVED_EDITION_ENV)
    return load_for_page(replace(defaults, edition=served or defaults.edition))


def _touch_store(edition: Edition, settings) -> None:
    """Connect once and run the page's queries for someone, so SQLAlchemy has them compiled."""
    with open_store(edition, settings) as store:
        store.values(edition.name, next(iter(edition.participants)))
        store.last_id()


def before_workbook(step: str, defaults: PageParams) -> None:
    if not preheated():
        return
    try:
        edition, settings = _edition(defaults)
        messages.text("status.idle")
        for instrument_id in edition.content.step(step).instruments:
            instrument_class(instrument_id)
        _touch_store(edition, settings)
    except Exception:  # noqa: BLE001 - the page reports it after the request
        log.debug("warming up %s failed", step, exc_info=True)


def before_dashboard(kind: str, defaults: PageParams) -> None:
    if not preheated():
        return
    try:
        from swc_core.room import DASHBOARDS, Names, load_room

        edition, settings = _edition(defaults)
        with open_store(edition, settings) as store:
            room = load_room(store, edition)
        DASHBOARDS[kind](room, Names(edition, True))  # builds every panel's figure once
        link = os.environ.get(ROOM_LINK_ENV)
        if link:
            qr_svg(link)  # the same link on every dashboard: drawn once, kept
    except Exception:  # noqa: BLE001
        log.debug("warming up dashboard %s failed", kind, exc_info=True)
