"""The landing page of a served edition: the door, a participant's own page, the trainer's overview.

Plain HTML from the edition (no kernel, so a room of thirty opening it costs
nothing), every name escaped. The room link shows the door ("scan je kaart
of typ je code"); a participant sees their own workbooks, their team's
homework and the colleagues' cases they may read, and "niet jij?"; the
trainer sees every participant's links, the dashboards, the room link with
its QR code, the exports, the cards and who has opened their workbook.

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
from .access import Role, Visitor
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
.swc-steps a { margin-right: .8em; display: inline-block; padding: .3em 0; }
main li { margin: .45em 0; }  /* links a finger can hit one at a time on a phone */
td:first-child { width: 15em; }
.swc-who-bar { display: flex; justify-content: space-between; align-items: baseline; gap: 1em; flex-wrap: wrap; }
.swc-door form { margin: 1.2em 0; display: flex; gap: .6em; flex-wrap: wrap; align-items: center; }
.swc-door input { font-size: 1.6em; padding: .3em .5em; width: 11em; letter-spacing: .08em; text-transform: uppercase;
  font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
.swc-door button { font-size: 1.3em; padding: .3em 1em; }
.swc-wrong { background: #ffebee; border-left: 6px solid #c62828; padding: .6em 1em; }
.swc-opened { columns: 2 16em; padding-left: 1.2em; }
.swc-not-yet { color: #8d6e63; }
a.swc-read { margin-left: .6em; font-size: .9em; white-space: nowrap; }
.swc-links { display: flex; gap: 2em; align-items: flex-start; flex-wrap: wrap; }
.swc-links > div:last-child { flex: 1 1 20em; min-width: 0; }
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


def _homework_links(site: Site, team_id: str, current: str, viewer: str | None = None) -> str:
    """Links to a team's homework pages; ``viewer``: the participant who opens them (the captain's button)."""
    links = []
    for step in site.homework_steps():
        cls = " class='swc-current'" if step.id == current else ""
        who = {"participant": viewer} if viewer else {}
        links.append(f"<a{cls} data-swc-open href='{_href(site.homework_path(), team=team_id, step=step.id, **who)}'>"
                     f"{html.escape(step.name)}</a>")
    return "<span class='swc-steps'>" + "".join(links) + "</span>" if links else ""


def _read_link(pid: str) -> str:
    return f"<a class='swc-read' href='{_href('/casus/' + pid)}'>{html.escape(text('serve.landing.read_case'))}</a>"


def _teams(site: Site, current: str) -> str:
    ed, e = site.edition, html.escape
    parts = [f"<h2>{e(text('serve.landing.teams'))}</h2>"]
    for team in ed.teams.values():
        rows = "".join(
            f"<tr><td><b>{e(ed.participants[m].name)}</b><br><span class='swc-sub'>{e(ed.participants[m].organisation)}"
            f"</span></td><td>{_workbook_links(site, m, current)}{_read_link(m)}</td></tr>" for m in team.members)
        homework = _homework_links(site, team.id, current)
        homework_row = (f"<tr><td><i>{e(text('serve.landing.homework'))}</i></td><td>{homework}</td></tr>"
                        if homework else "")
        parts.append(f"<section class='swc-team'><h3>{e(team.name)}</h3><table>{rows}{homework_row}</table></section>")
    return "".join(parts)


def _own_part(site: Site, pid: str, current: str) -> str:
    """A participant's own workbooks and their team's homework: nothing of anyone else's to write to."""
    ed, e = site.edition, html.escape
    person, team = ed.participant(pid), ed.team_of(pid)
    rows = (f"<tr><td><b>{e(text('serve.landing.own_workbooks'))}</b></td>"
            f"<td>{_workbook_links(site, pid, current)}</td></tr>")
    homework = _homework_links(site, team.id, current, viewer=pid) if team else ""
    if homework:
        rows += (f"<tr><td><i>{e(text('serve.landing.homework'))}</i><br><span class='swc-sub'>{e(team.name)}</span>"
                 f"</td><td>{homework}</td></tr>")
    return (f"<div class='swc-who-bar'><h2>{e(text('serve.landing.welcome', name=person.name))}</h2>"
            f"<a href='/niet-ik'>{e(text('serve.landing.not_you'))}</a></div>"
            f"<p>{e(text('serve.landing.own_help'))}</p><table>{rows}</table>")


