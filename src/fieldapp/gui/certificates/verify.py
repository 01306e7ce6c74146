"""«التحقق» tab: paste a QR text or choose a PNG/PDF, get a big clear verdict."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.context import GuiContext
from fieldapp.gui.widgets import StatusBanner, user_message
from fieldapp.gui.widgets.file_dialog import file_dialog
from fieldapp.gui.widgets.inputs import embed
from fieldapp.services.certificates import VerifyOutcome

#: verdict -> banner colour: genuine green, tampered/voided red, unknown key amber
BANNER_STATUS = {
    "genuine": "ok",
    "tampered": "refused",
    "voided": "refused",
    "unknown_key": "warning",
    "malformed": "warning",
}


def _isolate(text: str | None) -> str | None:
    return embed(text)


class VerifyTab(QWidget):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.outcome: VerifyOutcome | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 12, 8, 8)
        layout.setSpacing(14)
        form = QFormLayout()
        form.setSpacing(10)
        code_row = QHBoxLayout()
        self.code_edit = QLineEdit(objectName="verifyCode")
        # A QR payload is Latin text: keep it left to right inside the Arabic form.
        self.code_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.code_edit.setClearButtonEnabled(True)
        self.file_button = QPushButton(objectName="verifyFile")
        code_row.addWidget(self.code_edit, 1)
        code_row.addWidget(self.file_button)
        self.name_edit = QLineEdit(objectName="verifyName")
        self.name_edit.setClearButtonEnabled(True)
        self.verify_button = QPushButton(objectName="verifyButton")
        self.verify_button.setProperty("kind", "primary")
        self.code_label, self.name_label = QLabel(), QLabel()
        self.code_label.setBuddy(self.code_edit)
        self.name_label.setBuddy(self.name_edit)
        form.addRow(self.code_label, code_row)
        form.addRow(self.name_label, self.name_edit)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.verify_button)
        layout.addLayout(buttons)
        self.banner = StatusBanner()  # keeps its objectName: the theme colours it by that
        self.banner.setMinimumHeight(200)
        layout.addWidget(self.banner)
        layout.addStretch(1)
        self.code_edit.returnPressed.connect(self.verify)
        self.name_edit.returnPressed.connect(self.verify)
        self.verify_button.clicked.connect(self.verify)
        self.file_button.clicked.connect(self._choose_file)
        self.setTabOrder(self.code_edit, self.file_button)
        self.setTabOrder(self.file_button, self.name_edit)
        self.setTabOrder(self.name_edit, self.verify_button)
        self.retranslate()

    def _choose_file(self) -> None:
        dialog = file_dialog(self, self.tr("اختر صورة الشهادة أو ملفها"))
        dialog.setNameFilter(self.tr("شهادات (*.pdf *.png *.jpg *.jpeg)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.verify_file)
        dialog.open()

    def verify_file(self, path: str | Path) -> None:
        self.code_edit.setText(str(path))
        self.verify()

    def verify(self) -> None:
        text = self.code_edit.text().strip()
        if not text:
            self.banner.show_status("warning", self.tr("الصق نص رمز QR أو اختر ملف الشهادة."))
            return
        source: str | Path = Path(text) if Path(text).is_file() else text
        self.banner.show_status("idle", self.tr("جارٍ التحقق…"))
        self.ctx.runner.db(
            self.ctx.services.certificates.verify,
            source,
            self.name_edit.text().strip() or None,
            on_done=self._show,
            on_error=self._failed,
        )

    def _show(self, outcome: VerifyOutcome) -> None:
        self.outcome = outcome
        titles = {
            "genuine": self.tr("✔ شهادة صحيحة"),
            "tampered": self.tr("✘ شهادة مزوّرة أو معدّلة"),
            "voided": self.tr("✘ شهادة ملغاة"),
            "unknown_key": self.tr("؟ لا يمكن التحقق: مفتاح غير معروف"),
            "malformed": self.tr("؟ ليس رمز شهادة من ميدان"),
        }
        status = BANNER_STATUS.get(outcome.status, "warning")
        if outcome.status == "genuine" and outcome.name_matches is False:
            status = "warning"
        subtitle_parts = [p for p in (outcome.serial, outcome.full_name) if p]
        # FSI…PDI: an Arabic event title or name inside an English line keeps its place.
        shown = replace(
            outcome,
            event_title=_isolate(outcome.event_title),
            given_name=_isolate(outcome.given_name) or "",
        )
        self.banner.show_status(
            status,
            titles.get(outcome.status, outcome.status),
            " — ".join(subtitle_parts),
            shown.message(self.ctx.lang, self.ctx.digits),
        )

    def _failed(self, exc: BaseException) -> None:
        self.outcome = None
        self.banner.show_status("warning", self.tr("تعذّر قراءة الرمز"), "", user_message(exc))

    def retranslate(self) -> None:
        self.code_label.setText(self.tr("رمز QR أو ملف:"))
        self.name_label.setText(self.tr("الاسم المكتوب (اختياري):"))
        self.code_edit.setPlaceholderText(self.tr("الصق النص المقروء من رمز QR (يبدأ بـ FA1.) أو مسار ملف"))
        self.code_edit.setAccessibleName(self.tr("نص رمز QR أو مسار ملف الشهادة"))
        self.file_button.setText(self.tr("اختيار ملف…"))
        self.file_button.setAccessibleName(self.tr("اختيار صورة أو ملف PDF للشهادة"))
        self.name_edit.setPlaceholderText(self.tr("للتأكد من أن الشهادة صدرت لهذا الاسم"))
        self.name_edit.setAccessibleName(self.tr("الاسم المكتوب على الشهادة"))
        self.verify_button.setText(self.tr("تحقق"))
        if self.outcome is not None:
            self._show(self.outcome)
        else:
            self.banner.clear(self.tr("النتيجة تظهر هنا"))
