"""The roster import, in steps: file → preview (errors by line) → event → import (cancellable) → report.

The import is one service write (services.roster_import.run) submitted with `runner.write()`, so
the runner publishes what it changed once it is done. Its progress callback emits a signal of a
QObject living on the main thread, so the bar moves through a queued connection; Cancel sets a
flag that the import reads between chunks: what was committed stays, and the report says so.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.context import GuiContext
from fieldapp.gui.widgets import user_message
from fieldapp.gui.widgets.file_dialog import file_dialog
from fieldapp.gui.widgets.inputs import progress_in_digits
from fieldapp.reports.import_errors import import_errors_file
from fieldapp.services.roster_import import ImportPreview, ImportReport, RowError

FILE, PREVIEW, EVENT, RUN = range(4)


class ProgressBridge(QObject):
    """Lives on the main thread; `report()` may be called from the DB thread (queued delivery)."""

    progressed = Signal(int, int)

    def report(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # the user may resize
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    return table


class ImportDialog(QDialog):
    """`ImportDialog(ctx)`, `open()`. Tests: `choose_file(path)`, `next()`, `start()`, `cancel_import()`."""

    finished_import = Signal(object)  # ImportReport

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("importDialog")
        self._errors: dict[int, list[RowError]] = {}  # per error table, what it shows (to save it)
        self.setWindowTitle(self.tr("استيراد قائمة الأشخاص"))
        self.resize(900, 640)
        self.preview: ImportPreview | None = None
        self.report: ImportReport | None = None
        self.bridge = ProgressBridge(self)
        self.bridge.progressed.connect(self._progress)
        self._cancel = threading.Event()
        self._running = False

        self.step_label = QLabel(objectName="stepLabel")
        self.step_label.setProperty("role", "subheading")
        self.pages = QStackedWidget()
        self.pages.addWidget(self._file_page())
        self.pages.addWidget(self._preview_page())
        self.pages.addWidget(self._event_page())
        self.pages.addWidget(self._run_page())

        self.back_button = QPushButton(self.tr("رجوع"))
        self.next_button = QPushButton(self.tr("التالي"))
        self.next_button.setProperty("kind", "primary")
        self.next_button.setDefault(True)
        self.close_button = QPushButton(self.tr("إغلاق"))
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.close_if_idle)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.step_label)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self._go(FILE)

    # -- pages --------------------------------------------------------------------------------
    def _file_page(self) -> QWidget:
        page = QWidget()
        self.path_edit = QLineEdit(objectName="importPath")
        self.path_edit.setAccessibleName(self.tr("مسار ملف القائمة"))
        self.path_edit.setPlaceholderText(self.tr("ملف Excel ‏(xlsx) أو CSV"))
        self.path_edit.textChanged.connect(lambda _t: self._update_buttons())
        browse = QPushButton(self.tr("اختر ملفًا…"))
        browse.setAccessibleName(self.tr("اختيار ملف القائمة"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        hint = QLabel(
            self.tr(
                "يقبل البرنامج ملفات Excel ‏(xlsx) وملفات CSV (UTF-8 أو ترميز Windows العربي). "
                "يلزم عمود للاسم، وعمود لرقم الهوية أو للجوال؛ العناوين بالعربية أو الإنجليزية وبأي ترتيب. "
                "لن يُكتب شيء قبل أن تراجع المعاينة."
            )
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        self.file_error = QLabel(objectName="fileError")
        self.file_error.setProperty("role", "error")
        self.file_error.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName(self.tr("جارٍ قراءة الملف"))
        self.busy.hide()
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addWidget(self.busy)
        layout.addWidget(self.file_error)
        layout.addStretch(1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.summary_label = QLabel(objectName="previewSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.mapping_table = _table([self.tr("البيان"), self.tr("عمود الملف")])
        self.mapping_table.setAccessibleName(self.tr("ربط أعمدة الملف"))
        self.mapping_table.setMaximumWidth(360)
        self.errors_table = _table([self.tr("السطر"), self.tr("الاسم"), self.tr("العمود"), self.tr("السبب")])
        self.errors_table.setObjectName("previewErrors")
        self.errors_table.setAccessibleName(self.tr("أخطاء الملف حسب السطر"))
        self.errors_title = QLabel()
        self.errors_title.setProperty("role", "subheading")
        tables = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("الأعمدة المعروفة")))
        left.addWidget(self.mapping_table)
        right = QVBoxLayout()
        right.addWidget(self.errors_title)
        right.addWidget(self.errors_table)
        self.save_preview_errors = QPushButton(self.tr("احفظ تقرير الأخطاء…"), objectName="savePreviewErrors")
        self.save_preview_errors.clicked.connect(lambda: self.save_errors(self.errors_table))
        right.addWidget(self.save_preview_errors, 0, Qt.AlignmentFlag.AlignLeading)
        tables.addLayout(left)
        tables.addLayout(right, 1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary_label)
        layout.addLayout(tables, 1)
        return page

    def _event_page(self) -> QWidget:
        page = QWidget()
        self.event_combo = QComboBox(objectName="importEvent")
        self.event_combo.setAccessibleName(self.tr("الفعالية التي يُسجَّل فيها الجميع"))
        form = QFormLayout()
        form.addRow(self.tr("سجّل الجميع في فعالية:"), self.event_combo)
        explain = QLabel(
            self.tr(
                "اختياري: يُسجَّل كل شخص صحيح في الملف في هذه الفعالية، فيظهر في مكتب التسجيل كمسجَّل مسبقًا. "
                "الاستيراد يضيف الجدد ويحدّث من تغيّرت بياناتهم، ولا يمسح ما يعرفه البرنامج إذا كانت الخلية فارغة."
            )
        )
        explain.setWordWrap(True)
        explain.setProperty("role", "muted")
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(explain)
        layout.addStretch(1)
        return page

    def _run_page(self) -> QWidget:
        page = QWidget()
        self.progress = QProgressBar(objectName="importProgress")
        self.progress.setAccessibleName(self.tr("تقدّم الاستيراد"))
        self.progress.setFormat("%p%")
        progress_in_digits(self.ctx.digits, self.progress, self.busy)
        self.progress_label = QLabel(objectName="progressLabel")
        self.cancel_button = QPushButton(self.tr("أوقف الاستيراد"))
        self.cancel_button.setObjectName("cancelImport")
        self.cancel_button.setProperty("kind", "danger")
        self.cancel_button.clicked.connect(self.cancel_import)
        self.report_label = QLabel(objectName="reportLabel")
        self.report_label.setWordWrap(True)
        self.report_label.setProperty("role", "subheading")
        self.report_errors = _table([self.tr("السطر"), self.tr("الاسم"), self.tr("العمود"), self.tr("السبب")])
        self.report_errors.setObjectName("reportErrors")
        self.report_errors.setAccessibleName(self.tr("الصفوف التي لم تُستورد"))
        self.report_errors.hide()
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.report_label)
        layout.addWidget(self.report_errors, 1)
        self.save_report_errors = QPushButton(self.tr("احفظ تقرير الأخطاء…"), objectName="saveReportErrors")
        self.save_report_errors.clicked.connect(lambda: self.save_errors(self.report_errors))
        self.save_report_errors.hide()
        layout.addWidget(self.save_report_errors, 0, Qt.AlignmentFlag.AlignLeading)
        return page

    def _field_names(self) -> dict[str, str]:
        return {
            "full_name": self.tr("الاسم"),
            "latin_name": self.tr("الاسم بالإنجليزية"),
            "national_id": self.tr("رقم الهوية"),
            "mobile": self.tr("الجوال"),
            "gender": self.tr("الجنس"),
            "birth_date": self.tr("تاريخ الميلاد"),
            "guardian_consent": self.tr("موافقة ولي الأمر"),
            "badge_code": self.tr("رمز البطاقة"),
            "notes": self.tr("ملاحظات"),
        }

    # -- navigation ---------------------------------------------------------------------------
    def step(self) -> int:
        return self.pages.currentIndex()

    def _go(self, step: int) -> None:
        self.pages.setCurrentIndex(step)
        titles = {
            FILE: self.tr("الخطوة ١ من ٤: اختر الملف"),
            PREVIEW: self.tr("الخطوة ٢ من ٤: راجع المعاينة"),
            EVENT: self.tr("الخطوة ٣ من ٤: التسجيل في فعالية (اختياري)"),
            RUN: self.tr("الخطوة ٤ من ٤: الاستيراد"),
        }
        self.step_label.setText(titles[step])
        self.next_button.setText(self.tr("ابدأ الاستيراد") if step == EVENT else self.tr("التالي"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        step = self.step()
        self.back_button.setVisible(step in (PREVIEW, EVENT))
        self.next_button.setVisible(step != RUN)
        if step == FILE:
            self.next_button.setEnabled(bool(self.path_edit.text().strip()) and self.busy.isHidden())
        elif step == PREVIEW:
            valid = self.preview is not None and self.preview.row_count > self._bad_lines()
            self.next_button.setEnabled(valid)
        else:
            self.next_button.setEnabled(True)
        self.close_button.setEnabled(not self._running)

    def back(self) -> None:
        if self.step() in (PREVIEW, EVENT):
            self._go(self.step() - 1)

    def next(self) -> None:
        step = self.step()
        if step == FILE:
            self.load_preview()
        elif step == PREVIEW:
            self._load_events()
            self._go(EVENT)
        elif step == EVENT:
            self.start()

    def close_if_idle(self) -> None:
        if not self._running:
            self.accept() if self.report is not None else self.reject()

    def reject(self) -> None:  # Esc while importing must not leave the import running unseen
        if self._running:
            self.cancel_import()
            return
        super().reject()

    # -- step 1 → 2: preview ------------------------------------------------------------------
    def browse(self) -> None:
        dialog = file_dialog(self, self.tr("اختر ملف القائمة"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("قوائم (*.xlsx *.csv *.txt *.xls *.ods)"), self.tr("كل الملفات (*)")])
        if dialog.exec() and dialog.selectedFiles():
            self.choose_file(dialog.selectedFiles()[0])

    def choose_file(self, path: str | Path) -> None:
        self.path_edit.setText(str(path))

    def load_preview(self) -> None:
        path = self.path_edit.text().strip()
        if not path:
            return
        self.file_error.clear()
        self.busy.show()
        self._update_buttons()
        self.ctx.runner.db(
            self.ctx.services.roster_import.preview,
            path,
            on_done=self._show_preview,
            on_error=self._preview_failed,
        )

    def _preview_failed(self, exc: BaseException) -> None:
        self.busy.hide()
        self.file_error.setText(user_message(exc))
        self._update_buttons()

    def _bad_lines(self) -> int:
        return self.preview.error_lines if self.preview else 0

    def _show_preview(self, preview: ImportPreview) -> None:
        self.busy.hide()
        self.preview = preview
        fmt = preview.format.upper()
        details = [fmt]
        if preview.encoding:
            details.append(self.tr("الترميز: %1").replace("%1", preview.encoding))
        if preview.delimiter:
            shown = {"\t": "Tab", ",": ",", ";": ";"}.get(preview.delimiter, preview.delimiter)
            details.append(self.tr("الفاصل: %1").replace("%1", shown))
        bad = self._bad_lines()
        lines = [
            self.tr("الملف: %1").replace("%1", Path(preview.path).name) + " — " + "، ".join(details),
            self.tr("عدد الصفوف: %1 — صالحة للاستيراد: %2 — فيها أخطاء: %3")
            .replace("%1", self.ctx.fmt_number(preview.row_count))
            .replace("%2", self.ctx.fmt_number(preview.row_count - bad))
            .replace("%3", self.ctx.fmt_number(bad)),
        ]
        if preview.unmapped:
            lines.append(self.tr("أعمدة لن تُقرأ: %1").replace("%1", "، ".join(preview.unmapped)))
        self.summary_label.setText("\n".join(lines))
        self.mapping_table.setRowCount(0)
        for field, header in preview.mapping.items():
            row = self.mapping_table.rowCount()
            self.mapping_table.insertRow(row)
            self.mapping_table.setItem(row, 0, QTableWidgetItem(self._field_names().get(field, field)))
            self.mapping_table.setItem(row, 1, QTableWidgetItem(header))
        self._fill_errors(self.errors_table, preview.errors)
        self.errors_title.setText(
            self.tr("أخطاء حسب السطر (لن تُستورد هذه الصفوف)")
            if preview.errors
            else self.tr("لا أخطاء في الملف")
        )
        self.save_preview_errors.setVisible(bool(preview.errors))
        self._go(PREVIEW)

    def _fill_errors(self, table: QTableWidget, errors: list[RowError]) -> None:
        table.setRowCount(len(errors))
        for row, error in enumerate(errors):
            line = QTableWidgetItem(self.ctx.fmt_number(error.line))
            line.setData(Qt.ItemDataRole.UserRole, error.line)
            line.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            table.setItem(row, 0, line)
            table.setItem(row, 1, QTableWidgetItem(error.name))
            table.setItem(row, 2, QTableWidgetItem(error.column or ""))
            reason = QTableWidgetItem(error.message)
            reason.setToolTip(error.message)  # a long reason is cut at the edge: the whole of it here
            table.setItem(row, 3, reason)
        table.resizeColumnsToContents()
        table.setColumnWidth(3, max(table.columnWidth(3), 320))
        self._errors[id(table)] = list(errors)

    def save_errors(self, table: QTableWidget, path: str | Path | None = None) -> Path | None:
        """Save the errors shown in `table` as Excel or CSV, to send back to whoever made the file."""
        if path is None:
            dialog = file_dialog(self, self.tr("حفظ تقرير الأخطاء"))
            dialog.setAcceptMode(dialog.AcceptMode.AcceptSave)
            dialog.setNameFilters([self.tr("ملف Excel (*.xlsx)"), self.tr("ملف CSV (*.csv)")])
            dialog.setDefaultSuffix("xlsx")
            dialog.selectFile(self.tr("أخطاء الاستيراد") + ".xlsx")
            if not dialog.exec() or not dialog.selectedFiles():
                return None
            path = dialog.selectedFiles()[0]
        saved = import_errors_file(self._errors.get(id(table), []), path)
        self.ctx.show_message(self.tr("حُفظ تقرير الأخطاء: {0}").format(str(saved)), "ok")
        return saved

    def error_lines(self, table: QTableWidget | None = None) -> list[int]:
        table = table or self.errors_table
        return [table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(table.rowCount())]

    # -- step 3: event ------------------------------------------------------------------------
    def _load_events(self) -> None:
        self.event_combo.clear()
        self.event_combo.addItem(self.tr("— لا تسجيل في فعالية —"), None)
        self.ctx.runner.db(self.ctx.services.events.list, on_done=self._fill_events)

    def _fill_events(self, events: list[Any]) -> None:
        for event in reversed(events):  # the newest first
            self.event_combo.addItem(f"{event.title} — {self.ctx.fmt_gregorian(event.starts_at)}", event.id)

    def choose_event(self, event_id: str | None) -> None:
        self.event_combo.setCurrentIndex(max(0, self.event_combo.findData(event_id)))

    # -- step 4: import -----------------------------------------------------------------------
    def start(self) -> None:
        if self.preview is None or self._running:
            return
        self._cancel.clear()
        self._running = True
        self.report = None
        self._go(RUN)
        self.progress.setRange(0, 0)  # until the first chunk is counted
        self.progress_label.setText(self.tr("جارٍ التحضير…"))
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.ctx.runner.write(
            self.ctx.services.roster_import.run,
            self.preview.path,
            event_id=self.event_combo.currentData(),
            progress=self.bridge.report,
            cancel=self._cancel.is_set,
            on_done=self._done,
            on_error=self._failed,
        )

    def cancel_import(self) -> None:
        if self._running and not self._cancel.is_set():
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(self.tr("جارٍ الإيقاف بعد الدفعة الجارية؛ ما حُفظ قبلها يبقى…"))

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if not self._cancel.is_set():
            self.progress_label.setText(
                self.tr("حُفظ %1 من %2")
                .replace("%1", self.ctx.fmt_number(done))
                .replace("%2", self.ctx.fmt_number(total))
            )

    def _done(self, report: ImportReport) -> None:
        self._running = False
        self.report = report
        self.cancel_button.hide()
        fmt = self.ctx.fmt_number
        lines = []
        if report.cancelled:
            lines.append(
                self.tr(
                    "أُوقف الاستيراد. حُفظ ما اكتمل قبل الإيقاف (%1 صفًا)، ولم يُكتب الباقي؛ أعد الاستيراد لإكماله."
                ).replace("%1", fmt(report.valid))
            )
        else:
            self.progress.setRange(0, 1)
            self.progress.setValue(1)
            lines.append(self.tr("اكتمل الاستيراد."))
        lines.append(
            self.tr("أُضيف: %1 — حُدّث: %2 — بلا تغيير: %3 — سُجّل في الفعالية: %4 — صفوف بأخطاء: %5")
            .replace("%1", fmt(report.added))
            .replace("%2", fmt(report.updated))
            .replace("%3", fmt(report.unchanged))
            .replace("%4", fmt(report.registered))
            .replace("%5", fmt(report.error_lines))
        )
        self.progress_label.setText("")
        self.report_label.setText("\n".join(lines))
        self._fill_errors(self.report_errors, report.errors)
        self.report_errors.setVisible(bool(report.errors))
        self.save_report_errors.setVisible(bool(report.errors))
        self.close_button.setText(self.tr("تم"))
        self._update_buttons()
        self.finished_import.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        self.cancel_button.hide()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.report_label.setText(user_message(exc))
        self._update_buttons()
