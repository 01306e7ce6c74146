"""The hand-over log: filterable, voided rows struck out, and «إلغاء التسليم» for a supervisor."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core import dates
from fieldapp.core.text import fold
from fieldapp.gui import theme
from fieldapp.gui.context import GuiContext
from fieldapp.gui.exports import ask_path, default_file_name, run_export, write_gift_log
from fieldapp.gui.gifts.common import flag_label
from fieldapp.gui.gifts.stock import fit_columns
from fieldapp.gui.runner import Task
from fieldapp.gui.widgets import Column, TableModel
from fieldapp.gui.widgets.dates import saudi_weekend
from fieldapp.gui.widgets.inputs import ReasonDialog, number_inputs, select_row
from fieldapp.gui.widgets.table import Index
from fieldapp.reports.writers import gift_log_title
from fieldapp.services.gifts import HandoverView, LogFilters, LogPage

DEFAULT_DAYS = 30


class LogModel(TableModel[HandoverView]):
    """Voided hand-overs stay visible, grey and struck out; flagged ones carry amber words."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid():
            row = self.row_at(index)
            if row.voided and role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setStrikeOut(True)
                return font
            if row.voided and role == Qt.ItemDataRole.ForegroundRole:
                return QColor("#8a9590")
        return super().data(index, role)


