"""The «إصدار» tab: who is eligible for the event, then issue and render with progress and Cancel."""

from __future__ import annotations

import itertools
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui import theme
from fieldapp.gui.context import GuiContext
from fieldapp.gui.runner import Task
from fieldapp.gui.widgets import Column, TableModel, user_message
from fieldapp.gui.widgets.file_dialog import file_dialog
from fieldapp.gui.widgets.inputs import CountedSuffix, number_inputs, progress_in_digits, set_note
from fieldapp.gui.widgets.table import Index
from fieldapp.services.certificates import BatchResult, Eligibility, EligibleRow

CHECK_COLUMN = 0


class EligibleModel(TableModel[EligibleRow]):
    """Eligibility rows with a checkbox: eligible (or already issued) people can be ticked."""

    checked_changed = Signal()

    def __init__(self, columns, parent=None) -> None:
        super().__init__(columns, parent=parent)
        self.checked: set[str] = set()

    def set_rows(self, rows) -> None:
        # Eligible and not yet issued are ticked by default; reprinting the rest is a choice.
        self.checked = {r.person_id for r in rows if r.eligible and r.already_issued is None}
        super().set_rows(rows)
        self.checked_changed.emit()

    @staticmethod
    def selectable(row: EligibleRow) -> bool:
        return row.eligible or row.already_issued is not None

    def set_all(self, on: bool) -> None:
        self.checked = {r.person_id for r in self.rows if self.selectable(r)} if on else set()
        self.refresh_display()
        self.checked_changed.emit()

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == CHECK_COLUMN and self.selectable(self.row_at(index)):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == CHECK_COLUMN and role == Qt.ItemDataRole.CheckStateRole:
            row = self.row_at(index)
            if not self.selectable(row):
                return None
            on = row.person_id in self.checked
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not (
            index.isValid() and index.column() == CHECK_COLUMN and role == Qt.ItemDataRole.CheckStateRole
        ):
            return False
        row = self.row_at(index)
        if not self.selectable(row):
            return False
        on = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        if on:
            self.checked.add(row.person_id)
        else:
            self.checked.discard(row.person_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()
        return True

    def checked_ids(self) -> list[str]:
        return [r.person_id for r in self.rows if r.person_id in self.checked]


class _Progress(QObject):
    """Carries render progress from the DB thread to the UI thread (queued across threads)."""

    advanced = Signal(int, int)  # done, total


class IssueTab(QWidget):
    #: a batch finished: files, the certificate ids in them
    rendered = Signal(list, list)
    #: progress of the running batch (done, total), on the UI thread
    render_progress = Signal(int, int)

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id: str | None = None
        self._load_task: Task | None = None
        self._running = False  # a flag, not the Task: SyncRunner delivers before db() returns
        self._cancel_flag = threading.Event()
        self._progress = _Progress(self)
        self._progress.advanced.connect(self._on_progress)  # auto: queued when emitted off-thread
        self.event_minimum = 0.0

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 12, 8, 8)
        layout.addLayout(self._build_options())
        self._build_table(layout)
        self._build_actions(layout)
        self._connect()
        self.retranslate()

    def _build_options(self) -> QGridLayout:
        """Minimum hours, template, one file or one per person, the folder."""
        options = QGridLayout()
        options.setHorizontalSpacing(12)
        self.override_check = QCheckBox(objectName="minHoursOverride")
        self.min_hours = QDoubleSpinBox(objectName="minHours")
        self.min_hours.setRange(0, 24)
        self.min_hours.setSingleStep(0.5)
        self.min_hours.setDecimals(1)
        self.min_hours.setEnabled(False)
        number_inputs(self.ctx.digits, self.min_hours)  # the chosen digits, no tiny arrow buttons
        self.min_hours_suffix = CountedSuffix(
            self.min_hours, lambda n: self.tr("%n ساعة", "spin box suffix", n)
        )
        self.template_label = QLabel()
        self.template_combo = QComboBox(objectName="templateCombo")
        self.template_combo.setMinimumWidth(220)
        self.output_label = QLabel()
        self.one_file = QRadioButton(objectName="outputOneFile")
        self.per_person = QRadioButton(objectName="outputPerPerson")
        self.one_file.setChecked(True)
        self._output_group = QButtonGroup(self)
        self._output_group.addButton(self.one_file)
        self._output_group.addButton(self.per_person)
        self.folder_label = QLabel()
        self.folder_edit = QLineEdit(objectName="outputFolder")
        self.folder_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.folder_edit.setText(str(self.ctx.data_dir.exports / "certificates"))
        self.folder_button = QPushButton(objectName="outputFolderButton")
        options.addWidget(self.override_check, 0, 0)
        options.addWidget(self.min_hours, 0, 1)
        options.addWidget(self.template_label, 0, 2)
        options.addWidget(self.template_combo, 0, 3)
        options.addWidget(self.output_label, 1, 0)
        radios = QHBoxLayout()
        radios.addWidget(self.one_file)
        radios.addWidget(self.per_person)
        radios.addStretch(1)
        options.addLayout(radios, 1, 1)
        options.addWidget(self.folder_label, 1, 2)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)
        options.addLayout(folder_row, 1, 3)
        options.setColumnStretch(3, 1)
        return options

    def _build_table(self, layout: QVBoxLayout) -> None:
        """The summary line and the eligibility table with its checkboxes."""
        self.summary = QLabel(objectName="eligibilitySummary")
        self.summary.setProperty("role", "subheading")
        layout.addWidget(self.summary)

        self.model = EligibleModel(
            [
                Column(lambda: "", lambda r: ""),
                Column(lambda: self.tr("الاسم"), lambda r: r.full_name),
                Column(
                    lambda: self.tr("رقم الهوية"),
                    lambda r: r.national_id or "—",
                    align=Qt.AlignmentFlag.AlignCenter,
                ),
                Column(
                    lambda: self.tr("الساعات"),
                    lambda r: self.ctx.fmt_hours(r.hours),
                    sort=lambda r: r.hours,
                    align=Qt.AlignmentFlag.AlignCenter,
                ),
                Column(lambda: self.tr("الحالة"), self._status_text, colour=self._status_colour),
            ],
            parent=self,
        )
        self.table = QTableView(objectName="eligibilityTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

    def _build_actions(self, layout: QVBoxLayout) -> None:
        """Tick all / none, the batch's progress and Cancel, Issue; the note under them."""
        actions = QHBoxLayout()
        self.all_button = QPushButton(objectName="checkAll")
        self.none_button = QPushButton(objectName="checkNone")
        self.progress = QProgressBar(objectName="renderProgress")
        progress_in_digits(self.ctx.digits, self.progress)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(objectName="renderCancel")
        self.cancel_button.setProperty("kind", "danger")
        self.cancel_button.setVisible(False)
        self.issue_button = QPushButton(objectName="issueButton")
        self.issue_button.setProperty("kind", "primary")
        actions.addWidget(self.all_button)
        actions.addWidget(self.none_button)
        actions.addStretch(1)
        actions.addWidget(self.progress, 2)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.issue_button)
        layout.addLayout(actions)
        self.note = QLabel(objectName="issueNote")
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        layout.addWidget(self.note)

    def _connect(self) -> None:
        self.override_check.toggled.connect(self._override_toggled)
        self.min_hours.editingFinished.connect(self.reload)
        self.all_button.clicked.connect(lambda: self.model.set_all(True))
        self.none_button.clicked.connect(lambda: self.model.set_all(False))
        self.issue_button.clicked.connect(self.start_batch)
        self.cancel_button.clicked.connect(self.cancel_batch)
        self.folder_button.clicked.connect(self._choose_folder)
        self.model.checked_changed.connect(self._update_summary)
        self.table.doubleClicked.connect(self._toggle_row)
        chain = (
            self.override_check,
            self.min_hours,
            self.template_combo,
            self.one_file,
            self.per_person,
            self.folder_edit,
            self.folder_button,
            self.table,
            self.all_button,
            self.none_button,
            self.issue_button,
        )
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)

    # -- options ------------------------------------------------------------------------------
    def set_templates(self, keys: list[str], default: str) -> None:
        current = self.template_combo.currentData() or default
        self.template_combo.blockSignals(True)
        self.template_combo.clear()
        for key in keys:
            self.template_combo.addItem(template_title(key), key)
        index = self.template_combo.findData(current)
        self.template_combo.setCurrentIndex(max(0, index))
        self.template_combo.blockSignals(False)

    def template_key(self) -> str | None:
        return self.template_combo.currentData()

    def min_hours_value(self) -> float | None:
        return self.min_hours.value() if self.override_check.isChecked() else None

    def _override_toggled(self, on: bool) -> None:
        self.min_hours.setEnabled(on)
        if not on:
            self.min_hours.setValue(self.event_minimum)
        self.reload()

    def _choose_folder(self) -> None:
        dialog = file_dialog(self, self.tr("مجلد حفظ الشهادات"), self.folder_edit.text())
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self.folder_edit.setText)
        dialog.open()

    # -- eligibility --------------------------------------------------------------------------
    def set_event(self, event_id: str | None) -> None:
        self.event_id = event_id
        self.reload()

    def reload(self) -> None:
        if self._load_task is not None:
            self._load_task.cancel()
        if self.event_id is None:
            self.model.set_rows([])
            self._update_summary()
            return
        self._load_task = self.ctx.runner.db(
            self.ctx.services.certificates.eligibility,
            self.event_id,
            self.min_hours_value(),
            on_done=self._show,
            on_error=self._failed,
        )

    def _show(self, data: Eligibility) -> None:
        self.event_minimum = data.event.min_certificate_hours
        if not self.override_check.isChecked():
            self.min_hours.setValue(self.event_minimum)
        self.model.set_rows(data.rows)
        self._update_summary()

    def _status_text(self, row: EligibleRow) -> str:
        if row.already_issued:
            return self.tr("صدرت: {0}").format(row.already_issued)
        if row.eligible:
            return self.tr("مؤهل")
        return row.reason_text(self.ctx.lang)

    @staticmethod
    def _status_colour(row: EligibleRow) -> str | None:
        if row.already_issued:
            return theme.MUTED
        return theme.OK if row.eligible else theme.REFUSED

    def _toggle_row(self, index) -> None:
        cell = self.model.index(index.row(), CHECK_COLUMN)
        on = self.model.data(cell, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        self.model.setData(cell, not on, Qt.ItemDataRole.CheckStateRole)

    def _update_summary(self) -> None:
        rows = self.model.rows
        eligible = sum(1 for r in rows if r.eligible and r.already_issued is None)
        issued = sum(1 for r in rows if r.already_issued)
        refused = sum(1 for r in rows if not r.eligible and not r.already_issued)
        chosen = len(self.model.checked)
        if self.event_id is None:
            self.summary.setText(self.tr("اختر فعالية لعرض المؤهلين للشهادات."))
        else:
            self.summary.setText(
                self.tr("مؤهلون: {0} · صدرت لهم شهادات: {1} · غير مؤهلين: {2} · المحدَّدون: {3}").format(
                    self.ctx.fmt_number(eligible),
                    self.ctx.fmt_number(issued),
                    self.ctx.fmt_number(refused),
                    self.ctx.fmt_number(chosen),
                )
            )
        running = self._running
        self.issue_button.setEnabled(chosen > 0 and not running and self.ctx.can("certificate.print"))

    # -- the batch ----------------------------------------------------------------------------
    def output_path(self) -> Path:
        return Path(self.folder_edit.text().strip() or str(self.ctx.data_dir.exports / "certificates"))

    def start_batch(self) -> None:
        ids = self.model.checked_ids()
        if not ids or self.event_id is None or self._running:
            return
        self._cancel_flag.clear()
        self.progress.setRange(0, len(ids))
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("%v من %m"))
        self._set_running(True)
        self._set_note("", "")
        progress = self._progress.advanced.emit
        # One service call: issue, render, log; a cancel keeps the certificates issued, writes no file.
        self.ctx.runner.write(
            self.ctx.services.certificates.issue_and_render,
            self.event_id,
            ids,
            self.output_path(),
            self.template_key(),
            min_hours=self.min_hours_value(),
            per_person=self.per_person.isChecked(),
            progress=lambda done, total: progress(done, total),
            cancel=self._cancel_flag.is_set,
            on_done=self._batch_done,
            on_error=self._batch_failed,
        )

    def cancel_batch(self) -> None:
        self._cancel_flag.set()
        self.cancel_button.setEnabled(False)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.render_progress.emit(done, total)

    def _set_running(self, running: bool) -> None:
        self._running = running
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        for w in (self.issue_button, self.all_button, self.none_button, self.table, self.template_combo):
            w.setEnabled(not running)
        if not running:
            self._update_summary()

    def _batch_done(self, outcome: BatchResult) -> None:
        self._set_running(False)
        if outcome.cancelled:
            self._set_note(
                "warning",
                self.tr("أُلغيت الطباعة؛ لم يُكتب أي ملف. الشهادات التي صدرت تبقى بأرقامها وتُطبع لاحقًا."),
            )
            self.reload()
            return
        new = sum(1 for c in outcome.issued if c.new)
        self._set_note(
            "ok",
            self.ctx.fmt_digits(self.tr("صدرت %n شهادة جديدة", "", new))
            + self.tr("، ")
            + self.ctx.fmt_digits(self.tr("وأُنشئ %n ملف في {0}", "", len(outcome.files))).format(
                str(self.output_path())
            ),
        )
        self.reload()
        self.rendered.emit(list(outcome.files), [c.id for c in outcome.issued])

    def _batch_failed(self, exc: BaseException) -> None:
        self._set_running(False)
        self._set_note("error", user_message(exc))
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self._set_note("error", user_message(exc))

    def _set_note(self, status: str, text: str) -> None:
        set_note(self.note, status, text)

    def retranslate(self) -> None:
        self.override_check.setText(self.tr("تجاوز الحد الأدنى للساعات:"))
        self.min_hours_suffix.refresh()
        self.min_hours.setAccessibleName(self.tr("الحد الأدنى للساعات"))
        self.override_check.setToolTip(self.tr("بدونه يُطبَّق الحد الأدنى المحدد في الفعالية"))
        self.template_label.setText(self.tr("القالب:"))
        self.template_combo.setAccessibleName(self.tr("قالب الشهادة"))
        self.output_label.setText(self.tr("الملفات:"))
        self.one_file.setText(self.tr("ملف واحد للجميع"))
        self.per_person.setText(self.tr("ملف لكل شخص"))
        self.folder_label.setText(self.tr("المجلد:"))
        self.folder_edit.setAccessibleName(self.tr("مجلد حفظ الشهادات"))
        self.folder_button.setText(self.tr("اختيار…"))
        self.folder_button.setAccessibleName(self.tr("اختيار مجلد حفظ الشهادات"))
        self.all_button.setText(self.tr("تحديد كل المؤهلين"))
        self.none_button.setText(self.tr("إلغاء التحديد"))
        self.cancel_button.setText(self.tr("إلغاء"))
        self.issue_button.setText(self.tr("إصدار الشهادات وإنشاء الملفات"))
        self.table.setAccessibleName(self.tr("المؤهلون للشهادات"))
        for i in range(self.template_combo.count()):
            self.template_combo.setItemText(i, template_title(self.template_combo.itemData(i)))
        self.model.retranslate()
        self._update_summary()


def template_title(key: str) -> str:
    """«شهادة حضور — عربية» for the built-in keys; a custom key is shown as it is."""
    kinds = {
        "attendance": QCoreApplication.translate("Certificates", "شهادة حضور"),
        "appreciation": QCoreApplication.translate("Certificates", "شهادة شكر وتقدير"),
    }
    langs = {
        "ar": QCoreApplication.translate("Certificates", "عربية"),
        "en": QCoreApplication.translate("Certificates", "إنجليزية"),
    }
    kind, _, lang = key.rpartition("-")
    if kind in kinds and lang in langs:
        return f"{kinds[kind]} — {langs[lang]}"
    return key
