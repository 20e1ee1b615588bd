"""The trainer's live dashboards (one per dagdeel, per team, and the edition overview)."""

from .page import Dashboard, open_dashboard

__all__ = ["Dashboard", "open_dashboard"]
