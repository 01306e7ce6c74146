"""سجل المتطوع: a person's history (events with first in, last out and hours; totals per Hijri and
Gregorian year; certificates with reprint; gifts; flags), the cumulative hours certificate, and the
organisation's hours report per volunteer for a period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core import dates
from fieldapp.core.errors import FieldAppError
from fieldapp.gui import theme
from fieldapp.gui.context import GuiContext
from fieldapp.gui.exports import ask_path, default_file_name, run_export, safe_name
from fieldapp.gui.widgets import Column, HijriDateEdit, TableModel, show_error
from fieldapp.gui.widgets.inputs import ReasonDialog, ltr, number_inputs
from fieldapp.reports import organisation_name
from fieldapp.reports import partners as reports
from fieldapp.services import Services
from fieldapp.services import volunteer_record as vr
from fieldapp.services.volunteer_record import (
    HoursCertificateView,
    Period,
    RecordCertificate,
    RecordEvent,
    RecordGift,
    VolunteerRecord,
    YearTotal,
)

HIJRI, GREGORIAN, RANGE = range(3)


def _table(model: TableModel, name: str) -> QTableView:
    table = QTableView(objectName=name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


class PeriodChooser(QWidget):
    """A Hijri year, a Gregorian year, or from–to; `period()` raises a ValidationError when wrong."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        today = dates.local_now().date()
        self.kind = QComboBox(objectName="periodKind")
        self.hijri_year = QSpinBox(objectName="periodHijriYear")
        self.hijri_year.setRange(1400, 1500)
        self.hijri_year.setValue(dates.to_hijri(today)[0])
        self.gregorian_year = QSpinBox(objectName="periodYear")
        self.gregorian_year.setRange(1990, 2100)
        self.gregorian_year.setValue(today.year)
        self.start = HijriDateEdit(digits=ctx.digits)
        self.start.set_date(dt.date(today.year, 1, 1))
        self.end = HijriDateEdit(digits=ctx.digits)
        span = QWidget()
        row = QHBoxLayout(span)
        row.setContentsMargins(0, 0, 0, 0)
        self.from_label, self.to_label = QLabel(), QLabel()
        for widget in (self.from_label, self.start, self.to_label, self.end):
            row.addWidget(widget)
        self.stack = QStackedWidget()
        for widget in (self.hijri_year, self.gregorian_year, span):
            self.stack.addWidget(widget)
        self.kind.currentIndexChanged.connect(self.stack.setCurrentIndex)
        number_inputs(ctx.digits, self.hijri_year, self.gregorian_year, self.start.edit, self.end.edit)
        for spin in (self.hijri_year, self.gregorian_year):
            spin.setMaximumWidth(110)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.stack, 1)
        self.retranslate()

    def retranslate(self) -> None:
        current = self.kind.currentIndex()
        self.kind.clear()
        self.kind.addItems([self.tr("سنة هجرية"), self.tr("سنة ميلادية"), self.tr("من تاريخ إلى تاريخ")])
        self.kind.setCurrentIndex(max(0, current))
        self.from_label.setText(self.tr("من"))
        self.to_label.setText(self.tr("إلى"))
        self.kind.setAccessibleName(self.tr("نوع الفترة"))

    def period(self) -> Period:
        kind = self.kind.currentIndex()
        if kind == HIJRI:
            return vr.hijri_year(self.hijri_year.value())
        if kind == GREGORIAN:
            return vr.gregorian_year(self.gregorian_year.value())
        return vr.period(self.start.date(), self.end.date())


def issue_and_render(services: Services, person_id: str, period: Period, folder: Path) -> Path:
    """On the DB thread: issue (or find) the cumulative certificate and write its PDF."""
    cert = services.volunteer_record.issue_hours_certificate(person_id, period)
    return _render(services, cert, folder)


def _render(services: Services, cert: HoursCertificateView, folder: Path) -> Path:
    path = folder / f"{cert.serial}-{safe_name(cert.full_name)}.pdf"
    return services.volunteer_record.render_hours_certificate(cert.id, path)


def reprint_hours(services: Services, certificate_id: str, folder: Path) -> Path:
    """On the DB thread: a cumulative certificate again, with its serial, QR and events as issued."""
    return _render(services, services.volunteer_record.hours_certificate(certificate_id), folder)


