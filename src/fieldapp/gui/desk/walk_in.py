"""Registering a walk-in at the desk (form: ui/walk_in.ui).

Save → validation (every message inline, beside its field) → a duplicate check («هذا الشخص مسجل
من قبل» with a button to check that person in instead) → saved, registered for the event and
checked in, all in ONE service write (services.desk.walk_in: one transaction, so nothing is
saved when any step fails). A bad national-ID check digit is shown as a warning; only a
supervisor can tick «قبول رقم الهوية رغم فشل التحقق».

The dialog is non-modal-friendly: the desk opens it with open(); tests fill the fields and click
Save directly.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from fieldapp.core import dates
from fieldapp.core.errors import ValidationError
from fieldapp.core.i18n import by_gender
from fieldapp.core.identifiers import ADULT_AGE, age_on
from fieldapp.core.people import PersonInput, parse_date
from fieldapp.gui.context import GuiContext
from fieldapp.gui.forms.ui_walk_in import Ui_WalkInForm
from fieldapp.gui.widgets import user_message
from fieldapp.services.desk import WalkInOutcome
from fieldapp.services.people import PersonView

_GENDERS = (None, "m", "f")  # the combo's rows
# Validation error field -> the label that shows it inline
_FIELD_ERRORS = {
    "full_name": "fullNameError",
    "national_id": "nationalIdError",
    "mobile": "mobileError",
    "gender": "genderError",
    "birth_date": "birthDateError",
}


class WalkInDialog(QDialog):
    """`registered(WalkInOutcome)` after a walk-in was saved and checked in;
    `use_existing(person_id)` when the coordinator chose the duplicate already on the roster."""

    registered = Signal(object)
    use_existing = Signal(str)

    def __init__(self, ctx: GuiContext, event_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id = event_id
        self.setObjectName("walkInDialog")
        self.ui = Ui_WalkInForm()
        self.ui.setupUi(self)
        self.resize(640, 600)
        self._busy = False
        self._duplicates: tuple[PersonView, ...] = ()
        self.save_button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.ui.buttonBox.accepted.connect(self.submit)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.useExistingButton.clicked.connect(self._choose_existing)
        self.ui.birthDateEdit.textChanged.connect(self._birth_changed)
        for name in ("nationalIdEdit", "mobileEdit"):
            getattr(self.ui, name).textEdited.connect(self._identity_edited)
        self.ui.nationalIdEdit.textEdited.connect(lambda _t: self._reset_override())
        may_override = ctx.can("checksum.override")
        self.ui.overrideCheck.setEnabled(may_override)
        self.retranslate()
        self._reset()

    # -- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.ui.retranslateUi(self)
        self.setWindowTitle(self.tr("تسجيل حضور جديد"))
        self.save_button.setText(self.tr("حفظ وتسجيل الدخول"))
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("إلغاء"))
        names = {
            "fullNameEdit": self.tr("الاسم الكامل"),
            "nationalIdEdit": self.tr("رقم الهوية أو الإقامة"),
            "mobileEdit": self.tr("رقم الجوال"),
            "genderCombo": self.tr("الجنس"),
            "birthDateEdit": self.tr("تاريخ الميلاد"),
            "consentCheck": self.tr("موافقة ولي الأمر"),
            "overrideCheck": self.tr("قبول رقم الهوية رغم فشل التحقق"),
            "useExistingButton": self.tr("تسجيل حضور الشخص المسجل من قبل"),
        }
        for name, accessible in names.items():
            getattr(self.ui, name).setAccessibleName(accessible)
        if not self.ui.overrideCheck.isEnabled():
            self.ui.overrideCheck.setToolTip(self.tr("يلزم مشرف لقبول رقم هوية لا يجتاز التحقق"))
        self._birth_changed(self.ui.birthDateEdit.text())

    def _reset(self) -> None:
        self.clear_errors()
        self.ui.consentCheck.setVisible(False)
        self.ui.overrideCheck.setVisible(False)
        self.ui.duplicateFrame.setVisible(False)
        self.ui.fullNameEdit.setFocus()

    # -- state --------------------------------------------------------------------------------
    def person_input(self) -> PersonInput:
        return PersonInput(
            full_name=self.ui.fullNameEdit.text(),
            national_id=self.ui.nationalIdEdit.value() or None,
            mobile=self.ui.mobileEdit.value() or None,
            gender=_GENDERS[max(0, self.ui.genderCombo.currentIndex())],
            birth_date=self.ui.birthDateEdit.text().strip() or None,
            guardian_consent=self.ui.consentCheck.isVisible() and self.ui.consentCheck.isChecked(),
        )

    def error_texts(self) -> list[str]:
        labels = [*(getattr(self.ui, n) for n in _FIELD_ERRORS.values()), self.ui.errorLabel]
        return [label.text() for label in labels if label.text()]

    def clear_errors(self) -> None:
        for name in (*_FIELD_ERRORS.values(), "errorLabel"):
            label: QLabel = getattr(self.ui, name)
            label.clear()
            label.setVisible(False)

    def _show_error(self, field: str | None, text: str) -> None:
        label: QLabel = getattr(self.ui, _FIELD_ERRORS.get(field or "", "errorLabel"))
        label.setText(f"{label.text()}\n{text}" if label.text() else text)
        label.setVisible(True)

    def _identity_edited(self, _text: str) -> None:
        self.ui.duplicateFrame.setVisible(False)

    def _reset_override(self) -> None:
        self.ui.overrideCheck.setChecked(False)
        self.ui.overrideCheck.setVisible(False)

    def _birth_changed(self, text: str) -> None:
        """Show the age and Hijri date as typed; under 18 shows the guardian-consent box."""
        birth: dt.date | None = None
        try:
            birth = parse_date(text.strip() or None)
        except ValidationError:
            birth = None
        today = dates.local_now().date()
        if birth is None or birth > today:
            self.ui.birthHintLabel.setText("")
            self.ui.birthHintLabel.setVisible(False)
            self.ui.consentCheck.setVisible(False)
            return
        age = age_on(birth, today)
        self.ui.birthHintLabel.setText(
            self.tr("{0} — {1}").format(
                self.ctx.fmt_hijri(birth), self.ctx.fmt_digits(self.tr("العمر %n سنة", "", age))
            )
        )
        self.ui.birthHintLabel.setVisible(True)
        self.ui.consentCheck.setVisible(age < ADULT_AGE)

    # -- saving -------------------------------------------------------------------------------
    def submit(self) -> None:
        if self._busy:
            return
        self._busy = True
        self.save_button.setEnabled(False)
        self.clear_errors()
        self.ctx.runner.write(
            self.ctx.services.desk.walk_in,
            self.event_id,
            self.person_input(),
            override_checksum=self.ui.overrideCheck.isVisible() and self.ui.overrideCheck.isChecked(),
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, outcome: WalkInOutcome) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        if outcome.errors:
            for error in outcome.errors:
                self._show_error(error.field, error.message(self.ctx.lang))
            if outcome.checksum_warning:
                self.ui.overrideCheck.setVisible(True)
                if not self.ui.overrideCheck.isEnabled():
                    self._show_error(
                        "national_id", self.tr("لا يقبل هذا الرقم إلا مشرف؛ صحّح الرقم أو اطلب المشرف.")
                    )
            self._focus_first_error()
            return
        if outcome.duplicates:
            self._duplicates = outcome.duplicates
            names = "، ".join(p.full_name for p in outcome.duplicates)
            self.ui.duplicateLabel.setText(self.tr("هذا الشخص مسجل من قبل: {0}").format(names))
            self.ui.useExistingButton.setText(  # «حضوره هو» for a woman reads wrong
                by_gender(
                    outcome.duplicates[0].gender,
                    self.tr("تسجيل حضوره هو"),
                    self.tr("تسجيل حضورها هي"),
                    self.tr("تسجيل حضور المسجَّل من قبل"),
                )
            )
            self.ui.duplicateFrame.setVisible(True)
            self.ui.useExistingButton.setFocus()
            return
        self.registered.emit(outcome)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        self._show_error(getattr(exc, "field", None), user_message(exc))
        self._focus_first_error()

    def _focus_first_error(self) -> None:
        for field, label in _FIELD_ERRORS.items():
            if getattr(self.ui, label).text():
                widget = {
                    "full_name": self.ui.fullNameEdit,
                    "national_id": self.ui.nationalIdEdit,
                    "mobile": self.ui.mobileEdit,
                    "gender": self.ui.genderCombo,
                    "birth_date": self.ui.birthDateEdit,
                }[field]
                widget.setFocus()
                return

    def _choose_existing(self) -> None:
        if self._duplicates:
            self.use_existing.emit(self._duplicates[0].id)
            self.accept()


__all__ = ["WalkInDialog"]
