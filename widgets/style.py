"""The page's look: readable on a laptop, printable, no external fonts or scripts."""
from __future__ import annotations

import ipywidgets as W

CSS = """
.swc-page { max-width: 1100px; font-size: 15px; }
.swc-header h1 { font-size: 1.8em; margin: .2em 0; }
.swc-edition { color: #555; font-size: .9em; }
.swc-who, .swc-casus { font-size: 1.05em; margin: .1em 0; }
.swc-goal { margin: .6em 0; max-width: 60em; }
.swc-tools { color: #285; font-weight: 600; }
.swc-instrument { border-top: 2px solid #cfd8dc; margin-top: 1.2em; padding-top: .4em; }
.swc-instrument-title { font-size: 1.35em; margin: .2em 0; }
.swc-intro { color: #444; }
.swc-status { font-size: .85em; color: #555; }
.swc-status-saved { color: #2e7d32; }
.swc-status-failed, .swc-status-invalid { color: #b71c1c; font-weight: 700; }
.swc-error { border: 2px solid #b71c1c; padding: .8em; color: #b71c1c; font-size: 1.1em; }
.swc-finding { border-left: 4px solid #f9a825; padding-left: .6em; margin: .3em 0; }
.swc-finding-waarschuwing { border-left-color: #c62828; }
.widget-label { white-space: normal; }
"""


def page_style() -> W.HTML:
    return W.HTML(f"<style>{CSS}</style>")
