"""The served edition's own routes, and the guard in front of every route.

Every request passes :class:`RoleGuard` first: it works out who is asking
(:class:`~swc_core.serve.access.Visitor`) from the token on the request
(address ``?token=``, ``Authorization: token …``, or the edition's cookie
that an entry link set, see ``entry.py``), checks that against the route and
answers 403 with a Dutch page before any of Voilà's code runs:

- a route's role (the door for the room, the dashboards and exports for the
  trainer, Voilà's static files for a participant);
- a page: :meth:`Site.permits` (a participant's own workbook, their team's
  homework);
- a kernel (``/api/kernels/<id>``, its websocket, ``/swc/leave/<id>``,
  ``/swc/keep/<id>``): only
  the participant it was started for, or the trainer
  (``RoomKernelManager.owner_of``).

The cookie holds the token itself (for a participant: the secret of their
personal link), so a server restarted with the same codes keeps every
browser working, and a renewed card locks out the browsers of the old one.
"""

from __future__ import annotations

import inspect
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tornado import web
from tornado.log import app_log

from ..data_export import entries_frame, render_entries
from ..edition import open_store
from ..errors import StoreError, SwcError
from ..messages import text
from ..settings import Settings
from .access import NOBODY, AccessPolicy, Role, Visitor
from .attempts import Attempts
from .landing import door_page, landing_page, no_access_page, not_found_page, too_many_page
from .links import Links
from .opened import OpenedWorkbooks
from .render_queue import RenderQueue, default_slots
from .site import Site

if TYPE_CHECKING:  # prepared.py imports this module
    from .prepared import Preparation

LOOPBACK_IPS = {"127.0.0.1", "::1"}
CONTEXT = "swc_serve"  # key of the ServeContext in the tornado settings
COOKIE_DAYS = (
    200  # a training runs for months: a device keeps its participant for the whole edition
)


@dataclass(frozen=True)
class ServeContext:
    site: Site
    policy: AccessPolicy
    links: Links
    settings: Settings
    render_queue: RenderQueue = field(default_factory=lambda: RenderQueue(default_slots()))
    attempts: Attempts = field(default_factory=Attempts)
    opened: OpenedWorkbooks | None = None
    prepared: "Preparation | None" = (
        None  # pages prepared per participant (prepared.py); None: none
    )

    @property
    def cookie(self) -> str:
        """The cookie of this edition: two editions on one machine (other ports) never share one."""
        return cookie_name(self.site.edition.name)


def cookie_name(edition_name: str) -> str:
    return f"swc_{edition_name}"


def serve_context(handler: web.RequestHandler) -> ServeContext:
    return handler.settings[CONTEXT]


def _explicit_tokens(handler: web.RequestHandler) -> list[str]:
    """Tokens on the request itself (address, header), not in the cookie."""
    presented = [handler.get_query_argument("token", None)]
    auth = handler.request.headers.get("Authorization", "")
    if auth.lower().startswith("token "):
        presented.append(auth[6:])
    return [t for t in presented if t]


def current_visitor(handler: web.RequestHandler) -> Visitor:
    """Who this request comes from: the strongest of its tokens (on a tie, the request's own before the cookie)."""
    cached = getattr(handler, "_swc_visitor", None)
    if cached is not None:
        return cached
    ctx = serve_context(handler)
    if not ctx.policy.enforced:
        visitor = Visitor(Role.TRAINER)
    else:
        presented = [*_explicit_tokens(handler), handler.get_cookie(ctx.cookie)]
        visitors = [ctx.policy.visitor(t) for t in presented if t]
        visitor = max(visitors, key=lambda v: v.role, default=NOBODY)
    handler._swc_visitor = visitor
    return visitor


def remember(handler: web.RequestHandler, token: str) -> None:
    """Keep ``token`` in the edition's cookie unless the browser already holds a stronger one.

    A participant's card replaces another participant's (a shared laptop);
    the room link never replaces a participant, and nothing replaces the trainer.
    """
    ctx = serve_context(handler)
    if ctx.policy.visitor(token).role >= ctx.policy.visitor(handler.get_cookie(ctx.cookie)).role:
        handler.set_cookie(
            ctx.cookie, token, httponly=True, samesite="Lax", path="/", expires_days=COOKIE_DAYS
        )
        handler._swc_visitor = None


def forget(handler: web.RequestHandler) -> None:
    """Back to the door: the browser keeps only the room code."""
    ctx = serve_context(handler)
    handler.set_cookie(
        ctx.cookie,
        ctx.policy.tokens.room,
        httponly=True,
        samesite="Lax",
        path="/",
        expires_days=COOKIE_DAYS,
    )


