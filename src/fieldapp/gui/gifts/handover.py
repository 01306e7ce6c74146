"""The hand-over form: who, what, how many, on which occasion, with the warnings BEFORE saving.

A hand-over is never refused (the goods have changed hands); an overdrawn stock, a limit passed or
a repeat receipt is shown in amber while the coordinator fills the form, confirmed once on saving,
and saved as flags. Used in the gifts screen and, with a visit fixed, from a visit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QVBoxLayout, QWidget

from fieldapp.core import dates
from fieldapp.gui import theme
from fieldapp.gui.context import GuiContext
from fieldapp.gui.forms.ui_handover import Ui_HandoverForm
from fieldapp.gui.recipient_picker import RecipientPicker
from fieldapp.gui.runner import Task
from fieldapp.gui.widgets import user_message
from fieldapp.gui.widgets.inputs import number_inputs, set_note
from fieldapp.services import Services
from fieldapp.services.events import EventView
from fieldapp.services.gifts import GiftTypeView, HandoverInput, HandoverResult
from fieldapp.services.visits import VisitView

# Visits offered as an occasion: those around today (older ones are reached from the visit itself).
VISIT_WINDOW_DAYS = 7


@dataclass(frozen=True)
class HandoverChoices:
    types: list[GiftTypeView]
    events: list[EventView]
    visits: list[VisitView]


def load_choices(services: Services) -> HandoverChoices:
    """What the form's lists offer (runs on the DB thread)."""
    today = dates.local_now().date()
    window = dt.timedelta(days=VISIT_WINDOW_DAYS)
    visits = [
        v
        for v in services.visits.list(date_from=today - window, date_to=today + window)
        if v.status not in ("cancelled", "missed")
    ]
    return HandoverChoices(services.gifts.list_types(), services.events.list(), visits)


