"""Colleagues' cases, read-only, on JupyterHub: a Hub-managed service at ``/services/casussen/``.

Under ``swc serve`` a participant reads colleagues' cases at ``/casus/<id>``
(:mod:`swc_core.serve.views`). On JupyterHub each participant has only their
own single-user server, which refuses every page of another participant; the
cases to read therefore come from this small service next to the hub, started
and stopped by the hub (``c.JupyterHub.services`` in
``deploy/jupyterhub/jupyterhub_config.py``).

- Identity is the hub's login, through JupyterHub's OAuth
  (``jupyterhub.services.auth.HubOAuthenticated``; the service's cookie is
  set by ``HubOAuthCallbackHandler``). No code or card is involved.
- Who reads whom is the edition's ``case_reading`` (``Edition.may_read_case``);
  the hub's trainers (``SWC_HUB_TRAINERS``) read every case.
- Pages are rendered from the store as plain HTML, with the same template
  and Content-Security-Policy as ``/casus/<id>`` under ``swc serve``: no
  kernel, no form, no script, nothing that could save or export.

Environment (set by the hub configuration): ``SWC_EDITION``,
``SWC_SESSIONS_DIR``, ``SWC_DATABASE_URL``, ``SWC_HUB_TRAINERS`` and the
hub's own ``JUPYTERHUB_SERVICE_URL`` / ``JUPYTERHUB_SERVICE_PREFIX`` /
``JUPYTERHUB_API_TOKEN``. Run as ``python -m swc_core.serve.hub_cases``.
"""

from __future__ import annotations

import asyncio
import os
from urllib.parse import urlparse

from jupyterhub.services.auth import HubOAuth, HubOAuthCallbackHandler, HubOAuthenticated
from tornado.web import Application, RequestHandler, authenticated

from ..edition import Edition, load_edition, open_store
from ..errors import StoreError
from ..html_templates import render, stylesheet
from ..messages import text
from ..settings import Settings
from .access import Role, Visitor
from .views import READ_ONLY_POLICY, casus_page, glossary_page

SERVICE_NAME = "casussen"  # the hub serves it at /services/casussen/


def hub_trainers(value: str | None = None) -> frozenset[str]:
    """The trainers' user names from ``SWC_HUB_TRAINERS`` (comma-separated; default ``trainer``)."""
    raw = os.environ.get("SWC_HUB_TRAINERS", "trainer") if value is None else value
    return frozenset(name.strip() for name in raw.split(",") if name.strip())


def hub_reader(edition: Edition, user: str, trainers: frozenset[str]) -> Visitor:
    """The :class:`Visitor` a hub user is: a trainer, a participant of the edition, or nobody."""
    if user in trainers:
        return Visitor(Role.TRAINER)
    if user in edition.participants:
        return Visitor(Role.PARTICIPANT, user)
    return Visitor(Role.NONE)


def readable_cases(edition: Edition, reader: Visitor) -> list:
    """The participants whose case ``reader`` may read, in the edition's order (own case included)."""
    people = edition.spec.participants
    if reader.role is Role.TRAINER:
        return list(people)
    if reader.role is not Role.PARTICIPANT:
        return []
    return [p for p in people if edition.may_read_case(reader.participant, p.id)]


class _CaseHandler(HubOAuthenticated, RequestHandler):
    """A page of the service: the hub's login decides who reads."""

    def initialize(
        self, edition: Edition, settings: Settings, trainers: frozenset[str], prefix: str
    ):
        self.edition, self.swc_settings, self.trainers, self.prefix = (
            edition,
            settings,
            trainers,
            prefix,
        )

    def set_default_headers(self):
        self.set_header("Content-Security-Policy", READ_ONLY_POLICY)
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")

    def reader(self) -> Visitor:
        return hub_reader(self.edition, self.current_user["name"], self.trainers)

    def refuse(self, status: int) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(text("serve.hub_cases.refused") + "\n")


class CaseIndexHandler(_CaseHandler):
    """``/services/casussen/``: the list of cases this user may read."""

    @authenticated
    def get(self):
        reader = self.reader()
        if reader.role is Role.NONE:
            return self.refuse(403)
        self.finish(
            render(
                "hub_cases.html.j2",
                edition=self.edition,
                people=readable_cases(self.edition, reader),
                reader=reader,
                prefix=self.prefix,
                css=stylesheet("casus.css"),
            )
        )


class CaseViewHandler(_CaseHandler):
    """``/services/casussen/casus/<participant>``: one case, read-only; 404 for a case this user may not read.

    A case that exists but is out of the reader's scope answers the same 404 as
    an unknown id, so the service tells nobody who else takes part.
    """

    @authenticated
    def get(self, owner: str):
        reader = self.reader()
        if reader.role is Role.NONE:
            return self.refuse(403)
        if owner not in {p.id for p in readable_cases(self.edition, reader)}:
            return self.refuse(404)
        try:
            with open_store(self.edition, self.swc_settings) as store:
                values = store.values(self.edition.name, owner)
        except StoreError as exc:
            self.set_status(503)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            return self.finish(text("serve.casus.store", reason=exc) + "\n")
        self.finish(
            casus_page(
                self.edition,
                owner,
                values,
                reader,
                back=self.prefix,
                back_label="serve.hub_cases.back",
            )
        )


class GlossaryPageHandler(_CaseHandler):
    """``/services/casussen/begrippen``: the begrippenlijst, for every user of the edition."""

    @authenticated
    def get(self):
        if self.reader().role is Role.NONE:
            return self.refuse(403)
        self.finish(glossary_page(self.edition, back=self.prefix))


def make_app(
    edition: Edition, settings: Settings, prefix: str, trainers: frozenset[str]
) -> Application:
    """The service's tornado application, its routes under the hub's ``prefix`` (``/services/casussen/``)."""
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    args = {"edition": edition, "settings": settings, "trainers": trainers, "prefix": prefix}
    return Application(
        [
            (prefix, CaseIndexHandler, args),
            (prefix + r"casus/([a-z0-9-]+)", CaseViewHandler, args),
            (prefix + "begrippen", GlossaryPageHandler, args),
            (prefix + "oauth_callback", HubOAuthCallbackHandler),
        ],
        cookie_secret=os.urandom(32),
        hub_auth=HubOAuth(api_token=os.environ["JUPYTERHUB_API_TOKEN"], cache_max_age=60),
    )


def main() -> None:
    """Start the service where the hub said (``JUPYTERHUB_SERVICE_URL``) and serve until stopped."""
    settings = Settings.from_env()  # SWC_SESSIONS_DIR, SWC_DATABASE_URL
    edition = load_edition(os.environ.get("SWC_EDITION", "demo"), settings)
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", f"/services/{SERVICE_NAME}/")
    where = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])

    async def serve():
        make_app(edition, settings, prefix, hub_trainers()).listen(where.port, where.hostname)
        await asyncio.Event().wait()

    asyncio.run(serve())


if __name__ == "__main__":
    main()
