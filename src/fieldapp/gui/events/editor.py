"""Create or edit an event or an opportunity inside one (ui/event_edit.ui), errors inline."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from fieldapp.core import dates
from fieldapp.core.errors import FieldAppError
from fieldapp.gui.context import GuiContext
from fieldapp.gui.forms.ui_event_edit import Ui_EventEditForm
from fieldapp.gui.widgets import user_message
from fieldapp.gui.widgets.inputs import CountedSuffix, number_inputs
from fieldapp.services.events import EventInput, EventView

ROUNDING_STEPS = (0, 5, 10, 15, 30, 60)
DEFAULT_ROUNDING = 15

# service field name -> form widget attribute
FIELD_WIDGETS = {
    "title": "title",
    "parent_id": "parent",
    "place": "place",
    "body_id": "body",
    "starts_at": "startsAt",
    "ends_at": "endsAt",
    "planned_hours": "plannedHours",
    "capacity": "capacity",
    "allow_reentry": "allowReentry",
    "min_scan_interval_min": "minScanInterval",
    "rounding_min": "rounding",
    "min_certificate_hours": "minCertificateHours",
    "notes": "notes",
}


class EventDialog(QDialog):
    """`EventDialog(ctx, event=None, parents=[...], bodies=[...], parent_id=None)`; `open()`; `saved(EventView)`."""

    saved = Signal(object)

    def __init__(
        self,
        ctx: GuiContext,
        event: EventView | None = None,
        parents: list[EventView] | None = None,
        bodies: list | None = None,
        parent_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.edited = event
        self.ui = Ui_EventEditForm()
        self.ui.setupUi(self)
        self.setObjectName("eventDialog")
        self.setMinimumWidth(680)
        ui = self.ui
        for widget in (ui.startsAt, ui.endsAt):
            widget.set_digits(ctx.digits)
        number_inputs(ctx.digits, ui.plannedHours, ui.capacity, ui.minScanInterval, ui.minCertificateHours)
        self.interval_suffix = CountedSuffix(
            ui.minScanInterval, lambda n: self.tr("%n دقيقة", "spin box suffix", n)
        )
        ui.parent.addItem(self.tr("— فعالية مستقلة —"), None)
        for candidate in parents or []:
            if event is None or candidate.id != event.id:
                ui.parent.addItem(candidate.title, candidate.id)
        ui.body.addItem(self.tr("— بلا جهة —"), None)
        for body in bodies or []:
            ui.body.addItem(body.name, body.id)
        for step in ROUNDING_STEPS:
            text = (
                self.tr("بلا تقريب (دقائق كاملة)")
                if step == 0
                else ctx.fmt_digits(self.tr("إلى أقرب %n دقيقة أدنى", "", step))
            )
            ui.rounding.addItem(text, step)
        ui.rounding.setCurrentIndex(ROUNDING_STEPS.index(DEFAULT_ROUNDING))
        self.errors: dict[str, QLabel] = {}
        for name in reversed(list(FIELD_WIDGETS)):
            label = QLabel(objectName=f"error_{name}")
            label.setProperty("role", "error")
            label.setWordWrap(True)
            label.hide()
            row, _ = ui.formLayout.getWidgetPosition(getattr(ui, FIELD_WIDGETS[name]))
            ui.formLayout.insertRow(row + 1, "", label)
            self.errors[name] = label
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
        if event is not None:
            self._fill(event)
            self.setWindowTitle(self.tr("تعديل الفعالية"))
        else:
            start = (dates.local_now() + dt.timedelta(days=1)).replace(
                hour=8, minute=0, second=0, microsecond=0
            )
            ui.startsAt.set_value(start)
            ui.endsAt.set_value(start + dt.timedelta(hours=6))
            ui.parent.setCurrentIndex(max(0, ui.parent.findData(parent_id)))
            self.setWindowTitle(self.tr("فرصة تطوع جديدة") if parent_id else self.tr("فعالية جديدة"))
        ui.title.setFocus()

    def _fill(self, e: EventView) -> None:
        ui = self.ui
        ui.title.setText(e.title)
        ui.parent.setCurrentIndex(max(0, ui.parent.findData(e.parent_id)))
        ui.place.setText(e.place)
        ui.body.setCurrentIndex(max(0, ui.body.findData(e.body_id)))
        ui.startsAt.set_value(e.starts_at)
        ui.endsAt.set_value(e.ends_at)
        ui.plannedHours.setValue(e.planned_hours or 0)
        ui.capacity.setValue(e.capacity or 0)
        ui.allowReentry.setChecked(e.allow_reentry)
        ui.minScanInterval.setValue(e.min_scan_interval_min)
        ui.rounding.setCurrentIndex(max(0, ui.rounding.findData(e.rounding_min)))
        ui.minCertificateHours.setValue(e.min_certificate_hours)
        ui.notes.setPlainText(e.notes)

    def input(self) -> EventInput:
        ui = self.ui
        return EventInput(
            title=ui.title.text(),
            starts_at=ui.startsAt.value(),
            ends_at=ui.endsAt.value(),
            place=ui.place.text(),
            body_id=ui.body.currentData(),
            parent_id=ui.parent.currentData(),
            planned_hours=ui.plannedHours.value() or None,  # 0 shows «—»: not planned
            capacity=ui.capacity.value() or None,  # 0 shows «بلا حد»
            allow_reentry=ui.allowReentry.isChecked(),
            min_scan_interval_min=ui.minScanInterval.value(),
            rounding_min=int(ui.rounding.currentData()),
            min_certificate_hours=ui.minCertificateHours.value(),
            notes=ui.notes.toPlainText(),
        )

    def save(self) -> None:
        for label in self.errors.values():
            label.hide()
        self.form_error.hide()
        self.save_button.setEnabled(False)
        events = self.ctx.services.events
        if self.edited is None:
            self.ctx.runner.write(events.create, self.input(), on_done=self._saved, on_error=self._failed)
        else:
            self.ctx.runner.write(
                events.update, self.edited.id, self.input(), on_done=self._saved, on_error=self._failed
            )

    def _saved(self, view: EventView) -> None:
        self.save_button.setEnabled(True)
        self.edited = view
        self.saved.emit(view)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        field = getattr(exc, "field", None) if isinstance(exc, FieldAppError) else None
        label = self.errors.get(field or "")
        if label is None:
            self.form_error.setText(user_message(exc))
            self.form_error.show()
            return
        label.setText(user_message(exc))
        label.show()
        getattr(self.ui, FIELD_WIDGETS[field]).setFocus()

    def error_text(self, field: str) -> str:
        label = self.errors[field]
        return label.text() if not label.isHidden() else ""
