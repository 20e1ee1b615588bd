"""The served edition's own routes, and the guard in front of every route.

Every request passes :class:`RoleGuard` first: it reads the token (address
``?token=``, ``Authorization: token …`` or the cookie set by the short
link), compares it with the role the route needs and answers 403 with a
Dutch page before any of Voilà's code runs. The cookie holds the token
itself, so a server restarted with the same tokens keeps every open link
working.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass, field

from tornado import web
from tornado.log import app_log

from ..data_export import entries_frame, render_entries
from ..edition import open_store
from ..errors import StoreError, SwcError
from ..messages import text
from ..settings import Settings
from .access import AccessPolicy, Role
from .landing import landing_page, no_access_page, not_found_page
from .links import Links
from .render_queue import RenderQueue, default_slots
from .site import Site

COOKIE = "swc_toegang"
LOOPBACK_IPS = {"127.0.0.1", "::1"}
CONTEXT = "swc_serve"  # key of the ServeContext in the tornado settings


@dataclass(frozen=True)
class ServeContext:
    site: Site
    policy: AccessPolicy
    links: Links
    settings: Settings
    render_queue: RenderQueue = field(default_factory=lambda: RenderQueue(default_slots()))


def serve_context(handler: web.RequestHandler) -> ServeContext:
    return handler.settings[CONTEXT]


def presented_role(handler: web.RequestHandler) -> Role:
    """The highest role any token on this request grants."""
    policy = serve_context(handler).policy
    if not policy.enforced:
        return Role.TRAINER
    presented = [handler.get_query_argument("token", None), handler.get_cookie(COOKIE)]
    auth = handler.request.headers.get("Authorization", "")
    if auth.lower().startswith("token "):
        presented.append(auth[6:])
    return max(policy.role_of(t) for t in presented)


def remember(handler: web.RequestHandler, token: str) -> None:
    """Keep the token in a cookie unless the browser already holds a stronger one."""
    policy = serve_context(handler).policy
    if policy.role_of(token) >= policy.role_of(handler.get_cookie(COOKIE)):
        handler.set_cookie(COOKIE, token, httponly=True, samesite="Lax", path="/", expires_days=14)


def _wants_html(handler: web.RequestHandler) -> bool:
    return "text/html" in handler.request.headers.get("Accept", "") and handler.request.method == "GET"


class RoleGuard:
    """Mixin placed before a handler class: refuses the request unless the role suffices."""

    needed: Role | None = Role.ROOM
    loopback_only = False

    def required_role(self) -> Role | None:
        """The role this request needs; None: not part of the site (404)."""
        return self.needed

    async def prepare(self):
        if self.loopback_only and self.request.remote_ip not in LOOPBACK_IPS:
            return self._refuse(403)
        needed = self.required_role()
        if needed is None:
            return self._refuse(404)
        if presented_role(self) < needed:
            return self._refuse(403)
        token = self.get_query_argument("token", None)
        if token and serve_context(self).policy.enforced:
            remember(self, token)
        result = super().prepare()
        if inspect.isawaitable(result):
            await result

    def _refuse(self, status: int) -> None:
        self.clear()
        self.set_status(status)
        if _wants_html(self):
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(no_access_page() if status == 403 else not_found_page())
        else:
            self.finish()

    def check_xsrf_cookie(self):  # only GET and websockets are served; no forms post here
        return None


def guarded(handler_class: type, needed: Role | None = Role.ROOM, loopback_only: bool = False) -> type:
    """``handler_class`` with :class:`RoleGuard` in front of it."""
    return type(f"Guarded{handler_class.__name__}", (RoleGuard, handler_class),
                {"needed": needed, "loopback_only": loopback_only})


class PageHandler(RoleGuard, web.RequestHandler):
    def send_html(self, page: str) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(page)


class LandingHandler(PageHandler):
    needed = Role.ROOM

    def get(self):
        ctx = serve_context(self)
        self.send_html(landing_page(ctx.site, presented_role(self), ctx.links, ctx.settings.current_date()))


class TokenEntryHandler(PageHandler):
    """``/r/<room code>`` and ``/t/<trainer token>``: set the cookie, go to the landing page."""

    needed = Role.NONE

    def get(self, token: str):
        policy = serve_context(self).policy
        if policy.enforced and policy.role_of(token) is Role.NONE:
            return self._refuse(403)
        if policy.enforced:
            remember(self, token)
        self.redirect("/")


class ExportHandler(PageHandler):
    """The trainer's download of every latest answer (CSV for Excel on a Dutch laptop, or Excel).

    Every stored value gives a file (what a format cannot hold is noted in its
    cell, see ``data_export.py``); a store that cannot be read gives 503 and a
    Dutch line saying so, any other user-level problem 400; a bug still gets
    a Dutch line, with the traceback in the server's log.
    """

    needed = Role.TRAINER
    TYPES = {"csv": "text/csv; charset=utf-8",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}

    def get(self, fmt: str):
        ctx = serve_context(self)
        edition = ctx.site.edition
        try:
            with open_store(edition, ctx.settings) as store:
                exported = render_entries(entries_frame(store, edition), fmt)
        except StoreError as exc:
            return self._say(503, text("data_export.served.store", reason=exc))
        except SwcError as exc:
            return self._say(400, text("data_export.served.refused", reason=exc))
        for line in exported.report.lines():
            app_log.warning("export %s: %s", edition.name, line)
        self.set_header("Content-Type", self.TYPES[fmt])
        self.set_header("Content-Disposition", f'attachment; filename="antwoorden-{edition.name}.{fmt}"')
        self.set_header("Cache-Control", "no-store")
        self.finish(exported.body)

    def _say(self, status: int, line: str) -> None:
        self.clear()
        self.set_status(status)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(line + "\n")

    def write_error(self, status_code: int, **kwargs) -> None:
        if status_code < 500:
            return super().write_error(status_code, **kwargs)
        self._say(status_code, text("data_export.served.bug"))  # tornado has logged the traceback


class FaviconHandler(PageHandler):
    """No icon, and no 404 in every page's console for the one the browser asks for."""

    needed = Role.NONE

    def get(self):
        self.set_status(204)
        self.finish()


