"""The certificate template editor (embedded in the settings screen; works on its own too).

Every edit re-renders a sample certificate after a short pause (services.certificates.preview_pdf
on the DB thread, with the unsaved edits) and shows page 1. An invalid text shows the service's
own message under the editor; Save (administrators) goes through the same validation.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap, QTextOption
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.certificates.templates import DEFAULT_TEMPLATES, CertificateTemplate
from fieldapp.gui.certificates.issue import template_title
from fieldapp.gui.context import GuiContext
from fieldapp.gui.runner import Task
from fieldapp.gui.widgets import user_message
from fieldapp.gui.widgets.inputs import ltr

PREVIEW_DELAY_MS = 400
PLACEHOLDER_ORDER = ("name", "event", "body", "hours", "hijri_date", "gregorian_date", "place")


class TemplateEditor(QWidget):
    #: the live preview shows the current edits (after each successful re-render)
    preview_ready = Signal()
    #: the current edits cannot be rendered: the service's message
    preview_failed = Signal(str)
    saved = Signal(str)  # template key

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateEditor")
        self.ctx = ctx
        self.template: CertificateTemplate | None = None
        self._loading = False
        self._preview_task: Task | None = None
        self._preview_dir = Path(tempfile.mkdtemp(prefix="fieldapp-template-"))
        self._preview_n = 0
        self.preview_path: Path | None = None
        preview_dir = self._preview_dir  # not self: the wrapper is gone when destroyed fires
        self.destroyed.connect(lambda *_: shutil.rmtree(preview_dir, ignore_errors=True))
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.render_preview)

        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(18)
        outer.addWidget(self._build_editor(), 5)
        outer.addLayout(self._build_preview(), 6)

        self.key_combo.currentIndexChanged.connect(lambda _i: self.load_template())
        for edit in (self.title_edit, self.signatory_name, self.signatory_title):
            edit.textChanged.connect(self._edited)
        for edit in self.body_edits.values():
            edit.textChanged.connect(self._edited)
        self.body_tabs.currentChanged.connect(lambda _i: self.render_preview())
        self.page_combo.currentIndexChanged.connect(lambda _i: self._edited())
        self.save_button.clicked.connect(self.save)
        self.reset_button.clicked.connect(self.restore_default)
        ctx.user_changed.connect(lambda _u: self._apply_permissions())
        self.retranslate()
        self.reload()

    def _build_editor(self) -> QWidget:
        """The form (template, title, text, signatory, paper), the placeholder chips, the buttons."""
        editor = QWidget()
        form_box = QVBoxLayout(editor)
        form_box.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setSpacing(8)
        self.key_combo = QComboBox(objectName="templateKey")
        self.title_edit = QLineEdit(objectName="templateTitle")
        # Arabic agrees with the person: the text for a man, for a woman, and (slash form) for
        # someone whose gender is not recorded; the preview shows the tab being edited.
        self.body_masculine_edit = QPlainTextEdit(objectName="templateBodyMasculine")
        self.body_feminine_edit = QPlainTextEdit(objectName="templateBodyFeminine")
        self.body_edit = QPlainTextEdit(objectName="templateBody")
        self.body_edits = {"m": self.body_masculine_edit, "f": self.body_feminine_edit, None: self.body_edit}
        self.body_tabs = QTabWidget(objectName="templateBodyTabs")
        for edit in self.body_edits.values():
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(150)
            self.body_tabs.addTab(edit, "")
        self.signatory_name = QLineEdit(objectName="templateSignatoryName")
        self.signatory_title = QLineEdit(objectName="templateSignatoryTitle")
        self.page_combo = QComboBox(objectName="templatePage")
        self.page_combo.addItem("A4", "A4")
        self.page_combo.addItem("A5", "A5")
        self.labels = [QLabel() for _ in range(6)]
        for label, widget in zip(
            self.labels,
            (
                self.key_combo,
                self.title_edit,
                self.body_tabs,
                self.signatory_name,
                self.signatory_title,
                self.page_combo,
            ),
            strict=True,
        ):
            label.setBuddy(widget)
            form.addRow(label, widget)
        form_box.addLayout(form)

        self._build_chips(form_box)

        self.error_label = QLabel(objectName="templateError", wordWrap=True)
        self.error_label.setProperty("role", "error")
        self.error_label.setVisible(False)
        form_box.addWidget(self.error_label)
        self.note_label = QLabel(objectName="templateNote", wordWrap=True)
        self.note_label.setProperty("role", "muted")
        self.note_label.setVisible(False)
        form_box.addWidget(self.note_label)

        buttons = QHBoxLayout()
        self.reset_button = QPushButton(objectName="templateReset")
        self.save_button = QPushButton(objectName="templateSave")
        self.save_button.setProperty("kind", "primary")
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form_box.addLayout(buttons)
        form_box.addStretch(1)
        return editor

    def _build_chips(self, form_box: QVBoxLayout) -> None:
        """One button per placeholder: a click inserts it at the cursor."""
        self.chips_label = QLabel()
        self.chips_label.setProperty("role", "muted")
        form_box.addWidget(self.chips_label)
        chips = QGridLayout()
        chips.setSpacing(6)
        self.chips: dict[str, QPushButton] = {}
        for i, name in enumerate(PLACEHOLDER_ORDER):
            chip = QPushButton(objectName=f"chip_{name}")
            chip.setProperty("kind", "flat")
            chip.setProperty("role", "chip")
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.clicked.connect(lambda _=False, n=name: self.insert_placeholder(n))
            self.chips[name] = chip
            chips.addWidget(chip, i // 4, i % 4)
        form_box.addLayout(chips)

    def _build_preview(self) -> QVBoxLayout:
        preview_box = QVBoxLayout()
        self.preview_caption = QLabel()
        self.preview_caption.setProperty("role", "muted")
        self.preview_label = QLabel(objectName="templatePreview", alignment=Qt.AlignmentFlag.AlignCenter)
        self.preview_label.setMinimumSize(QSize(420, 300))
        self.preview_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        preview_box.addWidget(self.preview_caption)
        preview_box.addWidget(self.preview_label, 1)
        return preview_box

    # -- loading ------------------------------------------------------------------------------
    def reload(self) -> None:
        """The template keys (built-in and the organisation's own), then the chosen template."""
        self.ctx.runner.db(self.ctx.services.certificates.template_keys, on_done=self._show_keys)

    def _show_keys(self, keys: list[str]) -> None:
        current = self.key_combo.currentData() or self.ctx.settings.get(
            "certificates.default_template", "attendance-ar"
        )
        self.key_combo.blockSignals(True)
        self.key_combo.clear()
        for key in keys:
            self.key_combo.addItem(template_title(key), key)
        self.key_combo.setCurrentIndex(max(0, self.key_combo.findData(current)))
        self.key_combo.blockSignals(False)
        self.load_template()

    def select_key(self, key: str) -> None:
        index = self.key_combo.findData(key)
        if index >= 0:
            self.key_combo.setCurrentIndex(index)

    @property
    def key(self) -> str | None:
        return self.key_combo.currentData()

    def load_template(self) -> None:
        if self.key is None:
            return
        self.ctx.runner.db(
            self.ctx.services.certificates.template,
            self.key,
            on_done=self._show_template,
            on_error=self._error,
        )

    def _show_template(self, template: CertificateTemplate) -> None:
        self.template = template
        self._loading = True
        try:
            self.title_edit.setText(template.title)
            self.body_edit.setPlainText(template.body)
            self.body_masculine_edit.setPlainText(template.body_masculine)
            self.body_feminine_edit.setPlainText(template.body_feminine)
            self.signatory_name.setText(template.signatory_name)
            self.signatory_title.setText(template.signatory_title)
            self.page_combo.setCurrentIndex(max(0, self.page_combo.findData(template.page)))
        finally:
            self._loading = False
        self._set_direction(template.lang)
        self._show_gendered_tabs(template.lang == "ar")
        self._set_error("")
        self.render_preview()

    def _set_direction(self, lang: str) -> None:
        """Arabic templates are edited right to left, English ones left to right, whatever the UI."""
        direction = Qt.LayoutDirection.RightToLeft if lang == "ar" else Qt.LayoutDirection.LeftToRight
        for edit in (self.title_edit, self.signatory_name, self.signatory_title):
            edit.setLayoutDirection(direction)
            edit.setAlignment(Qt.AlignmentFlag.AlignLeading)
        for body in self.body_edits.values():
            body.setLayoutDirection(direction)
            option = body.document().defaultTextOption()
            option.setTextDirection(direction)
            option.setAlignment(
                (Qt.AlignmentFlag.AlignRight if lang == "ar" else Qt.AlignmentFlag.AlignLeft)
                | Qt.AlignmentFlag.AlignAbsolute
            )
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            body.document().setDefaultTextOption(option)

    def _show_gendered_tabs(self, gendered: bool) -> None:
        """Arabic: the man's and the woman's texts first, the slash form last; English: one text."""
        for gender in ("m", "f"):
            self.body_tabs.setTabVisible(self.body_tabs.indexOf(self.body_edits[gender]), gendered)
        if not gendered or self.body_tabs.currentWidget() is self.body_edit:
            self.body_tabs.setCurrentWidget(self.body_edit if not gendered else self.body_masculine_edit)
        self._retitle_tabs()

    def preview_gender(self) -> str | None:
        """The gender whose wording the preview shows: the tab being edited."""
        return next(g for g, edit in self.body_edits.items() if edit is self.body_tabs.currentWidget())

    # -- editing ------------------------------------------------------------------------------
    def fields(self) -> dict[str, Any]:
        """The edits as the service takes them (save_template / preview_pdf fields=)."""
        out: dict[str, Any] = {
            "title": self.title_edit.text(),
            "body": self.body_edit.toPlainText(),
            "body_masculine": self.body_masculine_edit.toPlainText(),
            "body_feminine": self.body_feminine_edit.toPlainText(),
            "signatory_name": self.signatory_name.text(),
            "signatory_title": self.signatory_title.text(),
            "page": self.page_combo.currentData(),
        }
        if self.template is not None and self.key not in DEFAULT_TEMPLATES:
            # An organisation's own template keeps its kind and language.
            out["kind"] = self.template.kind
            out["lang"] = self.template.lang
        return out

    def insert_placeholder(self, name: str) -> None:
        edit = self.body_tabs.currentWidget()
        edit.insertPlainText("{" + name + "}")
        edit.setFocus()

    def _edited(self, *_args: object) -> None:
        if not self._loading:
            self.note_label.setVisible(False)
            self._timer.start()

    # -- live preview -------------------------------------------------------------------------
    def render_preview(self) -> None:
        if self.key is None:
            return
        self._timer.stop()
        if self._preview_task is not None:
            self._preview_task.cancel()
        self._preview_n += 1
        path = self._preview_dir / f"preview-{self._preview_n}.pdf"
        self._preview_task = self.ctx.runner.db(
            self.ctx.services.certificates.preview_pdf,
            self.key,
            path,
            sample=self._preview_sample(),
            fields=self.fields(),
            on_done=self._show_preview,
            on_error=self._preview_error,
        )

    def _preview_sample(self) -> dict[str, Any]:
        gender = self.preview_gender()
        sample: dict[str, Any] = {"gender": gender}
        if gender == "f" and (self.template is None or self.template.lang == "ar"):
            sample["full_name"] = "غادة بنت سعد السبيعي"
        return sample

    def _show_preview(self, path: Path) -> None:
        previous, self.preview_path = self.preview_path, Path(path)
        doc = QPdfDocument(self)
        try:
            doc.load(str(path))
            points = doc.pagePointSize(0)
            box = self.preview_label.contentsRect().size()
            width = max(360, box.width() - 8)
            height = max(240, box.height() - 8)
            scale = min(width / max(points.width(), 1), height / max(points.height(), 1))
            ratio = self.devicePixelRatioF()
            size = QSize(int(points.width() * scale * ratio), int(points.height() * scale * ratio))
            image = doc.render(0, size)
        finally:
            doc.close()
            doc.deleteLater()
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        self.preview_label.setPixmap(pixmap)
        if previous is not None and previous != self.preview_path:
            previous.unlink(missing_ok=True)
        self._set_error("")
        self.preview_ready.emit()

    def _preview_error(self, exc: BaseException) -> None:
        text = user_message(exc)
        self._set_error(text)
        self.preview_failed.emit(text)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.preview_path is not None and not self.error_label.isVisible():
            self._timer.start()

    # -- saving -------------------------------------------------------------------------------
    def _apply_permissions(self) -> None:
        admin = self.ctx.can("settings.edit")
        for button in (self.save_button, self.reset_button):
            button.setEnabled(admin)
            button.setToolTip("" if admin else self.tr("تعديل القوالب لمدير النظام فقط."))

    def save(self) -> None:
        if self.key is None or not self.ctx.can("settings.edit"):
            return
        self.ctx.runner.write(
            self.ctx.services.certificates.save_template,
            self.key,
            self.fields(),
            on_done=self._saved,
            on_error=self._error,
        )

    def restore_default(self) -> None:
        if self.key is None or not self.ctx.can("settings.edit"):
            return
        self.ctx.runner.write(
            self.ctx.services.certificates.save_template,
            self.key,
            None,
            on_done=self._restored,
            on_error=self._error,
        )

    def _saved(self, _done) -> None:
        self._note(self.tr("حُفظ القالب. الشهادات التالية تُطبع بهذا النص."))
        self.saved.emit(self.key or "")

    def _restored(self, _done) -> None:
        self._note(self.tr("أُعيد النص الأصلي للقالب."))
        self.load_template()
        self.saved.emit(self.key or "")

    def _error(self, exc: BaseException) -> None:
        self._set_error(user_message(exc))

    def _set_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _note(self, text: str) -> None:
        self.note_label.setText(text)
        self.note_label.setVisible(bool(text))

    # -- language -----------------------------------------------------------------------------
    def _retitle_tabs(self) -> None:
        gendered = self.body_tabs.isTabVisible(self.body_tabs.indexOf(self.body_masculine_edit))
        titles = {
            "m": self.tr("للمتطوع"),
            "f": self.tr("للمتطوعة"),
            None: self.tr("إن لم يُسجَّل الجنس (المتطوع/ـة)") if gendered else self.tr("النص"),
        }
        for gender, edit in self.body_edits.items():
            self.body_tabs.setTabText(self.body_tabs.indexOf(edit), titles[gender])

    def retranslate(self) -> None:
        texts = [
            self.tr("القالب:"),
            self.tr("العنوان:"),
            self.tr("نص الشهادة:"),
            self.tr("اسم الموقّع:"),
            self.tr("صفة الموقّع:"),
            self.tr("حجم الورق:"),
        ]
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.key_combo.setAccessibleName(self.tr("قالب الشهادة"))
        self.title_edit.setAccessibleName(self.tr("عنوان الشهادة"))
        self.body_edit.setAccessibleName(self.tr("نص الشهادة"))
        self.body_masculine_edit.setAccessibleName(self.tr("نص الشهادة للمتطوع"))
        self.body_feminine_edit.setAccessibleName(self.tr("نص الشهادة للمتطوعة"))
        self._retitle_tabs()
        self.signatory_name.setAccessibleName(self.tr("اسم الموقّع"))
        self.signatory_title.setAccessibleName(self.tr("صفة الموقّع"))
        self.page_combo.setAccessibleName(self.tr("حجم الورق"))
        self.signatory_name.setPlaceholderText(self.tr("يُترك فارغًا لاستخدام اسم الموقّع العام"))
        meanings = {
            "name": self.tr("اسم المتطوع"),
            "event": self.tr("الفعالية"),
            "body": self.tr("الجهة"),
            "hours": self.tr("الساعات"),
            "hijri_date": self.tr("التاريخ الهجري"),
            "gregorian_date": self.tr("التاريخ الميلادي"),
            "place": self.tr("المكان"),
        }
        for name, chip in self.chips.items():
            # LRI…PDI keeps "{name}" reading left to right inside an Arabic button.
            chip.setText(f"{meanings[name]} {ltr('{' + name + '}')}")
            chip.setToolTip(self.tr("إدراج {0} في موضع المؤشر").format("{" + name + "}"))
            chip.setAccessibleName(self.tr("إدراج {0}").format(meanings[name]))
        self.chips_label.setText(self.tr("الحقول المتاحة (انقر لإدراجها في النص):"))
        self.preview_caption.setText(self.tr("معاينة مباشرة (بيانات تجريبية، رمز QR غير صالح للتحقق)"))
        self.reset_button.setText(self.tr("استعادة النص الأصلي"))
        self.save_button.setText(self.tr("حفظ القالب"))
        for i in range(self.key_combo.count()):
            self.key_combo.setItemText(i, template_title(self.key_combo.itemData(i)))
        self._apply_permissions()
