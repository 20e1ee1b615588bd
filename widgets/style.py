"""The page's look: readable on a laptop, printable, no external fonts or scripts."""

from __future__ import annotations

import ipywidgets as W

from .figure_view import FIGURE_CSS

CSS = """
.swc-page { max-width: 1280px; font-size: 16px; }
.swc-header h1 { font-size: 1.8em; margin: .2em 0; }
.swc-edition { color: #455a64; font-size: .9em; }
.swc-who, .swc-casus { font-size: 1.05em; margin: .1em 0; }
.swc-goal { margin: .6em 0; max-width: 60em; }
.swc-tools { color: #1b6b34; font-weight: 600; }
.swc-instrument { border-top: 2px solid #cfd8dc; margin-top: 1.2em; padding-top: .4em; }
.swc-instrument-title { font-size: 1.35em; margin: .2em 0; }
.swc-intro { color: #333; }
.swc-provenance { color: #595959; font-size: .8em; font-style: italic; margin: 0 0 .3em 0; }
.swc-status-failed, .swc-status-invalid { color: #b71c1c; font-weight: 700; }
.swc-error { border: 2px solid #b71c1c; padding: .8em; color: #b71c1c; font-size: 1.1em; }
.swc-finding { border-left: 4px solid #f9a825; padding-left: .6em; margin: .3em 0; }
.swc-finding-waarschuwing { border-left-color: #c62828; }
.widget-label { white-space: normal; }
/* casus, competenties, canvas, schakelbak */
/* ipywidgets gives a Label a fixed one-line height with overflow hidden: let long help and findings wrap */
.swc-instrument.swc-instrument-casus .widget-label, .swc-instrument.swc-instrument-competenties .widget-label,
.swc-instrument.swc-instrument-canvas .widget-label, .swc-instrument.swc-instrument-schakelbak .widget-label {
  height: auto; min-height: var(--jp-widgets-inline-height); line-height: 1.45; overflow: visible; padding: .15em 0; }
.swc-field { margin: .4em 0; }
.swc-competence { border-bottom: 1px solid #eceff1; padding: .4em 0; }
.swc-score-label { color: #1b6b34; margin-left: .8em; width: auto; }
.swc-canvas-block .widget-textarea textarea { min-height: 7em; }
.swc-forms-help { background: #f5f7f8; padding: .3em .8em; margin: .3em 0 .6em 0; }
.swc-findings { margin: .3em 0 .8em 0; }
.swc-instrument-schakelbak .swc-remove { flex-shrink: 0; }
.swc-finding-advies { border-left-color: #f9a825; }
.swc-finding-info { border-left-color: #90a4ae; }
/* beslisboom, typologie, doelen, toets, realisatie, eigen-rol, interventies, advies */
.widget-label.swc-text, .widget-label.swc-intro { height: auto; min-height: var(--jp-widgets-inline-height, 28px); line-height: 1.45;
  white-space: normal; overflow: visible; padding: .15em 0; }
.swc-subheading { font-size: 1.1em; margin: .8em 0 .2em 0; }
.swc-caption { font-weight: 600; }
.swc-help { color: #3d4a52; }
.swc-hint { color: #7a4f00; font-style: italic; }
.swc-ok { color: #1b5e20; }
.swc-question { font-weight: 600; margin-top: .4em; }
.swc-tree-walk { background: #f5f7f8; padding: .4em .8em; margin: .3em 0; box-sizing: border-box; }
.swc-path-step { color: #37474f; }
.swc-answer { margin: .2em .4em .2em 0; }
.swc-outcome { border-left: 4px solid #2e7d32; padding-left: .6em; font-weight: 600; margin: .4em 0; }
.swc-exit { border-left: 4px solid #c62828; padding-left: .6em; font-weight: 600; margin: .4em 0; }
.swc-toets-question { border-bottom: 1px solid #eceff1; padding-bottom: .6em; }
.swc-step-back { border-left: 4px solid #f9a825; padding-left: .6em; margin: .3em 0; box-sizing: border-box; }
.swc-sum { font-weight: 600; }
.swc-party-name { font-weight: 600; margin-top: .4em; }
.swc-list { margin: .2em 0 .4em 1.2em; padding-left: .4em; }
/* Readable type: ipywidgets draws its controls at 13px and 28px high; a page read on a phone,
   a tablet or a laptop needs 16px text and controls a finger can hit (44px, WCAG 2.5.5). */
.swc-page { --jp-widgets-font-size: 16px; --jp-ui-font-size1: 16px; --jp-widgets-inline-height: 44px;
  --jp-widgets-label-color: #1a1a1a; --jp-content-font-color1: #1a1a1a; line-height: 1.5; box-sizing: border-box;
  padding-bottom: 3.5em; }
.swc-page .widget-html, .swc-page .widget-html-content, .swc-page .widget-label,
.swc-page input, .swc-page select, .swc-page textarea, .swc-page button { font-size: 16px; }
.swc-page textarea, .swc-page input, .swc-page select, .swc-page button { font-family: inherit; }
.swc-page textarea { line-height: 1.45; min-height: 4.5em; }
.swc-page button, .swc-page .widget-toggle-button { width: auto; min-width: 44px; min-height: 44px;
  overflow: visible; white-space: nowrap; }
.swc-page .widget-label { height: auto; white-space: normal; overflow: visible; }
/* ipywidgets' line-height of a Label is a control's height (44px here): wrapped lines stay close together,
   a one-line label beside a control sits level with it */
.swc-page .widget-label, .swc-page .widget-html-content { line-height: 1.45; }
.swc-page .widget-hbox > .widget-label, .swc-page .widget-inline-hbox > .widget-label { align-self: center; }
.swc-page .widget-dropdown, .swc-page .widget-text, .swc-page .widget-textarea { max-width: 100%; }
.swc-page .widget-dropdown select { text-overflow: ellipsis; min-width: 0; }
.swc-page .lm-AccordionPanel-title, .swc-page .p-Accordion-header, .swc-page .jupyter-widget-Collapse-header {
  color: #1a1a1a; font-size: 17px; }
/* The save status stays where the participant looks: at the bottom of the screen, not of an 8,000px page.
   Voilà's lab layout puts the page in Lumino panels with `contain: strict`, which would pin a fixed
   element to the panel instead of the screen (set inline, hence !important); size containment (what
   Lumino needs to lay out its panels) stays, layout and paint containment go, for the panels
   that hold one of our pages. */
.lm-BoxPanel:has(.swc-page), .lm-BoxPanel-child:has(.swc-page) { contain: size style !important; }
.swc-page .swc-status { position: fixed; left: 0; right: 0; bottom: 0; z-index: 10; margin: 0; font-size: 16px; font-weight: 600;
  height: auto; min-height: 2.4em; line-height: 1.4; padding: .5em .9em;
  background: #fff; color: #1a1a1a; border-top: 2px solid #546e7a; box-shadow: 0 -2px 6px rgba(0,0,0,.12); }
.swc-page .swc-status:empty { display: none; }
.swc-page .swc-status.swc-status-saved { color: #1b5e20; border-top-color: #2e7d32; }
.swc-page .swc-status.swc-status-failed, .swc-page .swc-status.swc-status-invalid { color: #b71c1c;
  border-top-color: #b71c1c; background: #fff5f5; }
/* ipywidgets lets a box scroll (overflow: auto), and a child 100% wide plus its 2px margins made each one
   scroll sideways by 4px; what really sticks out is seen at the page's edge */
.swc-page.widget-box, .swc-page .widget-box { overflow: visible; }
/* a text or an accordion 100% wide plus its 2px margins stuck out of the page by 2px: it fills the column
   (stretch) instead; and no widget in a box is wider than the box less those margins */
.swc-page .widget-vbox > :is(.widget-label, .widget-html, .jupyter-widget-Accordion, .widget-accordion) {
  width: auto !important; align-self: stretch; }
.swc-page.widget-box > .lm-Widget, .swc-page .widget-box > .lm-Widget { max-width: calc(100% - 4px); }
/* Phones and narrow tablets: rows stack, nothing keeps three columns side by side. */
.swc-page .widget-hbox { flex-wrap: wrap; }
@media (max-width: 600px) {
  .swc-page { padding: 0 6px; }
  .swc-page .widget-hbox { flex-direction: column; align-items: stretch; }
  /* the whole width less a control's 2px margins (100% plus the margins stuck out of the page) */
  .swc-page .widget-hbox > * { width: calc(100% - 4px) !important; max-width: 100%; min-width: 0;
    flex: 0 0 auto; }
  .swc-page .widget-inline-hbox { flex-wrap: wrap; }
  .swc-page .widget-inline-hbox > .widget-label { width: 100%; max-width: 100%; }
  .swc-header h1 { font-size: 1.5em; }
  /* a field before its caption in a row (a goal's status, the time per role) stacks under it, not above it */
  .swc-page .widget-hbox:has(> :is(.widget-text, .widget-dropdown):first-child
    + :is(.widget-label, .widget-vbox, .widget-html):last-child) { flex-direction: column-reverse; }
}
/* Nothing a participant typed or reads is cut off (issue 16): a text area grows with its text (a browser
   without field-sizing grows it from the page's script, voila_template/swc), a one-line text area starts
   as one line, buttons and labels wrap, a dropdown in a list's row is as wide as the row on a tablet. */
.swc-page textarea { field-sizing: content; }
.swc-page textarea[rows="1"] { min-height: 44px; }
.swc-page button, .swc-page .widget-toggle-button { white-space: normal; height: auto; max-width: 100%;
  overflow-wrap: break-word; line-height: 1.3; }
.swc-page .widget-toggle-buttons { flex-wrap: wrap; height: auto; }
.swc-page .widget-inline-hbox > .widget-label { overflow: visible; text-overflow: clip; white-space: normal; }
.swc-page .widget-checkbox { height: auto; }
.swc-page .widget-checkbox .widget-label-basic { white-space: normal; overflow: visible; text-overflow: clip;
  height: auto; line-height: 1.4; }
.swc-page .swc-fit select { field-sizing: content; max-width: 100%; }
.swc-page .swc-fit { width: auto !important; max-width: 100%; }
.swc-page .swc-remove { align-self: flex-start; }
@media (max-width: 1000px) {  /* every row the same: its fields the whole width, "verwijderen" under them */
  .swc-page .swc-row-fields > .widget-box { width: calc(100% - 4px) !important; }
  .swc-page .widget-hbox > .swc-row-fields { flex: 1 1 100%; }
}
@media (max-width: 600px) {  /* a caption over its field, the field the whole width (ipywidgets sets the caption's width) */
  .swc-page .widget-inline-hbox > .widget-label { width: 100% !important; max-width: 100%; text-align: left; }
  .swc-page .widget-inline-hbox > :is(input, select, textarea) { flex: 1 1 100%; min-width: 0; margin-left: 0; }
}
/* An input named by the caption above it (controls.name_by_caption): its label is for screen readers only. */
.swc-page .swc-named > label.widget-label { position: absolute !important; width: 1px !important;
  height: 1px !important; min-height: 0 !important; padding: 0 !important; margin: -1px !important;
  overflow: hidden !important; clip: rect(0 0 0 0); white-space: nowrap !important; border: 0; }
.swc-checklist .widget-checkbox { min-height: 44px; width: auto; }
.swc-checklist .widget-checkbox input { width: 22px; height: 22px; margin-right: .5em; }
/* The shared language at each word (widgets/term_markup.py): the definition shows on hover, tap or tab;
   until then it is visually hidden, but read by a screen reader. */
.widget-html.swc-intro { height: auto; line-height: 1.45; color: #333; }
.widget-html.swc-intro .widget-html-content { white-space: normal; height: auto; line-height: 1.45; overflow: visible; }
.swc-term { border-bottom: 1px dotted currentColor; cursor: help; }
/* The definition is placed against the paragraph, not the word: a word near the right edge of a phone would
   push it off the screen. Vertically it stays at the word's line (top: auto), one line lower. */
.widget-html.swc-intro .widget-html-content, .swc-marked .widget-html-content, .swc-goal { position: relative; }
.swc-term:focus { outline: 2px solid #0d47a1; outline-offset: 1px; }
.swc-term-def { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: normal; }
.swc-term:hover .swc-term-def, .swc-term:focus .swc-term-def { clip: auto; width: min(22em, 100%); height: auto;
  left: 0; top: auto; margin-top: 1.6em; z-index: 20; background: #fff; color: #1b1b1b; border: 1px solid #546e7a;
  border-radius: 4px; padding: .5em .7em; box-shadow: 0 2px 8px rgba(0,0,0,.2); font-weight: normal;
  line-height: 1.4; }
.swc-goals-frame { background: #f5f7f8; border-left: 4px solid #0d47a1; padding: .2em 1em .4em; margin: .6em 0; }
.swc-goals-frame ol { margin: .3em 0 .3em 1.2em; padding: 0; }
.swc-goals-frame li { margin: .25em 0; line-height: 1.4; }
.swc-captain-state { margin: .5em 0; font-weight: 600; }
.swc-captain-changed { color: #8a4b00; }
.swc-member-work ul { margin: .3em 0 .6em 1.2em; padding: 0; }
.swc-member-work .swc-empty { color: #546e7a; font-style: italic; }
.swc-header a { color: #0d47a1; }
"""


def page_style() -> W.HTML:
    return W.HTML(f"<style>{CSS}{FIGURE_CSS}</style>")
