"""A table model over a list of dataclasses, described by columns.

COLUMNS = [
    Column(lambda: tr("الاسم"), lambda p: p.name),
    Column(lambda: tr("رقم الهوية"), lambda p: p.national_id, align=Qt.AlignCenter),
    Column(lambda: tr("الساعات"), lambda p: ctx.fmt_hours(p.hours), sort=lambda p: p.hours,
           colour=lambda p: theme.WARNING if p.flagged else None),
]
model = TableModel(COLUMNS)
model.set_rows(rows)           # from a runner on_done
model.row_at(index)            # the dataclass behind a view index
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

#: the role carrying a column's raw sort value (for QSortFilterProxyModel.setSortRole)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole
#: cells with more characters than this carry their whole text as a tooltip (they may be elided)
LONG_TEXT = 20


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str | Callable[[], str]  # a callable is re-read after a language switch
    value: Callable[[T], Any]
    align: Qt.AlignmentFlag | None = None
    colour: Callable[[T], str | None] | None = None
    sort: Callable[[T], Any] | None = None
    tooltip: Callable[[T], str | None] | None = None

    def title(self) -> str:
        return self.header() if callable(self.header) else self.header


class TableModel(QAbstractTableModel, Generic[T]):
    def __init__(self, columns: Sequence[Column[T]], rows: Sequence[T] = (), parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[T] = list(rows)

    @property
    def rows(self) -> list[T]:
        return self._rows

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, index: Index | int) -> T:
        return self._rows[index if isinstance(index, int) else index.row()]

    def retranslate(self) -> None:
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    def refresh_display(self) -> None:
        """Formats changed (digits, language): repaint every cell without reloading."""
        if self._rows and self.columns:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))

    # -- QAbstractTableModel ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            value = column.value(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align is not None:
            return int(column.align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            colour = column.colour(row)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.tooltip is not None:
                return column.tooltip(row)
            # A long text may be cut at the column's edge: the whole of it on hover.
            value = column.value(row)
            text = "" if value is None else str(value)
            return text if len(text) > LONG_TEXT else None
        if role == SORT_ROLE:
            return (column.sort or column.value)(row)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title()
        return None