def _wants_html(handler: web.RequestHandler) -> bool:
    """A browser showing a page (a link, or the door's form), not a script asking for data."""
    return "text/html" in handler.request.headers.get("Accept", "") and handler.request.method in (
        "GET",
        "POST",
    )


class RoleGuard:
    """Mixin placed before a handler class: refuses the request unless its visitor may have it.

    ``kernel_route``: the first path argument is a kernel id (Voilà's kernel
    routes name it ``kernel_id``, which is found without this flag).
    """

    needed: Role | None = Role.PARTICIPANT
    loopback_only = False
    kernel_route = False

    def required_role(self) -> Role | None:
        """The role this request needs; None: not part of the site (404)."""
        return self.needed

    def permits(self, visitor: Visitor) -> bool | None:
        """Whether ``visitor`` may have this request; None: not part of the site (404)."""
        needed = self.required_role()
        if needed is None:
            return None
        if needed is Role.NONE:
            return True  # open to all (an entry link; the preheated kernels' own query route, loopback only)
        if visitor.role < needed:
            return False
        kernel_id = self.path_kwargs.get("kernel_id") or (
            self.path_args[0] if self.kernel_route and self.path_args else None
        )
        if kernel_id is not None:
            manager = self.settings.get("kernel_manager")
            if manager is None or kernel_id not in manager:
                return None  # gone (a closed tab's second goodbye) or never there: 404, quiet in the log
            owner_of = getattr(manager, "owner_of", None)
            return visitor.may_use_kernel(owner_of(kernel_id) if owner_of else None)
        return True

    async def prepare(self):
        if self.loopback_only and self.request.remote_ip not in LOOPBACK_IPS:
            return self._refuse(403)
        ctx = serve_context(self)
        if ctx.policy.enforced and _explicit_tokens(self):
            if ctx.attempts.wait(self.request.remote_ip) > 0:
                return self._refuse(429)
            if any(ctx.policy.visitor(t).role is Role.NONE for t in _explicit_tokens(self)):
                ctx.attempts.failed(self.request.remote_ip)
        allowed = self.permits(current_visitor(self))
        if allowed is None:
            return self._refuse(404)
        if not allowed:
            return self._refuse(403)
        token = self.get_query_argument("token", None)
        if token and ctx.policy.enforced:
            remember(self, token)
        result = super().prepare()
        if inspect.isawaitable(result):
            await result

    def _refuse(self, status: int) -> None:
        self.clear()
        self.set_status(status)
        if _wants_html(self):
            self.set_header("Content-Type", "text/html; charset=utf-8")
            pages = {403: no_access_page, 404: not_found_page, 429: too_many_page}
            self.finish(pages.get(status, no_access_page)())
        else:
            self.finish()

    def check_xsrf_cookie(
        self,
    ):  # the door's form checks its origin itself (entry.py); no other form posts here
        return None


def guarded(
    handler_class: type, needed: Role | None = Role.PARTICIPANT, loopback_only: bool = False
) -> type:
    """``handler_class`` with :class:`RoleGuard` in front of it."""
    return type(
        f"Guarded{handler_class.__name__}",
        (RoleGuard, handler_class),
        {"needed": needed, "loopback_only": loopback_only},
    )


class PageHandler(RoleGuard, web.RequestHandler):
    def send_html(self, page: str) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(page)


class LandingHandler(PageHandler):
    """The room's door, a participant's own page, or the trainer's overview (``landing.py``)."""

    needed = Role.ROOM

    def get(self):
        ctx = serve_context(self)
        visitor = current_visitor(self)
        if visitor.role is Role.ROOM:
            return self.send_html(door_page(ctx.site))
        opened = ctx.opened.participants() if ctx.opened is not None else None
        self.send_html(
            landing_page(ctx.site, visitor, ctx.links, ctx.settings.current_date(), opened=opened)
        )


