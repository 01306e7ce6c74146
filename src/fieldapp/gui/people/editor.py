"""Add or edit one person (ui/person_edit.ui): errors shown inline, beside the field they name."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QWidget

from fieldapp.core.errors import FieldAppError
from fieldapp.gui.context import GuiContext
from fieldapp.gui.forms.ui_person_edit import Ui_PersonEditForm
from fieldapp.gui.widgets import user_message
from fieldapp.services.people import ChecksumWarning, PersonInput, PersonView

FIELDS = (
    "full_name",
    "latin_name",
    "national_id",
    "mobile",
    "gender",
    "birth_date",
    "guardian_consent",
    "badge_code",
    "notes",
)


class PersonDialog(QDialog):
    """`PersonDialog(ctx, person=None)`; `open()` it. `saved(PersonView)` after a successful save.

    Tests fill the fields (`dialog.ui.mobile`...) and call `save()` or click the Save button.
    """

    saved = Signal(object)

    def __init__(
        self, ctx: GuiContext, person: PersonView | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person = person
        self.ui = Ui_PersonEditForm()
        self.ui.setupUi(self)
        self.setObjectName("personDialog")
        self.setMinimumWidth(620)
        ui = self.ui
        ui.gender.addItem(self.tr("— غير محدد —"), None)
        ui.gender.addItem(self.tr("ذكر"), "m")
        ui.gender.addItem(self.tr("أنثى"), "f")
        self.widgets: dict[str, QWidget] = {
            "full_name": ui.fullName,
            "latin_name": ui.latinName,
            "national_id": ui.nationalId,
            "mobile": ui.mobile,
            "gender": ui.gender,
            "birth_date": ui.birthDate,
            "guardian_consent": ui.guardianConsent,
            "badge_code": ui.badgeCode,
            "notes": ui.notes,
        }
        # An error line under every field, hidden until the service names that field.
        self.errors: dict[str, QLabel] = {}
        for name in reversed(FIELDS):
            label = QLabel(objectName=f"error_{name}")
            label.setProperty("role", "error")
            label.setWordWrap(True)
            label.hide()
            row, _ = ui.formLayout.getWidgetPosition(self.widgets[name])
            ui.formLayout.insertRow(row + 1, "", label)
            self.errors[name] = label
        # The bad check digit: a warning only a supervisor (or admin) may accept.
        self.accept_checksum = QCheckBox(
            self.tr("أقبل رقم الهوية رغم أن رقم التحقق لا يطابق (صلاحية المشرف)")
        )
        self.accept_checksum.setObjectName("acceptChecksum")
        self.accept_checksum.setAccessibleName(self.tr("قبول رقم هوية لا يطابق رقم التحقق"))
        self.accept_checksum.setEnabled(ctx.can("checksum.override"))
        self.accept_checksum.hide()
        row, _ = ui.formLayout.getWidgetPosition(self.errors["national_id"])
        ui.formLayout.insertRow(row + 1, "", self.accept_checksum)
        self.form_error = QLabel(objectName="formError")
        self.form_error.setProperty("role", "error")
        self.form_error.setWordWrap(True)
        self.form_error.hide()
        ui.outerLayout.insertWidget(1, self.form_error)

        self.save_button = ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("حفظ"))
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("إلغاء"))
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)
        self.setWindowTitle(self.tr("تعديل بيانات الشخص") if person else self.tr("إضافة شخص"))
        if person is not None:
            self._fill(person)
        ui.fullName.setFocus()

    def _fill(self, p: PersonView) -> None:
        ui = self.ui
        ui.fullName.setText(p.full_name)
        ui.latinName.setText(p.latin_name or "")
        ui.nationalId.setText(p.national_id or "")
        # The local form (05…): digits only, so the field never shows a reversed "+966" group in RTL.
        ui.mobile.setText("0" + p.mobile[4:] if p.mobile and p.mobile.startswith("+966") else p.mobile or "")
        ui.gender.setCurrentIndex(max(0, ui.gender.findData(p.gender)))
        ui.birthDate.setText(p.birth_date.isoformat() if p.birth_date else "")
        ui.guardianConsent.setChecked(p.guardian_consent)
        ui.badgeCode.setText(p.badge_code or "")
        ui.notes.setPlainText(p.notes)

    def input(self) -> PersonInput:
        ui = self.ui
        return PersonInput(
            full_name=ui.fullName.text(),
            latin_name=ui.latinName.text() or None,
            national_id=ui.nationalId.value() or None,
            mobile=ui.mobile.value() or None,
            gender=ui.gender.currentData(),
            birth_date=ui.birthDate.text().strip() or None,
            guardian_consent=ui.guardianConsent.isChecked(),
            badge_code=ui.badgeCode.text() or None,
            notes=ui.notes.toPlainText(),
        )

    # -- saving -------------------------------------------------------------------------------
    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self.form_error.hide()

    def save(self) -> None:
        self.clear_errors()
        self.save_button.setEnabled(False)
        people = self.ctx.services.people
        override = self.accept_checksum.isVisible() and self.accept_checksum.isChecked()
        if self.person is None:
            self.ctx.runner.write(
                people.create, self.input(), override, on_done=self._saved, on_error=self._failed
            )
        else:
            self.ctx.runner.write(
                people.update,
                self.person.id,
                self.input(),
                override,
                on_done=self._saved,
                on_error=self._failed,
            )

    def _saved(self, view: PersonView) -> None:
        self.save_button.setEnabled(True)
        self.person = view  # the runner publishes view.changed once this returns
        self.ctx.show_message(self.tr("حُفظت بيانات «%1»").replace("%1", view.full_name), "ok")
        self.saved.emit(view)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.show_error(exc)

    def show_error(self, exc: BaseException) -> None:
        text = user_message(exc)
        field = getattr(exc, "field", None) if isinstance(exc, FieldAppError) else None
        if isinstance(exc, ChecksumWarning):
            self.accept_checksum.show()
            if not self.ctx.can("checksum.override"):
                text += "\n" + self.tr("لا يقبل هذا الرقم إلا مشرف؛ صحّح الرقم أو اطلب من المشرف حفظه.")
        label = self.errors.get(field or "")
        if label is None:
            self.form_error.setText(text)
            self.form_error.show()
            return
        label.setText(text)
        label.show()
        widget = self.widgets[field]
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def error_text(self, field: str) -> str:
        """The inline error shown under `field` ('' when none): for tests and screen readers."""
        label = self.errors[field]
        return label.text() if not label.isHidden() else ""
