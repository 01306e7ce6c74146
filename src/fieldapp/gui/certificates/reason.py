"""A small required-reason dialog (void a certificate). Kept here rather than borrowed from another
screen's package, so this screen does not break when that one is mid-change."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class ReasonDialog(QDialog):
    """OK stays disabled until a reason is typed. Non-blocking: `open()` it and connect `accepted`;
    tests fill `text_edit` and click `ok_button`."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str, ok_text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.prompt = QLabel(prompt, wordWrap=True)
        layout.addWidget(self.prompt)
        self.text_edit = QPlainTextEdit(objectName="reasonEdit")
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
        self.text_edit.textChanged.connect(lambda: self.ok_button.setEnabled(bool(self.text())))
        self.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def text(self) -> str:
        return self.text_edit.toPlainText().strip()

    def accept(self) -> None:
        if self.text():  # required: never accepted empty, even by code
            super().accept()
