"""The desk's three counts at the top: in now, attended, total hours."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fieldapp.gui.context import GuiContext
from fieldapp.services.attendance import AttendanceCounts


class CountCards(QWidget):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.in_now_count = self._card("deskInNow", layout)
        self.attended_count = self._card("deskAttended", layout)
        self.hours_count = self._card("deskHours", layout)

    @staticmethod
    def _card(name: str, row: QHBoxLayout) -> QLabel:
        card = QFrame(objectName="card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(14, 4, 14, 4)
        layout.setSpacing(0)
        number = QLabel(objectName=f"{name}Number")
        number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        number.setProperty("role", "count")
        caption = QLabel(objectName=f"{name}Caption")
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption.setProperty("role", "muted")
        layout.addWidget(number)
        layout.addWidget(caption)
        number.setProperty("caption", caption)
        card.setMinimumWidth(120)
        row.addWidget(card)
        return number

    def retranslate(self) -> None:
        for number, caption in (
            (self.in_now_count, self.tr("في الداخل الآن")),
            (self.attended_count, self.tr("حضروا")),
            (self.hours_count, self.tr("مجموع الساعات")),
        ):
            number.property("caption").setText(caption)
            number.setAccessibleName(caption)

    def show_counts(self, counts: AttendanceCounts | None) -> None:
        """The numbers of a desk summary; zeros when no event is selected."""
        if counts is None:
            for label in (self.in_now_count, self.attended_count, self.hours_count):
                label.setText(self.ctx.fmt_number(0))
            return
        self.in_now_count.setText(self.ctx.fmt_number(counts.in_now))
        self.attended_count.setText(self.ctx.fmt_number(counts.attended))
        self.hours_count.setText(self.ctx.fmt_number(counts.total_hours, 2, trim=True))
