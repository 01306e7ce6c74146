"""Create or edit a visit: body, title, date and times, team, planned gifts, event.

A team member already booked at an overlapping time is shown in amber while the form is filled
(services.visits.check_clashes); saving is still allowed, and the saved visit carries the clash.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core import dates
from fieldapp.core.i18n import by_gender
from fieldapp.gui.context import GuiContext
from fieldapp.gui.forms.ui_visit_edit import Ui_VisitEditDialog
from fieldapp.gui.recipient_picker import BODY, PERSON, RecipientPicker
from fieldapp.gui.runner import Task
from fieldapp.gui.widgets import HijriDateEdit, user_message
from fieldapp.gui.widgets.inputs import LRE, PDF, number_inputs, set_note
from fieldapp.services import Services
from fieldapp.services.events import EventView
from fieldapp.services.gifts import GiftTypeView
from fieldapp.services.visits import Clash, PlannedGift, VisitInput, VisitView

DEFAULT_START = dt.time(9, 0)
DEFAULT_END = dt.time(11, 0)


@dataclass(frozen=True)
class VisitFormChoices:
    types: list[GiftTypeView]
    events: list[EventView]


def load_visit_choices(services: Services) -> VisitFormChoices:
    return VisitFormChoices(services.gifts.list_types(), services.events.list())


def clash_text(ctx: GuiContext, clash: Clash) -> str:
    """«فهد القحطاني لديه زيارة أخرى في الوقت نفسه: سجن الطائف — زيارة النزلاء ١٠:٠٠–١٢:٠٠»."""
    where = " — ".join(x for x in (clash.other_body_name, clash.other_title) if x)
    text = by_gender(
        clash.person_gender,
        QCoreApplication.translate("VisitClash", "{0} لديه زيارة أخرى في الوقت نفسه: {1} {2}–{3}"),
        QCoreApplication.translate("VisitClash", "{0} لديها زيارة أخرى في الوقت نفسه: {1} {2}–{3}"),
        QCoreApplication.translate("VisitClash", "{0}: زيارة أخرى في الوقت نفسه: {1} {2}–{3}"),
    )
    return text.format(
        clash.person_name,
        where,
        LRE + ctx.fmt_time(clash.other_start),
        ctx.fmt_time(clash.other_end) + PDF,  # one LTR run: "10:00–12:00"
    )


class VisitDialog(QDialog):
    """`saved(VisitView)` after a successful save (then the dialog closes). Non-blocking: open() it;
    tests fill the widgets and call `save()`."""

    saved = Signal(object)

    def __init__(
        self,
        ctx: GuiContext,
        parent: QWidget | None = None,
        visit: VisitView | None = None,
        day: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.visit = visit
        self.clashes: list[Clash] = []
        self._clash_task: Task | None = None
        self._types: list[GiftTypeView] = []
        self.ui = Ui_VisitEditDialog()
        self.ui.setupUi(self)
        self.setObjectName("visitDialog")
        self.setWindowTitle(self.tr("تعديل الزيارة") if visit else self.tr("زيارة جديدة"))

        self.body = RecipientPicker(ctx, modes=(BODY,), with_label=False)
        self.body.setObjectName("visitBody")
        self._host(self.ui.bodyHost, self.body)
        self.date_edit = HijriDateEdit(digits=ctx.digits)
        self.date_edit.setAccessibleName(self.tr("تاريخ الزيارة"))
        self._host(self.ui.dateHost, self.date_edit)
        self.team_search = RecipientPicker(ctx, modes=(PERSON,), with_label=False)
        self.team_search.setObjectName("teamSearch")
        self.team_search.search.setAccessibleName(self.tr("ابحث عن عضو لإضافته إلى الفريق"))
        self._host(self.ui.teamSearchHost, self.team_search)
        self.setTabOrder(self.body, self.ui.titleEdit)
        self.setTabOrder(self.ui.titleEdit, self.date_edit)
        self.setTabOrder(self.date_edit, self.ui.startTime)
        self.setTabOrder(self.ui.endTime, self.team_search)
        self.setTabOrder(self.team_search, self.ui.teamList)

        table = self.ui.giftsTable
        table.setHorizontalHeaderLabels([self.tr("الهدية"), self.tr("الكمية")])
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        self.save_button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("احفظ الزيارة"))
        set_note(self.ui.clashLabel, "warning", "")
        number_inputs(ctx.digits, self.ui.startTime, self.ui.endTime)
        for edit in (self.ui.startTime, self.ui.endTime):
            edit.setMinimumWidth(90)

        self.team_search.chosen.connect(self._add_member)
        self.body.chosen.connect(
            lambda *_: self.ui.titleEdit.setFocus()
        )  # the next field, not the navigation
        self.ui.removeMemberButton.clicked.connect(self._remove_member)
        self.ui.addGiftButton.clicked.connect(lambda: self.add_gift_row())
        self.ui.removeGiftButton.clicked.connect(self._remove_gift_row)
        self.date_edit.date_changed.connect(lambda _d: self.recheck())
        self.ui.startTime.timeChanged.connect(lambda _t: self.recheck())
        self.ui.endTime.timeChanged.connect(lambda _t: self.recheck())
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)

        self._set_times(DEFAULT_START, DEFAULT_END)
        if day is not None:
            self.date_edit.set_date(day)
        if visit is not None:
            self._fill_from(visit)
        ctx.runner.db(load_visit_choices, ctx.services, on_done=self._fill_choices)

    @staticmethod
    def _host(host: QWidget, child: QWidget) -> None:
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(child)

    def _set_times(self, start: dt.time, end: dt.time) -> None:
        self.ui.startTime.setTime(QTime(start.hour, start.minute))
        self.ui.endTime.setTime(QTime(end.hour, end.minute))

    def _fill_from(self, visit: VisitView) -> None:
        self.body.set_body(visit.body.id, visit.body.name)
        self.ui.titleEdit.setText(visit.title)
        self.date_edit.set_date(visit.planned_start.date())
        self._set_times(visit.planned_start.time(), visit.planned_end.time())
        for member in visit.team:
            self._add_member(PERSON, member.id, member.name, recheck=False)

    def _fill_choices(self, choices: VisitFormChoices) -> None:
        self._types = choices.types
        combo = self.ui.eventCombo
        combo.clear()
        combo.addItem(self.tr("— بلا فعالية —"), None)
        for e in reversed(choices.events):
            combo.addItem(e.title, e.id)
        if self.visit is not None:
            if self.visit.event_id:
                combo.setCurrentIndex(max(combo.findData(self.visit.event_id), 0))
            for g in self.visit.planned_gifts:
                self.add_gift_row(g.gift_type_id, g.quantity)
        self.recheck()

    # -- team -----------------------------------------------------------------------------------
    def team_ids(self) -> list[str]:
        return [self.ui.teamList.item(i).data(0x0100) for i in range(self.ui.teamList.count())]

    def _add_member(self, kind: str, person_id: str, name: str, recheck: bool = True) -> None:
        if kind != PERSON or person_id in self.team_ids():
            self.team_search.reset()
            return
        item = QListWidgetItem(name)
        item.setData(0x0100, person_id)
        self.ui.teamList.addItem(item)
        self.team_search.reset()
        # The next member, not the title: focus had fallen to the title (its text selected) when
        # the search field hid, and the next keystrokes replaced it.
        self.team_search.search.setFocus()
        if recheck:
            self.recheck()

    def _remove_member(self) -> None:
        row = self.ui.teamList.currentRow()
        if row >= 0:
            self.ui.teamList.takeItem(row)
            self.recheck()

    # -- planned gifts --------------------------------------------------------------------------
    def add_gift_row(self, gift_type_id: str | None = None, quantity: int = 1) -> int:
        table = self.ui.giftsTable
        row = table.rowCount()
        table.insertRow(row)
        combo = QComboBox()
        combo.setAccessibleName(self.tr("الهدية المخططة"))
        for t in self._types:
            combo.addItem(f"{t.name} ({t.unit})", t.id)
        if gift_type_id:
            combo.setCurrentIndex(max(combo.findData(gift_type_id), 0))
        spin = QSpinBox()
        spin.setRange(1, 100_000)
        spin.setValue(quantity)
        spin.setAccessibleName(self.tr("الكمية المخططة"))
        number_inputs(self.ctx.digits, spin)
        table.setCellWidget(row, 0, combo)
        table.setCellWidget(row, 1, spin)
        return row

    def _remove_gift_row(self) -> None:
        row = self.ui.giftsTable.currentRow()
        if row < 0:
            row = self.ui.giftsTable.rowCount() - 1
        if row >= 0:
            self.ui.giftsTable.removeRow(row)

    def planned_gifts(self) -> tuple[PlannedGift, ...]:
        gifts = []
        table = self.ui.giftsTable
        for row in range(table.rowCount()):
            combo, spin = table.cellWidget(row, 0), table.cellWidget(row, 1)
            if combo is not None and combo.currentData():
                gifts.append(PlannedGift(combo.currentData(), spin.value()))
        return tuple(gifts)

    # -- the input and its clashes --------------------------------------------------------------
    def current_input(self) -> VisitInput:
        day = self.date_edit.date()
        start = dt.datetime.combine(day, self.ui.startTime.time().toPython(), tzinfo=dates.APP_TZ)
        end = dt.datetime.combine(day, self.ui.endTime.time().toPython(), tzinfo=dates.APP_TZ)
        return VisitInput(
            body_id=self.body.body_id() or "",
            title=self.ui.titleEdit.text(),
            planned_start=start,
            planned_end=end,
            team=tuple(self.team_ids()),
            gifts=self.planned_gifts(),
            event_id=self.ui.eventCombo.currentData(),
        )

    def recheck(self) -> None:
        """Double-booked team members, shown before saving (on every change of date, time or team)."""
        if self._clash_task is not None:
            self._clash_task.cancel()
        data = self.current_input()
        if not data.team or data.planned_end <= data.planned_start:
            self._show_clashes([])
            if data.planned_end <= data.planned_start:
                set_note(self.ui.clashLabel, "refused", self.tr("وقت النهاية يجب أن يكون بعد وقت البداية."))
            return
        self._clash_task = self.ctx.runner.db(
            self.ctx.services.visits.check_clashes,
            data,
            self.visit.id if self.visit else None,
            on_done=self._show_clashes,
            on_error=self._show_error,
        )

    def _show_clashes(self, clashes: list[Clash]) -> None:
        self.clashes = list(clashes)
        if not clashes:
            set_note(self.ui.clashLabel, "warning", "")
            return
        lines = [clash_text(self.ctx, c) for c in clashes]
        lines.append(self.tr("يمكنك الحفظ مع هذا التنبيه، وستظهر الزيارة معلَّمة بالتعارض."))
        set_note(self.ui.clashLabel, "warning", "\n".join(lines))

    def _show_error(self, exc: BaseException) -> None:
        set_note(self.ui.clashLabel, "refused", user_message(exc))

    # -- saving ---------------------------------------------------------------------------------
    def save(self) -> None:
        if not self.body.has_choice():
            set_note(self.ui.clashLabel, "refused", self.tr("اختر الجهة التي ستُزار."))
            self.body.setFocus()
            return
        data = self.current_input()
        if self.visit is None:
            self.ctx.runner.write(
                self.ctx.services.visits.create, data, on_done=self._saved, on_error=self._show_error
            )
        else:
            self.ctx.runner.write(
                self.ctx.services.visits.update,
                self.visit.id,
                data,
                on_done=self._saved,
                on_error=self._show_error,
            )

    def _saved(self, view: VisitView) -> None:
        text = self.tr("حُفظت الزيارة: {0}").format(view.body.name)
        self.ctx.show_message(text, "warning" if view.has_clash else "ok")
        self.saved.emit(view)
        self.accept()
