"""Events and their volunteer opportunities, attendance of the selected event, and the exports."""

from fieldapp.gui.events.screen import EventsScreen

__all__ = ["EventsScreen"]
