"""الجهات والشراكات: who the organisation works with, which agreements are running out, and what
was done with each body.

Top: the two alerts (agreements ending within 30 days; bodies with a running agreement that nobody
visited in 6 months). Then the directory (forgiving search, type and city filters) and the
selected body's card: its details, its agreements (signed copy attached and opened with the
system viewer) and its history, exportable to Excel and to an Arabic PDF.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core import dates
from fieldapp.gui import theme
from fieldapp.gui.context import GuiContext
from fieldapp.gui.exports import ask_path, default_file_name, run_export
from fieldapp.gui.partners.dialogs import AgreementDialog, BodyDialog, MergeDialog
from fieldapp.gui.screen import Screen
from fieldapp.gui.widgets import Column, SearchField, TableModel, show_error
from fieldapp.gui.widgets.inputs import embed, ltr, select_row
from fieldapp.reports import organisation_name
from fieldapp.reports import partners as reports
from fieldapp.reports.partners import KINDS, HistoryLine, history_lines
from fieldapp.services import Services
from fieldapp.services.bodies import BODY_TYPES, AgreementView, BodyHistory, BodyView, QuietPartner

ALL_TIME, THIS_YEAR = "all", "year"


@dataclass(frozen=True)
class Directory:
    bodies: list[BodyView]
    cities: list[str]
    ending_soon: list[AgreementView]
    quiet: list[QuietPartner]


def load_directory(services: Services, text: str, type: str | None, city: str | None) -> Directory:
    return Directory(
        services.bodies.search(text, type=type, city=city, limit=500),
        services.bodies.cities(),
        services.bodies.ending_soon(),
        services.bodies.not_visited(),
    )


def history_span(span: str) -> tuple[dt.date | None, dt.date | None]:
    """This (Gregorian) year so far, or everything."""
    if span == THIS_YEAR:
        today = dates.local_now().date()
        return dt.date(today.year, 1, 1), today
    return None, None


def load_history(services: Services, body_id: str, span: str) -> BodyHistory:
    return services.bodies.history(body_id, *history_span(span))


def write_partner(services: Services, body_id: str, span: str, path: str, kind: str) -> Path:
    """On the DB thread: the body's history written as Excel or PDF."""
    history = load_history(services, body_id, span)
    writer = reports.partner_xlsx if kind == "xlsx" else reports.partner_pdf
    return writer(history, path, organisation_name(services))


