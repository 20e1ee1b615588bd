"""Projector mode: large type, high contrast, nothing fetched from outside."""

from __future__ import annotations

import ipywidgets as W

from ..figure_view import FIGURE_CSS

CSS = """
/* The whole width of the projector: a 1920px screen is not cut off at 1500px. */
.swc-dashboard { font-size: 20px; color: #000; background: #fff; width: 100%; box-sizing: border-box; padding: 0 1em; }
/* ipywidgets sets its own small font on every HTML widget: the projector needs the large one */
.swc-dashboard .widget-html, .swc-dashboard .widget-html-content { font-size: 20px; line-height: 1.4; }
.swc-dashboard h1 { font-size: 44px; margin: .1em 0; line-height: 1.15; }
.swc-dash-header { justify-content: space-between; align-items: flex-start; width: 100%; flex-wrap: wrap; overflow: visible; }
.swc-dash-header > .widget-html { flex: 1 1 auto; }
.swc-dash-scope { font-size: 22px; color: #263238; }
.swc-roomlink { display: flex; gap: .8em; align-items: center; justify-content: flex-end; }
.swc-roomlink .swc-qr svg { width: 150px; height: 150px; }
.swc-roomlink-label { font-weight: 700; font-size: 22px; }
.swc-roomlink code { font-size: 1.05em; color: #000; background: #eceff1; padding: .1em .3em; }
.swc-controls { gap: .6em; align-items: center; flex-wrap: wrap; margin: .5em 0 .8em 0; }
.swc-controls .widget-toggle-button, .swc-controls button { font-size: 18px; height: 2.2em; width: auto; padding: 0 1em; }
/* the team dropdown as wide as its longest team name, never cut to a fixed 300px */
.swc-controls .widget-dropdown { width: auto; max-width: 100%; }
.swc-controls .widget-dropdown select { font-size: 18px; height: 2.2em; width: auto; min-width: 12em; max-width: 100%; }
.swc-controls .widget-dropdown > label { font-size: 18px; width: auto; padding-right: .4em; }
.swc-dash-status { font-size: 18px; padding: .2em .6em; border-radius: .3em; }
.swc-live { background: #e8f5e9; color: #1b5e20; }
.swc-frozen { background: #fff3e0; color: #e65100; font-weight: 700; }
.swc-offline { background: #ffebee; color: #b71c1c; font-weight: 700; }
.swc-panel { border-top: 3px solid #263238; margin: 1em 0 .4em 0; padding-top: .3em; }
.swc-panel-title { font-size: 30px; margin: .2em 0; line-height: 1.2; }
.swc-panel-note { font-size: 20px; color: #263238; margin-bottom: .3em; }
/* A table of the room wraps between words, never inside one (only a word longer than a whole line breaks). */
.swc-panel table { border-collapse: collapse; font-size: .95em; max-width: 100%; overflow-wrap: break-word; }
.swc-panel td, .swc-panel th { border-bottom: 1px solid #90a4ae; padding: .3em .6em; text-align: left; vertical-align: top; }
.swc-rondgang-bar { align-items: center; gap: .8em; }
/* on a phone the name goes under the buttons, never squeezing "volgende" into "v…" */
.swc-rondgang-bar { flex-wrap: wrap; }
.swc-rondgang-bar button { font-size: 18px; height: 2.2em; width: auto; padding: 0 1em; flex: none; }
.swc-rondgang-who { font-size: 1.3em; font-weight: 700; }
.swc-rondgang-count { color: #37474f; margin-left: .6em; }
/* Phones and tablets (a trainer checking the room): the header stacks, panels keep to the screen. */
@media (max-width: 820px) {
  .swc-dashboard h1 { font-size: 32px; }
  .swc-roomlink { justify-content: flex-start; }
  .swc-roomlink .swc-qr svg { width: 110px; height: 110px; }
  .swc-dashboard .swc-panel { overflow: hidden; }
  .swc-roomlink { flex-wrap: wrap; max-width: 100%; }
  .swc-roomlink > * { min-width: 0; max-width: 100%; }
  .swc-roomlink code { word-break: break-all; }
  .swc-dashboard h1, .swc-panel-title { overflow-wrap: anywhere; hyphens: auto; }
  .swc-dashboard .swc-panel-title { font-size: 24px; }
  .swc-panel table { font-size: 16px; }
  .swc-panel td, .swc-panel th { padding: .25em .3em; }
}
/* A phone: a table of the room is too wide for it, so each row becomes a card of named cells, the column's
   name (data-label, swc_core/templates/dashboard_table.html.j2) above each text, as the praktijkboek does. */
@media (max-width: 600px) {
  .swc-panel table.swc-room, .swc-panel table.swc-room tbody, .swc-panel table.swc-room tr,
  .swc-panel table.swc-room td { display: block; width: auto; }
  .swc-panel table.swc-room thead { display: none; }
  .swc-panel table.swc-room tr { border: 1px solid #90a4ae; border-radius: .3em; margin: .5em 0; padding: .2em .6em; }
  .swc-panel table.swc-room td { border: 0; padding: .15em 0; }
  .swc-panel table.swc-room td:empty { display: none; }
  .swc-panel table.swc-room td[data-label]::before { content: attr(data-label); display: block; font-weight: 700;
    font-size: .85em; color: #37474f; }
}
/* A phone: a long Dutch compound in a panel title ("Samenwerkingsvormen") fits whole instead of breaking */
@media (max-width: 480px) {
  .swc-dashboard h1 { font-size: 28px; }
  .swc-dashboard .swc-panel-title { font-size: 21px; }
}
/* ipywidgets lets a box scroll (overflow: auto), and a child 100% wide plus its 2px margins made each one
   scroll sideways by 4px; what really sticks out is seen at the page's edge */
.swc-dashboard.widget-box, .swc-dashboard .widget-box { overflow: visible; }
.swc-error { border: 2px solid #b71c1c; padding: .8em; color: #b71c1c; font-size: 1.1em; }
"""


def dashboard_style() -> W.HTML:
    return W.HTML(f"<style>{CSS}{FIGURE_CSS}</style>")
