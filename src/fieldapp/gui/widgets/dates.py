"""Date editors that show the Umm al-Qura Hijri date next to the Gregorian one (Qt's Islamic calendar is
the tabular one and wrong on most days, so the Hijri text comes from fieldapp.core.dates)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QDateTimeEdit, QHBoxLayout, QLabel, QWidget

from fieldapp.core import dates, i18n
from fieldapp.core.errors import ValidationError
from fieldapp.gui.widgets.inputs import number_inputs


def saudi_weekend(calendar: QCalendarWidget) -> None:
    """Friday and Saturday as the weekend (Qt colours Saturday and Sunday), the week starting on Sunday."""
    normal = QTextCharFormat()
    weekend = QTextCharFormat()
    weekend.setForeground(QColor("#b42318"))
    calendar.setWeekdayTextFormat(Qt.DayOfWeek.Sunday, normal)
    calendar.setWeekdayTextFormat(Qt.DayOfWeek.Friday, weekend)
    calendar.setWeekdayTextFormat(Qt.DayOfWeek.Saturday, weekend)
    calendar.setFirstDayOfWeek(Qt.DayOfWeek.Sunday)


def _hijri_text(d: dt.date, digits: str) -> str:
    try:
        return dates.format_hijri(d, i18n.language(), digits)
    except ValidationError:
        return ""


class HijriDateEdit(QWidget):
    """A Gregorian date editor (calendar popup) with the Hijri date beside it. `date_changed(date)`."""

    date_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None, digits: str = "latin") -> None:
        super().__init__(parent)
        self.edit = QDateEdit(calendarPopup=True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        saudi_weekend(self.edit.calendarWidget())
        self.hijri_label = QLabel()
        self.hijri_label.setProperty("role", "muted")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.hijri_label, 1)
        self.edit.dateChanged.connect(self._changed)
        self.setFocusProxy(self.edit)
        self.set_digits(digits)
        self.set_date(dates.local_now().date())

    def set_digits(self, digits: str) -> None:
        """Show the date in the digits the user chose (Settings), left to right in either language."""
        self.digits = digits
        number_inputs(digits, self.edit, buttons=True)
        self.hijri_label.setText(_hijri_text(self.date(), digits))

    def setAccessibleName(self, name: str) -> None:  # the editor is what assistive tools reach
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def date(self) -> dt.date:
        return self.edit.date().toPython()

    def set_date(self, d: dt.date) -> None:
        self.edit.setDate(QDate(d.year, d.month, d.day))
        self._changed(self.edit.date())

    def _changed(self, qdate: QDate) -> None:
        d = qdate.toPython()
        self.hijri_label.setText(_hijri_text(d, self.digits))
        self.date_changed.emit(d)


class HijriDateTimeEdit(QWidget):
    """Riyadh local date and time (24 h) with the Hijri date beside it. `value()` is an aware UTC datetime."""

    value_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None, digits: str = "latin", step_minutes: int = 15) -> None:
        super().__init__(parent)
        self.edit = QDateTimeEdit(calendarPopup=True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        saudi_weekend(self.edit.calendarWidget())
        self.step_minutes = step_minutes
        self.hijri_label = QLabel()
        self.hijri_label.setProperty("role", "muted")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.hijri_label, 1)
        self.edit.dateTimeChanged.connect(self._changed)
        self.setFocusProxy(self.edit)
        self.set_digits(digits)
        self.set_value(dates.now())

    def set_digits(self, digits: str) -> None:
        """Show the date and time in the digits the user chose (Settings): without this the Arabic
        locale showed «٢٠٢٦-١٢-٠١ ٠٠:٠٨» for 08:00 — other digits, and its sections reversed."""
        self.digits = digits
        number_inputs(digits, self.edit, buttons=True)
        self.hijri_label.setText(_hijri_text(self.local_value().date(), digits))

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def value(self) -> dt.datetime:
        q = self.edit.dateTime()
        local = dt.datetime.combine(q.date().toPython(), q.time().toPython(), tzinfo=dates.APP_TZ)
        return local.astimezone(dt.UTC)

    def local_value(self) -> dt.datetime:
        return dates.to_local(self.value())

    def set_value(self, value: dt.datetime) -> None:
        local = dates.to_local(value).replace(second=0, microsecond=0)
        self.edit.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )
        self._changed(self.edit.dateTime())

    def _changed(self, _q: QDateTime) -> None:
        self.hijri_label.setText(_hijri_text(self.local_value().date(), self.digits))
        self.value_changed.emit(self.value())
