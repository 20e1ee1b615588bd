"""Coming in: the room's door, a personal link, a typed code, and "niet jij?".

- ``/r/<room code>`` (the projector's QR code) and ``/t/<trainer token>``
  set the edition's cookie and go to ``/``; for the room that is the door,
  "scan je kaart of typ je code".
- ``/p/<secret>`` (the QR code on a participant's card) sets the cookie to
  that participant and goes to ``/``: their own page. A browser that already
  belongs to another participant is not switched (409, "niet jij?" first).
- ``POST /code``: the short code typed at the door, in the body (never in
  an address, so never in a log line); its origin is checked, so no other
  site can log a browser in.
- ``/niet-ik``: the browser forgets its participant and is back at the door.

Every entry answers with a redirect, so the address bar, the history and
the server's log never hold a code (and ``quiet_log.py`` blanks any that a
refused request carried). A wrong code or link counts against its address
(``attempts.py``): after a few, each further try waits longer.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .access import Role
from .handlers import PageHandler, current_visitor, forget, remember, serve_context
from .landing import door_page, occupied_page

DOOR_CODE_LIMIT = 64  # characters: a code is ten, with dashes and spaces a few more


class _Entry(PageHandler):
    needed = Role.NONE

    def _locked(self) -> bool:
        ctx = serve_context(self)
        if ctx.policy.enforced and ctx.attempts.wait(self.request.remote_ip) > 0:
            self._refuse(429)
            return True
        return False

    def _failed(self) -> None:
        serve_context(self).attempts.failed(self.request.remote_ip)


class TokenEntryHandler(_Entry):
    """``/r/<room code>``, ``/t/<trainer token>`` and ``/p/<personal secret>``: the cookie, then ``/``."""

    def get(self, token: str):
        ctx = serve_context(self)
        policy = ctx.policy
        if policy.enforced:
            if self._locked():
                return
            arriving = policy.visitor(token)
            if arriving.role is Role.NONE:
                self._failed()
                return self._refuse(403)
            here = current_visitor(self)
            if (
                arriving.role is Role.PARTICIPANT
                and here.role is Role.PARTICIPANT
                and here.participant != arriving.participant
            ):
                # Never switch a browser's participant by a link alone: a link someone else sent could
                # otherwise make this browser save its typing into their workbook. "Niet jij?" first.
                self.set_status(409)
                return self.send_html(occupied_page(ctx.site, here.participant))
            remember(self, token)
        self.redirect("/")


class DoorCodeHandler(_Entry):
    """The short code typed at the door (``POST /code``, form field ``code``)."""

    needed = Role.ROOM

    def post(self):
        ctx = serve_context(self)
        if not ctx.policy.enforced:
            return self.redirect("/", status=303)
        if not self._same_origin():
            return self._refuse(403)
        if self._locked():
            return
        typed = self.get_body_argument("code", "")[:DOOR_CODE_LIMIT]
        participant = ctx.policy.participant_by_code(typed)
        if participant is None:
            self._failed()
            self.set_status(403)
            return self.send_html(door_page(ctx.site, wrong_code=True))
        remember(self, ctx.policy.secret_of(participant))
        self.redirect("/", status=303)

    def _same_origin(self) -> bool:
        """The form was sent from this server's own door (``Origin``, else ``Referer``), not another site."""
        source = self.request.headers.get("Origin") or self.request.headers.get("Referer")
        if not source:
            return True  # a browser always sends Origin with a POST form; a script without one is no other site
        return urlsplit(source).netloc == self.request.host


class ForgetHandler(_Entry):
    """``/niet-ik`` ("niet jij?"): this browser forgets its participant and shows the door again."""

    def get(self):
        ctx = serve_context(self)
        if ctx.policy.enforced and current_visitor(self).role in (Role.ROOM, Role.PARTICIPANT):
            forget(self)  # the room code stays: this browser came in through the door before
        self.redirect("/")
