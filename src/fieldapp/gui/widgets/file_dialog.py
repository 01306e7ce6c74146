"""The file dialog every screen opens: Qt's own (non-native: the same on every laptop, and tests
never reach an OS dialog), reading fully in the UI language. Qt's Arabic catalogue (qtbase_ar)
leaves «Look in» and «Files of type» in English, so the dialog's labels are set here."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget


def file_dialog(
    parent: QWidget | None, title: str, directory: str = "", name_filter: str = ""
) -> QFileDialog:
    dialog = QFileDialog(parent, title, directory, name_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    labels = {
        QFileDialog.DialogLabel.LookIn: QCoreApplication.translate("FileDialog", "البحث في:"),
        QFileDialog.DialogLabel.FileName: QCoreApplication.translate("FileDialog", "اسم الملف:"),
        QFileDialog.DialogLabel.FileType: QCoreApplication.translate("FileDialog", "نوع الملف:"),
    }
    for label, text in labels.items():
        dialog.setLabelText(label, text)
    return dialog
