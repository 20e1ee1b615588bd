"""The content pack: everything the Code says, as data in ``data/content/``.

``load_content()`` reads and checks the pack and returns a :class:`ContentPack`
with typed access (``pack.blocks``, ``pack.form("netwerk")``, ...). Trainers
edit the YAML; code never spells out a block, form or question itself.
"""

from .conditions import PART_FIELDS, Cue, PartCondition, Signal, SignalFacts
from .loader import DEFAULT_CONTENT_DIR, PACK_FILES, load_content
from .pack import ContentPack
from .provenance import provenance_note, provenance_summary
from .schema import FIXED_IDS

__all__ = [
    "DEFAULT_CONTENT_DIR",
    "FIXED_IDS",
    "PACK_FILES",
    "PART_FIELDS",
    "ContentPack",
    "Cue",
    "PartCondition",
    "Signal",
    "SignalFacts",
    "load_content",
    "provenance_note",
    "provenance_summary",
]
