"""The store: append-only revisions of what participants and teams filled in."""
from .store import Revision, Store

__all__ = ["Revision", "Store"]
