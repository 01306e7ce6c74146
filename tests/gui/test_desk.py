"""The check-in desk driven as a coordinator does — keys and clicks — then the database checked."""

from __future__ import annotations

import datetime as dt

import pytest
from fieldapp.bench.roster_bench import _luhn_complete
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldapp.core import dates
from fieldapp.services.events import EventInput
from fieldapp.services.people import PersonInput

VALID_ID = _luhn_complete("100000000")  # 1000000008
BAD_CHECKSUM_ID = "1000000000"
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def type_text(widget, text: str) -> None:
    """Key presses carrying text (QTest.keyClicks only knows ASCII: Arabic names need this)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def make_event(services, interval_min: int = 0, min_certificate_hours: float = 0.0) -> str:
    now = dates.now()
    event = services.events.create(
        EventInput(
            title="ملتقى التطوع",
            starts_at=now - dt.timedelta(hours=1),
            ends_at=now + dt.timedelta(hours=6),
            min_scan_interval_min=interval_min,
            rounding_min=0,
            min_certificate_hours=min_certificate_hours,
        )
    )
    return event.id


ROSTER = [
    ("عبدالله بن خميس الزايدي", "201", "B-1001"),
    ("نورة سعد القحطاني", "202", "B-1002"),
    ("عبدالله محمد العتيبي", "203", "B-1003"),
    ("إلهام ناصر الشمري", "204", "B-1004"),
]


@pytest.fixture
def roster(gui_ctx):
    """People with badges, registered for an event running now: {badge: person_id}."""
    services = gui_ctx.services
    ids = {}
    for name, body, badge in ROSTER:
        person = services.people.create(
            PersonInput(full_name=name, national_id=_luhn_complete("1" + body + "00000"), badge_code=badge)
        )
        ids[badge] = person.id
    return ids


def open_desk(gui_ctx, qtbot, event_id: str):
    from fieldapp.gui.desk import DeskScreen

    gui_ctx.set_current_event(event_id)
    desk = DeskScreen(gui_ctx)
    qtbot.addWidget(desk)
    desk.resize(1280, 720)
    desk.show()
    desk.enter()
    gui_ctx.runner.wait_idle(5)
    assert desk.event_id == event_id
    return desk


def scan(qtbot, desk, code: str) -> None:
    qtbot.keyClicks(desk.scan_field, code)
    qtbot.keyClick(desk.scan_field, Qt.Key.Key_Return)


def focus_in_scan_field(desk) -> bool:
    return desk.window().focusWidget() is desk.scan_field


@pytest.fixture
def desk(gui_ctx, qtbot, roster):
    event_id = make_event(gui_ctx.services)
    gui_ctx.services.events.register_many(event_id, list(roster.values()), "import")
    return open_desk(gui_ctx, qtbot, event_id)


def test_scanner_checks_in_then_out_and_focus_returns(desk, roster, gui_ctx, qtbot):
    attendance = gui_ctx.services.attendance
    scan(qtbot, desk, "b-1001")  # typed lower case: the badge is found all the same
    assert desk.banner.status == "ok"
    assert desk.banner.title_label.text() == "دخول"
    assert desk.banner.subtitle_label.text() == "عبدالله بن خميس الزايدي"
    assert desk.scan_field.text() == ""
    assert focus_in_scan_field(desk)
    assert [row.person_id for row in attendance.in_now(desk.event_id)] == [roster["B-1001"]]
    qtbot.waitUntil(lambda: desk.in_now_model.rowCount() == 1, timeout=2000)  # refreshed after the paint
    assert desk.in_now_count.text() == "1"

    scan(qtbot, desk, "B-1001")
    assert desk.banner.status == "ok"
    assert desk.banner.title_label.text() == "خروج"
    assert focus_in_scan_field(desk)
    recent = attendance.recent_scans(desk.event_id)
    assert [(s.direction, s.method) for s in recent] == [("out", "scanner"), ("in", "scanner")]
    assert attendance.in_now(desk.event_id) == []
    qtbot.waitUntil(lambda: desk.in_now_model.rowCount() == 0 and desk.recent_list.count() == 2, timeout=2000)


def test_national_id_in_arabic_indic_digits_checks_in(desk, roster, gui_ctx, qtbot):
    nid = gui_ctx.services.people.get(roster["B-1002"]).national_id
    arabic = nid.translate(ARABIC_INDIC)
    type_text(desk.scan_field, arabic)
    qtbot.keyClick(desk.scan_field, Qt.Key.Key_Return)
    assert desk.banner.status == "ok"
    assert desk.banner.subtitle_label.text() == "نورة سعد القحطاني"


def test_typed_search_then_down_and_enter_chooses(desk, roster, gui_ctx, qtbot):
    type_text(desk.scan_field, "الهام")  # no hamza: still إلهام
    desk.scan_field.flush()  # the debounce, now
    assert desk.results.isVisible()
    assert desk.results.results()[0].id == roster["B-1004"]
    qtbot.keyClick(desk.scan_field, Qt.Key.Key_Down)
    qtbot.keyClick(desk.scan_field, Qt.Key.Key_Return)
    assert desk.banner.status == "ok"
    assert desk.banner.subtitle_label.text() == "إلهام ناصر الشمري"
    assert not desk.results.isVisible()
    assert focus_in_scan_field(desk)
    [only] = gui_ctx.services.attendance.recent_scans(desk.event_id)
    assert (only.person_id, only.method) == (roster["B-1004"], "search")


def test_enter_on_a_name_with_several_matches_keeps_the_list(desk, gui_ctx, qtbot):
    type_text(desk.scan_field, "عبدالله")
    qtbot.keyClick(desk.scan_field, Qt.Key.Key_Return)
    assert desk.banner.title_label.text() == "اختر من القائمة"
    assert desk.results.isVisible() and len(desk.results.results()) == 2
    assert gui_ctx.services.attendance.recent_scans(desk.event_id) == []
    # A click chooses too.
    item = desk.results.item(1)
    rect = desk.results.visualItemRect(item)
    qtbot.mouseClick(desk.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert desk.banner.status == "ok"
    assert len(gui_ctx.services.attendance.recent_scans(desk.event_id)) == 1


def test_enter_on_a_name_with_one_strong_match_checks_in(desk, roster, gui_ctx, qtbot):
    type_text(desk.scan_field, "نوره القحطاني")
    qtbot.keyClick(desk.scan_field, Qt.Key.Key_Return)
    assert desk.banner.status == "ok"
    [only] = gui_ctx.services.attendance.recent_scans(desk.event_id)
    assert only.person_id == roster["B-1002"]


def test_unknown_code_is_refused_in_red(desk, gui_ctx, qtbot):
    scan(qtbot, desk, "NOPE-42")
    assert desk.banner.status == "refused"
    assert "NOPE-42" in desk.reason_label.text()
    assert gui_ctx.services.attendance.recent_scans(desk.event_id) == []
    assert focus_in_scan_field(desk)


def test_undo_voids_the_last_scan(desk, roster, gui_ctx, qtbot):
    scan(qtbot, desk, "B-1003")
    assert desk.undo_button.isVisible()
    assert "2:00" in desk.undo_button.text() or "1:59" in desk.undo_button.text()
    qtbot.keyClick(desk.scan_field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    [scan_row] = gui_ctx.services.attendance.recent_scans(desk.event_id)
    assert scan_row.voided  # a Void fact, the scan itself kept
    assert gui_ctx.services.attendance.in_now(desk.event_id) == []
    assert not desk.undo_button.isVisible()
    assert desk.banner.title_label.text() == "أُلغي آخر مسح"
    assert focus_in_scan_field(desk)


def test_a_double_scan_inside_the_interval_is_amber_already_recorded(gui_ctx, qtbot, roster):
    event_id = make_event(gui_ctx.services, interval_min=5)
    desk = open_desk(gui_ctx, qtbot, event_id)
    scan(qtbot, desk, "B-1001")
    assert desk.banner.status == "warning"  # not registered for this event: a walk-in
    first_at = gui_ctx.services.attendance.recent_scans(event_id)[0].at
    scan(qtbot, desk, "B-1001")
    # Harmless: the first scan counts. Amber with the earlier time, never the red «مرفوض».
    assert desk.banner.status == "warning"
    assert desk.banner.title_label.text() == "مسجَّل من قبل — لا حاجة لشيء"
    assert gui_ctx.fmt_time(first_at) in desk.banner.detail_label.text()
    reason = desk.reason_label.text()  # the desk speaks the UI language (Arabic here)
    assert "انتظر" in reason and "5 دقائق" in reason
    assert len(gui_ctx.services.attendance.recent_scans(event_id)) == 1
    assert desk.log_entries()[0].status == "warning"
    assert focus_in_scan_field(desk)


def test_a_real_refusal_stays_red(gui_ctx, qtbot, roster):
    event_id = make_event(gui_ctx.services)
    desk = open_desk(gui_ctx, qtbot, event_id)
    scan(qtbot, desk, "NO-SUCH-BADGE")
    assert desk.banner.status == "refused"
    assert desk.log_entries()[0].status == "refused"


def test_check_out_everyone_after_confirmation(desk, gui_ctx, qtbot):
    for badge in ("B-1001", "B-1002", "B-1003"):
        scan(qtbot, desk, badge)
    qtbot.waitUntil(lambda: desk.in_now_count.text() == "3", timeout=2000)
    qtbot.mouseClick(desk.check_out_all_button, Qt.MouseButton.LeftButton)
    box = desk.confirm_box
    assert box is not None and box.isVisible()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).click()
    attendance = gui_ctx.services.attendance
    assert attendance.in_now(desk.event_id) == []
    closes = [s for s in attendance.recent_scans(desk.event_id) if s.method == "close_all"]
    assert len(closes) == 3
    assert desk.in_now_count.text() == "0"
    assert focus_in_scan_field(desk)


def test_check_out_everyone_cancelled_changes_nothing(desk, gui_ctx, qtbot):
    scan(qtbot, desk, "B-1001")
    desk.confirm_check_out_everyone()
    desk.confirm_box.button(QMessageBox.StandardButton.No).click()
    assert len(gui_ctx.services.attendance.in_now(desk.event_id)) == 1


def test_walk_in_invalid_then_valid(desk, gui_ctx, qtbot):
    people = gui_ctx.services.people
    before = people.count()
    qtbot.keyClick(desk.scan_field, Qt.Key.Key_F2)
    dialog = desk.walk_in_dialog
    assert dialog is not None and dialog.isVisible()
    type_text(dialog.ui.fullNameEdit, "سلمان بن خميس الزايدي")
    qtbot.keyClicks(dialog.ui.nationalIdEdit, "12345")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "10 digits" in dialog.ui.nationalIdError.text() or "10 أرقام" in dialog.ui.nationalIdError.text()
    assert people.count() == before

    dialog.ui.nationalIdEdit.clear()
    type_text(dialog.ui.nationalIdEdit, VALID_ID.translate(ARABIC_INDIC))  # stored as ASCII
    dialog.ui.birthDateEdit.setText("1995-04-01")
    assert not dialog.ui.consentCheck.isVisible()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error_texts() == []
    assert not dialog.isVisible()
    assert people.count() == before + 1
    [person] = people.find_duplicates(VALID_ID, None)
    assert person.full_name == "سلمان بن خميس الزايدي"
    assert person.id in gui_ctx.services.events.registered_ids(desk.event_id)
    [scan_row] = gui_ctx.services.attendance.recent_scans(desk.event_id)
    assert (scan_row.person_id, scan_row.method, scan_row.direction) == (person.id, "walk_in", "in")
    assert desk.banner.status == "ok"
    assert focus_in_scan_field(desk)


def test_walk_in_duplicate_offers_to_check_in_that_person(desk, roster, gui_ctx, qtbot):
    nid = gui_ctx.services.people.get(roster["B-1002"]).national_id
    dialog = desk.open_walk_in()
    type_text(dialog.ui.fullNameEdit, "نوره القحطاني")
    qtbot.keyClicks(dialog.ui.nationalIdEdit, nid)
    dialog.submit()
    assert dialog.ui.duplicateFrame.isVisible()
    assert "نورة سعد القحطاني" in dialog.ui.duplicateLabel.text()
    qtbot.mouseClick(dialog.ui.useExistingButton, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    [scan_row] = gui_ctx.services.attendance.recent_scans(desk.event_id)
    assert scan_row.person_id == roster["B-1002"]
    assert gui_ctx.services.people.count() == len(ROSTER)


def test_walk_in_under_18_asks_for_guardian_consent(desk, gui_ctx, qtbot):
    dialog = desk.open_walk_in()
    type_text(dialog.ui.fullNameEdit, "ريم خالد")
    qtbot.keyClicks(dialog.ui.mobileEdit, "0551234567")
    today = dates.local_now().date()
    dialog.ui.birthDateEdit.setText(today.replace(year=today.year - 15).isoformat())
    assert dialog.ui.consentCheck.isVisible()
    dialog.submit()
    assert desk.banner.status == "warning"  # checked in, but no consent on file
    assert "18" in desk.reason_label.text()


def test_walk_in_refused_by_the_event_saves_nothing(gui_ctx, qtbot, roster):
    """One transaction: when the event's rules refuse the check-in, the person is not saved either."""
    services = gui_ctx.services
    now = dates.now()
    event_id = services.events.create(
        EventInput(
            title="لقاء المساء", starts_at=now + dt.timedelta(hours=5), ends_at=now + dt.timedelta(hours=9)
        )
    ).id
    desk = open_desk(gui_ctx, qtbot, event_id)
    before = services.people.count()
    dialog = desk.open_walk_in()
    type_text(dialog.ui.fullNameEdit, "سلمان بن خميس الزايدي")
    qtbot.keyClicks(dialog.ui.nationalIdEdit, VALID_ID)
    dialog.submit()
    assert dialog.isVisible()
    assert "لم يبدأ المسح لهذه الفعالية" in dialog.ui.errorLabel.text()
    assert services.people.count() == before
    assert services.events.registered_ids(event_id) == []
    assert services.attendance.recent_scans(event_id) == []


