"""The desk's event: «الفعالية:» and the list of events a desk may scan for (services.desk.event_choices)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from fieldapp.gui.context import GuiContext
from fieldapp.gui.widgets.inputs import directed, embed, ltr
from fieldapp.services.desk import EventChoice
from fieldapp.services.events import EventView


class EventPicker(QWidget):
    #: the coordinator picked an event (its id, or None for the "no event" line)
    picked = Signal(object)

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.events: dict[str, EventView] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.label = QLabel(objectName="deskEventLabel")
        self.label.setProperty("role", "subheading")
        self.combo = QComboBox(objectName="deskEventCombo")
        self.combo.setMinimumWidth(420)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.label.setBuddy(self.combo)
        layout.addWidget(self.label)
        layout.addWidget(self.combo, 1)
        self.combo.activated.connect(lambda index: self.picked.emit(self.combo.itemData(index)))

    def retranslate(self) -> None:
        self.label.setText(self.tr("الفعالية:"))
        self.combo.setAccessibleName(self.tr("الفعالية التي يُسجَّل لها الحضور"))

    def show_choices(self, choice: EventChoice) -> None:
        """Fill the list (without emitting `picked`) and select `choice.selected_id`."""
        self.events = {e.id: e for e in choice.events}
        self.combo.blockSignals(True)
        self.combo.clear()
        for event in choice.events:
            self.combo.addItem(self._event_text(event), event.id)
        if not choice.events:
            self.combo.addItem(self.tr("لا توجد فعالية جارية — أنشئ فعالية من شاشة الفعاليات"), None)
        index = self.combo.findData(choice.selected_id) if choice.selected_id else -1
        self.combo.setCurrentIndex(max(0, index))
        self.combo.blockSignals(False)

    def select(self, event_id: str | None) -> bool:
        """Select an event already in the list; False when it is not there (reload the choices)."""
        index = self.combo.findData(event_id) if event_id else -1
        if index < 0:
            return False
        self.combo.setCurrentIndex(index)
        return True

    def _event_text(self, event: EventView) -> str:
        hours = ltr(f"{self.ctx.fmt_time(event.starts_at)}–{self.ctx.fmt_time(event.ends_at)}")
        return directed(f"{embed(event.title)} — {hours}", self.ctx.lang == "ar")
