"""The review screen: conflicts, possible duplicate people and set-aside ops after sync."""

from fieldapp.gui.review.screen import ReviewScreen

__all__ = ["ReviewScreen"]