def test_coordinator_cannot_accept_a_bad_checksum(desk, gui_ctx, qtbot, make_user):
    gui_ctx.set_user(make_user(gui_ctx, "coordinator"))
    people = gui_ctx.services.people
    before = people.count()
    dialog = desk.open_walk_in()
    type_text(dialog.ui.fullNameEdit, "فهد ناصر")
    qtbot.keyClicks(dialog.ui.nationalIdEdit, BAD_CHECKSUM_ID)
    dialog.submit()
    assert "check" in dialog.ui.nationalIdError.text().lower() or "التحقق" in dialog.ui.nationalIdError.text()
    assert dialog.ui.overrideCheck.isVisible()
    assert not dialog.ui.overrideCheck.isEnabled()
    dialog.ui.overrideCheck.setChecked(True)  # even forced, the service refuses
    dialog.submit()
    assert dialog.isVisible()
    assert dialog.error_texts()
    assert people.count() == before


def test_supervisor_accepts_a_bad_checksum(desk, gui_ctx, qtbot, make_user):
    gui_ctx.set_user(make_user(gui_ctx, "supervisor"))
    dialog = desk.open_walk_in()
    type_text(dialog.ui.fullNameEdit, "فهد ناصر")
    qtbot.keyClicks(dialog.ui.nationalIdEdit, BAD_CHECKSUM_ID)
    dialog.submit()
    assert dialog.ui.overrideCheck.isEnabled()
    qtbot.mouseClick(dialog.ui.overrideCheck, Qt.MouseButton.LeftButton)
    dialog.ui.overrideCheck.setChecked(True)
    dialog.submit()
    assert not dialog.isVisible()
    assert gui_ctx.services.people.find_duplicates(BAD_CHECKSUM_ID, None)


