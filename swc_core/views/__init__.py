"""Static views of the typed workbook: what handouts show of each instrument, without widgets.

A generated notebook (``swc generate``, papermill with ``handout=True``) and
its HTML handout (``swc export``, nbconvert) are read where live widgets show
nothing. A step's handout is therefore rendered here from the typed
:class:`~swc_core.model.Workbook` (built from the store as the live page
builds it), through Jinja templates (``swc_core/templates/view_*.html.j2``,
autoescape) and the same figure builders the live page draws
(``swc_core.figures``): every value as text, numbers with their label and
scale, live-only instructions left out, an instrument with nothing filled in
as its title and "nog niet ingevuld" (``analysis.completeness``).

``page.handout_parts`` gives a step's page as HTML strings and plotly
figures in page order; ``instruments.VIEWS`` holds one view per instrument;
``homework.homework_parts`` gives a team's homework page (whose parts the
live team page shows too). ``entry`` displays them in a generated notebook
(``widgets/entry.py`` sends a handout call there). No module here imports
ipywidgets, so a generation kernel never does.
"""

from __future__ import annotations

from .context import ViewContext
from .page import handout_parts

__all__ = ["ViewContext", "handout_parts"]
