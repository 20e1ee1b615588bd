"""``swc serve``: Voilà for one edition, with the room's, each participant's and the trainer's access.

:class:`EditionVoila` is Voilà's own application with three changes: the
directory tree, the contents API, the file route and the login page are
gone (only the edition's notebooks are served, see ``site.py``); every
remaining route sits behind the guard (``handlers.py``); and the landing
page, the entry links and the door (``entry.py``), the read-only cases and
the cards (``views.py``) and the trainer's export are added. Every kernel a
page gets is recorded with the visitor the page was rendered for, so its
routes and websocket answer no one else; and a browser may send a kernel
widget messages only, never code to run (``ALLOWED_MESSAGES``).

Kernels: the current step's workbook gets a pool of preheated kernels (the
participant is read from the address, see ``swc_core/voila_request.py``); kernels
talk to the server over Unix sockets (``ipc``), so no TCP port can collide
when thirty start at once; kernels of closed tabs are culled after
``cull_idle`` seconds without activity. Participants' pages are rendered a
few at a time in order of arrival (``render_queue.py``), the trainer's
dashboards without waiting.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import threading
import webbrowser
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from jupyter_core.utils import ensure_async, run_sync
from traitlets.config import Config
from voila.app import Voila
from voila.request_info_handler import RequestInfoSocketHandler

from ..codes import CodeBook
from ..edition import Edition
from ..errors import InputError
from ..jupyter import install_kernelspec, install_voila_template
from ..messages import text
from ..page_params import ROOM_LINK_ENV, SERVED_EDITION_ENV
from ..programme_day import step_on
from ..settings import Settings
from .access import AccessPolicy, Role, Visitor, load_or_create_tokens
from .entry import DoorCodeHandler, ForgetHandler, TokenEntryHandler
from .handlers import (
    CONTEXT,
    ExportHandler,
    FaviconHandler,
    KeepHandler,
    LandingHandler,
    LeaveHandler,
    NotFoundHandler,
    RoleGuard,
    ServeContext,
    VoilaShutdownHandler,
    current_visitor,
    guarded,
    serve_context,
)
from .links import LOOPBACK, Links
from .opened import OpenedWorkbooks
from .prepared import Preparation, Report, participant_asked, prepare_count
from .quiet_log import quiet_server_log
from .render_queue import RenderQueue, default_slots
from .room_status import RoomStatusHandler
from .site import HOMEWORK, NOTEBOOKS, Site
from .views import CardsHandler, CasusHandler, GlossaryHandler, LinksFileHandler

DEFAULT_PORT = 8866
# Voilà routes that are not part of a served edition: the file browser, the
# contents API, raw files and the login form.
DROPPED = (
    "/voila/tree",
    "/voila/api/contents",
    "/voila/files/",
    "/login",
    "/logout",
    "/voila/api/shutdown",
)
# What a browser may send a kernel over its websocket: the widgets' own messages. Voilà's page never asks
# a kernel to run code, so an execute (or inspect, complete, history) request can only come from someone
# trying to read the store from inside their own kernel: jupyter_server drops it.
ALLOWED_MESSAGES = [
    "kernel_info_request",
    "comm_info_request",
    "comm_open",
    "comm_msg",
    "comm_close",
]


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    token_required: bool = False  # --host given: tokens are asked, even on loopback
    new_tokens: bool = False
    pool: int = 4  # preheated kernels for the current step's workbook; 0: none
    prepare: str = "all"  # pages prepared per participant: "all", "none" or a number (prepared.py)
    cull_idle: int = 600  # seconds; kernels of closed tabs go after this
    render_slots: int = (
        0  # participants' pages rendered at once, the rest queue; 0: one per core (at least 2)
    )
    open_browser: bool = True
    notebooks: Path = NOTEBOOKS
    log_level: str = "WARN"
    extra_env: dict = field(default_factory=dict)


class NotebookGuard(RoleGuard):
    """A notebook is served only when it is part of the site, to whom may open it (``Site.permits``).

    A participant opening a workbook of their own is noted for the trainer (``opened.py``).
    """

    def required_role(self) -> Role | None:
        path = self.path_args[0] if self.path_args else ""
        return serve_context(self).site.role_for(path)

    def permits(self, visitor: Visitor) -> bool | None:
        path = self.path_args[0] if self.path_args else ""
        context = serve_context(self)
        allowed = context.site.permits(visitor, path, self.request.query)
        if (
            allowed
            and visitor.role is Role.PARTICIPANT
            and context.opened is not None
            and path != HOMEWORK
        ):
            context.opened.add(visitor.participant)
        return allowed


class _OwnerRecorder:
    """The kernel manager as a page handler sees it: each kernel it hands out is recorded with its owner.

    ``prepared``: the pool key of the page prepared for this request's participant
    (``prepared.py``), handed out instead of a pooled or fresh kernel.
    """

    def __init__(self, manager, owner: str, path: str | None = None, prepared: str | None = None):
        self._manager = manager
        self._owner = owner
        self._path = path
        self._prepared = prepared

    def __getattr__(self, name):
        return getattr(self._manager, name)

    def get_pool_size(self, notebook_name: str) -> int:
        return 1 if self._prepared else self._manager.get_pool_size(notebook_name)

    async def get_rendered_notebook(self, *args, **kwargs):
        if self._prepared:
            kwargs["notebook_name"] = self._prepared
        render_task, rendered_cache, kernel_id = await self._manager.get_rendered_notebook(
            *args, **kwargs
        )
        self._manager.record_owner(kernel_id, self._owner, self._path)
        if (
            self._prepared
        ):  # the request's details Voilà sends next are never asked for by a prepared page
            asyncio.get_running_loop().call_soon(
                RequestInfoSocketHandler._cache.pop, kernel_id, None
            )
        return render_task, rendered_cache, kernel_id

    async def start_kernel(self, *args, **kwargs):
        kernel_id = await ensure_async(self._manager.start_kernel(*args, **kwargs))
        self._manager.record_owner(kernel_id, self._owner, self._path)
        return kernel_id


class OwnedKernels:
    """Mixin before Voilà's notebook handler: the kernel of a page belongs to whom it was rendered for.

    Voilà takes a preheated kernel (``get_rendered_notebook``) or starts one
    (``start_kernel``) through the handler's ``kernel_manager``; both are
    recorded before the page, and so the kernel's id, reaches the browser.
    """

    @property
    def kernel_manager(self):
        path = self.path_args[0] if self.path_args else None
        return _OwnerRecorder(
            self.settings["kernel_manager"],
            current_visitor(self).owner,
            path,
            self.prepared_page(path),
        )

    def prepared_page(self, path: str | None) -> str | None:
        """The pool key of the page prepared for the participant this request asks for, if it is ready.

        The guard (``NotebookGuard``) has allowed this visitor this participant's page before any of this runs.
        """
        prepared = serve_context(self).prepared
        if prepared is None or path is None:
            return None
        return prepared.take(path, participant_asked(self.request.query))


class QueuedRender:
    """Mixin before Voilà's notebook handler: a participant's page waits its turn (see ``render_queue.py``).

    The trainer's dashboards are not queued: the trainer should not wait behind the room.
    """

    _client_left = False

    def on_connection_close(self):
        self._client_left = True
        super().on_connection_close()

    async def get_generator(self, path=None):
        context = serve_context(self)
        queue = context.render_queue
        # A prepared page is built already: it is sent at once, like the trainer's pages.
        at_once = (
            context.site.role_for(path or "") is Role.TRAINER
            or self.prepared_page(path) is not None
        )
        if not at_once and queue.in_progress >= queue.slots:
            self.log.info(text("serve_log.waiting"), path, queue.waiting + 1)
        async with nullcontext() if at_once else queue.turn():
            if self._client_left:
                self.log.info(text("serve_log.client_left"), path)
                return
            async for chunk in super().get_generator(path=path):
                yield chunk


class EditionVoila(Voila):
    """Voilà serving exactly one edition's pages (see the module docstring)."""

    swc_context: ServeContext | None = None
    swc_preparation: Preparation | None = (
        None  # started once Voilà made its kernel manager (init_settings)
    )

    def load_config_file(self, *args, **kwargs):
        """A served edition is configured by ``swc serve`` alone, not by stray voila.json files."""

    def stop(self):
        """Voilà's stop, made quiet and safe for preheated kernels.

        A preheated kernel nobody was given yet is still running its page's
        first cell, waiting for a request; a graceful shutdown ends it in the
        middle of that cell and it prints a traceback into the trainer's
        window. Such a kernel holds nothing of anyone, so it is ended at once.
        ``shutdown_all`` can also trip over a kernel that is listed but not yet
        registered ("Kernel does not exist"); then the rest is stopped here,
        one by one, so Ctrl-C always ends with every kernel gone.
        """
        prepared = run_sync(self.swc_preparation.halt)() if self.swc_preparation is not None else []
        run_sync(self._stop_kernels)(list(dict.fromkeys([*self._unused_pool_kernels(), *prepared])))
        try:
            super().stop()
        except Exception as exc:  # noqa: BLE001 - any failure: make sure no kernel survives
            self.log.warning("kernels stopped one by one after: %s", exc)
            run_sync(self._stop_kernels)(list(self.kernel_manager.list_kernel_ids()))

    def _unused_pool_kernels(self) -> list[str]:
        """Kernels started for a pool and not yet handed to a page (Voilà keeps them as finished futures)."""
        ids = []
        for pool in getattr(self.kernel_manager, "_pools", {}).values():
            for started in pool:
                if started.done() and not started.cancelled() and started.exception() is None:
                    ids.append(started.result()["kernel_id"])
        return ids

    async def _stop_kernels(self, kernel_ids: list[str]) -> None:
        manager = self.kernel_manager
        for kernel_id in kernel_ids:
            try:
                await ensure_async(manager.shutdown_kernel(kernel_id, now=True))
            except Exception as exc:  # noqa: BLE001 - already gone
                self.log.debug("kernel %s: %s", kernel_id, exc)

    def init_settings(self) -> dict:
        settings = (
            super().init_settings()
        )  # makes the kernel manager (and starts Voilà's own pools)
        if self.swc_preparation is not None:
            self.swc_preparation.start(self.kernel_manager, self)
        settings[CONTEXT] = self.swc_context
        settings["default_handler_class"] = NotFoundHandler
        return settings

    def init_handlers(self) -> list:
        handlers = [
            ("/", LandingHandler),
            ("/favicon.ico", FaviconHandler),
            ("/r/([A-Za-z0-9]+)", TokenEntryHandler),
            ("/t/([A-Za-z0-9_-]+)", TokenEntryHandler),
            ("/p/([A-Za-z0-9_-]+)", TokenEntryHandler),
            ("/code", DoorCodeHandler),
            ("/niet-ik", ForgetHandler),
            ("/casus/([a-z0-9-]+)", CasusHandler),
            ("/begrippen", GlossaryHandler),
            ("/kaarten", CardsHandler),
            (r"/kaarten/links\.(csv|xlsx)", LinksFileHandler),
            (r"/export/antwoorden\.(csv|xlsx)", ExportHandler),
            (r"/swc/leave/([0-9a-f-]+)", LeaveHandler),
            (r"/swc/keep/([0-9a-f-]+)", KeepHandler),
            ("/swc/verbinding", RoomStatusHandler),
            (r"/voila/api/shutdown/(.*)", VoilaShutdownHandler),
        ]
        for pattern, cls, *rest in super().init_handlers():
            route = pattern.rstrip("/") or "/"
            if route == "/" or route.startswith(DROPPED):
                continue
            if route.startswith("/voila/render/"):
                cls = type(
                    "EditionNotebookHandler", (NotebookGuard, OwnedKernels, QueuedRender, cls), {}
                )
            elif route.startswith("/voila/query/"):
                cls = guarded(
                    cls, Role.NONE, loopback_only=True
                )  # the preheated kernels ask here, not browsers
            else:
                cls = guarded(
                    cls, Role.PARTICIPANT
                )  # a route with a kernel id: its owner only (RoleGuard)
            handlers.append((pattern, cls, *rest))
        return handlers


