"""«الشهادات الصادرة» (void, reprint) and «سجل الطباعة» tabs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui import theme
from fieldapp.gui.context import GuiContext
from fieldapp.gui.runner import Task
from fieldapp.gui.widgets import Column, TableModel, user_message
from fieldapp.gui.widgets.inputs import ReasonDialog
from fieldapp.gui.widgets.table import Index
from fieldapp.services.certificates import CertificateView, PrintLogRow


class IssuedModel(TableModel[CertificateView]):
    """Voided certificates stay listed, grey and struck out."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid():
            row = self.row_at(index)
            if row.voided and role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setStrikeOut(True)
                return font
            if row.voided and role == Qt.ItemDataRole.ForegroundRole and index.column() != 5:
                return QColor("#8a9590")
        return super().data(index, role)


def _table(name: str, model: TableModel) -> QTableView:
    table = QTableView(objectName=name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.setSortingEnabled(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


class IssuedTab(QWidget):
    #: the coordinator asked to reprint these certificate ids (with_dialog)
    reprint_requested = Signal(list, bool)

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id: str | None = None
        self._task: Task | None = None
        self.void_dialog: ReasonDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 12, 8, 8)
        self.summary = QLabel(objectName="issuedSummary")
        self.summary.setProperty("role", "muted")
        layout.addWidget(self.summary)
        self.model = IssuedModel(
            [
                Column(lambda: self.tr("رقم الشهادة"), lambda c: c.serial),
                Column(lambda: self.tr("الاسم"), lambda c: c.full_name),
                Column(
                    lambda: self.tr("الساعات"),
                    lambda c: self.ctx.fmt_hours(c.hours),
                    align=Qt.AlignmentFlag.AlignCenter,
                ),
                Column(lambda: self.tr("صدرت في"), lambda c: self.ctx.fmt_datetime(c.issued_at)),
                Column(lambda: self.tr("بواسطة"), lambda c: c.issued_by),
                Column(
                    lambda: self.tr("الحالة"),
                    self._status,
                    colour=lambda c: theme.REFUSED if c.voided else theme.OK,
                    tooltip=lambda c: c.void_reason or None,
                ),
            ],
            parent=self,
        )
        self.table = _table("issuedTable", self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.void_button = QPushButton(objectName="voidButton")
        self.void_button.setProperty("kind", "danger")
        self.reprint_default_button = QPushButton(objectName="reprintDefault")
        self.reprint_button = QPushButton(objectName="reprintButton")
        self.reprint_button.setProperty("kind", "primary")
        actions.addWidget(self.void_button)
        actions.addStretch(1)
        actions.addWidget(self.reprint_default_button)
        actions.addWidget(self.reprint_button)
        layout.addLayout(actions)
        self.note = QLabel(objectName="issuedNote", wordWrap=True)
        self.note.setVisible(False)
        layout.addWidget(self.note)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.void_button.clicked.connect(self.ask_void)
        self.reprint_button.clicked.connect(lambda: self._reprint(True))
        self.reprint_default_button.clicked.connect(lambda: self._reprint(False))
        ctx.user_changed.connect(lambda _u: self._update_buttons())
        self.retranslate()

    def _status(self, c: CertificateView) -> str:
        if c.voided:
            return self.tr("ملغاة: {0}").format(c.void_reason)
        if c.prints:
            return self.ctx.fmt_digits(self.tr("سارية · طُبعت %n مرة", "", c.prints))
        return self.tr("سارية")

    def set_event(self, event_id: str | None) -> None:
        self.event_id = event_id
        self.refresh()

    def refresh(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self._task = self.ctx.runner.db(
            self.ctx.services.certificates.list, self.event_id, on_done=self._show, on_error=self._failed
        )

    def _show(self, rows: list[CertificateView]) -> None:
        self.model.set_rows(rows)
        voided = sum(1 for r in rows if r.voided)
        self.summary.setText(
            self.ctx.fmt_digits(self.tr("%n شهادة، منها {0} ملغاة", "", len(rows)).format(voided))
        )
        self._update_buttons()

    def selected(self) -> list[CertificateView]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows]

    def _update_buttons(self) -> None:
        chosen = self.selected()
        live = [c for c in chosen if not c.voided]
        can_void = self.ctx.can("void")
        self.void_button.setEnabled(can_void and len(chosen) == 1 and bool(live))
        self.void_button.setToolTip(
            "" if can_void else self.tr("إلغاء الشهادة للمشرف فقط؛ اطلب من المشرف إلغاءها.")
        )
        self.reprint_button.setEnabled(bool(live) and self.ctx.can("certificate.print"))
        self.reprint_default_button.setEnabled(bool(live) and self.ctx.can("certificate.print"))

    def _reprint(self, with_dialog: bool) -> None:
        ids = [c.id for c in self.selected() if not c.voided]
        if ids:
            self.reprint_requested.emit(ids, with_dialog)

    # -- void ---------------------------------------------------------------------------------
    def ask_void(self) -> ReasonDialog | None:
        chosen = self.selected()
        if len(chosen) != 1 or chosen[0].voided or not self.ctx.can("void"):
            return None
        cert = chosen[0]
        self.void_dialog = ReasonDialog(
            self,
            self.tr("إلغاء شهادة"),
            self.tr("إلغاء الشهادة {0} لـ{1}. اكتب السبب (مثل: اسم خاطئ):").format(
                cert.serial, cert.full_name
            ),
            self.tr("إلغاء الشهادة"),
        )
        self.void_dialog.accepted.connect(lambda: self._void(cert, self.void_dialog.text()))
        self.void_dialog.open()
        return self.void_dialog

    def _void(self, cert: CertificateView, reason: str) -> None:
        self.ctx.runner.write(
            self.ctx.services.certificates.void,
            cert.id,
            reason,
            on_done=self._voided,
            on_error=self._failed,
        )

    def _voided(self, result) -> None:
        self._set_note("ok", self.tr("أُلغيت الشهادة {0}.").format(result.serial))
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self._set_note("error", user_message(exc))

    def _set_note(self, status: str, text: str) -> None:
        theme.set_state(self.note, "tone", status)
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def retranslate(self) -> None:
        self.void_button.setText(self.tr("إلغاء الشهادة…"))
        self.reprint_button.setText(self.tr("إعادة طباعة…"))
        self.reprint_default_button.setText(self.tr("إعادة طباعة على الطابعة الافتراضية"))
        self.table.setAccessibleName(self.tr("الشهادات الصادرة"))
        self.model.retranslate()
        self._update_buttons()


class PrintLogTab(QWidget):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id: str | None = None
        self._task: Task | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 12, 8, 8)
        self.summary = QLabel(objectName="printLogSummary")
        self.summary.setProperty("role", "muted")
        layout.addWidget(self.summary)
        self.model: TableModel[PrintLogRow] = TableModel(
            [
                Column(lambda: self.tr("رقم الشهادة"), lambda p: p.serial),
                Column(lambda: self.tr("الاسم"), lambda p: p.full_name),
                Column(lambda: self.tr("الوقت"), lambda p: self.ctx.fmt_datetime(p.at)),
                Column(lambda: self.tr("بواسطة"), lambda p: p.user_name),
                Column(lambda: self.tr("النوع"), self._kind),
                Column(lambda: self.tr("الطابعة"), lambda p: p.printer or "—"),
            ],
            parent=self,
        )
        self.table = _table("printLogTable", self.model)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def _kind(self, p: PrintLogRow) -> str:
        return {
            "print": self.tr("طباعة"),
            "reprint": self.tr("إعادة طباعة"),
            "pdf": self.tr("ملف PDF"),
        }.get(p.kind, p.kind)

    def set_event(self, event_id: str | None) -> None:
        self.event_id = event_id
        self.refresh()

    def refresh(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self._task = self.ctx.runner.db(
            self.ctx.services.certificates.print_log, event_id=self.event_id, on_done=self._show
        )

    def _show(self, rows: list[PrintLogRow]) -> None:
        rows = sorted(rows, key=lambda r: r.at, reverse=True)  # newest first
        self.model.set_rows(rows)
        self.summary.setText(self.tr("{0} عملية طباعة، الأحدث أولًا").format(self.ctx.fmt_number(len(rows))))

    def retranslate(self) -> None:
        self.table.setAccessibleName(self.tr("سجل الطباعة"))
        self.model.retranslate()
