"""Reusable widgets for every screen.

SearchField   debounced search box; a scanner burst + Enter submits at once
ResultsList   keyboard-navigable ranked results; pair with a SearchField via attach_to()
StatusBanner  the big ok / warning / refused result panel of the desk
IdLineEdit    digits field (national ID, mobile) that stays right-aligned in RTL
HijriDateEdit / HijriDateTimeEdit   Gregorian editors with the Umm al-Qura date beside them
TableModel, Column   QAbstractTableModel over a list of dataclasses
show_error(parent, exc)   a calm, non-blocking message in the user's language
inputs: ltr(text) for LTR runs in Arabic lines, number_inputs(digits, *editors), select_row,
        set_note(label, status, text), ReasonDialog (a required reason before a void or cancel)
"""

from fieldapp.gui.widgets.banner import StatusBanner
from fieldapp.gui.widgets.dates import HijriDateEdit, HijriDateTimeEdit
from fieldapp.gui.widgets.errors import show_error, user_message
from fieldapp.gui.widgets.fields import IdLineEdit, SearchField
from fieldapp.gui.widgets.results import ResultItem, ResultsList
from fieldapp.gui.widgets.table import Column, TableModel

__all__ = [
    "Column",
    "HijriDateEdit",
    "HijriDateTimeEdit",
    "IdLineEdit",
    "ResultItem",
    "ResultsList",
    "SearchField",
    "StatusBanner",
    "TableModel",
    "show_error",
    "user_message",
]
