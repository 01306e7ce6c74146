"""The export actions (Excel / PDF) shared by the Events screen and anyone else who wants them.

The file is written on the DB thread (it reads the data there too); a path may be given (tests),
otherwise a non-native QFileDialog asks for one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from fieldapp.core import dates
from fieldapp.gui.context import GuiContext
from fieldapp.gui.widgets import show_error
from fieldapp.gui.widgets.file_dialog import file_dialog
from fieldapp.reports.writers import write_attendance, write_gift_log

__all__ = ["ask_path", "default_file_name", "run_export", "safe_name", "write_attendance", "write_gift_log"]


def ask_path(parent: QWidget, suggested: str, kind: str) -> str | None:
    """A save dialog (non-native: same look everywhere, and tests never reach it)."""
    filters = {
        "xlsx": QCoreApplication.translate("Exports", "ملف Excel (*.xlsx)"),
        "pdf": QCoreApplication.translate("Exports", "ملف PDF (*.pdf)"),
    }
    dialog = file_dialog(parent, QCoreApplication.translate("Exports", "حفظ التصدير"))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilter(filters[kind])
    dialog.setDefaultSuffix(kind)
    dialog.selectFile(suggested)
    if dialog.exec() and dialog.selectedFiles():
        return dialog.selectedFiles()[0]
    return None


def safe_name(text: str) -> str:
    keep = "".join(ch if ch.isalnum() or ch in " -_" else " " for ch in text)
    return "_".join(keep.split())[:60] or "export"


def run_export(
    ctx: GuiContext,
    parent: QWidget,
    work: Callable[..., Path],
    *args: object,
    on_done: Callable[[Path], None] | None = None,
) -> None:
    """Write the file on the DB thread; a busy bar shows meanwhile (a 5,000-row PDF takes ~3 s)."""
    busy = QProgressDialog(QCoreApplication.translate("Exports", "جارٍ إنشاء الملف…"), "", 0, 0, parent)
    busy.setWindowTitle(QCoreApplication.translate("Exports", "تصدير"))
    busy.setCancelButton(None)  # the file is written in one step: nothing to stop half-way
    busy.setMinimumDuration(400)  # small exports finish before it ever shows
    busy.setWindowModality(Qt.WindowModality.WindowModal)

    def done(path: Path) -> None:
        busy.close()
        ctx.show_message(
            QCoreApplication.translate("Exports", "حُفظ الملف: %1").replace("%1", str(path)), "ok"
        )
        if on_done is not None:
            on_done(path)

    def failed(exc: BaseException) -> None:
        busy.close()
        show_error(parent.window(), exc)

    ctx.runner.db(work, *args, on_done=done, on_error=failed)


def default_file_name(prefix: str, title: str, kind: str) -> str:
    return f"{prefix}-{safe_name(title)}-{dates.local_now():%Y%m%d-%H%M}.{kind}"
