"""Small input helpers every screen uses: left-to-right runs inside Arabic, numeric editors in the
chosen digits, row selection, inline notes, and the required-reason dialog."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from PySide6.QtCore import QItemSelectionModel, QLocale, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui import theme

# LRE…PDF keeps a time range, a phone or a date reading left to right inside Arabic text
# ("08:00–20:00", not "20:00–08:00"). Qt's widgets honour embeddings; isolates (U+2066) are not
# honoured everywhere, so embeddings are used throughout.
LRE, PDF, LRO = "\u202a", "\u202c", "\u202d"
LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"
LRM, RLM = "\u200e", "\u200f"


def ltr(text: str) -> str:
    return f"{LRE}{text}{PDF}" if text else text


def ltr_join(parts: Iterable[str | None], sep: str = " · ") -> str:
    """Phones, IDs, dates and times for a line of Arabic text, each one left-to-right run, in the
    order given («1000000008 · +966 59 257 0468», never «0468 257 59 966+»); empty parts dropped.
    Every picker, list and table line that shows them goes through here (or `ltr`)."""
    return sep.join(ltr(part) for part in parts if part)


def bracketed(outside: str, inside: str) -> str:
    """«outside (inside)» with a left-to-right `inside` (a Gregorian date, a time) whose brackets
    stay around it in Arabic text: the RLM keeps the closing bracket from joining a following LTR run."""
    return f"{outside} ({ltr(inside)}){RLM}"


def _has_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\ufeff" for ch in text)


def embed(text: str) -> str:
    """A name or title kept whole in its own direction inside a line of the other language: an
    Arabic event title in an English line stays one right-to-left unit with its «» and dashes.

    An isolate, not an embedding: after an embedding the numbers that follow ("— 12 Jumada…")
    take its direction and jump before the title (seen in the English status bar).
    """
    if not text:
        return text
    return f"{RLI if _has_arabic(text) else LRI}{text}{PDI}"


def directed(text: str, rtl: bool) -> str:
    """The line laid out in the UI's direction even when it starts with a word of the other script."""
    return (RLM if rtl else LRM) + text


def digits_locale(digits: str) -> QLocale:
    """The locale that writes numbers in the chosen digits: ar_SA (١٢٣) or C (123)."""
    return (
        QLocale(QLocale.Language.Arabic, QLocale.Country.SaudiArabia) if digits == "arabic" else QLocale.c()
    )


def progress_in_digits(digits: str, *bars: QProgressBar) -> None:
    """Progress bars count in the chosen digits (the default Arabic locale printed «%١٠٠»)."""
    for bar in bars:
        bar.setLocale(digits_locale(digits))


def number_inputs(digits: str, *widgets: QAbstractSpinBox, buttons: bool = False) -> None:
    """Spin/date/time editors in the digits the user chose (QLocale ar_SA would force ١٢٣), and,
    unless `buttons`, no tiny arrow buttons (keyboard and wheel still step)."""
    locale = digits_locale(digits)
    for widget in widgets:
        # Read before the locale changes: Qt then reports the format reversed for RTL.
        wanted = widget.displayFormat().strip(LRO + PDF) if isinstance(widget, QDateTimeEdit) else ""
        widget.setLocale(locale)
        if isinstance(widget, QDateTimeEdit):
            # A date or time reads left to right; in an RTL form Qt reverses its sections (22-11-2026),
            # and Arabic-Indic digits are "Arabic numbers" to the bidi algorithm, which lays out
            # «٢٠٢٦-١٢-٠١» right to left even in a left-to-right box: an override keeps the order.
            widget.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            widget.setDisplayFormat("yyyy")  # the same format again would be ignored
            widget.setDisplayFormat(f"{LRO}{wanted}{PDF}" if digits == "arabic" else wanted)
        if not buttons:
            # The buttons are hidden by the stylesheet (width 0), not by NoButtons: with NoButtons
            # Qt gives the text field a width of one pixel once the direction differs from the
            # window's (the visit editor's time boxes, any spin box after a language switch).
            widget.setProperty("buttons", "none")
            theme.repolish(widget)
        widget.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
        )


def select_row(table: QTableView, row: int) -> None:
    """Select a whole row and make it current (QTableView.selectRow depends on the keyboard state)."""
    index = table.model().index(row, 0)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().setCurrentIndex(index, flags)


def set_note(label: QLabel, status: str, text: str) -> None:
    """An inline note: amber for warnings, red for errors, hidden when empty."""
    label.setProperty("note", status)  # coloured by the theme (theme._states)
    label.setText(text)
    label.setVisible(bool(text))
    label.setProperty("status", status if text else "idle")
    theme.repolish(label)


class ReasonDialog(QDialog):
    """Asks for a required text (void reason, cancel reason, outcome notes): OK stays disabled until
    something is typed. Non-blocking: `open()` it and connect `accepted`; tests fill `text_edit`
    and call `accept()`."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str, ok_text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        layout.addWidget(self.prompt)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("reasonEdit")
        self.text_edit.setAccessibleName(prompt)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMaximumHeight(120)
        layout.addWidget(self.text_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.text_edit.textChanged.connect(lambda: self.ok_button.setEnabled(bool(self.text().strip())))
        self.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def text(self) -> str:
        return self.text_edit.toPlainText().strip()

    def accept(self) -> None:
        if not self.text():  # required: never accepted empty, even by code
            return
        super().accept()


# A fraction takes CLDR's «other» form in Arabic and English («12.5 ساعة», "12.5 hours"); Qt's
# numerus takes whole numbers only, and 100 is «other» in both languages.
_FRACTION_STANDS_FOR = 100
_LEADING_NUMBER = re.compile(r"^\s*[-+]?[\d٠-٩]+")


class CountedSuffix(QObject):
    """A spin box suffix in the form its value calls for: «1 ساعة، 2 ساعتان، 3 ساعات، 11 ساعة».

        self.hours_suffix = CountedSuffix(spin, lambda n: self.tr("%n ساعة", "spin box suffix", n))
        ...retranslate(): self.hours_suffix.refresh()

    `text_for(n)` is a tr() with %n (numerus forms in the .ts, each starting with %n); the spin box
    shows the number itself, so the suffix is that text without its number. It follows every
    value change, and `refresh()` re-reads it after a language switch.
    """

    def __init__(self, spin: QAbstractSpinBox, text_for: Callable[[int], str]) -> None:
        super().__init__(spin)
        self.spin = spin
        self.text_for = text_for
        spin.valueChanged.connect(lambda _value: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        value = self.spin.value()
        n = int(value) if float(value).is_integer() else _FRACTION_STANDS_FOR
        self.spin.setSuffix(" " + _LEADING_NUMBER.sub("", self.text_for(n)).strip())
