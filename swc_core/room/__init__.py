"""The room: what a whole edition (or one team) filled in, aggregated for the trainer's live dashboards.

``load_room`` reads the store once; ``DASHBOARDS[name](room, Names(edition,
anonymous))`` gives the panels (figure, escaped HTML, note) of one
dashboard. Pure functions of the room: no widgets, no polling here.
"""

from .base import Panel
from .model import Room, load_room
from .names import Names
from .panels import DASHBOARDS, PANELS

__all__ = ["DASHBOARDS", "PANELS", "Names", "Panel", "Room", "load_room"]