def _colleagues_part(site: Site, pid: str) -> str:
    """Links to the colleagues' cases this participant may read (the edition's ``case_reading``)."""
    ed, e = site.edition, html.escape
    readable = [p for p in ed.spec.participants if p.id != pid and ed.may_read_case(pid, p.id)]
    if not readable:
        return ""
    items = "".join(f"<li><a href='{_href('/casus/' + p.id)}'>{e(p.name)}</a> <span class='swc-sub'>· "
                    f"{e(p.organisation)}{' · ' + e(p.casus) if p.casus else ''}</span></li>" for p in readable)
    return (f"<h2>{e(text('serve.landing.colleagues'))}</h2><p>{e(text('serve.landing.colleagues_help'))}</p>"
            f"<ul>{items}</ul>")


def _cards_part(site: Site, opened: frozenset[str]) -> str:
    """The trainer's cards and links, and who has opened their own workbook (not when, not what)."""
    ed, e = site.edition, html.escape
    people = ed.spec.participants
    marks = "".join(f"<li>✓ {e(p.name)}</li>" if p.id in opened else f"<li class='swc-not-yet'>– {e(p.name)}</li>"
                    for p in people)
    count = sum(1 for p in people if p.id in opened)
    return (f"<h2>{e(text('serve.landing.cards'))}</h2><p>{e(text('serve.landing.cards_help'))}</p><ul>"
            f"<li><a href='/kaarten'>{e(text('serve.landing.cards_page'))}</a></li>"
            f"<li><a href='/kaarten/links.csv'>{e(text('serve.landing.links_csv'))}</a></li>"
            f"<li><a href='/kaarten/links.xlsx'>{e(text('serve.landing.links_xlsx'))}</a></li></ul>"
            f"<h3>{e(text('serve.landing.opened', count=count, total=len(people)))}</h3>"
            f"<ul class='swc-opened'>{marks}</ul>")


def _trainer_part(site: Site, links: Links, current: str) -> str:
    e = html.escape
    boards = "".join(
        f"<li><a{' class=swc-current' if d.step == current else ''} href='{_href(site.dashboard_path(d.id))}'>"
        f"{e(d.title)}</a></li>" for d in site.dashboards())
    teams = "".join(f"<li><a href='{_href(site.dashboard_path('team'), team=t.id)}'>{e(t.name)}</a></li>"
                    for t in site.edition.teams.values())
    # the room link first: the trainer puts this page on the projector at the start (above the fold at 1280x720)
    return (
        f"<h2>{e(text('serve.landing.room_link'))}</h2>"
        f"<div class='swc-links'><div class='swc-qr'>{qr_svg(links.room)}</div>"
        f"<div><p>{e(text('serve.landing.room_link_help'))}</p><p><code>{e(links.room)}</code></p>"
        f"<p>{e(text('serve.landing.trainer_link_help'))}</p></div></div>"
        f"<h2>{e(text('serve.landing.dashboards'))}</h2><ul>{boards}</ul>"
        f"<h3>{e(text('serve.landing.team_views'))}</h3><ul>{teams}</ul>"
        f"<h2>{e(text('serve.landing.exports'))}</h2><ul>"
        f"<li><a href='/export/antwoorden.csv'>{e(text('serve.landing.export_csv'))}</a></li>"
        f"<li><a href='/export/antwoorden.xlsx'>{e(text('serve.landing.export_xlsx'))}</a></li></ul>")


def _room_status_part() -> str:
    """The trainer's line "N werkboeken open · M met niet-opgeslagen werk", kept current (``room_status.py``)."""
    from .room_status import room_status_section  # imported here: room_status builds on handlers, which import us

    return room_status_section()


