"""«الموجودون الآن»: who is inside now, since when, and their hours so far (ticking every minute)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from fieldapp.gui.context import GuiContext
from fieldapp.gui.widgets import Column, TableModel
from fieldapp.services.attendance import InNow


class WhoIsIn(QWidget):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.title = QLabel(objectName="deskInNowTitle")
        self.title.setProperty("role", "subheading")
        self.model: TableModel[InNow] = TableModel(
            [
                Column(lambda: self.tr("الاسم"), lambda row: row.full_name),
                Column(
                    lambda: self.tr("وقت الدخول"),
                    lambda row: self.ctx.fmt_time(row.since),
                    align=Qt.AlignmentFlag.AlignCenter,
                ),
                Column(
                    lambda: self.tr("الساعات حتى الآن"),
                    lambda row: self.ctx.fmt_hours(row.hours),
                    align=Qt.AlignmentFlag.AlignCenter,
                ),
            ]
        )
        self.view = QTableView(objectName="deskInNowTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        self._clock = QTimer(self, interval=60_000)  # hours so far move on while people stay
        self._clock.timeout.connect(self.model.refresh_display)
        self._clock.start()

    def retranslate(self) -> None:
        self.title.setText(self.tr("الموجودون الآن"))
        self.view.setAccessibleName(self.tr("الموجودون الآن"))
        self.model.retranslate()

    def show_rows(self, rows: Sequence[InNow] | None) -> None:
        """Who is in (None: no event, an empty table and the plain title)."""
        self.model.set_rows(rows or [])
        if rows is not None:
            self.title.setText(self.tr("الموجودون الآن ({0})").format(self.ctx.fmt_number(len(rows))))