class NotFoundHandler(PageHandler):
    needed = Role.NONE

    def prepare(self):
        self._refuse(404)


LEAVE_BODY_LIMIT = 1 << 20  # bytes: the texts of one page; a beacon may carry at most 64 KiB anyway


class LeaveHandler(PageHandler):
    """``POST /swc/leave/<kernel id>``: a page is being left (the template's ``pagehide`` beacon).

    The body is a JSON object ``{widget model id: text}`` of the fields typed
    in, as the browser holds them; the kernel sets them, saves everything it
    holds and is shut down (``RoomKernelManager.flush_kernel``). Answers 204;
    404 for a kernel this server does not run. The cookie is SameSite=Lax,
    so another site cannot post here in a participant's name.
    """

    needed = Role.ROOM

    async def post(self, kernel_id: str):
        manager = self.settings["kernel_manager"]
        if kernel_id not in manager:
            return self._refuse(404)
        values = _left_values(self.request.body)
        await manager.flush_kernel(kernel_id, values)
        await manager.shutdown_kernel(kernel_id)
        self.set_status(204)
        self.finish()


class VoilaShutdownHandler(PageHandler):
    """Voilà's own page asks ``/voila/api/shutdown/<kernel>`` when it is left; answered and ignored.

    The swc template's leave beacon (:class:`LeaveHandler`) ends the kernel
    after handing it the page's texts; a second, text-less shutdown racing it
    could end the kernel before those texts are saved.
    """

    needed = Role.ROOM

    def post(self, kernel_id: str):
        self.set_status(204)
        self.finish()


def _left_values(body: bytes) -> dict[str, str]:
    """The ``{model id: text}`` pairs of a leave beacon; anything malformed counts as none."""
    import json

    if len(body) > LEAVE_BODY_LIMIT:
        return {}
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and k.isalnum() and isinstance(v, str)}