class VolunteerRecordDialog(QDialog):
    """The record of one person; opened from the People screen."""

    def __init__(self, ctx: GuiContext, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id = person_id
        self.record: VolunteerRecord | None = None
        self.setObjectName("volunteerRecord")
        self.setWindowTitle(self.tr("سجل المتطوع"))
        self.name_label = QLabel(objectName="recordName")
        self.name_label.setProperty("role", "heading")
        self.summary_label = QLabel(objectName="recordSummary", wordWrap=True)
        self.summary_label.setProperty("role", "muted")

        self.events_model: TableModel[RecordEvent] = TableModel(
            [
                Column(lambda: self.tr("الفعالية"), lambda e: e.title),
                Column(lambda: self.tr("التاريخ"), lambda e: self.ctx.fmt_hijri(e.starts_at)),
                Column(lambda: self.tr("أول دخول"), lambda e: ltr(self._time(e.first_in))),
                Column(
                    lambda: self.tr("آخر خروج"),
                    lambda e: ltr(self._time(e.last_out)) if not e.still_in else self.tr("في الموقع"),
                ),
                Column(lambda: self.tr("الساعات"), lambda e: self.ctx.fmt_hours(e.hours)),
                Column(
                    lambda: self.tr("ملاحظات"),
                    lambda e: "، ".join(
                        vr.RecordFlag(e.starts_at, "", f).text() for f in e.flags if f in vr.FLAG_KEYS
                    ),
                    colour=lambda e: theme.WARNING if e.flags else None,
                ),
            ]
        )
        self.events_table = _table(self.events_model, "recordEvents")
        for column, width in enumerate((250, 170, 80, 80, 90)):
            self.events_table.horizontalHeader().resizeSection(column, width)
        year_columns = [
            Column(lambda: self.tr("الفعاليات"), lambda y: self.ctx.fmt_number(y.events)),
            Column(lambda: self.tr("الساعات"), lambda y: self.ctx.fmt_hours(y.hours)),
        ]
        self.hijri_model: TableModel[YearTotal] = TableModel(
            [
                Column(lambda: self.tr("السنة الهجرية"), lambda y: self.ctx.fmt_digits(f"{y.year} هـ")),
                *year_columns,
            ]
        )
        self.gregorian_model: TableModel[YearTotal] = TableModel(
            [
                Column(lambda: self.tr("السنة الميلادية"), lambda y: self.ctx.fmt_digits(f"{y.year} م")),
                *year_columns,
            ]
        )
        years = QWidget()
        row = QHBoxLayout(years)
        row.addWidget(_table(self.hijri_model, "hijriYears"))
        row.addWidget(_table(self.gregorian_model, "gregorianYears"))

        self.certs_model: TableModel[RecordCertificate] = TableModel(
            [
                Column(lambda: self.tr("الرقم"), lambda c: ltr(c.serial)),
                Column(
                    lambda: self.tr("النوع"),
                    lambda c: self.tr("ساعات تطوعية") if c.kind == "hours" else self.tr("فعالية"),
                ),
                Column(lambda: self.tr("البيان"), lambda c: c.title),
                Column(lambda: self.tr("الساعات"), lambda c: self.ctx.fmt_hours(c.hours)),
                Column(lambda: self.tr("صدرت"), lambda c: self.ctx.fmt_hijri(c.issued_at)),
                Column(
                    lambda: self.tr("الحالة"),
                    lambda c: self.tr("ملغاة") if c.voided else self.tr("سارية"),
                    colour=lambda c: theme.REFUSED if c.voided else None,
                ),
            ]
        )
        self.certs_table = _table(self.certs_model, "recordCertificates")
        self.certs_table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        self.reprint_button = QPushButton(objectName="reprintCertificate")
        self.reprint_button.clicked.connect(lambda: self.reprint())
        self.void_button = QPushButton(objectName="voidHoursCertificate")
        self.void_button.setProperty("kind", "danger")
        self.void_button.clicked.connect(self.ask_void)
        certs = QWidget()
        box = QVBoxLayout(certs)
        box.addWidget(self.certs_table, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.reprint_button)
        actions.addWidget(self.void_button)
        actions.addStretch(1)
        box.addLayout(actions)

        self.gifts_model: TableModel[RecordGift] = TableModel(
            [
                Column(lambda: self.tr("التاريخ"), lambda g: self.ctx.fmt_hijri(g.at)),
                Column(lambda: self.tr("الهدية"), lambda g: g.gift_name),
                Column(lambda: self.tr("الكمية"), lambda g: self.ctx.fmt_quantity(g.quantity, g.unit)),
                Column(lambda: self.tr("الفعالية"), lambda g: g.event_title),
            ]
        )
        self.flags_list = QListWidget(objectName="recordFlags")

        self.tabs = QTabWidget(objectName="recordTabs")
        self.tabs.addTab(_wrap(self.events_table), "")
        self.tabs.addTab(years, "")
        self.tabs.addTab(certs, "")
        self.tabs.addTab(_wrap(_table(self.gifts_model, "recordGifts")), "")
        self.tabs.addTab(_wrap(self.flags_list), "")

        self.period = PeriodChooser(ctx)
        self.hours_button = QPushButton(objectName="issueHoursCertificate")
        self.hours_button.setProperty("kind", "primary")
        self.hours_button.clicked.connect(lambda: self.issue_hours_certificate())
        self.hours_note = QLabel(objectName="hoursNote", wordWrap=True)
        bottom = QHBoxLayout()
        self.hours_label = QLabel()
        self.hours_label.setProperty("role", "subheading")
        bottom.addWidget(self.hours_label)
        bottom.addWidget(self.period, 1)
        bottom.addWidget(self.hours_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.name_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.hours_note)
        layout.addWidget(close)
        self.retranslate()
        self.resize(980, 640)
        self.reload()

    def retranslate(self) -> None:
        for n, text in enumerate(
            (
                self.tr("الفعاليات"),
                self.tr("الساعات حسب السنة"),
                self.tr("الشهادات"),
                self.tr("الهدايا"),
                self.tr("تنبيهات"),
            )
        ):
            self.tabs.setTabText(n, text)
        self.reprint_button.setText(self.tr("إعادة طباعة الشهادة المحددة"))
        self.void_button.setText(self.tr("إلغاء شهادة الساعات…"))
        self.void_button.setAccessibleName(self.tr("إلغاء شهادة الساعات المحددة (للمشرف)"))
        self.hours_label.setText(self.tr("شهادة ساعات تطوعية:"))
        self.hours_button.setText(self.tr("إصدار الشهادة"))
        self.hours_button.setAccessibleName(self.tr("إصدار شهادة ساعات تطوعية للفترة المختارة"))

    def _time(self, value: dt.datetime | None) -> str:
        return self.ctx.fmt_time(value) if value else "—"

    @property
    def folder(self) -> Path:
        return self.ctx.data_dir.exports / "certificates"

    def reload(self) -> None:
        self.ctx.runner.db(
            self.ctx.services.volunteer_record.record,
            self.person_id,
            on_done=self._show,
            on_error=self._error,
        )

    def _show(self, record: VolunteerRecord) -> None:
        self.record = record
        self.name_label.setText(record.full_name)
        first = min((e.starts_at for e in record.events), default=None)
        summary = self.ctx.fmt_digits(self.tr("%n فعالية، %2 في المجموع", "", len(record.events)))
        summary = summary.replace("%2", self.ctx.fmt_hours(record.total_hours))
        if first is not None:
            summary += self.tr("، منذ %1").replace("%1", self.ctx.fmt_hijri(first))
        if record.national_id:  # last: a number after an embedded id would join its run
            summary += " — " + self.tr("رقم الهوية: %1").replace("%1", ltr(record.national_id))
        self.summary_label.setText(summary)
        self.events_model.set_rows(record.events)
        self.hijri_model.set_rows(record.hijri_years)
        self.gregorian_model.set_rows(record.gregorian_years)
        self.certs_model.set_rows(record.certificates)
        self.gifts_model.set_rows(record.gifts)
        self.flags_list.clear()
        for flag in record.flags:
            self.flags_list.addItem(f"{self.ctx.fmt_hijri(flag.at)} — {flag.where}: {flag.text()}")
        if not record.flags:
            self.flags_list.addItem(self.tr("لا تنبيهات."))
        self._update_actions()

    def current_certificate(self) -> RecordCertificate | None:
        index = self.certs_table.currentIndex()
        return self.certs_model.row_at(index) if index.isValid() else None

    def _update_actions(self) -> None:
        cert = self.current_certificate()
        can_print = self.ctx.can("certificate.print")
        self.reprint_button.setEnabled(can_print and cert is not None and not cert.voided)
        # An event certificate is voided on the Certificates screen; a cumulative one here.
        self.void_button.setEnabled(
            self.ctx.can("void") and cert is not None and cert.kind == "hours" and not cert.voided
        )
        self.hours_button.setEnabled(can_print and bool(self.record and self.record.events))

    def issue_hours_certificate(self, folder: Path | None = None) -> None:
        try:
            period = self.period.period()
        except FieldAppError as exc:  # a wrong period: said here, like any refused value
            self._error(exc)
            return
        self.ctx.runner.write(
            self.ctx.services.volunteer_record.issue_hours_certificate,
            self.person_id,
            period,
            on_done=lambda cert: self._render(cert, folder or self.folder),
            on_error=self._error,
        )

    def _render(self, cert: HoursCertificateView, folder: Path) -> None:
        def done(path: Path) -> None:
            self.hours_note.setText(
                self.tr("الشهادة %1: %2").replace("%1", ltr(cert.serial)).replace("%2", str(path))
            )
            self.last_file = path
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
            self.reload()

        self.ctx.runner.db(_render, self.ctx.services, cert, folder, on_done=done, on_error=self._error)

    def reprint(self, folder: Path | None = None) -> None:
        cert = self.current_certificate()
        if cert is None:
            return
        if cert.kind == "hours":
            self.ctx.runner.db(
                reprint_hours,
                self.ctx.services,
                cert.id,
                folder or self.folder,
                on_done=self._opened,
                on_error=self._error,
            )
        else:  # an event certificate's reprint is logged: a write
            self.ctx.runner.write(
                self.ctx.services.certificates.render,
                [cert.id],
                (folder or self.folder) / f"{cert.serial}.pdf",
                kind="reprint",
                on_done=lambda files: self._opened(files[0]),
                on_error=self._error,
            )

    def ask_void(self) -> ReasonDialog | None:
        cert = self.current_certificate()
        if cert is None or cert.kind != "hours":
            return None
        dialog = ReasonDialog(
            self,
            self.tr("إلغاء شهادة الساعات"),
            self.tr("لماذا تُلغى الشهادة %1؟ ستظهر «ملغاة» لكل من يتحقق منها.").replace("%1", cert.serial),
            self.tr("ألغِ الشهادة"),
        )
        dialog.accepted.connect(
            lambda: self.ctx.runner.write(
                self.ctx.services.volunteer_record.void_hours_certificate,
                cert.id,
                dialog.text(),
                on_done=lambda _c: self.reload(),
                on_error=self._error,
            )
        )
        self.void_dialog = dialog
        dialog.open()
        return dialog

    def _opened(self, path: Path) -> None:
        self.last_file = path
        self.hours_note.setText(self.tr("حُفظ الملف: %1").replace("%1", str(path)))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _error(self, exc: BaseException) -> None:
        show_error(self, exc)


def _wrap(widget: QWidget) -> QWidget:
    page = QWidget()
    QVBoxLayout(page).addWidget(widget)
    return page


def write_hours_report(services: Services, period: Period, path: str, kind: str) -> Path:
    """On the DB thread: the hours per volunteer for the period, as Excel or PDF."""
    report = services.volunteer_record.hours_report(period)
    writer = reports.hours_xlsx if kind == "xlsx" else reports.hours_pdf
    return writer(report, path, organisation_name(services))


class HoursReportDialog(QDialog):
    """Choose a period, export the organisation's hours per volunteer (sorted, totalled)."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("hoursReport")
        self.setWindowTitle(self.tr("تقرير الساعات التطوعية"))
        self.period = PeriodChooser(ctx)
        explain = QLabel(
            self.tr(
                "رقم الهوية والاسم وعدد الفعاليات والساعات لكل متطوع، مرتبة من الأكثر ساعات، مع المجموع."
            ),
            wordWrap=True,
        )
        self.xlsx_button = QPushButton(self.tr("تصدير Excel"), objectName="hoursXlsx")
        self.pdf_button = QPushButton(self.tr("تصدير PDF"), objectName="hoursPdf")
        self.pdf_button.setProperty("kind", "primary")
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.xlsx_button)
        buttons.addWidget(self.pdf_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.period)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(620, 0)

    def export(self, kind: str, path: str | Path | None = None) -> None:
        try:
            period = self.period.period()
        except FieldAppError as exc:
            show_error(self, exc)
            return
        if path is None:
            path = ask_path(
                self, default_file_name(self.tr("ساعات"), f"{period.start}-{period.end}", kind), kind
            )
            if not path:
                return
        run_export(self.ctx, self, write_hours_report, self.ctx.services, period, str(path), kind)


def most_active_record(ctx: GuiContext, parent: QWidget) -> VolunteerRecordDialog | None:
    """The record of the volunteer with the most hours in the last two years (for screenshots)."""
    today = dates.local_now().date()
    report = ctx.services.volunteer_record.hours_report(vr.period(today - dt.timedelta(days=730), today))
    if not report.rows:
        return None
    dialog = VolunteerRecordDialog(ctx, report.rows[0].person_id, parent)
    dialog.tabs.setCurrentIndex(0)
    dialog.show()
    return dialog