def test_certificate_button_after_check_out_with_enough_hours(gui_ctx, qtbot, roster):
    services = gui_ctx.services
    event_id = make_event(services, min_certificate_hours=0.5)
    earlier = dates.now() - dt.timedelta(minutes=50)
    services.attendance.scan(event_id, roster["B-1001"], method="manual", at=earlier)
    services.attendance.scan(
        event_id, roster["B-1002"], method="manual", at=dates.now() - dt.timedelta(minutes=5)
    )
    desk = open_desk(gui_ctx, qtbot, event_id)
    requested: list[tuple[str, str]] = []
    desk.print_certificate_requested.connect(lambda e, p: requested.append((e, p)))

    scan(qtbot, desk, "B-1002")  # 5 minutes: under the event's minimum
    assert desk.banner.title_label.text() == "خروج"
    assert not desk.print_button.isVisible()

    scan(qtbot, desk, "B-1001")  # 50 minutes
    assert desk.print_button.isVisible()
    qtbot.mouseClick(desk.print_button, Qt.MouseButton.LeftButton)
    assert requested == [(event_id, roster["B-1001"])]

    scan(qtbot, desk, "B-1003")  # a check-in: no certificate
    assert not desk.print_button.isVisible()


def test_every_input_has_an_accessible_name(desk):
    inputs = [
        desk.scan_field,
        desk.event_combo,
        desk.results,
        desk.undo_button,
        desk.print_button,
        desk.walk_in_button,
        desk.check_out_all_button,
        desk.in_now_view,
        desk.recent_list,
    ]
    dialog = desk.open_walk_in()
    ui = dialog.ui
    inputs += [
        ui.fullNameEdit,
        ui.nationalIdEdit,
        ui.mobileEdit,
        ui.genderCombo,
        ui.birthDateEdit,
        ui.consentCheck,
        ui.overrideCheck,
        ui.useExistingButton,
    ]
    assert [w.objectName() for w in inputs if not w.accessibleName()] == []


