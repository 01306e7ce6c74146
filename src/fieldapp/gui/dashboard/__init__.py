"""The dashboard of the current event: who is in, hours, gifts, low stock, today's visits, arrivals."""

from fieldapp.gui.dashboard.screen import DashboardScreen

__all__ = ["DashboardScreen"]
