"""The certificates screen: issue (eligibility → batch), preview, issued list, print log, verify.

Printing always goes: choose the printer (dialog or default) → the service renders the PDF and
logs each certificate as print/reprint → `printing.print_pages` puts it on paper page by page.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from fieldapp.gui.certificates import printing
from fieldapp.gui.certificates.issue import IssueTab
from fieldapp.gui.certificates.lists import IssuedTab, PrintLogTab
from fieldapp.gui.certificates.preview import PdfPreview
from fieldapp.gui.certificates.verify import VerifyTab
from fieldapp.gui.context import GuiContext
from fieldapp.gui.runner import Task
from fieldapp.gui.screen import Screen
from fieldapp.gui.widgets import user_message
from fieldapp.gui.widgets.inputs import directed, embed, set_note
from fieldapp.services.certificates import IssueChoices, PersonCertificate, Rendered

ISSUE_TAB, PREVIEW_TAB, ISSUED_TAB, LOG_TAB, VERIFY_TAB = range(5)


class CertificatesScreen(Screen):
    key = "certificates"
    topics = frozenset({"certificates", "scans", "events", "settings"})

    #: a print finished: (pages printed, printer label)
    printed = Signal(int, str)
    #: a print could not be done: the message shown
    print_failed = Signal(str)

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._events_task: Task | None = None
        # PDFs rendered only to be put on paper; the exported batches live in the data folder.
        self._print_dir = Path(tempfile.mkdtemp(prefix="fieldapp-print-"))
        print_dir = self._print_dir
        self.destroyed.connect(lambda *_: shutil.rmtree(print_dir, ignore_errors=True))
        self._printing = False
        self._pages_done = 0
        self.print_dialog: QPrintDialog | None = None
        self.last_print_error: str = ""

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        self.event_label = QLabel()
        self.event_combo = QComboBox(objectName="certEvent")
        self.event_combo.setMinimumWidth(420)
        self.event_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.event_label.setBuddy(self.event_combo)
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.event_label)
        top.addWidget(self.event_combo)
        layout.addLayout(top)

        self.tabs = QTabWidget(objectName="certificatesTabs")
        self.issue_tab = IssueTab(ctx)
        self.preview = PdfPreview(ctx)
        self.issued_tab = IssuedTab(ctx)
        self.log_tab = PrintLogTab(ctx)
        self.verify_tab = VerifyTab(ctx)
        for tab in (self.issue_tab, self.preview, self.issued_tab, self.log_tab, self.verify_tab):
            self.tabs.addTab(tab, "")
        layout.addWidget(self.tabs, 1)
        self.status_note = QLabel(objectName="printNote", wordWrap=True)
        self.status_note.setVisible(False)
        layout.addWidget(self.status_note)

        self.event_combo.currentIndexChanged.connect(self._event_chosen)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_tab())
        self.issue_tab.rendered.connect(self._show_rendered)
        self.preview.print_requested.connect(
            lambda with_dialog: self.print_certificates(self.preview.certificate_ids, with_dialog=with_dialog)
        )
        self.issued_tab.reprint_requested.connect(
            lambda ids, with_dialog: self.print_certificates(ids, kind="reprint", with_dialog=with_dialog)
        )
        ctx.current_event_changed.connect(self._current_event_changed)
        self.retranslate()

    # -- screen -------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("الشهادات")

    @property
    def event_id(self) -> str | None:
        return self.event_combo.currentData()

    def refresh(self) -> None:
        if self._events_task is not None:
            self._events_task.cancel()
        self._events_task = self.ctx.runner.db(
            self.ctx.services.certificates.issue_choices, on_done=self._show_events
        )

    def _show_events(self, data: IssueChoices) -> None:
        wanted = self.event_id or self.ctx.current_event_id or data.running_id
        self.event_combo.blockSignals(True)
        self.event_combo.clear()
        self._events = sorted(data.events, key=lambda e: e.starts_at, reverse=True)
        for event in self._events:
            self.event_combo.addItem(self._event_text(event), event.id)
        index = self.event_combo.findData(wanted)
        if index < 0 and self.event_combo.count():
            index = 0
        self.event_combo.setCurrentIndex(index)
        self.event_combo.blockSignals(False)
        self.issue_tab.set_templates(data.template_keys, data.default_template)
        self._event_chosen()

    def _event_text(self, event) -> str:
        # FSI…PDI: an Arabic title keeps its place inside an English line (and the reverse).
        return directed(f"{embed(event.title)} — {self.ctx.fmt_date(event.starts_at)}", self.ctx.is_rtl())

    def _event_chosen(self, _index: int = -1) -> None:
        for tab in (self.issue_tab, self.issued_tab, self.log_tab):
            tab.event_id = self.event_id
        self._refresh_tab()

    def _refresh_tab(self) -> None:
        index = self.tabs.currentIndex()
        if index == ISSUE_TAB:
            self.issue_tab.reload()
        elif index == ISSUED_TAB:
            self.issued_tab.refresh()
        elif index == LOG_TAB:
            self.log_tab.refresh()

    def select_event(self, event_id: str) -> None:
        index = self.event_combo.findData(event_id)
        if index >= 0 and index != self.event_combo.currentIndex():
            self.event_combo.setCurrentIndex(index)

    def _current_event_changed(self, event_id: str | None) -> None:
        if event_id is not None:
            self.select_event(event_id)

    def activate(self) -> None:
        if self.tabs.currentIndex() == VERIFY_TAB:
            self.verify_tab.code_edit.setFocus()
        else:
            self.event_combo.setFocus()

    # -- preview ------------------------------------------------------------------------------
    def _show_rendered(self, files: list[Path], certificate_ids: list[str]) -> None:
        self.preview.show_files(files, certificate_ids)
        self.tabs.setCurrentIndex(PREVIEW_TAB)

    # -- printing -----------------------------------------------------------------------------
    def print_certificates(
        self,
        certificate_ids: list[str],
        printer: QPrinter | None = None,
        kind: str = "print",
        with_dialog: bool = True,
    ) -> None:
        """Print certificates: through the dialog, on the default printer, or on `printer` (tests)."""
        ids = list(certificate_ids)
        if not ids or self._printing:
            return
        if printer is not None:
            self._render_and_print(ids, printer, kind)
        elif with_dialog:
            self._ask_printer(len(ids), lambda chosen: self._render_and_print(ids, chosen, kind))
        else:
            chosen = self.default_printer()
            if chosen is not None:
                self._render_and_print(ids, chosen, kind)

    def default_printer(self) -> QPrinter | None:
        name = printing.default_printer_name()
        if name is None:
            self._note(
                "warning",
                self.tr(
                    "لا توجد طابعة افتراضية على هذا الجهاز، فلم يُطبع شيء. عرّف طابعة في إعدادات النظام، "
                    "أو استخدم «طباعة…» واختر الطباعة إلى ملف PDF."
                ),
            )
            return None
        return printing.new_printer(name)

    def _ask_printer(self, pages: int, then) -> None:
        printer = printing.new_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("طباعة الشهادات"))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
        # One page per certificate: a range (8–8) or the certificate on screen prints just those.
        dialog.setMinMax(1, pages)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintCurrentPage, bool(self.preview.files))
        dialog.accepted.connect(lambda: then(printer))
        dialog.finished.connect(lambda _r: setattr(self, "print_dialog", None))
        self.print_dialog = dialog
        # QPrintDialog.open() needs a receiver in PySide; a window-modal show() is the same thing.
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()

    def _render_and_print(self, ids: list[str], printer: QPrinter, kind: str) -> None:
        current = self.preview.current_certificate() if self.preview.certificate_ids == ids else None
        ids = [ids[page] for page in printing.chosen_pages(printer, len(ids), current)]
        if not ids:
            self._note("warning", self.tr("لا صفحات في المدى المطلوب، فلم يُطبع شيء."))
            return
        self._printing = True
        label = printing.printer_label(printer)
        if printing.copies(printer) > 1:
            label = self.ctx.fmt_digits(self.tr("{0} — %n نسخة", "", printing.copies(printer))).format(label)
        # The service renders one PDF of just these and logs each as print/reprint (with the copies).
        self.ctx.runner.write(
            self.ctx.services.certificates.render,
            ids,
            self._print_dir,
            kind=kind,
            printer=label,
            on_done=lambda rendered: self._print_files(printer, rendered, ids),
            on_error=self._print_failed,
        )

    def _print_files(self, printer: QPrinter, rendered: Rendered, ids: list[str]) -> None:
        files = list(rendered.files)
        if not self.preview.files:
            self.preview.show_files(files, ids)
        self._start_paper(printer, files[0])

    def _start_paper(self, printer: QPrinter, path: Path) -> None:
        """Put the PDF on paper one page per event-loop turn (a 300 dpi page takes a moment),
        so the window keeps repainting during a long batch. `printed` or `print_failed` at the end."""
        label = printing.printer_label(printer)
        pages = printing.print_pages(printer, path)

        def step() -> None:
            try:
                advanced = next(pages, None)
            except printing.PrintError as exc:
                self._print_failed(exc)
                return
            if advanced is not None:
                done, total = advanced
                self.ctx.show_message(
                    self.tr("طباعة الصفحة {0} من {1}…").format(
                        self.ctx.fmt_number(done), self.ctx.fmt_number(total)
                    )
                )
                self._pages_done = done
                QTimer.singleShot(0, step)
                return
            self._printing = False
            self._note(
                "ok",
                self.ctx.fmt_digits(
                    self.tr("طُبعت %n صفحة على {0}، وسُجّلت في سجل الطباعة.", "", self._pages_done)
                ).format(label),
            )
            self.printed.emit(self._pages_done, label)

        self._pages_done = 0
        step()

    def _print_failed(self, exc: BaseException) -> None:
        self._printing = False
        if isinstance(exc, printing.PrintError):
            text = self.tr("تعذّرت الطباعة: {0}").format(str(exc))
        else:
            text = user_message(exc)
        self.last_print_error = text
        self._note("error", text)
        self.print_failed.emit(text)

    def _note(self, status: str, text: str) -> None:
        set_note(self.status_note, status, text)
        if text:
            self.ctx.show_message(text, "error" if status == "error" else status)

    # -- from the desk ------------------------------------------------------------------------
    def print_for_person(self, event_id: str, person_id: str, printer: QPrinter | None = None) -> None:
        """The desk's «طباعة الشهادة»: choose the printer, then issue (or keep) and print, then preview."""
        self.select_event(event_id)
        if printer is not None:
            self._issue_and_print(event_id, person_id, printer)
        else:
            self._ask_printer(1, lambda chosen: self._issue_and_print(event_id, person_id, chosen))

    def _issue_and_print(self, event_id: str, person_id: str, printer: QPrinter) -> None:
        self._printing = True
        self.ctx.runner.write(
            self.ctx.services.certificates.issue_and_render_for_person,
            event_id,
            person_id,
            self._print_dir,
            self.issue_tab.template_key(),
            kind="print",
            printer=printing.printer_label(printer),
            on_done=lambda result: self._person_rendered(printer, result),
            on_error=self._print_failed,
        )

    def _person_rendered(self, printer: QPrinter, result: PersonCertificate) -> None:
        self.preview.show_files([result.path], [result.certificate_id])
        self.tabs.setCurrentIndex(PREVIEW_TAB)
        self._start_paper(printer, result.path)

    # -- language -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(self.tr("الشهادات"))
        self.event_label.setText(self.tr("الفعالية:"))
        self.event_combo.setAccessibleName(self.tr("الفعالية"))
        self.tabs.setTabText(ISSUE_TAB, self.tr("الإصدار"))
        self.tabs.setTabText(PREVIEW_TAB, self.tr("المعاينة والطباعة"))
        self.tabs.setTabText(ISSUED_TAB, self.tr("الشهادات الصادرة"))
        self.tabs.setTabText(LOG_TAB, self.tr("سجل الطباعة"))
        self.tabs.setTabText(VERIFY_TAB, self.tr("التحقق"))
        for index, event in enumerate(getattr(self, "_events", [])):
            self.event_combo.setItemText(index, self._event_text(event))  # its date in the new language
        for tab in (self.issue_tab, self.preview, self.issued_tab, self.log_tab, self.verify_tab):
            tab.retranslate()