class LogTab(QWidget):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._task: Task | None = None
        self._rows: list[HandoverView] = []
        self.void_dialog: ReasonDialog | None = None
        layout = QVBoxLayout(self)

        filters = QGridLayout()
        filters.setHorizontalSpacing(10)
        self.event_combo = QComboBox(objectName="logEvent")
        self.visit_combo = QComboBox(objectName="logVisit")
        self.gift_combo = QComboBox(objectName="logGift")
        self.recipient_edit = QLineEdit(objectName="logRecipient")
        self.recipient_edit.setClearButtonEnabled(True)
        today = dates.local_now().date()
        self.from_edit = self._date_edit(today - dt.timedelta(days=DEFAULT_DAYS), "logFrom")
        self.to_edit = self._date_edit(today, "logTo")
        self.voided_check = QCheckBox(objectName="logVoided")
        self.voided_check.setChecked(True)
        self.filter_labels = [QLabel() for _ in range(6)]
        widgets = [
            self.event_combo,
            self.visit_combo,
            self.gift_combo,
            self.recipient_edit,
            self.from_edit,
            self.to_edit,
        ]
        for i, (label, widget) in enumerate(zip(self.filter_labels, widgets, strict=True)):
            label.setBuddy(widget)
            filters.addWidget(label, i // 3, (i % 3) * 2)
            filters.addWidget(widget, i // 3, (i % 3) * 2 + 1)
        for column in (1, 3, 5):
            filters.setColumnStretch(column, 1)
        filters.addWidget(self.voided_check, 2, 0, 1, 2)
        layout.addLayout(filters)

        self.model = LogModel(self._columns())
        self.table = QTableView(objectName="logTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        layout.addWidget(self.table, 1)

        actions = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setProperty("role", "muted")
        self.void_button = QPushButton(objectName="voidHandover")
        self.void_button.setProperty("kind", "danger")
        self.export_xlsx = QPushButton(objectName="exportLogXlsx")
        self.export_pdf = QPushButton(objectName="exportLogPdf")
        actions.addWidget(self.count_label, 1)
        actions.addWidget(self.export_xlsx)
        actions.addWidget(self.export_pdf)
        actions.addWidget(self.void_button)
        layout.addLayout(actions)

        for combo in (self.event_combo, self.visit_combo, self.gift_combo):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.from_edit.dateChanged.connect(lambda _d: self.refresh())
        self.to_edit.dateChanged.connect(lambda _d: self.refresh())
        self.voided_check.toggled.connect(lambda _c: self.refresh())
        self.recipient_edit.textChanged.connect(lambda _t: self._apply_text_filter())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.void_button.clicked.connect(self.ask_void)
        self.export_xlsx.clicked.connect(lambda: self.export_log("xlsx"))
        self.export_pdf.clicked.connect(lambda: self.export_log("pdf"))
        self.retranslate()

    def _date_edit(self, day: dt.date, name: str) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day), calendarPopup=True, objectName=name)
        edit.setDisplayFormat("yyyy-MM-dd")
        number_inputs(self.ctx.digits, edit, buttons=True)
        saudi_weekend(edit.calendarWidget())
        return edit

    def _columns(self) -> list[Column[HandoverView]]:
        ctx = self.ctx

        def when(h: HandoverView) -> str:
            return ctx.fmt_when(h.at)

        def flags(h: HandoverView) -> str:
            words = [flag_label(f) for f in h.flags]
            if h.voided:
                words.insert(0, self.tr("ملغى: {0}").format(h.void_reason))
            return "، ".join(words) if ctx.lang == "ar" else ", ".join(words)

        def flag_colour(h: HandoverView) -> str | None:
            return theme.WARNING if h.flags and not h.voided else None

        return [
            Column(lambda: self.tr("الوقت"), when, sort=lambda h: h.at),
            Column(lambda: self.tr("المستلم"), lambda h: h.recipient_display),
            Column(lambda: self.tr("الهدية"), lambda h: h.gift_name),
            Column(
                lambda: self.tr("الكمية"),
                lambda h: ctx.fmt_quantity(h.quantity, h.unit),
                sort=lambda h: h.quantity,
            ),
            Column(lambda: self.tr("سلّمها"), lambda h: h.handed_by),
            Column(
                lambda: self.tr("تنبيهات"),
                flags,
                colour=flag_colour,
                tooltip=lambda h: "\n".join(part for part in (flags(h), h.note) if part) or None,
            ),
        ]

    # -- export -----------------------------------------------------------------------------------
    def export_log(self, kind: str, path: str | Path | None = None) -> None:
        """The log as filtered now (event, visit, gift, dates, voided) as Excel or PDF."""
        if path is None:
            path = ask_path(
                self, default_file_name(self.tr("هدايا"), self.event_combo.currentText(), kind), kind
            )
            if not path:
                return
        f = self.filters()
        filters = {
            "event_id": f.event_id,
            "visit_id": f.visit_id,
            "gift_type_id": f.gift_type_id,
            "date_from": f.date_from,
            "date_to": f.date_to,
            "include_voided": f.include_voided,
        }
        title = gift_log_title(self.event_combo.currentText() if self.event_combo.currentData() else None)
        run_export(self.ctx, self, write_gift_log, self.ctx.services, str(path), kind, title, filters)

    # -- loading --------------------------------------------------------------------------------
    def filters(self) -> LogFilters:
        return LogFilters(
            event_id=self.event_combo.currentData(),
            visit_id=self.visit_combo.currentData(),
            gift_type_id=self.gift_combo.currentData(),
            date_from=self.from_edit.date().toPython(),
            date_to=self.to_edit.date().toPython(),
            include_voided=self.voided_check.isChecked(),
        )

    def refresh(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self._task = self.ctx.runner.db(self.ctx.services.gifts.log_page, self.filters(), on_done=self._show)

    def _show(self, data: LogPage) -> None:
        self._fill_combo(
            self.event_combo, self.tr("كل الفعاليات"), [(e.id, e.title) for e in reversed(data.events)]
        )
        self._fill_combo(
            self.visit_combo,
            self.tr("كل الزيارات"),
            [(v.id, f"{v.body.name} — {v.title}") for v in data.visits],
        )
        self._fill_combo(self.gift_combo, self.tr("كل الهدايا"), [(t.id, t.name) for t in data.types])
        self._rows = data.rows
        self._apply_text_filter()

    @staticmethod
    def _fill_combo(combo: QComboBox, all_text: str, items: list[tuple[str, str]]) -> None:
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, None)
        for item_id, text in items:
            combo.addItem(text, item_id)
        combo.setCurrentIndex(max(combo.findData(keep), 0) if keep else 0)
        combo.blockSignals(False)

    def _apply_text_filter(self) -> None:
        needle = fold(self.recipient_edit.text())
        rows = [h for h in self._rows if not needle or needle in fold(h.recipient_display)]
        self.model.set_rows(rows)
        fit_columns(self.table, stretch=5, widest=200, uncapped=(0,))
        voided = sum(1 for h in rows if h.voided)
        text = self.ctx.fmt_digits(self.tr("%n تسليم", "", len(rows)))
        if voided:
            text += self.tr(" (منها {0} ملغاة)").format(self.ctx.fmt_number(voided))
        self.count_label.setText(text)
        self._update_actions()

    # -- voiding --------------------------------------------------------------------------------
    def selected(self) -> HandoverView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0]) if rows else None

    def select_row(self, row: int) -> None:
        select_row(self.table, row)

    def _update_actions(self) -> None:
        may_void = self.ctx.can("void")
        chosen = self.selected()
        self.void_button.setEnabled(may_void and chosen is not None and not chosen.voided)
        if not may_void:
            self.void_button.setToolTip(
                self.tr("إلغاء التسليم للمشرف أو مدير النظام فقط؛ اطلب من المشرف أن يلغيه مع ذكر السبب.")
            )
        elif chosen is not None and chosen.voided:
            self.void_button.setToolTip(self.tr("هذا التسليم ملغى من قبل."))
        else:
            self.void_button.setToolTip(self.tr("يلغي التسليم المحدد ويعيد الكمية إلى المخزون؛ السبب مطلوب."))

    def ask_void(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        dialog = ReasonDialog(
            self,
            self.tr("إلغاء التسليم"),
            self.tr("لماذا يُلغى التسليم ({0}) إلى {1}؟ يُحفظ السبب مع اسمك وتعود الكمية إلى المخزون.").format(
                self.ctx.fmt_gift_quantity(chosen.gift_name, chosen.quantity, chosen.unit),
                chosen.recipient_display,
            ),
            self.tr("ألغِ التسليم"),
        )
        dialog.setObjectName("voidDialog")
        dialog.accepted.connect(lambda: self._void(chosen.id, dialog.text()))
        self.void_dialog = dialog
        dialog.open()

    def _void(self, handover_id: str, reason: str) -> None:
        self.ctx.runner.write(self.ctx.services.gifts.void, handover_id, reason, on_done=self._voided)

    def _voided(self, view: HandoverView) -> None:
        self.ctx.show_message(self.tr("أُلغي التسليم وعادت الكمية إلى المخزون."), "ok")
        self.refresh()

    def retranslate(self) -> None:
        texts = [
            self.tr("الفعالية"),
            self.tr("الزيارة"),
            self.tr("الهدية"),
            self.tr("المستلم"),
            self.tr("من تاريخ"),
            self.tr("إلى تاريخ"),
        ]
        widgets = [
            self.event_combo,
            self.visit_combo,
            self.gift_combo,
            self.recipient_edit,
            self.from_edit,
            self.to_edit,
        ]
        for label, widget, text in zip(self.filter_labels, widgets, texts, strict=True):
            label.setText(text)
            widget.setAccessibleName(self.tr("تصفية حسب: {0}").format(text))
        self.recipient_edit.setPlaceholderText(self.tr("جزء من اسم المستلم"))
        self.export_xlsx.setText(self.tr("تصدير Excel"))
        self.export_pdf.setText(self.tr("تصدير PDF"))
        for button in (self.export_xlsx, self.export_pdf):
            button.setAccessibleName(button.text())
            button.setToolTip(self.tr("يُصدَّر السجل بحسب الفعالية والزيارة والهدية والتاريخ المختارة"))
        self.voided_check.setText(self.tr("أظهر التسليمات الملغاة"))
        self.voided_check.setAccessibleName(self.voided_check.text())
        self.void_button.setText(self.tr("إلغاء التسليم"))
        self.void_button.setAccessibleName(self.tr("إلغاء التسليم المحدد"))
        self.table.setAccessibleName(self.tr("سجل التسليمات"))
        self.model.retranslate()
        self._update_actions()
