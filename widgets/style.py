"""The page's look: readable on a laptop, printable, no external fonts or scripts."""
from __future__ import annotations

import ipywidgets as W

CSS = """
.swc-page { max-width: 1280px; font-size: 15px; }
.swc-header h1 { font-size: 1.8em; margin: .2em 0; }
.swc-edition { color: #555; font-size: .9em; }
.swc-who, .swc-casus { font-size: 1.05em; margin: .1em 0; }
.swc-goal { margin: .6em 0; max-width: 60em; }
.swc-tools { color: #285; font-weight: 600; }
.swc-instrument { border-top: 2px solid #cfd8dc; margin-top: 1.2em; padding-top: .4em; }
.swc-instrument-title { font-size: 1.35em; margin: .2em 0; }
.swc-intro { color: #444; }
.swc-provenance { color: #777; font-size: .8em; font-style: italic; margin: 0 0 .3em 0; }
.swc-status { font-size: .85em; color: #555; }
.swc-status-saved { color: #2e7d32; }
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
.swc-score-label { color: #285; margin-left: .8em; width: auto; }
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
.swc-help { color: #555; }
.swc-hint { color: #8a5a00; font-style: italic; }
.swc-ok { color: #2e7d32; }
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
"""


def page_style() -> W.HTML:
    return W.HTML(f"<style>{CSS}</style>")
