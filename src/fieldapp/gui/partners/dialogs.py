"""The partners screen's dialogs: a body (add/edit), an agreement (add/edit), merging two bodies.

Each saves through the runner; a refused value is shown in the dialog and nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.errors import FieldAppError
from fieldapp.gui.context import GuiContext
from fieldapp.gui.widgets import HijriDateEdit, IdLineEdit, show_error, user_message
from fieldapp.gui.widgets.inputs import CountedSuffix, number_inputs, set_note
from fieldapp.services.bodies import (
    AGREEMENT_STATUSES,
    BODY_TYPES,
    AgreementInput,
    AgreementView,
    BodyInput,
    BodyView,
    normalize_phone,
)

# The statuses a coordinator chooses: "expired" follows from the end date, it is never typed.
CHOSEN_STATUSES = ("active", "draft", "cancelled")


class _Dialog(QDialog):
    """A form with a note line for errors and Save / Cancel."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setModal(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.note = QLabel(objectName="dialogNote", wordWrap=True)
        self.note.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)

    def fail(self, exc: BaseException) -> None:
        """A refused value: said in the dialog (the typed values stay)."""
        if isinstance(exc, FieldAppError):
            set_note(self.note, "error", user_message(exc))
            self.note.show()
        else:
            show_error(self, exc)

    def save(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class BodyDialog(_Dialog):
    saved = Signal(object)  # BodyView

    def __init__(self, ctx: GuiContext, body: BodyView | None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.body = body
        self.setObjectName("bodyDialog")
        self.setWindowTitle(self.tr("تعديل بيانات الجهة") if body else self.tr("جهة جديدة"))
        self.type_combo = QComboBox(objectName="bodyType")
        for code, (arabic, english) in BODY_TYPES.items():
            self.type_combo.addItem(arabic if ctx.lang == "ar" else english, code)
        self.name_edit = QLineEdit(objectName="bodyName")
        self.name_en_edit = QLineEdit(objectName="bodyNameEn")
        self.name_en_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.city_edit = QLineEdit(objectName="bodyCity")
        self.contact_edit = QLineEdit(objectName="bodyContact")
        self.phone_edit = IdLineEdit()
        self.phone_edit.setObjectName("bodyPhone")
        self.phone_edit.setPlaceholderText("05xxxxxxxx / 012xxxxxxx")
        self.notes_edit = QPlainTextEdit(objectName="bodyNotes")
        self.notes_edit.setFixedHeight(70)
        rows = (
            (self.tr("النوع"), self.type_combo),
            (self.tr("الاسم"), self.name_edit),
            (self.tr("الاسم بالإنجليزية"), self.name_en_edit),
            (self.tr("المدينة"), self.city_edit),
            (self.tr("مسؤول التواصل"), self.contact_edit),
            (self.tr("الهاتف"), self.phone_edit),
            (self.tr("ملاحظات"), self.notes_edit),
        )
        for label, widget in rows:
            widget.setAccessibleName(label)
            self.form.addRow(label, widget)
        if body is not None:
            self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(body.type)))
            self.name_edit.setText(body.name)
            self.name_en_edit.setText(body.name_en or "")
            self.city_edit.setText(body.city or "")
            self.contact_edit.setText(body.contact_name or "")
            self.phone_edit.setText(body.contact_phone or "")
            self.notes_edit.setPlainText(body.notes)
        self.resize(520, 0)
        self.name_edit.setFocus()  # the kind has a default; the name is what is typed first

    def data(self) -> BodyInput:
        return BodyInput(
            type=self.type_combo.currentData(),
            name=self.name_edit.text(),
            name_en=self.name_en_edit.text() or None,
            city=self.city_edit.text() or None,
            contact_name=self.contact_edit.text() or None,
            contact_phone=self.phone_edit.text() or None,
            notes=self.notes_edit.toPlainText(),
        )

    def save(self) -> None:
        try:
            normalize_phone(self.phone_edit.text())  # said at once, before the round trip
        except FieldAppError as exc:
            self.fail(exc)
            self.phone_edit.setFocus()
            return
        bodies = self.ctx.services.bodies
        if self.body is None:
            self.ctx.runner.write(bodies.create, self.data(), on_done=self._done, on_error=self.fail)
        else:
            self.ctx.runner.write(
                bodies.update, self.body.id, self.data(), on_done=self._done, on_error=self.fail
            )

    def _done(self, body: BodyView) -> None:
        self.saved.emit(body)
        self.accept()