def landing_page(site: Site, visitor: Visitor, links: Links, today: date, opened: frozenset[str] | None = None) -> str:
    """The landing page for a participant or the trainer; ``today`` decides which step is highlighted.

    ``opened``: who has opened their own workbook, shown to the trainer when
    personal links are in use (None: they are not, as on loopback).
    """
    ed, e = site.edition, html.escape
    current = step_on(ed, today)
    step = ed.content.step(current)
    body = (f"<div id='swc-opening' role='status' hidden>{e(text('serve.landing.opening'))}</div>"
            f"<div class='swc-sub'>{e(text('serve.landing.kicker'))}</div><h1>{e(ed.title)}</h1>"
            f"<div class='swc-now'>{e(text('serve.landing.now', step=step.name))}</div>")
    if visitor.role is Role.PARTICIPANT and visitor.participant in ed.participants:
        body += _own_part(site, visitor.participant, current) + _colleagues_part(site, visitor.participant)
        return _page(ed.title, body, OPENING_JS)
    if visitor.role is not Role.TRAINER:
        raise ValueError(f"no landing page for {visitor}: the door is door_page")
    body += _room_status_part() + f"<p>{e(text('serve.landing.pick_name'))}</p>" + _trainer_part(site, links, current)
    if opened is not None:
        body += _cards_part(site, opened)
    return _page(ed.title, body + _teams(site, current), OPENING_JS)


def door_page(site: Site, wrong_code: bool = False) -> str:
    """The room link's page: "scan je kaart of typ je code" (the code goes in the body of a POST)."""
    ed, e = site.edition, html.escape
    wrong = f"<p class='swc-wrong' role='alert'>{e(text('serve.door.wrong'))}</p>" if wrong_code else ""
    body = (f"<div class='swc-sub'>{e(text('serve.landing.kicker'))}</div><h1>{e(ed.title)}</h1>"
            f"<section class='swc-door'><h2>{e(text('serve.door.title'))}</h2><p>{e(text('serve.door.scan'))}</p>"
            f"{wrong}<form method='post' action='/code' autocomplete='off'>"
            f"<label for='swc-code'>{e(text('serve.door.label'))}</label>"
            f"<input id='swc-code' name='code' inputmode='text' autocapitalize='characters' spellcheck='false' "
            f"maxlength='20' required placeholder='ABCDE-FGHJK' autofocus>"
            f"<button type='submit'>{e(text('serve.door.submit'))}</button></form>"
            f"<p class='swc-sub'>{e(text('serve.door.help'))}</p></section>")
    return _page(ed.title, body)


def occupied_page(site: Site, participant: str) -> str:
    """A personal link opened in a browser that belongs to ``participant``: say so, offer "niet jij?"."""
    e = html.escape
    name = site.edition.participant(participant).name
    body = (f"<h1>{e(text('serve.occupied.title'))}</h1><p>{e(text('serve.occupied.body', name=name))}</p>"
            f"<p><a href='/niet-ik'>{e(text('serve.occupied.forget', name=name))}</a></p>"
            f"<p><a href='/'>{e(text('serve.occupied.stay', name=name))}</a></p>")
    return _page(text("serve.occupied.title"), body)


def too_many_page() -> str:
    e = html.escape
    return _page(text("serve.too_many.title"),
                 f"<h1>{e(text('serve.too_many.title'))}</h1><p>{e(text('serve.too_many.body'))}</p>")


def no_access_page() -> str:
    e = html.escape
    return _page(text("serve.no_access.title"),
                 f"<h1>{e(text('serve.no_access.title'))}</h1><p>{e(text('serve.no_access.body'))}</p>"
                 f"<p><a href='/'>{e(text('serve.not_found.home'))}</a></p>")


def not_found_page() -> str:
    e = html.escape
    return _page(text("serve.not_found.title"),
                 f"<h1>{e(text('serve.not_found.title'))}</h1><p>{e(text('serve.not_found.body'))}</p>"
                 f"<p><a href='/'>{e(text('serve.not_found.home'))}</a></p>")
