"""Input fields: the debounced search box that a USB scanner can drive, and the digits-only ID field."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from fieldapp.core.text import normalize_digits

DEBOUNCE_MS = 120


class SearchField(QLineEdit):
    """A search box: `query_changed(str)` 120 ms after typing stops; `submitted(str)` on Enter at once.

    Enter cancels the pending debounce, so a scanner burst + Enter submits exactly once, immediately,
    without an intermediate query. `navigate(int)` (+1 Down / -1 Up) and `escape_pressed` let a
    results list follow the keyboard while focus stays here (see ResultsList.attach_to).
    """

    query_changed = Signal(str)
    submitted = Signal(str)
    navigate = Signal(int)
    escape_pressed = Signal()

    def __init__(self, parent: QWidget | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self, singleShot=True, interval=debounce_ms)
        self._timer.timeout.connect(self._emit_query)
        self.textEdited.connect(lambda _t: self._timer.start())
        self._last_emitted: str | None = None

    def text_value(self) -> str:
        """The text with Arabic-Indic/Persian digits as ASCII, trimmed."""
        return normalize_digits(self.text()).strip()

    def _emit_query(self) -> None:
        value = self.text_value()
        if value != self._last_emitted:
            self._last_emitted = value
            self.query_changed.emit(value)

    def flush(self) -> None:
        """Emit a pending query now (tests, or before acting on the current text)."""
        if self._timer.isActive():
            self._timer.stop()
            self._emit_query()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._timer.stop()
            self._last_emitted = self.text_value()
            self.submitted.emit(self._last_emitted)
            event.accept()
            return
        if key == Qt.Key.Key_Down:
            self.navigate.emit(1)
            return
        if key == Qt.Key.Key_Up:
            self.navigate.emit(-1)
            return
        if key == Qt.Key.Key_PageDown:
            self.navigate.emit(5)
            return
        if key == Qt.Key.Key_PageUp:
            self.navigate.emit(-5)
            return
        if key == Qt.Key.Key_Escape and self.text():
            self._timer.stop()
            self.clear()
            self._last_emitted = ""
            self.query_changed.emit("")
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)

    def clear_query(self) -> None:
        """Empty the field without emitting a query (after a successful scan)."""
        self._timer.stop()
        self.clear()
        self._last_emitted = ""


class IdLineEdit(QLineEdit):
    """Digits (national ID, iqama, mobile): right-aligned in RTL (AlignAbsolute, as ARABIC.md says).

    Arabic-Indic and Persian digits are accepted as typed and `value()` returns ASCII digits.
    A digits-only QLineEdit would otherwise take LTR from its first strong character and sit on the
    left of an RTL form.
    """

    def __init__(self, parent: QWidget | None = None, max_length: int = 20) -> None:
        super().__init__(parent)
        self.setMaxLength(max_length)
        self.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self._update_alignment()

    def _update_alignment(self) -> None:
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        horizontal = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        self.setAlignment(horizontal | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._update_alignment()
        super().changeEvent(event)

    def value(self) -> str:
        """The text with every digit as ASCII 0-9, spaces and dashes kept out."""
        text = normalize_digits(self.text())
        return "".join(ch for ch in text if ch not in " -\u00a0").strip()
