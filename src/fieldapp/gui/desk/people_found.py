"""The people a typed name or number matches, under the scan field (a person not registered for
the event is marked, in amber). Up/Down/Enter from the field or a click chooses."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from fieldapp.gui.widgets import ResultItem, ResultsList
from fieldapp.gui.widgets.inputs import ltr_join
from fieldapp.services.search import SearchHit


class PeopleFound(ResultsList):
    """Placed by the desk over its result panel while open (not in a layout)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskResults")
        self.setVisible(False)
        self.itemClicked.connect(lambda item: self.chosen.emit(item.data(Qt.ItemDataRole.UserRole)))

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("نتائج البحث"))

    def show_hits(self, hits: Sequence[SearchHit], keep_open: bool = False) -> None:
        """The hits (shown when there are any, or always with `keep_open`)."""
        self.set_results([self._item(hit) for hit in hits])
        self.setVisible(keep_open or bool(hits))

    def hide_hits(self) -> None:
        self.set_results([])
        self.setVisible(False)

    def _item(self, hit: SearchHit) -> ResultItem:
        person = hit.person
        subtitle = ltr_join((person.national_id, person.mobile_display, person.badge_code))
        status = None
        if hit.registered is False:
            subtitle += " · " + self.tr("غير مسجل في الفعالية")
            status = "warning"
        return ResultItem(person.id, person.full_name, subtitle, status)