class HandoverForm(QWidget):
    """`saved(HandoverResult)` after each hand-over; the form is then ready for the next recipient."""

    saved = Signal(object)

    def __init__(
        self, ctx: GuiContext, parent: QWidget | None = None, visit: VisitView | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.visit = visit
        self.ui = Ui_HandoverForm()
        self.ui.setupUi(self)
        self.recipient = RecipientPicker(ctx)
        host = QVBoxLayout(self.ui.recipientHost)
        host.setContentsMargins(0, 0, 0, 0)
        host.addWidget(self.recipient)
        self.setTabOrder(self.recipient, self.ui.giftCombo)
        self._types: dict[str, GiftTypeView] = {}
        self._check_task: Task | None = None
        self.warnings: list = []
        self.confirm_box: QMessageBox | None = None
        set_note(self.ui.warningLabel, "warning", "")

        self.recipient.changed.connect(self.recheck)
        self.recipient.chosen.connect(lambda *_: self._focus_after_recipient())
        self.ui.giftCombo.currentIndexChanged.connect(self._gift_changed)
        self.ui.quantitySpin.valueChanged.connect(lambda _v: self.recheck())
        self.ui.occasionCombo.currentIndexChanged.connect(lambda _i: self.recheck())
        self.ui.saveButton.clicked.connect(self.save)
        self.ui.clearButton.clicked.connect(self.clear_form)
        number_inputs(ctx.digits, self.ui.quantitySpin)
        self.ui.quantitySpin.setMaximumWidth(180)
        self.retranslate()
        self._default_recipient()

    # -- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        self.ctx.runner.db(load_choices, self.ctx.services, on_done=self._fill)

    def _fill(self, choices: HandoverChoices) -> None:
        self._choices = choices  # filled again, in the new language, after a switch
        combo = self.ui.giftCombo
        keep = combo.currentData() or self._planned_gift()
        combo.blockSignals(True)
        combo.clear()
        self._types = {t.id: t for t in choices.types}
        combo.addItem(self.tr("— اختر الهدية —"), None)
        for t in choices.types:
            combo.addItem(t.name, t.id)
        index = combo.findData(keep) if keep else -1
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

        occasion = self.ui.occasionCombo
        keep_occasion = occasion.currentData()
        occasion.blockSignals(True)
        occasion.clear()
        if self.visit is not None:
            occasion.addItem(self._visit_text(self.visit), f"visit:{self.visit.id}")
            occasion.setEnabled(False)
        else:
            occasion.addItem(self.tr("— بلا فعالية ولا زيارة —"), None)
            for e in reversed(choices.events):  # newest first
                occasion.addItem(self.tr("فعالية: {0}").format(e.title), f"event:{e.id}")
            for v in choices.visits:
                occasion.addItem(self._visit_text(v), f"visit:{v.id}")
            wanted = keep_occasion or (
                f"event:{self.ctx.current_event_id}" if self.ctx.current_event_id else None
            )
            index = occasion.findData(wanted) if wanted else -1
            occasion.setCurrentIndex(max(index, 0))
        occasion.blockSignals(False)
        self._show_stock()
        self.recheck()

    def _visit_text(self, v: VisitView) -> str:
        return self.tr("زيارة: {0} — {1} ({2})").format(
            v.body.name, v.title, self.ctx.fmt_gregorian(v.planned_start)
        )

    # -- state ----------------------------------------------------------------------------------
    def gift_type(self) -> GiftTypeView | None:
        return self._types.get(self.ui.giftCombo.currentData() or "")

    def select_gift(self, gift_type_id: str) -> None:
        self.ui.giftCombo.setCurrentIndex(max(self.ui.giftCombo.findData(gift_type_id), 0))

    def select_occasion(self, kind: str, item_id: str) -> None:
        self.ui.occasionCombo.setCurrentIndex(max(self.ui.occasionCombo.findData(f"{kind}:{item_id}"), 0))

    def _occasion(self) -> tuple[str | None, str | None]:
        data = self.ui.occasionCombo.currentData()
        if not data:
            return None, None
        kind, _, item_id = data.partition(":")
        return (item_id, None) if kind == "event" else (None, item_id)

    def current_input(self) -> HandoverInput | None:
        gift = self.gift_type()
        if gift is None or not self.recipient.has_choice():
            return None
        event_id, visit_id = self._occasion()
        return HandoverInput(
            gift_type_id=gift.id,
            quantity=self.ui.quantitySpin.value(),
            recipient_person_id=self.recipient.person_id(),
            recipient_body_id=self.recipient.body_id(),
            recipient_label=self.recipient.label(),
            event_id=event_id,
            visit_id=visit_id,
            note=self.ui.noteEdit.text(),
        )

    def _gift_changed(self, _index: int) -> None:
        self._show_stock()
        self.recheck()

    def _show_stock(self) -> None:
        gift = self.gift_type()
        label = self.ui.stockLabel
        if gift is None:
            label.setText("")
            return
        text = self.tr("المتوفر — {0}").format(self.ctx.fmt_quantity(gift.stock, gift.unit))
        if gift.limit_per_recipient_per_event:
            text += self.tr(" · الحد لكل مستلم: {0}").format(
                self.ctx.fmt_number(gift.limit_per_recipient_per_event)
            )
        label.setText(text)
        theme.set_state(label, "tone", "refused" if gift.stock <= 0 else "warning" if gift.low else "info")

    # -- warnings before saving -----------------------------------------------------------------
    def _focus_after_recipient(self) -> None:
        """The next field a coordinator fills: a body's label, else the gift (or, chosen, the quantity).
        Without this, focus fell to the navigation when the search field hid, and ↓ left the screen."""
        if self.recipient.label_edit.isVisible():
            self.recipient.label_edit.setFocus()
        elif self.ui.giftCombo.currentIndex() < 0 or self.ui.giftCombo.currentData() is None:
            self.ui.giftCombo.setFocus()
        else:
            self.ui.quantitySpin.setFocus()
            self.ui.quantitySpin.selectAll()

    def recheck(self) -> None:
        """Ask the service what it would warn about (on every change of recipient, gift, quantity)."""
        if self._check_task is not None:
            self._check_task.cancel()
        data = self.current_input()
        self.ui.saveButton.setEnabled(data is not None)
        if data is None:
            self._show_warnings([])
            return
        self._check_task = self.ctx.runner.db(
            self.ctx.services.gifts.check, data, on_done=self._show_warnings, on_error=self._show_error
        )

    def _show_warnings(self, warnings: list) -> None:
        self.warnings = list(warnings)
        if not warnings:
            set_note(self.ui.warningLabel, "warning", "")
            self.ui.saveButton.setText(self.tr("سجّل التسليم"))
            return
        lines = [self.tr("تنبيه قبل الحفظ:")] + ["• " + w.message(self.ctx.lang) for w in warnings]
        set_note(self.ui.warningLabel, "warning", "\n".join(lines))
        self.ui.saveButton.setText(self.tr("سجّل التسليم مع التنبيه"))

    def _show_error(self, exc: BaseException) -> None:
        set_note(self.ui.warningLabel, "refused", user_message(exc))

    # -- saving ---------------------------------------------------------------------------------
    def save(self) -> None:
        data = self.current_input()
        if data is None:
            return
        # The warnings are checked again at the moment of saving: stock may have moved meanwhile.
        self.ctx.runner.db(
            self.ctx.services.gifts.check,
            data,
            on_done=lambda warnings: self._confirm_then_save(data, warnings),
            on_error=self._show_error,
        )

    def _confirm_then_save(self, data: HandoverInput, warnings: list) -> None:
        self._show_warnings(warnings)
        if not warnings:
            self._save(data)
            return
        box = QMessageBox(self)
        box.setObjectName("handoverConfirm")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("تنبيه"))
        box.setText(self.tr("سُلِّمت فعلًا؟ احفظ مع التنبيه"))
        box.setInformativeText("\n".join(w.message(self.ctx.lang) for w in warnings))
        save_button = box.addButton(self.tr("نعم، احفظ مع التنبيه"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("رجوع"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save_button)
        box.buttonClicked.connect(lambda button: self._save(data) if button is save_button else None)
        self.confirm_box = box
        box.open()

    def confirm_save(self) -> bool:
        """Press «احفظ مع التنبيه» in the open confirmation (tests; keyboard users press Enter)."""
        box = self.confirm_box
        if box is None or not box.isVisible():
            return False
        box.defaultButton().click()
        return True

    def _save(self, data: HandoverInput) -> None:
        if data.visit_id:
            call = (self.ctx.services.visits.hand_over_gift, data.visit_id, data)
        else:
            call = (self.ctx.services.gifts.hand_over, data)
        self.ctx.runner.write(*call, on_done=self._saved, on_error=self._show_error)

    def _saved(self, result: HandoverResult) -> None:
        h = result.handover
        text = self.tr("سُجّل التسليم ({0}) إلى {1}").format(
            self.ctx.fmt_gift_quantity(h.gift_name, h.quantity, h.unit), h.recipient_display
        )
        self.ctx.show_message(text, "warning" if result.warnings else "ok")
        self.clear_form()
        self.reload()  # the stock figure follows the hand-over
        self.saved.emit(result)

    def clear_form(self) -> None:
        """Ready for the next recipient: gift type and occasion stay, the rest is emptied."""
        self.recipient.reset()
        self.ui.quantitySpin.setValue(1)
        self.ui.noteEdit.clear()
        self._default_recipient()
        self._show_warnings([])
        self.recipient.setFocus()

    def _planned_gift(self) -> str | None:
        """During a visit, the first of its planned gifts not all handed yet (the form starts there)."""
        if self.visit is None:
            return None
        handed = {line.gift_type_id: line.quantity for line in self.visit.handed_gifts}
        for planned in self.visit.planned_gifts:
            if handed.get(planned.gift_type_id, 0) < planned.quantity:
                return planned.gift_type_id
        return self.visit.planned_gifts[0].gift_type_id if self.visit.planned_gifts else None

    def _default_recipient(self) -> None:
        if self.visit is not None:
            self.recipient.set_body(self.visit.body.id, self.visit.body.name)

    def retranslate(self) -> None:
        self.ui.retranslateUi(self)
        self.recipient.retranslate()
        if getattr(self, "_choices", None) is not None:
            self._fill(self._choices)
        self._show_stock()


class HandoverDialog(QDialog):
    """The hand-over form for one visit (from the visits screen); stays open for several recipients."""

    def __init__(self, ctx: GuiContext, visit: VisitView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitHandoverDialog")
        self.setWindowTitle(self.tr("تسليم هدية في زيارة: {0}").format(visit.body.name))
        self.setMinimumSize(700, 620)
        layout = QVBoxLayout(self)
        self.form = HandoverForm(ctx, self, visit=visit)
        layout.addWidget(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.form.reload()
