"""Ranked search results that follow the keyboard while focus stays in the search field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from fieldapp.gui import theme
from fieldapp.gui.widgets.fields import SearchField


@dataclass(frozen=True)
class ResultItem:
    id: str
    title: str  # e.g. the name
    subtitle: str = ""  # e.g. national ID · mobile · badge
    status: str | None = None  # "ok" | "warning" | "refused": colours the title line


class ResultsList(QListWidget):
    """`chosen(id)` on Enter / double-click. Pair with a SearchField:

        results.attach_to(search)                      # Up/Down/PgUp/PgDn/Esc from the field
        search.submitted.connect(lambda q: results.choose_current() or self.submit(q))

    Nothing is selected after `set_results()` until the user moves with Up/Down (or calls
    `select_first()`), so a scanner's Enter goes to the screen, not to an accidental highlight.
    """

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("results")
        self.setUniformItemSizes(False)
        self.setAlternatingRowColors(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.itemActivated.connect(self._activated)
        self._items: list[ResultItem] = []

    def set_results(self, items: Sequence[ResultItem]) -> None:
        self.clear()
        self._items = list(items)
        for result in self._items:
            text = result.title if not result.subtitle else f"{result.title}\n{result.subtitle}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, result.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{result.title}، {result.subtitle}")
            if result.status in theme.STATUS_COLOURS:
                item.setForeground(QColor(theme.STATUS_COLOURS[result.status]))
            self.addItem(item)
        self.setCurrentRow(-1)

    def results(self) -> list[ResultItem]:
        return list(self._items)

    def current_id(self) -> str | None:
        item = self.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None and item.isSelected() else None

    def select_first(self) -> None:
        if self.count():
            self.setCurrentRow(0)

    def move(self, step: int) -> None:  # type: ignore[override]
        """Move the selection by `step` rows (clamped); from nothing selected, Down selects the first."""
        if not self.count():
            return
        row = self.currentRow()
        row = (0 if step > 0 else self.count() - 1) if row < 0 else max(0, min(self.count() - 1, row + step))
        self.setCurrentRow(row)
        self.scrollToItem(self.currentItem())

    def choose_current(self) -> bool:
        """Emit `chosen` for the selected row; False when nothing is selected."""
        result_id = self.current_id()
        if result_id is None:
            return False
        self.chosen.emit(result_id)
        return True

    def attach_to(self, field: SearchField) -> None:
        field.navigate.connect(self.move)
        field.escape_pressed.connect(lambda: self.setCurrentRow(-1))

    def _activated(self, item: QListWidgetItem) -> None:
        self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.choose_current():
            event.accept()
            return
        super().keyPressEvent(event)
