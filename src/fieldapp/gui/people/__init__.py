"""The roster screen: a lazily fetched table of up to 100,000 people, editing and the import wizard."""

from fieldapp.gui.people.screen import PeopleScreen

__all__ = ["PeopleScreen"]
