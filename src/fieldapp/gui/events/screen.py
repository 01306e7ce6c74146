"""الفعاليات: events with their opportunities, create/edit, the current event, attendance and exports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui import theme
from fieldapp.gui.context import GuiContext
from fieldapp.gui.events.editor import EventDialog
from fieldapp.gui.exports import (
    ask_path,
    default_file_name,
    run_export,
    write_attendance,
    write_gift_log,
)
from fieldapp.gui.screen import Screen
from fieldapp.gui.widgets import Column, TableModel
from fieldapp.gui.widgets.table import SORT_ROLE
from fieldapp.reports.writers import gift_log_title
from fieldapp.services import Services
from fieldapp.services.attendance import AttendanceRow, EventAttendance
from fieldapp.services.events import EventView


@dataclass(frozen=True)
class EventTree:
    events: list[tuple[EventView, list[EventView]]]  # top-level events with their opportunities
    bodies: list[Any]


def load_tree(services: Services) -> EventTree:
    """On the DB thread: every event with its opportunities, and the bodies for the editor."""
    return EventTree(services.events.tree(), services.bodies.list())


class EventsScreen(Screen):
    key = "events"
    topics = frozenset({"events", "scans"})

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.tree_data = EventTree([], [])
        self.selected: EventView | None = None
        self.attendance: EventAttendance | None = None
        self.dialog: EventDialog | None = None
        self._by_id: dict[str, EventView] = {}

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_list_side())  # first in reading order: the right side in Arabic
        splitter.addWidget(self._build_detail_side())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([370, 730])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(splitter)

        self.setTabOrder(self.tree, self.new_button)
        ctx.user_changed.connect(lambda _u: self._update_actions())
        ctx.current_event_changed.connect(lambda _id: self._mark_current())
        ctx.digits_changed.connect(lambda _d: self.model.refresh_display())
        self.retranslate()

    def _build_list_side(self) -> QWidget:
        """The list of events with its buttons."""
        self.heading = QLabel(objectName="eventsHeading")
        self.heading.setProperty("role", "heading")
        self.tree = QTreeWidget(objectName="eventsTree")
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemActivated.connect(lambda *_: self.edit_selected())
        self.new_button = QPushButton(objectName="newEvent")
        self.new_button.setProperty("kind", "primary")
        self.new_button.clicked.connect(self.new_event)
        self.new_opportunity_button = QPushButton(objectName="newOpportunity")
        self.new_opportunity_button.clicked.connect(self.new_opportunity)
        self.edit_button = QPushButton(objectName="editEvent")
        self.edit_button.clicked.connect(self.edit_selected)
        self.current_button = QPushButton(objectName="makeCurrent")
        self.current_button.clicked.connect(self.make_current)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.new_opportunity_button, self.edit_button):
            buttons.addWidget(button)
        list_side = QWidget()
        list_layout = QVBoxLayout(list_side)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.heading)
        list_layout.addWidget(self.tree, 1)
        list_layout.addLayout(buttons)
        list_layout.addWidget(self.current_button)
        return list_side

    def _build_detail_side(self) -> QWidget:
        """The selected event: details, totals, attendance, exports."""
        self.title_label = QLabel(objectName="eventTitle")
        self.title_label.setProperty("role", "subheading")
        self.title_label.setWordWrap(True)
        self.details_label = QLabel(objectName="eventDetails")
        self.details_label.setProperty("role", "muted")
        self.details_label.setWordWrap(True)
        self.totals_label = QLabel(objectName="attendanceTotals")
        self.totals_label.setWordWrap(True)
        self.model: TableModel[AttendanceRow] = TableModel(self._columns(), parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(objectName="attendanceTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(200)  # measure the first rows only: thousands of rows stay fast
        header.setStretchLastSection(True)
        self.export_xlsx_button = QPushButton(objectName="exportXlsx")
        self.export_xlsx_button.clicked.connect(lambda: self.export_attendance("xlsx"))
        self.export_pdf_button = QPushButton(objectName="exportPdf")
        self.export_pdf_button.clicked.connect(lambda: self.export_attendance("pdf"))
        self.gifts_xlsx_button = QPushButton(objectName="giftsXlsx")
        self.gifts_xlsx_button.clicked.connect(lambda: self.export_gift_log("xlsx"))
        self.gifts_pdf_button = QPushButton(objectName="giftsPdf")
        self.gifts_pdf_button.clicked.connect(lambda: self.export_gift_log("pdf"))
        self.attendance_box = QGroupBox()
        exports = QHBoxLayout()
        self.exports_label = QLabel()
        exports.addWidget(self.exports_label)
        exports.addWidget(self.export_xlsx_button)
        exports.addWidget(self.export_pdf_button)
        exports.addStretch(1)
        self.gifts_label = QLabel()
        exports.addWidget(self.gifts_label)
        exports.addWidget(self.gifts_xlsx_button)
        exports.addWidget(self.gifts_pdf_button)
        box_layout = QVBoxLayout(self.attendance_box)
        box_layout.addWidget(self.totals_label)
        box_layout.addWidget(self.table, 1)
        box_layout.addLayout(exports)
        detail_side = QWidget()
        detail_layout = QVBoxLayout(detail_side)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.title_label)
        detail_layout.addWidget(self.details_label)
        detail_layout.addWidget(self.attendance_box, 1)
        return detail_side

    # -- columns ------------------------------------------------------------------------------
    def _columns(self) -> list[Column[AttendanceRow]]:
        ctx = self.ctx
        centre = Qt.AlignmentFlag.AlignCenter
        return [
            Column(lambda: self.tr("الاسم"), lambda r: r.full_name),
            Column(lambda: self.tr("رقم الهوية"), lambda r: r.national_id or "", align=centre),
            Column(
                lambda: self.tr("أول دخول"),
                lambda r: ctx.fmt_time(r.first_in) if r.first_in else "—",
                align=centre,
                sort=lambda r: r.first_in.timestamp() if r.first_in else 0,
            ),
            Column(
                lambda: self.tr("آخر خروج"),
                lambda r: ctx.fmt_time(r.last_out) if r.last_out else "—",
                align=centre,
                sort=lambda r: r.last_out.timestamp() if r.last_out else 0,
            ),
            Column(
                lambda: self.tr("الساعات"),
                lambda r: ctx.fmt_hours(r.hours) if r.first_in else "—",
                align=centre,
                sort=lambda r: r.hours,
            ),
            Column(
                lambda: self.tr("ملاحظات"),
                self.flags_text,
                colour=lambda r: theme.WARNING if r.flags or (r.first_in and not r.registered) else None,
            ),
        ]

    def flags_text(self, row: AttendanceRow) -> str:
        words = {
            "auto_closed": self.tr("أُغلق تلقائيًا عند نهاية الفعالية"),
            "duplicate_checkin": self.tr("تسجيل دخول مكرر (من جهازين أو مسح مزدوج)"),
            "duplicate_checkout": self.tr("تسجيل خروج مكرر"),
            "out_without_in": self.tr("خروج دون دخول"),
            "reentry": self.tr("عاد بعد الخروج"),
        }
        parts = [words.get(flag, flag) for flag in row.flags]
        if row.state == "in":
            parts.insert(0, self.tr("في الموقع الآن"))
        elif row.state == "absent":
            parts.insert(0, self.tr("لم يحضر"))
        if row.first_in is not None and not row.registered:
            parts.append(self.tr("حضور دون تسجيل مسبق"))
        return "، ".join(parts)

    # -- Screen -------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("الفعاليات")

    def refresh(self) -> None:
        self.ctx.runner.db(load_tree, self.ctx.services, on_done=self._show_tree)
        if self.selected is not None:
            self._load_attendance(self.selected.id)

    def activate(self) -> None:
        self.tree.setFocus()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("الفعاليات"))
        self.tree.setHeaderLabels([self.tr("الفعالية"), self.tr("التاريخ")])
        self.tree.setAccessibleName(self.tr("الفعاليات وفرص التطوع"))
        self.new_button.setText(self.tr("فعالية جديدة"))
        self.new_opportunity_button.setText(self.tr("فرصة تطوع ضمنها"))
        self.new_opportunity_button.setAccessibleName(self.tr("فرصة تطوع جديدة ضمن الفعالية المحددة"))
        self.edit_button.setText(self.tr("تعديل"))
        self.edit_button.setAccessibleName(self.tr("تعديل الفعالية المحددة"))
        self.current_button.setText(self.tr("اجعلها الفعالية الحالية"))
        self.attendance_box.setTitle(self.tr("الحضور والساعات"))
        self.table.setAccessibleName(self.tr("حضور الفعالية المحددة"))
        self.exports_label.setText(self.tr("الحضور:"))
        self.gifts_label.setText(self.tr("سجل هدايا الفعالية:"))
        for button, text, name in (
            (self.export_xlsx_button, self.tr("تصدير Excel"), self.tr("تصدير الحضور إلى Excel")),
            (self.export_pdf_button, self.tr("تصدير PDF"), self.tr("تصدير الحضور إلى PDF")),
            (self.gifts_xlsx_button, self.tr("تصدير Excel"), self.tr("تصدير سجل هدايا الفعالية إلى Excel")),
            (self.gifts_pdf_button, self.tr("تصدير PDF"), self.tr("تصدير سجل هدايا الفعالية إلى PDF")),
        ):
            button.setText(text)
            button.setAccessibleName(name)
        self.model.retranslate()
        self._show_selected()
        self._update_actions()

    # -- the tree -----------------------------------------------------------------------------
    def _show_tree(self, data: EventTree) -> None:
        self.tree_data = data
        keep = self.selected.id if self.selected else self.ctx.current_event_id
        self.tree.blockSignals(True)
        self.tree.clear()
        self._by_id.clear()
        select_item = None
        for event, opportunities in reversed(data.events):  # the newest first
            item = self._item(event)
            self.tree.addTopLevelItem(item)
            for opportunity in opportunities:
                item.addChild(self._item(opportunity))
            item.setExpanded(True)
        for item in self._items():
            if item.data(0, Qt.ItemDataRole.UserRole) == keep:
                select_item = item
        self.tree.blockSignals(False)
        self._mark_current()
        if select_item is None and self.tree.topLevelItemCount():
            select_item = self.tree.topLevelItem(0)
        if select_item is not None:
            self.tree.setCurrentItem(select_item)
        self._update_actions()

    def _item(self, event: EventView) -> QTreeWidgetItem:
        self._by_id[event.id] = event
        item = QTreeWidgetItem([event.title, self.ctx.fmt_gregorian(event.starts_at)])
        item.setData(0, Qt.ItemDataRole.UserRole, event.id)
        item.setToolTip(0, self.ctx.fmt_time_range(event.starts_at, event.ends_at))
        return item

    def _items(self) -> list[QTreeWidgetItem]:
        items = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            items.append(top)
            items.extend(top.child(j) for j in range(top.childCount()))
        return items

    def _mark_current(self) -> None:
        current = self.ctx.current_event_id
        for item in self._items():
            event = self._by_id.get(item.data(0, Qt.ItemDataRole.UserRole))
            if event is None:
                continue
            is_current = event.id == current
            font = QFont(item.font(0))
            font.setBold(is_current)
            item.setFont(0, font)
            item.setText(0, event.title + (self.tr(" (الحالية)") if is_current else ""))
        self._update_actions()

    def select_event(self, event_id: str) -> None:
        for item in self._items():
            if item.data(0, Qt.ItemDataRole.UserRole) == event_id:
                self.tree.setCurrentItem(item)
                return

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: Any) -> None:
        event_id = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        self.selected = self._by_id.get(event_id) if event_id else None
        self.attendance = None
        self.model.set_rows([])
        self._show_selected()
        self._update_actions()
        if self.selected is not None:
            self._load_attendance(self.selected.id)

    def _show_selected(self) -> None:
        e = self.selected
        if e is None:
            self.title_label.setText(self.tr("اختر فعالية من القائمة"))
            self.details_label.clear()
            self.totals_label.clear()
            return
        fmt = self.ctx.fmt_number
        self.title_label.setText(e.title)
        rounding = (
            self.tr("دون تقريب")
            if e.rounding_min == 0
            else self.ctx.fmt_digits(self.tr("تُقرَّب الساعات للأسفل إلى %n دقيقة", "", e.rounding_min))
        )
        parts = [
            e.place,
            self.ctx.fmt_time_range(e.starts_at, e.ends_at),
            self.tr("العودة بعد الخروج مسموحة") if e.allow_reentry else self.tr("لا عودة بعد الخروج"),
            self.ctx.fmt_digits(self.tr("أقل مدة بين مسحين: %n دقيقة", "", e.min_scan_interval_min)),
            rounding,
            self.tr("الشهادة من %1").replace("%1", self.ctx.fmt_hours(e.min_certificate_hours))
            if e.min_certificate_hours
            else "",
            self.tr("السعة: %1").replace("%1", fmt(e.capacity)) if e.capacity else "",
        ]
        self.details_label.setText(" · ".join(p for p in parts if p))
        self._show_totals()

    def _show_totals(self) -> None:
        a = self.attendance
        if a is None:
            self.totals_label.setText(self.tr("جارٍ التحميل…"))
            return
        fmt = self.ctx.fmt_number
        self.totals_label.setText(
            self.tr("حضروا %1 من %2 مسجّلًا · في الموقع الآن %3 · دون تسجيل مسبق %4 · مجموع الساعات %5")
            .replace("%1", fmt(a.attended))
            .replace("%2", fmt(a.registered))
            .replace("%3", fmt(a.in_now))
            .replace("%4", fmt(a.walk_ins))
            .replace("%5", self.ctx.fmt_hours(a.total_hours))
        )

    def _load_attendance(self, event_id: str) -> None:
        def show(attendance: EventAttendance) -> None:
            if self.selected is None or self.selected.id != attendance.event_id:
                return  # the user moved on meanwhile
            self.attendance = attendance
            self.model.set_rows(attendance.rows)
            self.table.resizeColumnsToContents()
            self.table.setColumnWidth(0, min(self.table.columnWidth(0), 220))
            self._show_totals()
            self._update_actions()

        self.ctx.runner.db(self.ctx.services.attendance.event_attendance, event_id, on_done=show)

    def _update_actions(self) -> None:
        can_edit = self.ctx.can("event.edit")
        selected = self.selected is not None
        top_level = selected and self.selected.parent_id is None
        self.new_button.setEnabled(can_edit)
        self.new_opportunity_button.setEnabled(can_edit and top_level)
        self.edit_button.setEnabled(can_edit and selected)
        self.current_button.setEnabled(selected and self.selected.id != self.ctx.current_event_id)
        for button in (
            self.export_xlsx_button,
            self.export_pdf_button,
            self.gifts_xlsx_button,
            self.gifts_pdf_button,
        ):
            button.setEnabled(selected)

    # -- actions ------------------------------------------------------------------------------
    def _open_dialog(self, event: EventView | None, parent_id: str | None = None) -> EventDialog | None:
        if not self.ctx.can("event.edit"):
            self.ctx.show_message(self.tr("إنشاء الفعاليات وتعديلها للمشرف أو مدير النظام."), "warning")
            return None
        parents = [e for e, _ in self.tree_data.events]
        self.dialog = EventDialog(self.ctx, event, parents, self.tree_data.bodies, parent_id, self)
        self.dialog.saved.connect(lambda view: setattr(self, "selected", view))
        self.dialog.open()
        return self.dialog

    def new_event(self) -> EventDialog | None:
        return self._open_dialog(None)

    def new_opportunity(self) -> EventDialog | None:
        if self.selected is None:
            return None
        return self._open_dialog(None, self.selected.parent_id or self.selected.id)

    def edit_selected(self) -> EventDialog | None:
        return self._open_dialog(self.selected) if self.selected is not None else None

    def make_current(self) -> None:
        """«اجعلها الفعالية الحالية»: the desk and the dashboard follow this event."""
        if self.selected is None:
            return
        self.ctx.set_current_event(self.selected.id)
        self.ctx.show_message(self.tr("الفعالية الحالية الآن: %1").replace("%1", self.selected.title), "ok")

    def export_attendance(self, kind: str, path: str | Path | None = None) -> None:
        """Attendance and hours of the selected event as Excel ("xlsx") or PDF ("pdf")."""
        if self.selected is None:
            return
        if path is None:
            path = ask_path(self, default_file_name(self.tr("حضور"), self.selected.title, kind), kind)
            if not path:
                return
        run_export(self.ctx, self, write_attendance, self.ctx.services, self.selected.id, str(path), kind)

    def export_gift_log(self, kind: str, path: str | Path | None = None) -> None:
        """The gift log of the selected event (services.gifts.log(event_id=…)) as Excel or PDF."""
        if self.selected is None:
            return
        if path is None:
            path = ask_path(self, default_file_name(self.tr("هدايا"), self.selected.title, kind), kind)
            if not path:
                return
        title = gift_log_title(self.selected.title)
        run_export(
            self.ctx,
            self,
            write_gift_log,
            self.ctx.services,
            str(path),
            kind,
            title,
            {"event_id": self.selected.id},
        )
