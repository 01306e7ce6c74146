"""Errors shown to people: what is wrong and what to do, in their language, never a traceback."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from fieldapp.core import i18n
from fieldapp.core.errors import FieldAppError
from fieldapp.gui.widgets.inputs import embed
from fieldapp.store.engine import storage_problem

# Message parameters that are an address or what the network said: each one isolated run, so in
# Arabic «الخادم https://… (timed out).» keeps its order (not the full stop before the address)
_ISOLATED_PARAMS = frozenset({"url", "detail"})


def _isolated(name: str, value: object) -> object:
    return embed(value) if name in _ISOLATED_PARAMS and isinstance(value, str) else value


def user_message(exc: BaseException, lang: str | None = None) -> str:
    """The text for `exc` in `lang` (default: the UI's): a FieldAppError's own message, else a calm
    generic one (details are in the log)."""
    if isinstance(exc, FieldAppError):
        return exc.message(lang or i18n.language(), shown=_isolated)
    problem = storage_problem(exc)  # the disk is full, read-only or refuses: say which
    if problem is not None:
        return problem.message(lang or i18n.language())
    return QCoreApplication.translate(
        "Errors",
        "تعذّر إكمال العملية بسبب خطأ غير متوقع. ما حُفظ قبلها باقٍ كما هو، وسُجّلت التفاصيل في سجل البرنامج. أعد المحاولة، وإن تكرر الخطأ فأبلغ الدعم الفني.",
    )


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox | None:
    """Show `exc` without blocking the event loop.

    A user error on a window with a status bar (`show_message`) goes there, so a scanner burst
    is not swallowed by a dialog; anything else opens a window-modal message box.
    """
    text = user_message(exc)
    if isinstance(exc, FieldAppError) and parent is not None and hasattr(parent, "show_message"):
        parent.show_message(text, "error")
        return None
    box = QMessageBox(parent)
    box.setObjectName("errorBox")
    box.setIcon(QMessageBox.Icon.Warning if isinstance(exc, FieldAppError) else QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("Errors", "تنبيه"))
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()
    return box
