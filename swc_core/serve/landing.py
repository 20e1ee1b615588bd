"""The landing page of a served edition: who is here, and where each one goes.

Plain HTML from the edition (no kernel, so a room of thirty opening it costs
nothing), every name escaped. The room sees teams, participants and their
workbook links; the trainer also sees the dashboards, the room link with its
QR code and the exports.

When the whole room clicks at once, a page waits its turn on the server
(``render_queue.py``) while the browser still shows this page. A click on a
workbook link therefore shows a notice at once, and a second click on the
same link is ignored: it would cancel the first request and join the queue
again at the back.
"""
from __future__ import annotations

import html
from datetime import date
from urllib.parse import urlencode

from ..edition import Edition
from ..messages import text
from ..programme_day import step_on
from ..qr_code import qr_svg
from .access import Role
from .links import Links
from .site import Site

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1b1b1b; background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 1.5em; }
h1 { font-size: 2em; margin: .2em 0; }
h2 { font-size: 1.4em; margin: 1.2em 0 .4em 0; border-bottom: 2px solid #cfd8dc; }
.swc-sub { color: #455a64; }
.swc-now { background: #e8f5e9; border-left: 6px solid #2e7d32; padding: .6em 1em; margin: 1em 0; font-size: 1.1em; }
.swc-team { margin: .8em 0 1.2em 0; }
.swc-team h3 { margin: .3em 0; }
table { border-collapse: collapse; width: 100%; }
td, th { padding: .35em .5em; border-bottom: 1px solid #eceff1; text-align: left; vertical-align: top; }
a { color: #0d47a1; }
a.swc-current { font-weight: 700; background: #e8f5e9; padding: 0 .3em; }
.swc-steps a { margin-right: .8em; display: inline-block; }
td:first-child { width: 15em; }
.swc-links { display: flex; gap: 2em; align-items: flex-start; flex-wrap: wrap; }
.swc-qr svg { width: 220px; height: 220px; }
code { font-size: 1.1em; background: #f5f7f8; padding: .1em .3em; word-break: break-all; }
#swc-opening { position: fixed; top: 0; left: 0; right: 0; z-index: 10; background: #fff8e1; color: #1b1b1b;
  border-bottom: 4px solid #f9a825; padding: .9em 1.5em; font-size: 1.15em; box-shadow: 0 2px 8px rgba(0,0,0,.2); }
"""
# A workbook link clicked: show the notice; the same link clicked again while it opens: ignored.
OPENING_JS = """
(function () {
  var note = document.getElementById('swc-opening'), opening = null;
  document.addEventListener('click', function (ev) {
    var a = ev.target.closest && ev.target.closest('a[data-swc-open]');
    if (!a || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    if (opening === a.href) { ev.preventDefault(); return; }
    opening = a.href;
    note.hidden = false;
  });
  window.addEventListener('pageshow', function () { opening = null; note.hidden = true; });
})();
"""


def _page(title: str, body: str, script: str = "") -> str:
    return (f"<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{html.escape(title)}</title><style>{CSS}</style></head>"
            f"<body><main>{body}</main>{f'<script>{script}</script>' if script else ''}</body></html>")


def _href(path: str, **query: str) -> str:
    return html.escape(path + ("?" + urlencode(query) if query else ""))


def _workbook_links(site: Site, pid: str, current: str) -> str:
    links = []
    for step in site.workbook_steps():
        cls = " class='swc-current'" if step.id == current else ""
        links.append(f"<a{cls} data-swc-open href='{_href(site.render_path(step.id), participant=pid)}'>"
                     f"{html.escape(step.name)}</a>")
    return "<span class='swc-steps'>" + "".join(links) + "</span>"


def _homework_links(site: Site, team_id: str, current: str) -> str:
    links = []
    for step in site.homework_steps():
        cls = " class='swc-current'" if step.id == current else ""
        links.append(f"<a{cls} data-swc-open href='{_href(site.homework_path(), team=team_id, step=step.id)}'>"
                     f"{html.escape(step.name)}</a>")
    return "<span class='swc-steps'>" + "".join(links) + "</span>" if links else ""


def _teams(site: Site, current: str) -> str:
    ed, e = site.edition, html.escape
    parts = [f"<h2>{e(text('serve.landing.teams'))}</h2>"]
    for team in ed.teams.values():
        rows = "".join(
            f"<tr><td><b>{e(ed.participants[m].name)}</b><br><span class='swc-sub'>{e(ed.participants[m].organisation)}"
            f"</span></td><td>{_workbook_links(site, m, current)}</td></tr>" for m in team.members)
        homework = _homework_links(site, team.id, current)
        homework_row = (f"<tr><td><i>{e(text('serve.landing.homework'))}</i></td><td>{homework}</td></tr>"
                        if homework else "")
        parts.append(f"<section class='swc-team'><h3>{e(team.name)}</h3><table>{rows}{homework_row}</table></section>")
    return "".join(parts)


def _trainer_part(site: Site, links: Links, current: str) -> str:
    e = html.escape
    boards = "".join(
        f"<li><a{' class=swc-current' if d.step == current else ''} href='{_href(site.dashboard_path(d.id))}'>"
        f"{e(d.title)}</a></li>" for d in site.dashboards())
    teams = "".join(f"<li><a href='{_href(site.dashboard_path('team'), team=t.id)}'>{e(t.name)}</a></li>"
                    for t in site.edition.teams.values())
    return (
        f"<h2>{e(text('serve.landing.dashboards'))}</h2><ul>{boards}</ul>"
        f"<h3>{e(text('serve.landing.team_views'))}</h3><ul>{teams}</ul>"
        f"<h2>{e(text('serve.landing.room_link'))}</h2>"
        f"<div class='swc-links'><div class='swc-qr'>{qr_svg(links.room)}</div>"
        f"<div><p>{e(text('serve.landing.room_link_help'))}</p><p><code>{e(links.room)}</code></p>"
        f"<p>{e(text('serve.landing.trainer_link_help'))}</p></div></div>"
        f"<h2>{e(text('serve.landing.exports'))}</h2><ul>"
        f"<li><a href='/export/antwoorden.csv'>{e(text('serve.landing.export_csv'))}</a></li>"
        f"<li><a href='/export/antwoorden.xlsx'>{e(text('serve.landing.export_xlsx'))}</a></li></ul>")


def landing_page(site: Site, role: Role, links: Links, today: date) -> str:
    """The landing page for ``role``; ``today`` decides which step is highlighted (``Settings.current_date``)."""
    ed, e = site.edition, html.escape
    current = step_on(ed, today)
    step = ed.content.step(current)
    body = (f"<div id='swc-opening' role='status' hidden>{e(text('serve.landing.opening'))}</div>"
            f"<div class='swc-sub'>{e(text('serve.landing.kicker'))}</div><h1>{e(ed.title)}</h1>"
            f"<div class='swc-now'>{e(text('serve.landing.now', step=step.name))}</div>"
            f"<p>{e(text('serve.landing.pick_name'))}</p>")
    if role is Role.TRAINER:
        body += _trainer_part(site, links, current)
    body += _teams(site, current)
    return _page(ed.title, body, OPENING_JS)


def no_access_page() -> str:
    e = html.escape
    return _page(text("serve.no_access.title"),
                 f"<h1>{e(text('serve.no_access.title'))}</h1><p>{e(text('serve.no_access.body'))}</p>")


def not_found_page() -> str:
    e = html.escape
    return _page(text("serve.not_found.title"),
                 f"<h1>{e(text('serve.not_found.title'))}</h1><p>{e(text('serve.not_found.body'))}</p>"
                 f"<p><a href='/'>{e(text('serve.not_found.home'))}</a></p>")