def _check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            raise InputError(
                text("serve_log.cannot_listen", host=host, port=port, reason=exc.strerror),
                hint=text("serve_log.cannot_listen_hint"),
            ) from None


IOPUB_TIMEOUT = 180  # s


def voila_config(options: ServeOptions, pools: dict[str, int], prepare: bool = False) -> Config:
    """Voilà's configuration; ``pools``: notebook -> number of preheated kernels; ``prepare``: pages are
    prepared per participant (``prepared.py``), which needs Voilà's preheating even without pools."""
    c = Config()
    c.Voila.ip = options.host
    c.Voila.port = options.port
    c.Voila.port_retries = 0
    c.Voila.open_browser = False
    c.Voila.root_dir = str(options.notebooks)
    c.Voila.token = ""  # jupyter_server's own token is off: the role guard asks for ours
    c.Voila.log_level = options.log_level
    c.VoilaConfiguration.template = "swc"
    c.VoilaConfiguration.show_tracebacks = False
    c.VoilaConfiguration.file_allowlist = []
    # A workbook page opens ~1,000 widget models, each an IOPub message the server reads after the
    # cell's reply; nbclient waits 4 s for them by default, and on a busy machine (a room arriving
    # at once) it gave up and served the page without its output: a blank page.
    c.VoilaExecutor.iopub_timeout = IOPUB_TIMEOUT
    c.VoilaConfiguration.multi_kernel_manager_class = "swc_core.serve.kernels.RoomKernelManager"
    pools = {notebook: size for notebook, size in pools.items() if size > 0}
    if pools or prepare:
        c.VoilaConfiguration.preheat_kernel = True
        c.VoilaConfiguration.default_pool_size = 0
        c.VoilaKernelManager.kernel_pools_config = {
            "default": {"pool_size": 0},
            **{nb: {"pool_size": n} for nb, n in pools.items()},
        }
    c.KernelManager.transport = "ipc"
    c.MappingKernelManager.cull_idle_timeout = options.cull_idle
    c.MappingKernelManager.cull_interval = max(10, min(60, options.cull_idle // 4 or 10))
    c.MappingKernelManager.cull_connected = False
    c.MappingKernelManager.cull_busy = False
    c.MappingKernelManager.allowed_message_types = ALLOWED_MESSAGES
    return c


def preheated(site: Site, pool: int, today: date) -> dict[str, int]:
    """Preheated kernels: ``pool`` for the page of the step on ``today``, one for the trainer's dashboard of it.

    Returns notebook path (relative to the notebooks folder) -> number of kernels.
    """
    step = step_on(site.edition, today)
    pools = {site.notebook_of(step): pool}
    dashboard = site.dashboard_of(step)
    if dashboard and pool > 0:
        pools[dashboard] = 1
    return pools


def prepare_app(
    edition: Edition, settings: Settings, options: ServeOptions, report: Report | None = None
) -> tuple[EditionVoila, ServeContext]:
    """A ready-to-start server for ``edition`` (raises InputError for a taken port, a bad ``--prepare``, etc.).

    ``report``: called with a Dutch line each time a prepared page is ready (the trainer's window).
    """
    prepared = _prepared_count(options, edition)
    enforced = options.token_required or options.host not in LOOPBACK
    tokens = load_or_create_tokens(edition.folder, renew=options.new_tokens) if enforced else None
    codes = CodeBook(edition.folder) if enforced else None
    if codes is not None:
        codes.ensure(
            edition.participants
        )  # a participant added since the cards were printed gets a code now
    _check_port_free(options.host, options.port)
    site = Site(edition, options.notebooks)
    preparation = _preparation(site, prepared, settings.current_date(), report)
    links = Links.build(options.host, options.port, tokens)
    context = ServeContext(
        site,
        AccessPolicy(tokens, codes, frozenset(edition.participants)),
        links,
        settings,
        render_queue=RenderQueue(options.render_slots or default_slots()),
        opened=OpenedWorkbooks(edition.folder) if enforced else None,
        prepared=preparation,
    )
    # Kernels inherit the server's environment: this is how a page knows its edition and store.
    os.environ.update(
        {
            SERVED_EDITION_ENV: str(edition.folder),
            "SWC_SESSIONS_DIR": str(settings.sessions_dir.resolve()),
            ROOM_LINK_ENV: links.room,
            **({"SWC_DATABASE_URL": settings.database_url} if settings.database_url else {}),
            **({"SWC_TODAY": settings.today.isoformat()} if settings.today else {}),
            **options.extra_env,
        }
    )
    if options.host not in ("0.0.0.0", "", "::"):
        os.environ["VOILA_APP_IP"] = options.host  # where preheated kernels reach the server
    install_voila_template()  # the page template this server needs, current with this version of the code
    install_kernelspec()  # and the kernel its pages run in
    app = EditionVoila(
        config=voila_config(
            options,
            preheated(site, options.pool, settings.current_date()),
            prepare=preparation is not None,
        )
    )
    app.swc_context = context
    app.swc_preparation = preparation
    app.initialize([])
    quiet_server_log(app.log)  # only what the trainer should know reaches the window
    return app, context


def _prepared_count(options: ServeOptions, edition: Edition) -> int:
    """How many participants' pages ``options.prepare`` asks for; raises InputError for a bad value."""
    try:
        return prepare_count(options.prepare, len(edition.participants))
    except ValueError:
        raise InputError(
            text("serve.bad_prepare", value=options.prepare),
            hint=text("serve.bad_prepare_hint"),
        ) from None


def _preparation(site: Site, count: int, today: date, report: Report | None) -> Preparation | None:
    """The pages to prepare for the first ``count`` participants of the edition (started with the server):
    their own workbook page of the day's step ("open je werkboek van vandaag"); None: none to prepare."""
    step = step_on(site.edition, today)
    if count == 0 or step not in {s.id for s in site.workbook_steps()}:
        return None
    notebook = f"{step}.ipynb"
    return Preparation(notebook, list(site.edition.participants)[:count], report)


def _has_screen() -> bool:
    """Only open a browser where there is a screen (a console browser would take over the terminal)."""
    import sys

    return sys.platform in ("darwin", "win32") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def run(app: EditionVoila, context: ServeContext, open_browser: bool) -> None:
    """Serve until Ctrl-C (or SIGTERM); every kernel is shut down on the way out."""
    if open_browser and _has_screen():
        threading.Timer(1.5, webbrowser.open, [context.links.trainer]).start()
    # Ctrl-C stops the event loop the way SIGTERM does, instead of raising
    # KeyboardInterrupt wherever the server happens to be; Voilà then shuts
    # every kernel down (``Voila.stop``) before start() returns.
    signal.signal(signal.SIGINT, app._handle_signal_stop)
    app.start()
