"""The roster screen driven as a supervisor would: search, edit with inline errors, import with cancel."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from fieldapp.core.permissions import Actor
from fieldapp.gui.people import PeopleScreen
from fieldapp.gui.people.importer import EVENT, PREVIEW, ImportDialog
from fieldapp.services import Services
from fieldapp.services.events import EventInput
from fieldapp.services.people import PersonInput


def type_text(widget, text: str) -> None:
    """One key event per character, like a keyboard (QTest.keyClicks aborts on Arabic letters)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _svc(ctx) -> Services:
    return Services(ctx.store, Actor("sara", "admin"))


def _add(ctx, name: str, nid: str, mobile: str | None = None):
    return _svc(ctx).people.create(PersonInput(full_name=name, national_id=nid, mobile=mobile))


@pytest.fixture
def screen(gui_ctx, qtbot):
    widget = PeopleScreen(gui_ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.enter()
    return widget


def _search(qtbot, screen, text: str) -> None:
    screen.search.clear()
    type_text(screen.search, text)
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)


def test_roster_lists_everyone_and_the_forgiving_search_filters(gui_ctx, qtbot):
    _add(gui_ctx, "عبدالله بن خميس الزايدي", "1000000008", "0501234567")
    _add(gui_ctx, "نورة القحطاني", "1000000016")
    _add(gui_ctx, "إلهام العتيبي", "2000000006")
    screen = PeopleScreen(gui_ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.enter()
    assert screen.model.rowCount() == 3
    names = {screen.model.index(r, 0).data() for r in range(3)}
    assert "نورة القحطاني" in names
    _search(qtbot, screen, "عبد الله الزايدى")  # space in the compound, ى for ي
    assert screen.model.rowCount() == 1
    assert screen.model.index(0, 0).data() == "عبدالله بن خميس الزايدي"
    assert screen.model.index(0, 3).data().strip("\u202a\u202c") == "+966 50 123 4567"
    _search(qtbot, screen, "الهام")  # no hamza
    assert [screen.model.index(r, 0).data() for r in range(screen.model.rowCount())] == ["إلهام العتيبي"]
    qtbot.keyClick(screen.search, Qt.Key.Key_Escape)  # back to the whole roster
    assert screen.model.rowCount() == 3


def test_a_large_roster_is_fetched_page_by_page(gui_ctx, qtbot, screen):
    from fieldapp.gui.people.model import PAGE_SIZE

    people = _svc(gui_ctx).people
    for i in range(PAGE_SIZE + 30):
        nid = f"1{i:08d}"
        nid += str(next(d for d in range(10) if _luhn_ok(nid + str(d))))
        people.create(PersonInput(full_name=f"متطوع رقم {i:04d}", national_id=nid))
    screen.refresh()
    assert screen.model.rowCount() == PAGE_SIZE + 30
    last = screen.model.rowCount() - 1
    assert screen.model.index(last, 0).data() == "…"  # not fetched yet: asked for, not blocking
    qtbot.waitUntil(lambda: screen.model.index(last, 0).data() != "…", timeout=2000)
    assert screen.model.index(last, 0).data().startswith("متطوع رقم")


def _luhn_ok(nid: str) -> bool:
    from fieldapp.core.identifiers import national_id_checksum_ok

    return national_id_checksum_ok(nid)


def test_edit_with_an_invalid_mobile_shows_the_error_beside_it_then_saves_a_valid_one(gui_ctx, qtbot, screen):
    person = _add(gui_ctx, "نورة القحطاني", "1000000016", "0501111111")
    screen.refresh()
    screen.select_row(0)
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    dialog = screen.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.ui.mobile.clear()
    qtbot.keyClicks(dialog.ui.mobile, "12345")
    qtbot.mouseClick(
        dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert dialog.isVisible()
    assert dialog.error_text("mobile")  # shown next to the mobile field
    assert dialog.error_text("full_name") == ""
    assert _svc(gui_ctx).people.get(person.id).mobile == "+966501111111"  # nothing written

    dialog.ui.mobile.clear()
    type_text(dialog.ui.mobile, "٠٥٥١٢٣٤٥٦٧")  # Arabic-Indic digits as typed
    qtbot.mouseClick(
        dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert not dialog.isVisible()
    assert _svc(gui_ctx).people.get(person.id).mobile == "+966551234567"
    assert screen.model.index(0, 3).data().strip("\u202a\u202c") == "+966 55 123 4567"  # the table refreshed


def test_a_bad_id_check_digit_needs_a_supervisor_to_accept_it(gui_ctx, qtbot, screen, make_user):
    gui_ctx.set_user(make_user(gui_ctx, "supervisor"))
    dialog = screen.add_person()
    type_text(dialog.ui.fullName, "فهد الدوسري")
    qtbot.keyClicks(dialog.ui.nationalId, "1000000000")  # fails the Luhn check
    dialog.save()
    assert dialog.isVisible()
    assert dialog.error_text("national_id")
    assert dialog.accept_checksum.isVisible() and dialog.accept_checksum.isEnabled()
    assert _svc(gui_ctx).people.count() == 0
    dialog.accept_checksum.setChecked(True)
    dialog.save()
    assert not dialog.isVisible()
    assert _svc(gui_ctx).people.find_duplicates("1000000000", None)[0].full_name == "فهد الدوسري"


def test_a_coordinator_cannot_edit_or_import(gui_ctx, qtbot, screen, make_user):
    _add(gui_ctx, "نورة القحطاني", "1000000016")
    gui_ctx.set_user(make_user(gui_ctx, "coordinator"))
    screen.refresh()
    screen.select_row(0)
    assert not screen.add_button.isEnabled()
    assert not screen.edit_button.isEnabled()
    assert not screen.import_button.isEnabled()
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert screen.dialog is None
    assert screen.open_import() is None


def _write_csv(path, rows: list[str]) -> None:
    path.write_text("\n".join(["الاسم,رقم الهوية,الجوال", *rows]) + "\n", encoding="utf-8")


def _valid_nid(i: int) -> str:
    base = f"1{i:08d}"
    return base + str(next(d for d in range(10) if _luhn_ok(base + str(d))))


def test_import_wizard_previews_errors_by_line_and_writes_only_valid_rows(gui_ctx, qtbot, screen, tmp_path):
    event = _svc(gui_ctx).events.create(
        EventInput("ملتقى التطوع", dt.datetime(2030, 1, 5, 8), dt.datetime(2030, 1, 5, 14))
    )
    path = tmp_path / "roster.csv"
    _write_csv(
        path,
        [
            f"سعد العمري,{_valid_nid(1)},0501000001",
            "بلا هوية صحيحة,12345,0501000002",  # line 3: bad national ID
            f"هند الحربي,{_valid_nid(3)},0501000003",
            f",{_valid_nid(4)},0501000004",  # line 5: no name
            f"ريم الشهري,{_valid_nid(5)},0501000005",
        ],
    )
    dialog = screen.open_import()
    dialog.choose_file(path)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.step() == PREVIEW
    assert dialog.preview.row_count == 5
    assert sorted(set(dialog.error_lines())) == [3, 5]
    assert "10" in dialog.errors_table.item(0, 3).text()  # the reason says what is expected
    assert dialog.errors_table.item(0, 1).text() == "بلا هوية صحيحة"  # the person's name beside the line
    assert dialog.errors_table.item(0, 3).toolTip() == dialog.errors_table.item(0, 3).text()
    # Saved to send back to whoever made the file: Excel (right to left) and CSV.
    sheet = load_workbook(dialog.save_errors(dialog.errors_table, tmp_path / "errors.xlsx")).active
    assert sheet.sheet_view.rightToLeft
    assert [c.value for c in sheet[1]] == ["السطر", "الاسم", "العمود", "السبب"]
    assert (sheet["A2"].value, sheet["B2"].value) == (3, "بلا هوية صحيحة")
    csv_text = dialog.save_errors(dialog.errors_table, tmp_path / "errors.csv").read_text(
        encoding="utf-8-sig"
    )
    assert csv_text.splitlines()[1].startswith("3,بلا هوية صحيحة,")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.step() == EVENT
    dialog.choose_event(event.id)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    report = dialog.report
    assert report is not None and not report.cancelled
    assert (report.added, report.registered) == (3, 3)
    assert sorted(set(dialog.error_lines(dialog.report_errors))) == [3, 5]
    services = _svc(gui_ctx)
    assert services.people.count() == 3
    assert len(services.events.registered_ids(event.id)) == 3
    assert screen.model.rowCount() == 3  # the roster refreshed on publish


def test_cancelling_an_import_keeps_what_was_committed_and_says_so(gui_ctx, qtbot, screen, tmp_path):
    from fieldapp.services.roster_import import CHUNK_ROWS

    rows = CHUNK_ROWS * 2 + 500
    path = tmp_path / "big.csv"
    _write_csv(path, [f"متطوع {i},{_valid_nid(i)},05{i:08d}" for i in range(rows)])
    dialog = screen.open_import()
    dialog.choose_file(path)
    dialog.next()
    dialog.next()
    seen: list[tuple[int, int]] = []

    def press_cancel_after_the_first_chunk(done: int, total: int) -> None:
        seen.append((done, total))
        if 0 < done < total:
            qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    dialog.bridge.progressed.connect(press_cancel_after_the_first_chunk)
    dialog.start()
    report = dialog.report
    assert report is not None and report.cancelled
    assert report.added == CHUNK_ROWS
    assert _svc(gui_ctx).people.count() == CHUNK_ROWS  # the committed chunk stays
    assert dialog.progress.value() == CHUNK_ROWS
    assert "أُوقف" in dialog.report_label.text()
    assert seen[0] == (0, rows)


def test_import_progress_reaches_the_ui_thread_from_the_db_thread(
    gui_app, store, admin_user, qtbot, tmp_path
):
    from fieldapp.config import DataDir
    from fieldapp.gui.context import GuiContext
    from fieldapp.gui.runner import ThreadRunner

    runner = ThreadRunner()
    ctx = GuiContext(store, runner, DataDir(tmp_path), admin_user)
    try:
        path = tmp_path / "roster.csv"
        _write_csv(path, [f"متطوع {i},{_valid_nid(i)}," for i in range(50)])
        dialog = ImportDialog(ctx)
        qtbot.addWidget(dialog)
        threads: list[str] = []
        dialog.bridge.progressed.connect(lambda *_: threads.append(threading.current_thread().name))
        dialog.choose_file(path)
        dialog.next()
        qtbot.waitUntil(lambda: dialog.step() == PREVIEW, timeout=5000)
        dialog.next()
        runner.wait_idle(5)
        dialog.start()
        qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
        assert dialog.report.added == 50
        assert threads and set(threads) == {threading.main_thread().name}
    finally:
        runner.shutdown()
        ctx.deleteLater()


def test_a_save_and_an_import_are_published_once_by_the_runner(gui_ctx, qtbot, screen, tmp_path):
    published = []
    gui_ctx.notifier.changed.connect(published.append)
    dialog = screen.add_person()
    type_text(dialog.ui.fullName, "هند الحربي")
    qtbot.keyClicks(dialog.ui.nationalId, _valid_nid(7))
    dialog.save()
    assert not dialog.isVisible()
    assert [c.topics for c in published] == [{"people"}]  # once, by the runner: no screen publishes by hand
    assert screen.model.rowCount() == 1

    published.clear()
    path = tmp_path / "roster.csv"
    _write_csv(path, [f"سعد العمري,{_valid_nid(1)},0501000001", f"ريم الشهري,{_valid_nid(5)},0501000005"])
    importer = screen.open_import()
    importer.choose_file(path)
    importer.next()
    importer.next()
    importer.start()
    assert importer.report is not None and importer.report.added == 2
    assert [c.topics for c in published] == [{"people"}]
    assert screen.model.rowCount() == 3
