"""The roster table model: pages fetched on the DB thread as the view scrolls to them.

With 100,000 people the table must never load everyone: `rowCount()` is the roster's total and
`data()` on a row whose page is not here yet shows «…» and asks for that page (coalesced by a
zero-delay timer, so a scroll asks once per page). At most MAX_PAGES pages are kept. A search
replaces the pages with the (capped) ranked hits of services.search.find.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor

from fieldapp.gui import theme
from fieldapp.gui.context import GuiContext
from fieldapp.gui.widgets.inputs import ltr
from fieldapp.services.people import PersonView

Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
MAX_PAGES = 40  # 8,000 rows in memory at most
SEARCH_LIMIT = 500
LOADING = "…"
NAME, LATIN, NATIONAL_ID, MOBILE, GENDER, AGE, CONSENT, BADGE = range(8)


def headers() -> list[str]:
    return [
        QCoreApplication.translate("RosterModel", "الاسم"),
        QCoreApplication.translate("RosterModel", "الاسم بالإنجليزية"),
        QCoreApplication.translate("RosterModel", "رقم الهوية"),
        QCoreApplication.translate("RosterModel", "الجوال"),
        QCoreApplication.translate("RosterModel", "الجنس"),
        QCoreApplication.translate("RosterModel", "العمر"),
        QCoreApplication.translate("RosterModel", "الموافقة"),
        QCoreApplication.translate("RosterModel", "البطاقة"),
    ]


class RosterModel(QAbstractTableModel):
    """`reload()` (the whole roster, paged) or `set_query(text)` (search hits)."""

    #: (total rows shown, searching?) after every reload or search
    loaded = Signal(int, bool)

    def __init__(self, ctx: GuiContext, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._total = 0
        self._pages: OrderedDict[int, list[PersonView]] = OrderedDict()
        self._pending: set[int] = set()
        self._wanted: set[int] = set()
        self._hits: list[PersonView] | None = None
        self._query = ""
        self._generation = 0
        self._search_task = None
        self._fetch_timer = QTimer(self, singleShot=True, interval=0)
        self._fetch_timer.timeout.connect(self._fetch_wanted)

    # -- loading ------------------------------------------------------------------------------
    @property
    def query(self) -> str:
        return self._query

    @property
    def searching(self) -> bool:
        return self._hits is not None

    def reload(self) -> None:
        """Reload what is shown (after a change): the current search, or page 1 of the roster."""
        if self._query:
            self.set_query(self._query)
            return
        self._generation += 1
        generation = self._generation
        self.ctx.runner.db(
            self.ctx.services.people.list,
            1,
            PAGE_SIZE,
            on_done=lambda page: self._first_page(generation, page),
        )

    def _first_page(self, generation: int, page: Any) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._hits = None
        self._total = page.total
        self._pages.clear()
        self._pending.clear()
        self._wanted.clear()
        self._pages[1] = page.items
        self.endResetModel()
        self.loaded.emit(self._total, False)

    def set_query(self, text: str) -> None:
        self._query = text.strip()
        if not self._query:
            self.reload()
            return
        self._generation += 1
        generation = self._generation
        if self._search_task is not None:
            self._search_task.cancel()  # a newer query supersedes it
        self._search_task = self.ctx.runner.db(
            self.ctx.services.search.find,
            self._query,
            SEARCH_LIMIT,
            on_done=lambda hits: self._show_hits(generation, hits),
        )

    def _show_hits(self, generation: int, hits: list[Any]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._hits = [hit.person for hit in hits]
        self.endResetModel()
        self.loaded.emit(len(self._hits), True)

    def _want(self, page: int) -> None:
        if page in self._pending or page in self._pages:
            return
        self._wanted.add(page)
        if not self._fetch_timer.isActive():
            self._fetch_timer.start()

    def _fetch_wanted(self) -> None:
        generation = self._generation
        for page in sorted(self._wanted):
            self._pending.add(page)
            self.ctx.runner.db(
                self.ctx.services.people.list,
                page,
                PAGE_SIZE,
                on_done=lambda result, p=page: self._page_arrived(generation, p, result),
            )
        self._wanted.clear()

    def _page_arrived(self, generation: int, number: int, page: Any) -> None:
        self._pending.discard(number)
        if generation != self._generation or self._hits is not None:
            return
        self._pages[number] = page.items
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)  # the least recently fetched page
        first = (number - 1) * PAGE_SIZE
        last = min(self._total, first + len(page.items)) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(headers()) - 1))

    # -- access -------------------------------------------------------------------------------
    def person_at(self, row: int) -> PersonView | None:
        if self._hits is not None:
            return self._hits[row] if 0 <= row < len(self._hits) else None
        number, offset = divmod(row, PAGE_SIZE)
        page = self._pages.get(number + 1)
        if page is None:
            self._want(number + 1)
            return None
        self._pages.move_to_end(number + 1)
        return page[offset] if offset < len(page) else None

    def row_of(self, person_id: str) -> int | None:
        """The row of a person among those loaded (None when not fetched)."""
        if self._hits is not None:
            rows = self._hits
            return next((i for i, p in enumerate(rows) if p.id == person_id), None)
        for number, page in self._pages.items():
            for offset, person in enumerate(page):
                if person.id == person_id:
                    return (number - 1) * PAGE_SIZE + offset
        return None

    # -- QAbstractTableModel --------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid():
            return 0
        return len(self._hits) if self._hits is not None else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(headers())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return headers()[section]
        return self.ctx.fmt_number(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self.person_at(index.row())
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if person is None:
                return LOADING if column == NAME else ""
            return self._text(person, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (NATIONAL_ID, MOBILE, AGE, BADGE):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and person is not None and column == CONSENT:
            return QColor(theme.WARNING) if person.needs_consent else QColor(theme.OK)
        if role == Qt.ItemDataRole.UserRole:
            return person
        return None

    def _text(self, p: PersonView, column: int) -> str:
        if column == NAME:
            return p.full_name
        if column == LATIN:
            return p.latin_name or ""
        if column == NATIONAL_ID:
            return p.national_id or ""
        if column == MOBILE:
            return ltr(p.mobile_display or "")
        if column == GENDER:
            return {
                "m": QCoreApplication.translate("RosterModel", "ذكر"),
                "f": QCoreApplication.translate("RosterModel", "أنثى"),
            }.get(p.gender or "", "")
        if column == AGE:
            return self.ctx.fmt_number(p.age) if p.age is not None else ""
        if column == CONSENT:
            if p.needs_consent:
                return QCoreApplication.translate("RosterModel", "تلزم موافقة ولي الأمر")
            return QCoreApplication.translate("RosterModel", "موافقة ✓") if p.guardian_consent else ""
        if column == BADGE:
            return p.badge_code or ""
        return ""

    def refresh_display(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(headers()) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(headers()) - 1)
