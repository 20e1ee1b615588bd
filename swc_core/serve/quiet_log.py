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
"""
from __future__ import annotations

import logging

UNTRUSTED = "Notebook %s is not trusted"  # jupyter_server/services/contents/manager.py
ACCESS_LINE = "%d %s %.2fms"  # tornado.web.Application.log_request
ACCESS_LOGGER = "tornado.access"


class ServerNoise(logging.Filter):
    """Drops the records described in the module docstring, passes everything else."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg == UNTRUSTED:
            return False
        if record.msg == ACCESS_LINE and isinstance(record.args, tuple) and record.args[:1] == (404,):
            return False
        return True


def quiet_server_log(app_log: logging.Logger) -> None:
    """Install :class:`ServerNoise` on the server's own logger and on tornado's access log (once)."""
    for logger in (app_log, logging.getLogger(ACCESS_LOGGER)):
        if not any(isinstance(f, ServerNoise) for f in logger.filters):
            logger.addFilter(ServerNoise())
