"""The store: append-only revisions of what participants and teams filled in."""

from .merge import Conflict, Merged, merge_text, merge_values
from .store import Revision, Store

__all__ = ["Conflict", "Merged", "Revision", "Store", "merge_text", "merge_values"]