class AgreementDialog(_Dialog):
    saved = Signal(object)  # AgreementView

    def __init__(
        self, ctx: GuiContext, body_id: str, agreement: AgreementView | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.body_id = body_id
        self.agreement = agreement
        self.setObjectName("agreementDialog")
        self.setWindowTitle(self.tr("تعديل الاتفاقية") if agreement else self.tr("اتفاقية جديدة"))
        self.title_edit = QLineEdit(objectName="agreementTitle")
        self.signatory_edit = QLineEdit(objectName="agreementSignatory")
        self.start_edit = HijriDateEdit(digits=ctx.digits)
        self.start_edit.setObjectName("agreementStart")
        self.end_edit = HijriDateEdit(digits=ctx.digits)
        self.end_edit.setObjectName("agreementEnd")
        self.open_ended = QCheckBox(self.tr("بلا تاريخ نهاية"), objectName="agreementOpenEnded")
        self.open_ended.toggled.connect(lambda on: self.end_edit.setEnabled(not on))
        self.status_combo = QComboBox(objectName="agreementStatus")
        for code in CHOSEN_STATUSES:
            arabic, english = AGREEMENT_STATUSES[code]
            self.status_combo.addItem(arabic if ctx.lang == "ar" else english, code)
        self.ours_edit = QPlainTextEdit(objectName="agreementOurs")
        self.theirs_edit = QPlainTextEdit(objectName="agreementTheirs")
        for edit in (self.ours_edit, self.theirs_edit):
            edit.setFixedHeight(80)
        self.reminder_spin = QSpinBox(objectName="agreementReminder")
        self.reminder_spin.setRange(0, 365)
        self.reminder_spin.setSpecialValueText(self.tr("بلا تذكير"))
        self.reminder_suffix = CountedSuffix(
            self.reminder_spin, lambda n: self.tr("%n يوم قبل النهاية", "spin box suffix", n)
        )
        number_inputs(ctx.digits, self.reminder_spin, self.start_edit.edit, self.end_edit.edit)
        self.notes_edit = QPlainTextEdit(objectName="agreementNotes")
        self.notes_edit.setFixedHeight(54)
        rows = (
            (self.tr("عنوان الاتفاقية"), self.title_edit),
            (self.tr("الموقّع عن الجهة"), self.signatory_edit),
            (self.tr("تاريخ البداية"), self.start_edit),
            (self.tr("تاريخ النهاية"), self.end_edit),
            ("", self.open_ended),
            (self.tr("الحالة"), self.status_combo),
            (self.tr("التزاماتنا"), self.ours_edit),
            (self.tr("التزامات الجهة"), self.theirs_edit),
            (self.tr("التذكير بالتجديد"), self.reminder_spin),
            (self.tr("ملاحظات"), self.notes_edit),
        )
        for label, widget in rows:
            if label:
                widget.setAccessibleName(label)
            self.form.addRow(label, widget)
        self.reminder_spin.setValue(30)
        if agreement is not None:
            self.title_edit.setText(agreement.title)
            self.signatory_edit.setText(agreement.signatory)
            if agreement.start_date:
                self.start_edit.set_date(agreement.start_date)
            if agreement.end_date:
                self.end_edit.set_date(agreement.end_date)
            self.open_ended.setChecked(agreement.end_date is None)
            status = "active" if agreement.status == "expired" else agreement.status
            self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status)))
            self.ours_edit.setPlainText(agreement.our_commitments)
            self.theirs_edit.setPlainText(agreement.partner_commitments)
            self.reminder_spin.setValue(agreement.reminder_days or 0)
            self.notes_edit.setPlainText(agreement.notes)
        self.resize(560, 0)
        self.title_edit.setFocus()  # the first thing typed

    def data(self) -> AgreementInput:
        return AgreementInput(
            title=self.title_edit.text(),
            start_date=self.start_edit.date(),
            end_date=None if self.open_ended.isChecked() else self.end_edit.date(),
            status=self.status_combo.currentData(),
            notes=self.notes_edit.toPlainText(),
            signatory=self.signatory_edit.text(),
            our_commitments=self.ours_edit.toPlainText(),
            partner_commitments=self.theirs_edit.toPlainText(),
            reminder_days=self.reminder_spin.value() or None,
        )

    def save(self) -> None:
        bodies = self.ctx.services.bodies
        if self.agreement is None:
            self.ctx.runner.write(
                bodies.add_agreement, self.body_id, self.data(), on_done=self._done, on_error=self.fail
            )
        else:
            self.ctx.runner.write(
                bodies.update_agreement,
                self.agreement.id,
                self.data(),
                on_done=self._done,
                on_error=self.fail,
            )

    def _done(self, agreement: AgreementView) -> None:
        self.saved.emit(agreement)
        self.accept()


class MergeDialog(_Dialog):
    """Merge the selected body (the duplicate) into another one, chosen from the list."""

    merged = Signal(object)  # the survivor's BodyView

    def __init__(
        self, ctx: GuiContext, duplicate: BodyView, others: list[BodyView], parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.duplicate = duplicate
        self.setObjectName("mergeDialog")
        self.setWindowTitle(self.tr("دمج جهتين"))
        self.survivor_combo = QComboBox(objectName="mergeSurvivor")
        self.survivor_combo.setEditable(True)  # type to find the body
        self.survivor_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for body in others:
            if body.id != duplicate.id:
                self.survivor_combo.addItem(f"{body.name} — {body.type_label(ctx.lang)}", body.id)
        explain = QLabel(
            self.tr(
                "«%1» مكررة: تنتقل اتفاقياتها وزياراتها وفعالياتها وهداياها إلى الجهة المختارة، "
                "وتُكمل بياناتها الناقصة، ثم تُحذف. لا يمكن التراجع عن الدمج."
            ).replace("%1", duplicate.name),
            wordWrap=True,
        )
        self.form.addRow(explain)
        self.form.addRow(self.tr("تبقى الجهة"), self.survivor_combo)
        self.survivor_combo.setAccessibleName(self.tr("الجهة التي تبقى"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("دمج"))
        self.resize(520, 0)
        self.survivor_combo.setFocus()  # type to find the body that stays

    def save(self) -> None:
        survivor = self.survivor_combo.currentData()
        if not survivor:
            return
        self.ctx.runner.write(
            self.ctx.services.bodies.merge,
            self.duplicate.id,
            survivor,
            on_done=self._done,
            on_error=self.fail,
        )

    def _done(self, survivor: BodyView) -> None:
        self.merged.emit(survivor)
        self.accept()
