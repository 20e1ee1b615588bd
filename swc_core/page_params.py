"""A page's parameters: papermill's injected values, or Voilà's query string.

A notebook has a papermill ``parameters`` cell with defaults. Under papermill
those are overridden by injection; under Voilà the participant comes from the
page address (``?participant=p01``), read as ``voila.utils.get_query_string``
does (see :mod:`swc_core.voila_request`) so that preheated kernels work too
(a ``prelaunch_hook`` does not).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

from .errors import InputError, SwcError
from .messages import text
from .voila_request import in_voila, query_string

if TYPE_CHECKING:
    from .edition import Edition
    from .settings import Settings

QUERY_KEYS = ("participant", "team", "step")  # any other key in an address is ignored
# Set by ``swc serve`` for its kernels: every page of the server belongs to this edition.
SERVED_EDITION_ENV = "SWC_EDITION"
# Set by ``swc serve``: the participants' room link, shown with its QR code on every dashboard.
ROOM_LINK_ENV = "SWC_ROOM_LINK"
# Set by a multi-user deployment (deploy/jupyterhub) for one participant's own
# server: every page is that participant's, whatever the address says.
OWN_PARTICIPANT_ENV = "SWC_PARTICIPANT"
# Set by ``swc serve`` for a page it prepares before its participant arrives (``swc_core/serve/prepared.py``):
# the page is built for this participant at once, without waiting for a request; the server hands it
# only to a request for this participant's page that its guard allowed.
PREPARED_FOR_ENV = "SWC_PREPARED_FOR"


@dataclass(frozen=True)
class PageParams:
    edition: str
    participant: str = ""
    team: str = ""
    db: str = ""
    sessions_dir: str = ""
    step: str = ""


def prepared_for() -> str | None:
    """The participant a prepared page is built for (``PREPARED_FOR_ENV``), if this kernel prepares one."""
    return (os.environ.get(PREPARED_FOR_ENV) or None) if in_voila() else None


def own_participant() -> str | None:
    """The participant a multi-user deployment's server belongs to (``OWN_PARTICIPANT_ENV``), if any."""
    return (os.environ.get(OWN_PARTICIPANT_ENV) or None) if in_voila() else None


HUB_CASES_SERVICE = (
    "casussen"  # deploy/jupyterhub: the read-only colleagues' cases (swc_core/serve/hub_cases.py)
)


def hub_cases_url() -> str | None:
    """Where a participant on JupyterHub reads colleagues' cases (``/services/casussen/``), else None.

    Only on a participant's own hub server (``OWN_PARTICIPANT_ENV``); the
    hub's base URL comes from ``JUPYTERHUB_BASE_URL``, which JupyterHub gives
    every single-user server and so every kernel it starts.
    """
    base = os.environ.get("JUPYTERHUB_BASE_URL")
    if not own_participant() or not base:
        return None
    return f"{base.rstrip('/')}/services/{HUB_CASES_SERVICE}/"


def query_values(query: str) -> dict[str, list[str]]:
    """Every value of every key in a page's query string, parsed exactly as :func:`page_params` parses it.

    ``swc serve``'s guard checks ``participant`` and ``team`` with this, so
    the page can never read a different participant than the guard allowed.
    """
    return parse_qs(query)


def page_params(defaults: PageParams, query: str | None = None) -> PageParams:
    """``defaults`` overridden by the page address's query string, if any; a prepared page takes the participant
    it was prepared for (:func:`prepared_for`), as if the address named them."""
    if in_voila():
        # Served, the address is the only source of who this page is for: a notebook's
        # default participant must never show one person's answers to another (say,
        # when a preheated kernel did not receive the request in time).
        defaults = replace(defaults, participant="", team="")
        served = os.environ.get(SERVED_EDITION_ENV)
        if served:
            defaults = replace(defaults, edition=served)
    if query is None:
        prepared = prepared_for()
        query = f"participant={prepared}" if prepared else query_string()
    values = {k: v[-1] for k, v in query_values(query).items() if k in QUERY_KEYS and v}
    for key, value in values.items():
        if len(value) > 100 or not value.replace("-", "").replace("_", "").isalnum():
            raise InputError(text("page_params.bad_value", key=key))
    own = own_participant()
    if own:
        if values.get("participant", own) != own:
            raise InputError(
                text("page_params.other_participant"),
                hint=text("page_params.other_participant_hint"),
            )
        values["participant"] = own
    return replace(defaults, **values)


def load_for_page(params: PageParams) -> tuple["Edition", "Settings"]:
    """The edition and settings a page's parameters point at; SwcError (Dutch) when they cannot be loaded."""
    from .edition import load_edition
    from .settings import Settings

    settings = Settings.from_env(
        sessions_dir=Path(params.sessions_dir) if params.sessions_dir else None,
        database_url=params.db or None,
    )
    return load_edition(params.edition, settings), settings


def required_participant(params: PageParams) -> str:
    """The participant a workbook page is for; ``SwcError`` (Dutch, with a hint) when the address names none.

    One check for the live page (``widgets.page``) and the handout (``swc_core.views.entry``).
    """
    if not params.participant:
        raise SwcError(
            text("page_params.no_participant"), hint=text("page_params.no_participant_hint")
        )
    return params.participant
