"""The visits screen: agenda by day and week, a list, the visit dialog and the visit's actions."""

from fieldapp.gui.visits.edit import VisitDialog
from fieldapp.gui.visits.screen import VisitsScreen

__all__ = ["VisitDialog", "VisitsScreen"]
