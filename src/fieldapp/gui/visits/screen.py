"""The visits screen: agenda by day or week, a list with a status filter, and the selected visit's
details with its actions (edit, start, complete, cancel, missed, hand a gift)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core import dates
from fieldapp.core.visits import STATUSES, saudi_week_start, status_label
from fieldapp.gui import theme
from fieldapp.gui.context import GuiContext
from fieldapp.gui.gifts.handover import HandoverDialog
from fieldapp.gui.runner import Task
from fieldapp.gui.screen import Screen
from fieldapp.gui.visits.agenda import (
    DayView,
    WeekView,
    gifts_text,
    handed_text,
    status_chip,
    team_text,
    time_range,
)
from fieldapp.gui.visits.edit import VisitDialog, clash_text
from fieldapp.gui.widgets import Column, TableModel, show_error
from fieldapp.gui.widgets.inputs import ReasonDialog, select_row
from fieldapp.services import Services
from fieldapp.services.visits import VisitView

DAY, WEEK, LIST = range(3)


@dataclass(frozen=True)
class AgendaData:
    mode: int
    day: dt.date
    visits: list[VisitView]  # every visit shown (for the details panel)
    week: dict[dt.date, list[VisitView]] | None = None


def load_agenda(services: Services, mode: int, day: dt.date, status: str | None) -> AgendaData:
    if mode == DAY:
        return AgendaData(mode, day, services.visits.agenda(day))
    if mode == WEEK:
        week = services.visits.week(day)
        seen: dict[str, VisitView] = {}
        for visits in week.values():
            seen.update((v.id, v) for v in visits)
        return AgendaData(mode, day, list(seen.values()), week)
    return AgendaData(mode, day, services.visits.list(status=status))


class VisitsScreen(Screen):
    key = "visits"
    topics = frozenset({"visits", "gifts", "bodies", "people"})

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.day = dates.local_now().date()
        self.mode = WEEK
        self.visits: dict[str, VisitView] = {}
        self.selected_id: str | None = None
        self.dialog: QDialog | None = None
        self._task: Task | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        top.addWidget(self.heading)
        top.addStretch(1)
        self.new_button = QPushButton(objectName="newVisit")
        self.new_button.setProperty("kind", "primary")
        top.addWidget(self.new_button)
        outer.addLayout(top)

        outer.addLayout(self._period_bar())

        body = QHBoxLayout()
        self.stack = QStackedWidget()
        self.day_view = DayView(ctx)
        self.week_view = WeekView(ctx)
        self.list_model: TableModel[VisitView] = TableModel(self._list_columns())
        self.list_table = QTableView(objectName="visitTable")
        self.list_table.setModel(self.list_model)
        self.list_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_table.verticalHeader().setVisible(False)
        self.list_table.horizontalHeader().setStretchLastSection(True)
        self.list_table.setAlternatingRowColors(True)
        for view in (self.day_view, self.week_view, self.list_table):
            self.stack.addWidget(view)
        body.addWidget(self.stack, 1)
        body.addWidget(self._details_panel())
        outer.addLayout(body, 1)

        self.mode_group.idClicked.connect(self.set_mode)
        self.prev_button.clicked.connect(lambda: self.move(-1))
        self.next_button.clicked.connect(lambda: self.move(1))
        self.today_button.clicked.connect(self.go_today)
        self.status_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.new_button.clicked.connect(self.ask_new)
        self.day_view.selected.connect(self.select_visit)
        self.week_view.selected.connect(self.select_visit)
        self.list_table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: (
                self.select_visit(self.list_model.row_at(current).id) if current.isValid() else None
            )
        )
        self.edit_button.clicked.connect(self.ask_edit)
        self.start_button.clicked.connect(self.start_visit)
        self.complete_button.clicked.connect(self.ask_complete)
        self.cancel_button.clicked.connect(self.ask_cancel)
        self.missed_button.clicked.connect(self.mark_missed)
        self.handover_button.clicked.connect(self.ask_handover)
        self.retranslate()
        self._show_details()

    # -- layout pieces --------------------------------------------------------------------------
    def _period_bar(self) -> QHBoxLayout:
        """Day / week / list, the period arrows and the status filter."""
        bar = QHBoxLayout()
        self.mode_group = QButtonGroup(self)
        self.mode_buttons = [QPushButton(checkable=True) for _ in range(3)]
        for index, button in enumerate(self.mode_buttons):
            self.mode_group.addButton(button, index)
            bar.addWidget(button)
        self.mode_buttons[self.mode].setChecked(True)
        bar.addSpacing(16)
        self.prev_button = QPushButton(objectName="prevPeriod")
        self.today_button = QPushButton(objectName="today")
        self.next_button = QPushButton(objectName="nextPeriod")
        for button in (self.prev_button, self.today_button, self.next_button):
            bar.addWidget(button)
        self.period_label = QLabel(objectName="periodLabel")
        self.period_label.setProperty("role", "subheading")
        bar.addWidget(self.period_label, 1)
        self.status_combo = QComboBox(objectName="statusFilter")
        self.status_label = QLabel()
        self.status_label.setBuddy(self.status_combo)
        bar.addWidget(self.status_label)
        bar.addWidget(self.status_combo)
        return bar

    def _details_panel(self) -> QWidget:
        panel = QFrame(objectName="card")
        panel.setFixedWidth(290)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(14, 12, 14, 12)
        self.detail_title = QLabel(objectName="detailTitle")
        self.detail_title.setProperty("role", "subheading")
        self.detail_title.setWordWrap(True)
        layout.addWidget(self.detail_title)
        self.detail_chip_row = QHBoxLayout()
        layout.addLayout(self.detail_chip_row)
        self.detail_text = QLabel(objectName="detailText")
        self.detail_text.setWordWrap(True)
        self.detail_text.setTextFormat(Qt.TextFormat.RichText)
        self.detail_text.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setObjectName("visitDetailScroll")  # transparent (theme._visits)
        scroll.setWidget(self.detail_text)
        layout.addWidget(scroll, 1)
        grid = QGridLayout()
        self.edit_button = QPushButton(objectName="editVisit")
        self.handover_button = QPushButton(objectName="visitHandover")
        self.handover_button.setProperty("kind", "primary")
        self.start_button = QPushButton(objectName="startVisit")
        self.complete_button = QPushButton(objectName="completeVisit")
        self.cancel_button = QPushButton(objectName="cancelVisit")
        self.cancel_button.setProperty("kind", "danger")
        self.missed_button = QPushButton(objectName="missedVisit")
        buttons = [
            self.start_button,
            self.complete_button,
            self.handover_button,
            self.edit_button,
            self.cancel_button,
            self.missed_button,
        ]
        for index, button in enumerate(buttons):
            grid.addWidget(button, index // 2, index % 2)
        layout.addLayout(grid)
        return panel

    def _list_columns(self) -> list[Column[VisitView]]:
        ctx = self.ctx
        return [
            Column(
                lambda: self.tr("التاريخ"),
                lambda v: f"{ctx.fmt_hijri(v.planned_start)} · {ctx.fmt_gregorian(v.planned_start)}",
                sort=lambda v: v.planned_start,
            ),
            Column(lambda: self.tr("الوقت"), lambda v: time_range(ctx, v)),
            Column(lambda: self.tr("الجهة"), lambda v: v.body.name),
            Column(lambda: self.tr("العنوان"), lambda v: v.title),
            Column(lambda: self.tr("الحالة"), lambda v: v.status_label(ctx.lang), colour=self._status_colour),
            Column(
                lambda: self.tr("تعارض"),
                lambda v: "⚠" if v.has_clash else "",
                colour=lambda v: theme.WARNING,
                align=Qt.AlignmentFlag.AlignCenter,
            ),
            Column(lambda: self.tr("الفريق"), lambda v: team_text(ctx, v)),
            Column(lambda: self.tr("الهدايا المخططة"), lambda v: gifts_text(ctx, v)),
        ]

    @staticmethod
    def _status_colour(v: VisitView) -> str | None:
        return theme.VISIT_STATUS_STYLE.get(v.status, (None, None))[0]

    # -- navigation -----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("الزيارات")

    def set_mode(self, mode: int) -> None:
        self.mode = mode
        self.mode_buttons[mode].setChecked(True)
        self.stack.setCurrentIndex(mode)
        self.refresh()

    def move(self, step: int) -> None:  # type: ignore[override]
        self.day += dt.timedelta(days=step * (7 if self.mode == WEEK else 1))
        self.refresh()

    def go_today(self) -> None:
        self.day = dates.local_now().date()
        self.refresh()

    def go_to(self, day: dt.date) -> None:
        self.day = day
        self.refresh()

    def refresh(self) -> None:
        list_mode = self.mode == LIST
        for widget in (self.prev_button, self.next_button, self.today_button):
            widget.setVisible(not list_mode)
        self.status_combo.setVisible(list_mode)
        self.status_label.setVisible(list_mode)
        self.stack.setCurrentIndex(self.mode)
        if self._task is not None:
            self._task.cancel()
        self._task = self.ctx.runner.db(
            load_agenda,
            self.ctx.services,
            self.mode,
            self.day,
            self.status_combo.currentData(),
            on_done=self._show,
        )

    def _show(self, data: AgendaData) -> None:
        self._shown = data  # drawn again, in the new language, after a switch
        self.visits = {v.id: v for v in data.visits}
        today = dates.local_now().date()
        if data.mode == DAY:
            self.period_label.setText("")
            self.day_view.show_day(data.day, data.visits, self.selected_id)
        elif data.mode == WEEK:
            sunday = saudi_week_start(data.day)
            saturday = sunday + dt.timedelta(days=6)
            self.period_label.setText(
                self.tr("الأسبوع من {0} إلى {1}").format(
                    self.ctx.fmt_gregorian(sunday), self.ctx.fmt_gregorian(saturday)
                )
            )
            self.week_view.show_week(data.week or {}, self.selected_id, today)
        else:
            self.period_label.setText(self.ctx.fmt_digits(self.tr("%n زيارة", "", len(data.visits))))
            self.list_model.set_rows(data.visits)
            self.list_table.resizeColumnsToContents()
            rows = [i for i, v in enumerate(data.visits) if v.id == self.selected_id]
            if rows:
                select_row(self.list_table, rows[0])
        if self.selected_id not in self.visits:
            self.selected_id = None
        self._show_details()

    def select_visit(self, visit_id: str) -> None:
        self.selected_id = visit_id
        self._show_details()

    def selected_visit(self) -> VisitView | None:
        return self.visits.get(self.selected_id or "")

    # -- details and actions --------------------------------------------------------------------
    def _show_details(self) -> None:
        v = self.selected_visit()
        while self.detail_chip_row.count():
            item = self.detail_chip_row.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        status = v.status if v else None
        self.start_button.setEnabled(status == "planned")
        self.complete_button.setEnabled(status == "in_progress")
        self.cancel_button.setEnabled(status == "planned")
        # Missed only once its time has come: a planned visit in the future is not missed yet.
        self.missed_button.setEnabled(
            status == "planned" and v is not None and v.planned_start <= dates.now()
        )
        self.edit_button.setEnabled(status in ("planned", "in_progress"))
        self.handover_button.setEnabled(status in ("planned", "in_progress"))
        # The theme's primary/danger colours would make a disabled button look usable.
        for button, kind in ((self.handover_button, "primary"), (self.cancel_button, "danger")):
            button.setProperty("kind", kind if button.isEnabled() else "")
            theme.repolish(button)
        if v is None:
            self.detail_title.setText(self.tr("اختر زيارة لعرض تفاصيلها"))
            self.detail_text.setText("")
            return
        self.detail_title.setText(f"{v.body.name}\n{v.title}" if v.title else v.body.name)
        self.detail_chip_row.addWidget(status_chip(self.ctx, v.status))
        self.detail_chip_row.addStretch(1)
        ctx = self.ctx
        rows = [
            (self.tr("الموعد"), f"{ctx.fmt_date(v.planned_start)}<br>{time_range(ctx, v)}"),
            (self.tr("الفريق"), team_text(ctx, v) or "—"),
            (self.tr("الهدايا المخططة"), gifts_text(ctx, v) or "—"),
            (self.tr("ما سُلِّم"), handed_text(ctx, v) or "—"),
        ]
        if v.outcome_notes:
            rows.append((self.tr("الملاحظات"), v.outcome_notes))
        html = "".join(
            f"<p><b>{_esc(k)}</b><br>{v_html}</p>" for k, v_html in ((k, _esc_keep_br(t)) for k, t in rows)
        )
        if v.clashes:
            clash_lines = "<br>".join(_esc(clash_text(ctx, c)) for c in v.clashes)
            html += f'<p style="color:{theme.WARNING}"><b>⚠ {_esc(self.tr("تعارض"))}</b><br>{clash_lines}</p>'
        self.detail_text.setText(html)

    def _write(self, fn, *args) -> None:
        self.ctx.runner.write(
            fn, *args, on_done=self._written, on_error=lambda exc: show_error(self.window(), exc)
        )

    def _written(self, view: VisitView) -> None:
        self.selected_id = view.id
        self.ctx.show_message(
            self.tr("الزيارة «{0}»: {1}").format(view.body.name, status_label(view.status, self.ctx.lang)),
            "ok",
        )
        if not self.isVisible():
            self.refresh()

    def ask_new(self) -> None:
        self._open_dialog(VisitDialog(self.ctx, self, day=self.day))

    def ask_edit(self) -> None:
        v = self.selected_visit()
        if v is not None:
            self._open_dialog(VisitDialog(self.ctx, self, visit=v))

    def _open_dialog(self, dialog: VisitDialog) -> None:
        dialog.saved.connect(lambda view: self._after_save(view))
        self.dialog = dialog
        dialog.open()

    def _after_save(self, view: VisitView) -> None:
        self.selected_id = view.id
        local = dates.to_local(view.planned_start).date()
        if self.mode != LIST:
            self.day = local
        self.refresh()

    def start_visit(self) -> None:
        v = self.selected_visit()
        if v is not None:
            self._write(self.ctx.services.visits.start, v.id)

    def mark_missed(self) -> None:
        v = self.selected_visit()
        if v is not None:
            self._write(self.ctx.services.visits.mark_missed, v.id)

    def ask_complete(self) -> None:
        v = self.selected_visit()
        if v is None:
            return
        dialog = ReasonDialog(
            self,
            self.tr("إنهاء الزيارة"),
            self.tr("ماذا تم في زيارة {0}؟ اكتب النتيجة والملاحظات (مطلوبة).").format(v.body.name),
            self.tr("أنهِ الزيارة"),
        )
        dialog.setObjectName("completeDialog")
        dialog.accepted.connect(lambda: self._write(self.ctx.services.visits.complete, v.id, dialog.text()))
        self.dialog = dialog
        dialog.open()

    def ask_cancel(self) -> None:
        v = self.selected_visit()
        if v is None:
            return
        dialog = ReasonDialog(
            self,
            self.tr("إلغاء الزيارة"),
            self.tr("لماذا أُلغيت زيارة {0}؟ يُحفظ السبب مع الزيارة.").format(v.body.name),
            self.tr("ألغِ الزيارة"),
        )
        dialog.setObjectName("cancelDialog")
        dialog.accepted.connect(lambda: self._write(self.ctx.services.visits.cancel, v.id, dialog.text()))
        self.dialog = dialog
        dialog.open()

    def ask_handover(self) -> None:
        v = self.selected_visit()
        if v is None:
            return
        dialog = HandoverDialog(self.ctx, v, self)
        self.dialog = dialog
        dialog.open()

    # -- texts ----------------------------------------------------------------------------------
    def activate(self) -> None:
        self.stack.currentWidget().setFocus()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("الزيارات الميدانية"))
        self.new_button.setText(self.tr("زيارة جديدة"))
        for button, text in zip(
            self.mode_buttons, (self.tr("اليوم"), self.tr("الأسبوع"), self.tr("القائمة")), strict=True
        ):
            button.setText(text)
            button.setAccessibleName(self.tr("عرض: {0}").format(text))
        self.prev_button.setText(self.tr("السابق"))
        self.next_button.setText(self.tr("التالي"))
        self.today_button.setText(self.tr("اليوم الحالي"))
        self.status_label.setText(self.tr("الحالة"))
        keep = self.status_combo.currentData()
        self.status_combo.blockSignals(True)
        self.status_combo.clear()
        self.status_combo.addItem(self.tr("كل الحالات"), None)
        for status in STATUSES:
            self.status_combo.addItem(status_label(status, self.ctx.lang), status)
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(keep), 0) if keep else 0)
        self.status_combo.blockSignals(False)
        self.status_combo.setAccessibleName(self.tr("تصفية حسب الحالة"))
        self.edit_button.setText(self.tr("تعديل"))
        self.start_button.setText(self.tr("بدء الزيارة"))
        self.complete_button.setText(self.tr("إنهاء الزيارة"))
        self.cancel_button.setText(self.tr("إلغاء الزيارة"))
        self.missed_button.setText(self.tr("لم تتم (فائتة)"))
        self.handover_button.setText(self.tr("تسليم هدية"))
        for button in (
            self.new_button,
            self.prev_button,
            self.next_button,
            self.today_button,
            self.edit_button,
            self.start_button,
            self.complete_button,
            self.cancel_button,
            self.missed_button,
            self.handover_button,
        ):
            button.setAccessibleName(button.text())
        self.list_table.setAccessibleName(self.tr("قائمة الزيارات"))
        self.list_model.retranslate()
        if getattr(self, "_shown", None) is not None:
            self._show(self._shown)  # day names, dates and counts of the agenda, reworded
        else:
            self._show_details()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _esc_keep_br(text: str) -> str:
    return _esc(text).replace("&lt;br&gt;", "<br>")
