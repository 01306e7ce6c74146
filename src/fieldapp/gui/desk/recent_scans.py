"""«آخر عمليات المسح»: the event's last scans from the database, merged with this desk's refusals
(a refusal is not stored as a fact, but the coordinator should still see it in the list)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from fieldapp.gui import theme
from fieldapp.gui.context import GuiContext
from fieldapp.gui.widgets.inputs import directed
from fieldapp.services.attendance import RecentScan

RECENT_ROWS = 10


@dataclass(frozen=True)
class LogEntry:
    """A line of «آخر عمليات المسح»: accepted scans come from the database, refusals from this desk."""

    at: dt.datetime
    name: str
    status: str  # ok|warning|refused|voided
    text: str


class RecentScans(QWidget):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stored: tuple[RecentScan, ...] = ()
        # refusals shown at this desk (not stored as facts): (when, name, already recorded?)
        self._refusals: list[tuple[dt.datetime, str, bool]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.title = QLabel(objectName="deskRecentTitle")
        self.title.setProperty("role", "subheading")
        self.list = QListWidget(objectName="deskRecent")
        self.list.setMaximumHeight(260)
        layout.addWidget(self.title)
        layout.addWidget(self.list)

    def retranslate(self) -> None:
        self.title.setText(self.tr("آخر عمليات المسح"))
        self.list.setAccessibleName(self.tr("آخر عمليات المسح"))
        self._show()

    def set_scans(self, scans: Sequence[RecentScan]) -> None:
        """The event's latest scans, as the database has them."""
        self._stored = tuple(scans)
        self._show()

    def add_refusal(self, at: dt.datetime, name: str, already_recorded: bool = False) -> None:
        """A scan not saved: red, or amber when the person's earlier scan already counts."""
        self._refusals.append((at, name, already_recorded))
        del self._refusals[:-RECENT_ROWS]
        self._show()

    def clear_refusals(self) -> None:
        self._refusals.clear()

    def log_entries(self) -> list[LogEntry]:
        """Last scans of the event (from the database) merged with this desk's refusals, newest first."""
        entries = [  # worded now, so a language switch rewords them
            LogEntry(at, name, "warning", self.tr("مسجَّل من قبل"))
            if already_recorded
            else LogEntry(at, name, "refused", self.tr("مرفوض"))
            for at, name, already_recorded in self._refusals
        ]
        for scan in self._stored:
            word = self.tr("دخول") if scan.direction == "in" else self.tr("خروج")
            if scan.voided:
                entries.append(
                    LogEntry(scan.at, scan.full_name, "voided", self.tr("{0} — أُلغي").format(word))
                )
            else:
                entries.append(LogEntry(scan.at, scan.full_name, "ok", word))
        entries.sort(key=lambda e: e.at, reverse=True)
        return entries[:RECENT_ROWS]

    def _show(self) -> None:
        self.list.clear()
        colours = {"ok": theme.OK, "warning": theme.WARNING, "refused": theme.REFUSED, "voided": theme.MUTED}
        rtl = self.ctx.lang == "ar"
        for entry in self.log_entries():
            item = QListWidgetItem(
                directed(f"{self.ctx.fmt_time(entry.at)}   {entry.text} — {entry.name}", rtl)
            )
            item.setForeground(QColor(colours.get(entry.status, theme.TEXT)))
            self.list.addItem(item)
