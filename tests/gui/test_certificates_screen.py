"""The certificates screen and the template editor, driven as a coordinator does; checked in the DB."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from fieldapp.core.identifiers import national_id_checksum_ok
from fieldapp.services import Services
from fieldapp.services.events import EventInput
from fieldapp.services.people import PersonInput
from fieldapp.store.models import Organisation

RIYADH = dt.timezone(dt.timedelta(hours=3))
DAY = dt.date(2025, 3, 30)


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(DAY.year, DAY.month, DAY.day, hour, minute, tzinfo=RIYADH)


_ids = iter(range(20_000, 100_000))


def _national_id() -> str:
    stem = f"1{next(_ids):08d}"
    return next(stem + d for d in "0123456789" if national_id_checksum_ok(stem + d))


@dataclass
class Event:
    id: str
    eligible: list[str]  # person ids with 5 h
    short: str  # 1 h, under the 2 h minimum
    absent: str  # registered, never came


def build_event(services: Services, eligible: int = 3) -> Event:
    with services.store.session("sara") as s:
        s.add(Organisation(name="أمانة محافظة الطائف", name_en="Taif Municipality", short_code="TAIF"))
    event = services.events.create(
        EventInput(
            title="ملتقى التطوع البلدي",
            starts_at=at(8),
            ends_at=at(14),
            place="حديقة الملك عبدالله",
            min_certificate_hours=2,
        )
    )
    names = ["عبدالله بن خميس الزايدي", "مُحَمَّد عَلِيّ", "إلـــهام الشمري", "نورة القحطاني", "سارة الحربي"]
    scan = services.attendance.scan
    people = []
    for i in range(eligible):
        pid = services.people.create(
            PersonInput(full_name=f"{names[i % 5]} {i}", national_id=_national_id())
        ).id
        scan(event.id, pid, method="manual", direction="in", at=at(8))
        scan(event.id, pid, method="manual", direction="out", at=at(13))
        people.append(pid)
    short = services.people.create(PersonInput(full_name="خالد قصير", national_id=_national_id())).id
    scan(event.id, short, method="manual", direction="in", at=at(9))
    scan(event.id, short, method="manual", direction="out", at=at(10))
    absent = services.people.create(PersonInput(full_name="فهد الغائب", national_id=_national_id())).id
    services.events.register(event.id, absent)
    return Event(event.id, people, short, absent)


@pytest.fixture
def event(gui_ctx) -> Event:
    return build_event(gui_ctx.services)


@pytest.fixture
def screen(gui_ctx, event, qtbot, tmp_path):
    from fieldapp.gui.certificates import CertificatesScreen

    gui_ctx.set_current_event(event.id)
    widget = CertificatesScreen(gui_ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.enter()
    widget.issue_tab.folder_edit.setText(str(tmp_path / "out"))
    return widget


def pdf_printer(path: Path) -> QPrinter:
    from fieldapp.gui.certificates.printing import new_printer

    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def select_row(table, row: int) -> None:
    from PySide6.QtCore import QItemSelectionModel

    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().setCurrentIndex(table.model().index(row, 0), flags)


def page_count(path: Path) -> int:
    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    try:
        return doc.pageCount()
    finally:
        doc.close()


def test_eligibility_list_shows_status_in_words(screen, event):
    model = screen.issue_tab.model
    assert screen.event_id == event.id
    by_id = {r.person_id: i for i, r in enumerate(model.rows)}
    assert set(by_id) == {*event.eligible, event.short, event.absent}
    status = {pid: model.index(i, 4).data() for pid, i in by_id.items()}
    assert all(status[p] == "مؤهل" for p in event.eligible)
    assert "أقل من الحد الأدنى" in status[event.short]
    assert "لم يحضر الفعالية" in status[event.absent]
    checks = {pid: model.index(i, 0).data(Qt.ItemDataRole.CheckStateRole) for pid, i in by_id.items()}
    assert all(checks[p] == Qt.CheckState.Checked for p in event.eligible)
    assert checks[event.short] is None and checks[event.absent] is None
    # The minimum-hours override makes the 1-hour volunteer eligible.
    screen.issue_tab.override_check.setChecked(True)
    screen.issue_tab.min_hours.setValue(1)
    screen.issue_tab.min_hours.editingFinished.emit()
    row = next(r for r in model.rows if r.person_id == event.short)
    assert row.eligible


def test_issue_and_render_batch_then_preview(screen, event, gui_ctx, qtbot, tmp_path):
    tab = screen.issue_tab
    # untick one eligible person: only the others are issued
    skipped = event.eligible[-1]
    row = next(i for i, r in enumerate(tab.model.rows) if r.person_id == skipped)
    tab.model.setData(tab.model.index(row, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    with qtbot.waitSignal(tab.rendered, timeout=10_000) as blocker:
        qtbot.mouseClick(tab.issue_button, Qt.MouseButton.LeftButton)
    files, ids = blocker.args
    assert len(ids) == len(event.eligible) - 1
    assert len(files) == 1 and files[0].exists() and files[0].parent == tmp_path / "out"
    assert page_count(files[0]) == len(event.eligible) - 1
    assert len(PdfReader(files[0]).pages) == len(event.eligible) - 1
    issued = gui_ctx.services.certificates.list(event.id)
    assert {c.person_id for c in issued} == set(event.eligible) - {skipped}
    assert screen.tabs.currentWidget() is screen.preview
    assert screen.preview.page_count() == len(event.eligible) - 1
    screen.preview.next_button.click()
    assert screen.preview.current_page() == 1
    # the list now says "already issued" with the serial
    serials = {c.person_id: c.serial for c in issued}
    status = [tab.model.index(i, 4).data() for i, r in enumerate(tab.model.rows) if r.person_id in serials]
    assert all(text.startswith("صدرت: TAIF-") for text in status)


def test_one_file_per_person(screen, event, qtbot, tmp_path):
    tab = screen.issue_tab
    tab.per_person.setChecked(True)
    with qtbot.waitSignal(tab.rendered, timeout=10_000) as blocker:
        tab.issue_button.click()
    files, _ids = blocker.args
    assert len(files) == len(event.eligible)
    assert all(page_count(f) == 1 for f in files)


def test_cancel_mid_batch_leaves_no_file(gui_ctx, qtbot, tmp_path):
    from fieldapp.gui.certificates import CertificatesScreen

    ev = build_event(gui_ctx.services, eligible=6)
    gui_ctx.set_current_event(ev.id)
    screen = CertificatesScreen(gui_ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.enter()
    tab = screen.issue_tab
    out = tmp_path / "cancelled"
    tab.folder_edit.setText(str(out))
    seen = []

    def click_cancel(done: int, total: int) -> None:
        seen.append(done)
        if done == 2:
            qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)

    tab.render_progress.connect(click_cancel)
    tab.issue_button.click()
    gui_ctx.runner.wait_idle(10)
    assert seen == [1, 2]  # stopped right after the click
    assert not list(out.glob("*.pdf")) if out.exists() else True
    assert "لم يُكتب أي ملف" in tab.note.text()
    assert gui_ctx.services.certificates.print_log() == []
    assert not tab.progress.isVisible() and not tab.cancel_button.isVisible()
    # they are issued now (same serials later); ticking them all renders them again
    assert all(r.already_issued for r in tab.model.rows if r.eligible)
    tab.all_button.click()
    assert tab.issue_button.isEnabled()


def test_print_and_reprint_keep_the_serial_and_log(screen, event, gui_ctx, qtbot, tmp_path):
    certs = gui_ctx.services.certificates
    issued = certs.issue(event.id, event.eligible[:2])
    ids = [c.id for c in issued]
    out = tmp_path / "paper.pdf"
    with qtbot.waitSignal(screen.printed, timeout=20_000) as blocker:
        screen.print_certificates(ids, printer=pdf_printer(out))
    assert blocker.args[0] == 2
    assert out.exists() and len(PdfReader(out).pages) == 2
    log = certs.print_log()
    assert [(r.kind, r.printer) for r in log] == [("print", "PDF: paper.pdf")] * 2

    # reprint the first from the issued list
    screen.tabs.setCurrentWidget(screen.issued_tab)
    row = next(i for i, c in enumerate(screen.issued_tab.model.rows) if c.id == ids[0])
    select_row(screen.issued_tab.table, row)
    assert screen.issued_tab.reprint_button.isEnabled()
    again = tmp_path / "again.pdf"
    screen.issued_tab.reprint_requested.disconnect()
    screen.issued_tab.reprint_requested.connect(
        lambda chosen, _dialog: screen.print_certificates(chosen, printer=pdf_printer(again), kind="reprint")
    )
    with qtbot.waitSignal(screen.printed, timeout=20_000):
        qtbot.mouseClick(screen.issued_tab.reprint_button, Qt.MouseButton.LeftButton)
    assert len(PdfReader(again).pages) == 1
    log = certs.print_log(ids[0])
    assert [r.kind for r in log] == ["print", "reprint"]
    assert {r.serial for r in log} == {issued[0].serial}
    assert [c.serial for c in certs.list(event.id) if c.id == ids[0]] == [issued[0].serial]
    # the print log tab shows it
    screen.tabs.setCurrentWidget(screen.log_tab)
    kinds = [screen.log_tab.model.index(i, 4).data() for i in range(screen.log_tab.model.rowCount())]
    assert kinds.count("إعادة طباعة") == 1 and kinds.count("طباعة") == 2


def test_default_printer_missing_is_said_clearly(screen, event, gui_ctx, monkeypatch):
    from fieldapp.gui.certificates import printing

    if printing.default_printer_name() is not None:
        pytest.skip("this machine has a default printer")
    (cert,) = gui_ctx.services.certificates.issue(event.id, event.eligible[:1])
    screen.print_certificates([cert.id], with_dialog=False)
    assert "لا توجد طابعة افتراضية" in screen.status_note.text()
    assert gui_ctx.services.certificates.print_log() == []


def test_coordinator_cannot_void_supervisor_can(screen, event, gui_ctx, make_user, qtbot):
    certs = gui_ctx.services.certificates
    certs.issue(event.id, event.eligible[:1])
    admin = gui_ctx.user
    gui_ctx.set_user(make_user(gui_ctx, "coordinator"))
    screen.tabs.setCurrentWidget(screen.issued_tab)
    tab = screen.issued_tab
    select_row(tab.table, 0)
    assert not tab.void_button.isEnabled()
    assert "للمشرف فقط" in tab.void_button.toolTip()
    assert tab.ask_void() is None
    assert tab.reprint_button.isEnabled()

    gui_ctx.set_user(make_user(gui_ctx, "supervisor"))
    tab.refresh()
    select_row(tab.table, 0)
    assert tab.void_button.isEnabled()
    qtbot.mouseClick(tab.void_button, Qt.MouseButton.LeftButton)
    dialog = tab.void_dialog
    assert dialog is not None and not dialog.ok_button.isEnabled()
    dialog.text_edit.setPlainText("اسم خاطئ")  # QTest cannot type Arabic keys
    dialog.ok_button.click()
    (view,) = certs.list(event.id)
    assert view.voided and view.void_reason == "اسم خاطئ"
    assert tab.model.index(0, 5).data().startswith("ملغاة")
    gui_ctx.set_user(admin)


def test_verify_rendered_pdf_says_genuine(screen, event, gui_ctx, qtbot, tmp_path):
    certs = gui_ctx.services.certificates
    (cert,) = certs.issue(event.id, event.eligible[:1])
    (pdf,) = certs.render([cert.id], tmp_path / "one.pdf")
    screen.tabs.setCurrentWidget(screen.verify_tab)
    tab = screen.verify_tab
    tab.verify_file(pdf)
    assert tab.outcome is not None and tab.outcome.status == "genuine"
    assert tab.banner.status == "ok"
    assert cert.serial in tab.banner.subtitle_label.text()
    # a wrong name turns the verdict amber
    tab.name_edit.setText("شخص آخر")
    qtbot.keyClick(tab.name_edit, Qt.Key.Key_Return)
    assert tab.outcome.name_matches is False and tab.banner.status == "warning"
    # tampered text (the signature of another code): red
    tab.name_edit.clear()
    text = _payload(gui_ctx, cert.id)
    (other,) = certs.issue(event.id, event.eligible[1:2])
    forged = text.rsplit(".", 1)[0] + "." + _payload(gui_ctx, other.id).rsplit(".", 1)[1]
    tab.code_edit.setText(forged)
    qtbot.mouseClick(tab.verify_button, Qt.MouseButton.LeftButton)
    assert tab.outcome.status == "tampered" and tab.banner.status == "refused"
    # voided: red
    certs.void(cert.id, "اسم خاطئ")
    tab.verify_file(pdf)
    assert tab.outcome.status == "voided" and tab.banner.status == "refused"


def _payload(gui_ctx, certificate_id: str) -> str:
    from sqlalchemy import select

    from fieldapp.store.models import Certificate

    with gui_ctx.store.reader() as r:
        return r.scalar(select(Certificate.payload).where(Certificate.id == certificate_id))


def test_print_for_person_from_the_desk(screen, event, gui_ctx, qtbot, tmp_path):
    out = tmp_path / "desk.pdf"
    person = event.eligible[0]
    with qtbot.waitSignal(screen.printed, timeout=20_000):
        screen.print_for_person(event.id, person, printer=pdf_printer(out))
        assert screen.last_print_error == ""
    assert len(PdfReader(out).pages) == 1
    (cert,) = gui_ctx.services.certificates.list(event.id)
    assert cert.person_id == person
    assert [r.kind for r in gui_ctx.services.certificates.print_log()] == ["print"]
    assert screen.tabs.currentWidget() is screen.preview and screen.preview.page_count() == 1
    # a person not eligible: a clear message, nothing issued
    screen.print_for_person(event.id, event.short, printer=pdf_printer(tmp_path / "no.pdf"))
    assert "خالد قصير" in screen.last_print_error
    assert len(gui_ctx.services.certificates.list(event.id)) == 1


def test_print_for_person_opens_the_print_dialog(screen, event, gui_ctx):
    screen.print_for_person(event.id, event.eligible[0])
    assert screen.print_dialog is not None and screen.print_dialog.isVisible()
    screen.print_dialog.reject()
    assert gui_ctx.services.certificates.list(event.id) == []  # nothing issued without a printer


# --- the template editor ---------------------------------------------------------------------


@pytest.fixture
def editor(gui_ctx, qtbot):
    from fieldapp.gui.certificates import TemplateEditor

    widget = TemplateEditor(gui_ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def test_template_editor_live_preview_and_save(editor, gui_ctx, qtbot):
    editor.select_key("attendance-en")
    assert editor.title_edit.text() == "Certificate of Attendance"
    assert editor.body_edit.layoutDirection() == Qt.LayoutDirection.LeftToRight
    first = editor.preview_path
    assert first is not None and first.exists()
    editor.title_edit.selectAll()
    with qtbot.waitSignal(editor.preview_ready, timeout=5_000):
        qtbot.keyClicks(editor.title_edit, "Volunteer Honour Roll")
    assert editor.preview_path != first
    doc = QPdfDocument()
    doc.load(str(editor.preview_path))
    assert "Volunteer Honour Roll" in doc.getAllText(0).text()
    doc.close()
    assert not editor.preview_label.pixmap().isNull()
    # a chip inserts its placeholder at the cursor
    editor.body_edit.moveCursor(editor.body_edit.textCursor().MoveOperation.End)
    editor.chips["place"].click()
    assert editor.body_edit.toPlainText().endswith("{place}")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    saved = gui_ctx.services.certificates.template("attendance-en")
    assert saved.title == "Volunteer Honour Roll" and saved.body.endswith("{place}")
    # back to the built-in text
    editor.reset_button.click()
    assert gui_ctx.services.certificates.template("attendance-en").title == "Certificate of Attendance"
    assert editor.title_edit.text() == "Certificate of Attendance"


def test_template_editor_refuses_unknown_placeholder(editor, gui_ctx, qtbot):
    editor.select_key("attendance-ar")
    assert editor.body_edit.layoutDirection() == Qt.LayoutDirection.RightToLeft
    before = gui_ctx.services.certificates.template("attendance-ar").body
    editor.body_edit.moveCursor(editor.body_edit.textCursor().MoveOperation.End)
    with qtbot.waitSignal(editor.preview_failed, timeout=5_000):
        qtbot.keyClicks(editor.body_edit, " {salary}")
    assert editor.error_label.isVisible()
    assert "salary" in editor.error_label.text()
    editor.save_button.click()
    assert "salary" in editor.error_label.text()
    assert gui_ctx.services.certificates.template("attendance-ar").body == before
    assert gui_ctx.services.settings.get("certificates.templates") == {}


def test_template_editor_save_is_for_admins(gui_ctx, make_user, qtbot):
    from fieldapp.gui.certificates import TemplateEditor

    gui_ctx.set_user(make_user(gui_ctx, "supervisor"))
    widget = TemplateEditor(gui_ctx)
    qtbot.addWidget(widget)
    assert not widget.save_button.isEnabled() and not widget.reset_button.isEnabled()
    assert widget.save_button.toolTip()


# --- the logo and signature ------------------------------------------------------------------


def test_branding_image_is_saved_through_the_runner(gui_ctx, qtbot, tmp_path):
    from PIL import Image

    from fieldapp.gui.branding import BrandingBox

    source = tmp_path / "logo.png"
    Image.new("RGB", (60, 60), (14, 92, 70)).save(source)
    box = BrandingBox(gui_ctx)
    qtbot.addWidget(box)
    with qtbot.waitSignal(gui_ctx.notifier.changed, timeout=5_000) as blocker:
        box.set_image("certificates.logo", source)
    assert "settings" in blocker.args[0].topics  # published by the runner, not by the box
    saved = gui_ctx.services.settings.get("certificates.logo")
    assert Path(saved).parent == gui_ctx.data_dir.root / "branding" and Path(saved).exists()
    assert gui_ctx.settings["certificates.logo"] == saved
    assert not box.previews["certificates.logo"].pixmap().isNull()
    assert box.clear["certificates.logo"].isEnabled()
    box.clear["certificates.logo"].click()
    assert gui_ctx.services.settings.get("certificates.logo") == ""
    assert not box.clear["certificates.logo"].isEnabled()


def test_template_editor_shows_the_mans_and_the_womans_wording(editor, gui_ctx, qtbot):
    editor.select_key("attendance-ar")
    tabs = editor.body_tabs
    titles = [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)]
    assert titles == ["للمتطوع", "للمتطوعة", "إن لم يُسجَّل الجنس (المتطوع/ـة)"]
    assert (
        "حضر " in editor.body_masculine_edit.toPlainText()
        and "/" not in editor.body_masculine_edit.toPlainText()
    )
    assert (
        "حضرت" in editor.body_feminine_edit.toPlainText() and "لها" in editor.body_feminine_edit.toPlainText()
    )
    assert "حضر/ت" in editor.body_edit.toPlainText()
    # The preview follows the tab: the woman's wording, with a woman's name.
    with qtbot.waitSignal(editor.preview_ready, timeout=5_000):
        tabs.setCurrentWidget(editor.body_feminine_edit)
    doc = QPdfDocument()
    doc.load(str(editor.preview_path))
    text = doc.getAllText(0).text()
    doc.close()
    assert "المتطوعة" in text and "حضرت" in text and "/" not in text.split("رقم الشهادة")[0]
    # An edit of the woman's text is saved beside the others.
    editor.body_feminine_edit.moveCursor(editor.body_feminine_edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.body_feminine_edit, " {place}")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    saved = gui_ctx.services.certificates.template("attendance-ar")
    assert saved.body_feminine.endswith("{place}") and saved.body_for("m") == saved.body_masculine
    # English templates are neutral: one text.
    editor.select_key("attendance-en")
    assert [tabs.isTabVisible(i) for i in range(tabs.count())] == [False, False, True]
    assert tabs.tabText(tabs.indexOf(editor.body_edit)) == "النص"


def test_printing_honours_the_page_range_and_copies_and_logs_what_was_printed(
    screen, event, gui_ctx, qtbot, tmp_path
):
    certs = gui_ctx.services.certificates
    issued = certs.issue(event.id, event.eligible[:3])
    ids = [c.id for c in issued]
    out = tmp_path / "range.pdf"
    printer = pdf_printer(out)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)  # the second certificate only
    printer.setCopyCount(2)
    with qtbot.waitSignal(screen.printed, timeout=20_000) as blocker:
        screen.print_certificates(ids, printer=printer)
    assert len(PdfReader(out).pages) == 2 and blocker.args[0] == 2  # one certificate, two copies
    [logged] = certs.print_log()
    assert logged.serial == issued[1].serial and "نسختان" in logged.printer
    assert "طُبعت صفحتان" in screen.status_note.text()