class PartnersScreen(Screen):
    key = "partners"
    topics = frozenset({"bodies", "visits", "gifts", "events"})

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.directory: Directory | None = None
        self.history: BodyHistory | None = None
        self.selected_id: str | None = None
        self.dialog: QWidget | None = None

        self.heading = QLabel(objectName="partnersHeading")
        self.heading.setProperty("role", "heading")
        self.count_label = QLabel(objectName="partnersCount")
        self.count_label.setProperty("role", "muted")
        self.add_button = QPushButton(objectName="addBody")
        self.add_button.setProperty("kind", "primary")
        self.edit_button = QPushButton(objectName="editBody")
        self.merge_button = QPushButton(objectName="mergeBody")
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.merge_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.add_button)

        # The two alerts of the partnerships dashboard.
        self.ending_title = QLabel(objectName="endingTitle")
        self.ending_title.setProperty("role", "subheading")
        self.ending_list = QListWidget(objectName="endingSoon")
        self.quiet_title = QLabel(objectName="quietTitle")
        self.quiet_title.setProperty("role", "subheading")
        self.quiet_list = QListWidget(objectName="notVisited")
        alerts = QHBoxLayout()
        for title, widget in ((self.ending_title, self.ending_list), (self.quiet_title, self.quiet_list)):
            box = QVBoxLayout()
            box.addWidget(title)
            widget.setMaximumHeight(64)
            widget.itemActivated.connect(self._alert_chosen)
            widget.itemClicked.connect(self._alert_chosen)
            box.addWidget(widget)
            alerts.addLayout(box, 1)

        self.search = SearchField()
        self.search.setObjectName("bodySearch")
        self.type_combo = QComboBox(objectName="typeFilter")
        self.city_combo = QComboBox(objectName="cityFilter")
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.type_combo)
        filters.addWidget(self.city_combo)

        self.model: TableModel[BodyView] = TableModel(self._columns())
        self.table = QTableView(objectName="bodyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((230, 70, 70, 150)):
            self.table.horizontalHeader().resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.doubleClicked.connect(lambda _i: self.edit_body())

        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self._card())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([640, 460])

        self.permission_note = QLabel(objectName="partnersPermission")
        self.permission_note.setProperty("role", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addLayout(top)
        layout.addLayout(alerts)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.permission_note)

        self.search.query_changed.connect(lambda _t: self.refresh())
        self.search.submitted.connect(lambda _t: self.refresh())
        self.type_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.city_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.add_button.clicked.connect(self.add_body)
        self.edit_button.clicked.connect(self.edit_body)
        self.merge_button.clicked.connect(self.merge_body)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.add_body)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        ctx.user_changed.connect(lambda _u: self._update_actions())
        ctx.digits_changed.connect(lambda _d: self._show_card())
        self.retranslate()

    # -- layout pieces --------------------------------------------------------------------------
    def _columns(self) -> list[Column[BodyView]]:
        return [
            Column(lambda: self.tr("الجهة"), lambda b: b.name),
            Column(lambda: self.tr("النوع"), lambda b: b.type_label(self.ctx.lang)),
            Column(lambda: self.tr("المدينة"), lambda b: b.city or ""),
            Column(lambda: self.tr("مسؤول التواصل"), lambda b: b.contact_name or ""),
            Column(lambda: self.tr("الهاتف"), lambda b: ltr(b.phone_display)),
        ]

    def _card(self) -> QWidget:
        card = QFrame(objectName="bodyCard")
        self.card_title = QLabel(objectName="bodyCardTitle", wordWrap=True)
        self.card_title.setProperty("role", "subheading")
        # The phone last, on a line of its own label: Qt loses a left-to-right embedding after a
        # line break, and a number after it would join its run.
        self.card_info = QLabel(objectName="bodyCardInfo")
        self.card_notes = QLabel(objectName="bodyCardNotes", wordWrap=True)
        self.card_notes.setProperty("role", "muted")
        self.tabs = QTabWidget(objectName="bodyTabs")

        agreements = QWidget()
        self.agreement_model: TableModel[AgreementView] = TableModel(self._agreement_columns())
        self.agreement_table = QTableView(objectName="agreementTable")
        self.agreement_table.setModel(self.agreement_model)
        self.agreement_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agreement_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agreement_table.verticalHeader().hide()
        self.agreement_table.horizontalHeader().setStretchLastSection(True)
        self.agreement_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_agreement())
        self.agreement_table.doubleClicked.connect(lambda _i: self.edit_agreement())
        self.agreement_table.setMinimumHeight(110)
        self.agreement_detail = QLabel(objectName="agreementDetail", wordWrap=True)
        self.add_agreement_button = QPushButton(objectName="addAgreement")
        self.edit_agreement_button = QPushButton(objectName="editAgreement")
        self.attach_button = QPushButton(objectName="attachSigned")
        self.open_file_button = QPushButton(objectName="openSigned")
        buttons = QHBoxLayout()
        for button in (
            self.add_agreement_button,
            self.edit_agreement_button,
            self.attach_button,
            self.open_file_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        detail = QScrollArea(
            objectName="agreementDetailArea"
        )  # a long agreement scrolls, the window keeps its size
        detail.setWidget(self.agreement_detail)
        detail.setWidgetResizable(True)
        detail.setFrameShape(QFrame.Shape.NoFrame)
        detail.setMinimumHeight(60)
        box = QVBoxLayout(agreements)
        box.addWidget(self.agreement_table, 1)
        box.addWidget(detail, 1)
        box.addLayout(buttons)
        self.add_agreement_button.clicked.connect(self.add_agreement)
        self.edit_agreement_button.clicked.connect(self.edit_agreement)
        self.attach_button.clicked.connect(lambda: self.attach_file())
        self.open_file_button.clicked.connect(self.open_file)

        history = QWidget()
        self.span_combo = QComboBox(objectName="historySpan")
        self.span_combo.currentIndexChanged.connect(lambda _i: self._load_history())
        self.export_xlsx_button = QPushButton(objectName="exportPartnerXlsx")
        self.export_pdf_button = QPushButton(objectName="exportPartnerPdf")
        self.export_xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.export_pdf_button.clicked.connect(lambda: self.export("pdf"))
        bar = QHBoxLayout()
        bar.addWidget(self.span_combo)
        bar.addStretch(1)
        bar.addWidget(self.export_xlsx_button)
        bar.addWidget(self.export_pdf_button)
        self.history_model: TableModel[HistoryLine] = TableModel(self._history_columns())
        self.history_table = QTableView(objectName="historyTable")
        self.history_table.setModel(self.history_model)
        self.history_table.verticalHeader().hide()
        self.history_table.setWordWrap(True)
        self.history_table.horizontalHeader().setStretchLastSection(True)
        self.history_summary = QLabel(objectName="historySummary", wordWrap=True)
        self.history_summary.setProperty("role", "muted")
        box = QVBoxLayout(history)
        box.addLayout(bar)
        box.addWidget(self.history_table, 1)
        box.addWidget(self.history_summary)

        self.tabs.addTab(agreements, "")
        self.tabs.addTab(history, "")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(12, 0, 0, 0)
        layout.addWidget(self.card_title)
        layout.addWidget(self.card_info)
        layout.addWidget(self.card_notes)
        layout.addWidget(self.tabs, 1)
        return card

    def _agreement_columns(self) -> list[Column[AgreementView]]:
        def colour(a: AgreementView) -> str | None:
            if a.effective_status == "expired":
                return theme.REFUSED
            return theme.WARNING if a.reminder_due else None

        return [
            Column(lambda: self.tr("الاتفاقية"), lambda a: a.title),
            Column(lambda: self.tr("الحالة"), lambda a: a.status_label(self.ctx.lang), colour=colour),
            Column(
                lambda: self.tr("من"), lambda a: self.ctx.fmt_hijri(a.start_date) if a.start_date else "—"
            ),
            Column(lambda: self.tr("إلى"), lambda a: self.ctx.fmt_hijri(a.end_date) if a.end_date else "—"),
            Column(lambda: self.tr("الملف"), lambda a: "📎" if a.file_name else ""),
        ]

    def _history_columns(self) -> list[Column[HistoryLine]]:
        return [
            Column(
                lambda: self.tr("التاريخ"),
                lambda h: "—" if h.day == dt.date.min else self.ctx.fmt_hijri(h.day),
                tooltip=lambda h: None if h.day == dt.date.min else self.ctx.fmt_gregorian(h.day),
            ),
            Column(lambda: self.tr("النوع"), lambda h: self._kind(h.kind)),
            Column(lambda: self.tr("البيان"), lambda h: h.what),
            Column(lambda: self.tr("التفاصيل"), lambda h: h.details),
        ]

    def _kind(self, kind: str) -> str:
        if self.ctx.lang == "ar":
            return KINDS[kind]
        return {"visit": "Visit", "gift": "Gift", "event": "Event", "agreement": "Agreement"}[kind]

    # -- Screen ---------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("الجهات والشراكات")

    def refresh(self) -> None:
        self.ctx.runner.db(
            load_directory,
            self.ctx.services,
            self.search.text_value(),
            self.type_combo.currentData(),
            self.city_combo.currentData(),
            on_done=self._show_directory,
            on_error=self._error,
        )

    def activate(self) -> None:
        self.search.setFocus()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("الجهات والشراكات"))
        self.add_button.setText(self.tr("إضافة جهة"))
        self.edit_button.setText(self.tr("تعديل"))
        self.merge_button.setText(self.tr("دمج مع جهة أخرى…"))
        self.merge_button.setAccessibleName(self.tr("دمج الجهة المحددة مع جهة أخرى مكررة"))
        self.search.setPlaceholderText(self.tr("ابحث باسم الجهة أو رقم هاتفها…"))
        self.search.setAccessibleName(self.tr("البحث في الجهات"))
        self.table.setAccessibleName(self.tr("قائمة الجهات"))
        self.ending_title.setText(self.tr("اتفاقيات تنتهي خلال 30 يومًا"))
        self.quiet_title.setText(self.tr("جهات لديها اتفاقية سارية ولم تُزر منذ 6 أشهر"))
        self.type_combo.setAccessibleName(self.tr("تصفية حسب نوع الجهة"))
        self.city_combo.setAccessibleName(self.tr("تصفية حسب المدينة"))
        self.span_combo.setAccessibleName(self.tr("فترة السجل"))
        self.ending_list.setAccessibleName(self.ending_title.text())
        self.quiet_list.setAccessibleName(self.quiet_title.text())
        self.tabs.setTabText(0, self.tr("الاتفاقيات"))
        self.tabs.setTabText(1, self.tr("السجل"))
        self.add_agreement_button.setText(self.tr("اتفاقية جديدة"))
        self.edit_agreement_button.setText(self.tr("تعديل الاتفاقية"))
        self.attach_button.setText(self.tr("إرفاق النسخة الموقعة…"))
        self.open_file_button.setText(self.tr("فتح النسخة الموقعة"))
        self.export_xlsx_button.setText(self.tr("تصدير Excel"))
        self.export_pdf_button.setText(self.tr("تصدير PDF"))
        self.permission_note.setText(self.tr("دمج الجهات للمشرف أو مدير النظام."))
        self._fill_combo(
            self.type_combo,
            [(None, self.tr("كل الأنواع"))]
            + [
                (code, arabic if self.ctx.lang == "ar" else english)
                for code, (arabic, english) in BODY_TYPES.items()
            ],
        )
        self._fill_combo(
            self.span_combo, [(THIS_YEAR, self.tr("هذا العام")), (ALL_TIME, self.tr("كل السجل"))]
        )
        for model in (self.model, self.agreement_model, self.history_model):
            model.retranslate()
            model.refresh_display()
        if getattr(self, "directory", None) is not None:
            self._show_directory(self.directory)  # its counts and empty-list texts, reworded
        self._update_actions()
        self._show_card()

    @staticmethod
    def _fill_combo(combo: QComboBox, items: list[tuple[object, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for data, text in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
        combo.blockSignals(False)

    # -- showing --------------------------------------------------------------------------------
    def _show_directory(self, directory: Directory) -> None:
        self.directory = directory
        self._fill_combo(self.city_combo, [(None, self.tr("كل المدن"))] + [(c, c) for c in directory.cities])
        self.model.set_rows(directory.bodies)
        self.count_label.setText(self.ctx.fmt_digits(self.tr("%n جهة", "", len(directory.bodies))))
        self.ending_list.clear()
        for a in directory.ending_soon:
            days = self.ctx.fmt_digits(self.tr("تنتهي بعد %n يوم", "", a.days_left or 0))
            item = QListWidgetItem(f"{embed(a.body_name)} — {days}")
            item.setToolTip(f"{a.title} — {self.ctx.fmt_date(a.end_date)}" if a.end_date else a.title)
            item.setData(Qt.ItemDataRole.UserRole, a.body_id)
            self.ending_list.addItem(item)
        if not directory.ending_soon:
            self.ending_list.addItem(self.tr("لا اتفاقيات تنتهي قريبًا."))
        self.quiet_list.clear()
        for q in directory.quiet:
            last = (
                self.tr("آخر زيارة: %1").replace("%1", self.ctx.fmt_hijri(q.last_visit))
                if q.last_visit
                else self.tr("لم تُزر قط")
            )
            item = QListWidgetItem(f"{embed(q.body.name)} — {last}")
            item.setData(Qt.ItemDataRole.UserRole, q.body.id)
            self.quiet_list.addItem(item)
        if not directory.quiet:
            self.quiet_list.addItem(self.tr("زُرنا كل الشركاء خلال الأشهر الستة الماضية."))
        rows = [b.id for b in directory.bodies]
        if self.selected_id is None and directory.ending_soon:  # what needs attention first
            self.selected_id = directory.ending_soon[0].body_id
        if self.selected_id in rows:
            select_row(self.table, rows.index(self.selected_id))
        elif rows:
            select_row(self.table, 0)
        else:
            self.selected_id = None
            self.history = None
            self._show_card()
        self._update_actions()

    def _row_changed(self, current, _previous) -> None:
        if current.isValid():
            self.select_body(self.model.row_at(current).id)

    def select_body(self, body_id: str) -> None:
        self.selected_id = body_id
        self._load_history()

    def _load_history(self) -> None:
        if self.selected_id is None:
            return
        self.ctx.runner.db(
            load_history,
            self.ctx.services,
            self.selected_id,
            self.span_combo.currentData() or THIS_YEAR,
            on_done=self._show_history,
            on_error=self._error,
        )

    def _show_history(self, history: BodyHistory) -> None:
        if history.body.id != self.selected_id:
            return  # an older answer, for a body no longer selected
        self.history = history
        self._show_card()

    def current_body(self) -> BodyView | None:
        return self.history.body if self.history is not None else None

    def current_agreement(self) -> AgreementView | None:
        index = self.agreement_table.currentIndex()
        return self.agreement_model.row_at(index) if index.isValid() else None

    def _show_card(self) -> None:
        h = self.history
        if h is None:
            self.card_title.setText(self.tr("اختر جهة من القائمة."))
            self.card_info.setText("")
            self.card_notes.setText("")
            self.agreement_model.set_rows([])
            self.history_model.set_rows([])
            self.history_summary.setText("")
            self._update_actions()
            return
        b = h.body
        self.card_title.setText(f"{embed(b.name)} — {b.type_label(self.ctx.lang)}")
        parts = [b.city or "", b.contact_name or "", ltr(b.phone_display)]
        self.card_info.setText(" — ".join(p for p in parts if p))
        self.card_notes.setText(b.notes)
        self.card_notes.setVisible(bool(b.notes))
        current = self.current_agreement()
        self.agreement_model.set_rows(h.agreements)
        ids = [a.id for a in h.agreements]
        if current is not None and current.id in ids:
            select_row(self.agreement_table, ids.index(current.id))
        elif ids:
            select_row(self.agreement_table, 0)
        self.history_model.set_rows(history_lines(h))
        self.history_table.resizeRowsToContents()
        done = sum(1 for v in h.visits if v.status == "done")
        self.history_summary.setText(
            self.tr("زيارات: %1 (منفذة %2) — هدايا: %3 — فعاليات: %4 — اتفاقيات: %5")
            .replace("%1", self.ctx.fmt_number(len(h.visits)))
            .replace("%2", self.ctx.fmt_number(done))
            .replace("%3", self.ctx.fmt_number(sum(g.quantity for g in h.gifts)))
            .replace("%4", self.ctx.fmt_number(len(h.events)))
            .replace("%5", self.ctx.fmt_number(len(h.agreements)))
        )
        self._show_agreement()

    def _show_agreement(self) -> None:
        a = self.current_agreement()
        if a is None:
            self.agreement_detail.setText(self.tr("لا اتفاقيات مع هذه الجهة بعد.") if self.history else "")
            self._update_actions()
            return
        lines = [f"<b>{embed(html.escape(a.title))}</b> — {a.status_label(self.ctx.lang)}"]
        if a.reminder_due:
            lines.append(
                self.ctx.fmt_digits(self.tr("⚠ تنتهي بعد %n يوم: حان وقت التجديد.", "", a.days_left or 0))
            )
        if a.start_date or a.end_date:
            lines.append(" – ".join(self.ctx.fmt_date(d) for d in (a.start_date, a.end_date) if d))
        if a.signatory:
            lines.append(self.tr("الموقّع عن الجهة: %1").replace("%1", a.signatory))
        if a.our_commitments:
            lines.append(self.tr("التزاماتنا: %1").replace("%1", a.our_commitments))
        if a.partner_commitments:
            lines.append(self.tr("التزامات الجهة: %1").replace("%1", a.partner_commitments))
        self.agreement_detail.setText("<br>".join(lines))
        self._update_actions()

    def _update_actions(self) -> None:
        can_edit = self.ctx.can("visit.edit")
        has_body = self.current_body() is not None
        agreement = self.current_agreement()
        self.add_button.setEnabled(can_edit)
        self.edit_button.setEnabled(can_edit and has_body)
        self.merge_button.setEnabled(self.ctx.can("body.merge") and has_body)
        self.permission_note.setVisible(not self.ctx.can("body.merge"))
        self.add_agreement_button.setEnabled(can_edit and has_body)
        self.edit_agreement_button.setEnabled(can_edit and agreement is not None)
        self.attach_button.setEnabled(can_edit and agreement is not None)
        self.open_file_button.setEnabled(agreement is not None and bool(agreement.file_name))
        self.export_xlsx_button.setEnabled(has_body)
        self.export_pdf_button.setEnabled(has_body)

    def _alert_chosen(self, item: QListWidgetItem) -> None:
        body_id = item.data(Qt.ItemDataRole.UserRole)
        if not body_id:
            return
        if self.search.text_value() or self.type_combo.currentIndex() or self.city_combo.currentIndex():
            self.search.clear_query()
            self.type_combo.setCurrentIndex(0)
            self.city_combo.setCurrentIndex(0)
        self.selected_id = body_id
        rows = [b.id for b in self.model.rows]
        if body_id in rows:
            select_row(self.table, rows.index(body_id))
        else:
            self.refresh()

    # -- actions --------------------------------------------------------------------------------
    def add_body(self) -> BodyDialog | None:
        return self._open_body(None)

    def edit_body(self) -> BodyDialog | None:
        body = self.current_body()
        return self._open_body(body) if body is not None else None

    def _open_body(self, body: BodyView | None) -> BodyDialog | None:
        if not self.ctx.can("visit.edit"):
            return None
        dialog = BodyDialog(self.ctx, body, self)
        dialog.saved.connect(lambda saved: setattr(self, "selected_id", saved.id))
        self.dialog = dialog
        dialog.open()
        return dialog

    def merge_body(self) -> MergeDialog | None:
        body = self.current_body()
        if body is None or self.directory is None:
            return None
        if not self.ctx.can("body.merge"):
            self.ctx.show_message(self.tr("دمج الجهات للمشرف أو مدير النظام."), "warning")
            return None
        self.ctx.runner.db(
            self.ctx.services.bodies.list,
            on_done=lambda others: self._open_merge(body, others),
            on_error=self._error,
        )
        return self.dialog if isinstance(self.dialog, MergeDialog) else None

    def _open_merge(self, body: BodyView, others: list[BodyView]) -> None:
        dialog = MergeDialog(self.ctx, body, others, self)
        dialog.merged.connect(self._merged)
        self.dialog = dialog
        dialog.open()

    def _merged(self, survivor: BodyView) -> None:
        self.selected_id = survivor.id
        self.ctx.show_message(self.tr("دُمجت الجهتان في «%1».").replace("%1", survivor.name), "ok")

    def add_agreement(self) -> AgreementDialog | None:
        body = self.current_body()
        return self._open_agreement(body.id, None) if body is not None else None

    def edit_agreement(self) -> AgreementDialog | None:
        body, agreement = self.current_body(), self.current_agreement()
        if body is None or agreement is None:
            return None
        return self._open_agreement(body.id, agreement)

    def _open_agreement(self, body_id: str, agreement: AgreementView | None) -> AgreementDialog | None:
        if not self.ctx.can("visit.edit"):
            return None
        dialog = AgreementDialog(self.ctx, body_id, agreement, self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def attach_file(self, path: str | Path | None = None) -> None:
        agreement = self.current_agreement()
        if agreement is None:
            return
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(
                self,
                self.tr("النسخة الموقعة من الاتفاقية"),
                "",
                self.tr("PDF أو صورة (*.pdf *.png *.jpg *.jpeg *.webp *.tif *.tiff)"),
                options=QFileDialog.Option.DontUseNativeDialog,
            )
            if not path:
                return
        self.ctx.runner.write(
            self.ctx.services.bodies.attach_file,
            agreement.id,
            str(path),
            on_done=lambda _a: self.ctx.show_message(self.tr("أُرفقت النسخة الموقعة."), "ok"),
            on_error=self._error,
        )

    def open_file(self) -> None:
        agreement = self.current_agreement()
        if agreement is None:
            return
        self.ctx.runner.db(
            self.ctx.services.bodies.file_path, agreement.id, on_done=self._open_path, on_error=self._error
        )

    def _open_path(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def export(self, kind: str, path: str | Path | None = None) -> None:
        body = self.current_body()
        if body is None:
            return
        if path is None:
            path = ask_path(self, default_file_name(self.tr("شراكة"), body.name, kind), kind)
            if not path:
                return
        span = self.span_combo.currentData() or THIS_YEAR
        run_export(self.ctx, self, write_partner, self.ctx.services, body.id, span, str(path), kind)

    def _error(self, exc: BaseException) -> None:
        show_error(self.window(), exc)