def test_typing_a_search_on_a_20k_roster_never_stalls_the_ui(gui_app, store, admin_user, tmp_path, qtbot):
    """Real ThreadRunner: every keystroke's search runs on the DB thread; the UI keeps ticking."""
    from fieldapp.bench.roster_bench import generate_roster_csv

    from fieldapp.config import DataDir
    from fieldapp.gui.context import GuiContext
    from fieldapp.gui.desk import DeskScreen
    from fieldapp.gui.runner import ThreadRunner
    from fieldapp.services import Services
    from tests.gui.test_ui_responsiveness import measure_max_stall

    services = Services(store, admin_user.actor)
    report = services.roster_import.run(generate_roster_csv(tmp_path / "roster.csv", 20_000))
    assert report.added == 20_000
    event_id = make_event(services)
    runner = ThreadRunner()
    ctx = GuiContext(store, runner, DataDir(tmp_path), admin_user)
    ctx.set_current_event(event_id)
    desk = DeskScreen(ctx)
    qtbot.addWidget(desk)
    try:
        desk.show()
        desk.enter()
        assert runner.wait_idle(10)
        shown: list[int] = []
        desk.results.model().rowsInserted.connect(lambda *_: shown.append(1))

        def type_slowly() -> None:
            for ch in "محمد عبدالله الق":
                type_text(desk.scan_field, ch)
                qtbot.wait(150 if ch == " " else 25)  # a quick typist who pauses between words

        stall = measure_max_stall(qtbot, type_slowly, duration=0.5)
        assert runner.wait_idle(10)
        assert shown, "no results were shown"
        assert desk.results.isVisible()
    finally:
        runner.shutdown()
    assert stall < 0.100, f"the UI thread stalled {stall * 1000:.0f} ms"


def test_a_language_switch_rewords_what_the_desk_already_shows(gui_ctx, qtbot, roster, main_window):
    event_id = make_event(gui_ctx.services)
    gui_ctx.set_current_event(event_id)
    assert main_window.show_screen("desk")
    desk = main_window.current_screen()
    desk.enter()
    gui_ctx.runner.wait_idle(5)
    scan(qtbot, desk, "NO-SUCH-BADGE")
    assert desk.banner.title_label.text() == "غير موجود"
    assert desk.log_entries()[0].text == "مرفوض"
    gui_ctx.set_language("en", persist=False)
    # At once, without rebuilding the screen: the banner, its reason and the log read English.
    assert desk.banner.title_label.text() == "Not found"
    assert "No one found" in desk.reason_label.text()
    assert desk.log_entries()[0].text == "Refused"
    gui_ctx.set_language("ar", persist=False)
    assert desk.banner.title_label.text() == "غير موجود"
