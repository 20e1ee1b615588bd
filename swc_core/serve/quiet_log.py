"""The trainer's server window shows what the trainer should know, not Jupyter's housekeeping.

Two kinds of line are left out, each matched exactly (by the logger's own
format string), so every other warning and error still reaches the window:

- ``Notebook dagdeel-4.ipynb is not trusted`` (jupyter_server's
  ``ContentsManager.mark_trusted_cells``), once for every page and every
  preheated kernel. Trust decides only whether Jupyter's editor shows the
  HTML and JavaScript *stored* in a notebook; Voilà always runs the notebook
  itself and shows fresh output, so for a served edition the notice means
  nothing. Silencing it is chosen over signing the notebooks: a signature
  lives in the user's Jupyter data folder (``nbsignatures.db``), must be
  renewed after every change to a notebook and would be written at every
  start, only to suppress a line.
- ``404 GET /apple-touch-icon.png ...``: tornado's access line for a page
  that does not exist. Phones ask for such icons when a QR code is scanned,
  and a participant with a mistyped link sees a Dutch "not found" page with
  the way back; nobody at the trainer's laptop can do anything about either.
  A 403 (a page opened without the right link) and every 5xx stay visible.

And one kind of text never reaches any line: a code. Tornado's access line
holds the address, and an address may hold one (``/p/<secret>``,
``/r/<room code>``, ``/t/<trainer token>``, ``?token=``): its place is kept,
its value blanked (``/p/…``), whatever the log level. The entry links
answer with a redirect, so a code is in an address only once, and the short
code typed at the door travels in a form body, never in an address.
"""

from __future__ import annotations

import logging
import re

UNTRUSTED = "Notebook %s is not trusted"  # jupyter_server/services/contents/manager.py
ACCESS_LINE = "%d %s %.2fms"  # tornado.web.Application.log_request
ACCESS_LOGGER = "tornado.access"


class ServerNoise(logging.Filter):
    """Drops the records described in the module docstring, passes everything else."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg == UNTRUSTED:
            return False
        if (
            record.msg == ACCESS_LINE
            and isinstance(record.args, tuple)
            and record.args[:1] == (404,)
        ):
            return False
        return True


# The entry links' codes (swc_core/serve/entry.py) and ``token=`` in a query string.
SECRET_IN_ADDRESS = re.compile(r"(/[prt]/)[^/?#\s)]+|([?&;]token=)[^&#\s)]+", re.IGNORECASE)


def blank_secrets(line: str) -> str:
    """``line`` with every code in an address replaced by ``…``."""
    return SECRET_IN_ADDRESS.sub(lambda m: (m.group(1) or m.group(2)) + "…", line)


class SecretsBlanked(logging.Filter):
    """Passes every record, with any code in it blanked (see the module docstring)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        blanked = blank_secrets(message)
        if blanked != message:
            record.msg, record.args = blanked, ()
        return True


def quiet_server_log(app_log: logging.Logger) -> None:
    """Install :class:`ServerNoise` and :class:`SecretsBlanked` on the server's logger and tornado's (once)."""
    loggers = [
        app_log,
        *(
            logging.getLogger(name)
            for name in (ACCESS_LOGGER, "tornado.application", "tornado.general")
        ),
    ]
    for logger in loggers:
        for kind in (ServerNoise, SecretsBlanked):
            if not any(isinstance(f, kind) for f in logger.filters):
                logger.addFilter(kind())