class ExportHandler(PageHandler):
    """The trainer's download of every latest answer (CSV for Excel on a Dutch laptop, or Excel).

    Every stored value gives a file (what a format cannot hold is noted in its
    cell, see ``data_export.py``); a store that cannot be read gives 503 and a
    Dutch line saying so, any other user-level problem 400; a bug still gets
    a Dutch line, with the traceback in the server's log.
    """

    needed = Role.TRAINER
    TYPES = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }

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
        self.set_header(
            "Content-Disposition", f'attachment; filename="antwoorden-{edition.name}.{fmt}"'
        )
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

    The body is a JSON object ``{widget model id: value}`` of the fields
    touched (a text, or a slider's, choice's or check box's value), as the
    browser holds them; the kernel sets them, saves everything it
    holds and is shut down (``RoomKernelManager.flush_kernel``). Answers 204;
    404 for a kernel this server does not run. The cookie is SameSite=Lax,
    so another site cannot post here in a participant's name; the guard lets
    only the participant the kernel was started for (or the trainer) through.
    """

    needed = Role.PARTICIPANT
    kernel_route = True

    async def post(self, kernel_id: str):
        manager = self.settings["kernel_manager"]
        if kernel_id not in manager:
            return self._refuse(404)
        values = _left_values(self.request.body)
        await manager.flush_kernel(kernel_id, values)
        await manager.shutdown_kernel(kernel_id)
        self.set_status(204)
        self.finish()


class KeepHandler(PageHandler):
    """``POST /swc/keep/<kernel id>``: what a page kept in the browser while offline, handed to a kernel again.

    Sent by the template's offline keeper once the page is connected again
    (the same kernel after a reconnect, or a fresh page's kernel after a
    reload). The body is a JSON object ``{stable field key: {"base": text,
    "text": text}}`` for a text, ``{stable field key: {"left": value, "base":
    value}}`` for any other input (``widgets/leaving.py``); the kernel sets (or merges)
    and saves them, and the answer is JSON ``{key: "saved"|"unsaved"|"unknown"}``:
    the browser forgets only what is saved. 404 for a kernel this server
    does not run (the page then reloads), 503 when the kernel did not
    answer (the browser tries again). Unlike the leave beacon, the kernel
    keeps running. The guard lets only the kernel's participant (or the trainer) through.
    """

    needed = Role.PARTICIPANT
    kernel_route = True

    async def post(self, kernel_id: str):
        manager = self.settings["kernel_manager"]
        if kernel_id not in manager:
            return self._refuse(404)
        answer = await manager.keep_in_kernel(kernel_id, _kept_values(self.request.body))
        self.set_header("Cache-Control", "no-store")
        if answer is None:
            self.set_status(503)
            return self.finish()
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(answer))


class VoilaShutdownHandler(PageHandler):
    """Voilà's own page asks ``/voila/api/shutdown/<kernel>`` when it is left; answered and ignored.

    The swc template's leave beacon (:class:`LeaveHandler`) ends the kernel
    after handing it the page's texts; a second, text-less shutdown racing it
    could end the kernel before those texts are saved.
    """

    needed = Role.PARTICIPANT
    kernel_route = True

    def post(self, kernel_id: str):
        self.set_status(204)
        self.finish()


def _json_object(body: bytes) -> dict:
    """The JSON object of a request body of at most ``LEAVE_BODY_LIMIT`` bytes; anything else counts as empty."""
    if len(body) > LEAVE_BODY_LIMIT:
        return {}
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


LEFT_SHAPES = (
    "number",
    "index",
    "checked",
    "label",
)  # a non-text field's value (widgets/leaving.py)


def _left_values(body: bytes) -> dict[str, str | dict]:
    """The ``{model id: text or {"number"|"index"|"checked": value}}`` pairs of a leave beacon.

    Malformed pairs count as none. The kernel checks each value against its
    widget (``widgets/leaving.py``); here only the shape.
    """
    return {
        k: v
        for k, v in _json_object(body).items()
        if isinstance(k, str) and k.isalnum() and _left_shape(v)
    }


def _left_shape(value) -> bool:
    """A text, ``{"number"|"index"|"checked": a number, a bool or null}`` or ``{"label": a text or null}``."""
    if isinstance(value, str):
        return True
    if not (isinstance(value, dict) and len(value) == 1 and next(iter(value)) in LEFT_SHAPES):
        return False
    [(shape, inner)] = value.items()
    if shape == "label":  # a choice kept offline, by the label the participant picked
        return isinstance(inner, (str, type(None)))
    return isinstance(inner, (int, float, bool, type(None)))


def _kept_values(body: bytes) -> dict[str, dict]:
    """The ``{stable key: {"base": text, "text": text}}`` pairs of a keep request; malformed pairs are left out.

    ``{stable key: {"left": value, "base": value}}``: a slider, number field,
    choice or check box changed offline, its value shaped as in a leave beacon
    (a choice as ``{"label": l}``), and what it showed before that change
    (``base``, optional: an entry kept by an older page has none).
    """
    kept = {}
    for key, item in _json_object(body).items():
        if not (
            isinstance(key, str)
            and re.fullmatch(r"[A-Za-z0-9_-]{1,80}", key)
            and isinstance(item, dict)
        ):
            continue
        if isinstance(item.get("text"), str) and isinstance(item.get("base", ""), str):
            kept[key] = {"base": item.get("base", ""), "text": item["text"]}
        elif not isinstance(item.get("left"), str) and _left_shape(item.get("left")):
            kept[key] = {
                "left": item["left"]
            }  # a non-text field changed offline (widgets/leaving.py)
            base = item.get("base")
            if base is not None and not isinstance(base, str) and _left_shape(base):
                kept[key]["base"] = base  # what it showed before that change
    return kept
