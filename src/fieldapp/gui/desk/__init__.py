"""The check-in desk screen (key "desk"): scanner and keyboard check-in/out, walk-ins, who is in now."""

from fieldapp.gui.desk.screen import DeskScreen

__all__ = ["DeskScreen"]
