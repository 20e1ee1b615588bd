"""HTML handouts of executed workbooks and the confidential praktijkboek (``swc export``)."""

from .html import HandoutConverter, Page
from .jobs import Book, Handout, Selection, plan_books, plan_handouts
from .runner import ExportReport, export

__all__ = [
    "Book",
    "ExportReport",
    "Handout",
    "HandoutConverter",
    "Page",
    "Selection",
    "export",
    "plan_books",
    "plan_handouts",
]
