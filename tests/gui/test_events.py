"""The Events screen: create an event with rules through the dialog, the current event, attendance, exports."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from fieldapp.certificates.arabic import visual_line
from fieldapp.core import dates
from fieldapp.core.permissions import Actor
from fieldapp.gui.events import EventsScreen
from fieldapp.services import Services
from fieldapp.services.events import EventInput
from fieldapp.services.gifts import GiftTypeInput, HandoverInput
from fieldapp.services.people import PersonInput

NAME = "عبدالله بن خميس الزايدي"


def type_text(widget, text: str) -> None:
    """One key event per character, like a keyboard (QTest.keyClicks aborts on Arabic letters)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _svc(ctx) -> Services:
    return Services(ctx.store, Actor("sara", "admin"))


@pytest.fixture
def screen(gui_ctx, qtbot):
    widget = EventsScreen(gui_ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.enter()
    return widget


@pytest.fixture
def event_with_attendance(gui_ctx):
    """An event that ran today 08:00–14:00: one person in and out (5 h 40 → 5.5 h), one never out."""
    s = _svc(gui_ctx)
    day = dates.local_now().date() - dt.timedelta(days=1)
    start = dt.datetime.combine(day, dt.time(8), tzinfo=dates.APP_TZ)
    event = s.events.create(
        EventInput("ملتقى التطوع البلدي", start, start + dt.timedelta(hours=6), place="حديقة الملك فيصل")
    )
    a = s.people.create(PersonInput(NAME, national_id="1000000008"))
    b = s.people.create(PersonInput("نورة القحطاني", national_id="1000000016"))
    s.events.register(event.id, a.id)
    s.attendance.scan(event.id, a.id, at=start + dt.timedelta(minutes=10))
    s.attendance.scan(event.id, a.id, at=start + dt.timedelta(hours=5, minutes=50))
    s.attendance.scan(event.id, b.id, at=start + dt.timedelta(hours=1))  # forgets to check out
    return event


def test_create_an_event_with_its_rules_through_the_dialog(gui_ctx, qtbot, screen):
    dialog = screen.new_event()
    type_text(dialog.ui.title, "حملة الشتاء الدافئ")
    type_text(dialog.ui.place, "مستودع الجمعية")
    start = dates.local_now().replace(hour=9, minute=0, second=0, microsecond=0) + dt.timedelta(days=3)
    dialog.ui.startsAt.set_value(start)
    dialog.ui.endsAt.set_value(start + dt.timedelta(hours=5))
    dialog.ui.allowReentry.setChecked(False)
    dialog.ui.minScanInterval.setValue(5)
    assert dialog.ui.rounding.currentData() == 15  # the default
    dialog.ui.rounding.setCurrentIndex(dialog.ui.rounding.findData(30))
    dialog.ui.minCertificateHours.setValue(3)
    dialog.ui.capacity.setValue(120)
    qtbot.mouseClick(
        dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert not dialog.isVisible()
    [event] = _svc(gui_ctx).events.list()
    assert (event.title, event.place, event.capacity) == ("حملة الشتاء الدافئ", "مستودع الجمعية", 120)
    assert (event.allow_reentry, event.min_scan_interval_min, event.rounding_min) == (False, 5, 30)
    assert event.min_certificate_hours == 3
    assert event.starts_local == start and event.ends_local == start + dt.timedelta(hours=5)
    assert screen.tree.topLevelItemCount() == 1  # the list refreshed on publish

    # An opportunity inside it, and an end before the start refused beside the end field.
    screen.select_event(event.id)
    dialog = screen.new_opportunity()
    assert dialog.ui.parent.currentData() == event.id
    type_text(dialog.ui.title, "فرز الملابس")
    dialog.ui.startsAt.set_value(start)
    dialog.ui.endsAt.set_value(start - dt.timedelta(hours=1))
    dialog.save()
    assert dialog.isVisible() and dialog.error_text("ends_at")
    dialog.ui.endsAt.set_value(start + dt.timedelta(hours=2))
    dialog.save()
    assert [o.title for o in _svc(gui_ctx).events.opportunities(event.id)] == ["فرز الملابس"]
    assert screen.tree.topLevelItem(0).childCount() == 1


def test_make_current_sets_the_context_event(gui_ctx, screen, event_with_attendance):
    screen.refresh()
    screen.select_event(event_with_attendance.id)
    gui_ctx.set_current_event(None)
    screen.current_button.click()
    assert gui_ctx.current_event_id == event_with_attendance.id
    assert "(الحالية)" in screen.tree.currentItem().text(0)


def test_attendance_table_shows_hours_and_flags_in_words(gui_ctx, screen, event_with_attendance):
    screen.refresh()
    screen.select_event(event_with_attendance.id)
    rows = {screen.model.rows[i].full_name: i for i in range(len(screen.model.rows))}
    assert set(rows) == {NAME, "نورة القحطاني"}
    auto = screen.model.index(rows["نورة القحطاني"], 5).data()
    assert "أُغلق تلقائيًا عند نهاية الفعالية" in auto and "دون تسجيل مسبق" in auto
    assert screen.model.index(rows[NAME], 4).data() == "5.5 ساعة"
    assert "حضروا 2 من 1" in screen.totals_label.text()


def test_a_coordinator_cannot_create_or_edit_events(gui_ctx, screen, make_user, event_with_attendance):
    gui_ctx.set_user(make_user(gui_ctx, "coordinator"))
    screen.refresh()
    screen.select_event(event_with_attendance.id)
    assert not screen.new_button.isEnabled() and not screen.edit_button.isEnabled()
    assert screen.new_event() is None
    assert screen.export_xlsx_button.isEnabled()  # reading and exporting stay open


def test_export_attendance_to_xlsx_right_to_left_with_headers_and_hours(
    gui_ctx, screen, event_with_attendance, tmp_path
):
    screen.refresh()
    screen.select_event(event_with_attendance.id)
    path = tmp_path / "attendance.xlsx"
    screen.export_attendance("xlsx", path)
    ws = load_workbook(path).active
    assert ws.sheet_view.rightToLeft
    header_row = next(r for r in range(1, 10) if ws.cell(r, 1).value == "الاسم")
    headers = [ws.cell(header_row, c).value for c in range(1, 10)]
    assert headers[:5] == ["الاسم", "رقم الهوية", "أول دخول", "آخر خروج", "الساعات"]
    assert ws.freeze_panes == f"A{header_row + 1}"
    rows = {ws.cell(r, 1).value: r for r in range(header_row + 1, header_row + 3)}
    r = rows[NAME]
    assert ws.cell(r, 5).value == 5.5  # a real number cell
    assert isinstance(ws.cell(r, 3).value, dt.datetime)  # a real date cell
    assert ws.cell(r, 3).value.hour == 8 and ws.cell(r, 3).value.minute == 10  # Riyadh wall time
    assert ws.cell(r, 2).value == "1000000008"
    assert "أُغلق تلقائيًا" in ws.cell(rows["نورة القحطاني"], 7).value
    assert ws.column_dimensions["A"].width >= 30


def test_export_attendance_to_pdf_with_shaped_arabic_and_embedded_fonts(
    gui_ctx, screen, event_with_attendance, tmp_path
):
    screen.refresh()
    screen.select_event(event_with_attendance.id)
    path = tmp_path / "attendance.pdf"
    screen.export_attendance("pdf", path)
    reader = PdfReader(path)
    text = "".join(page.extract_text() for page in reader.pages)
    # The page holds the shaped glyphs in visual order (what the eye reads); pypdf's extraction
    # turns a right-to-left run back round, so the extracted text is that line reversed.
    assert visual_line(NAME)[::-1] in text
    assert "1000000008" in text
    assert visual_line("صفحة")[::-1] in text and "١" not in text  # the digits of the setting (Latin)
    fonts = [ref.get_object() for ref in reader.pages[0]["/Resources"]["/Font"].values()]
    assert fonts
    for font in fonts:  # every font embedded (a subset): the report prints the same anywhere
        assert font["/Subtype"] == "/TrueType"
        assert "/FontFile2" in font["/FontDescriptor"]


def test_export_the_event_gift_log(gui_ctx, screen, event_with_attendance, tmp_path):
    s = _svc(gui_ctx)
    gift = s.gifts.create_type(GiftTypeInput("حقيبة المتطوع", unit="حقيبة"))
    s.gifts.receive(gift.id, 10, "توريد من المستودع")
    person = s.people.find_duplicates("1000000008", None)[0]
    s.gifts.hand_over(
        HandoverInput(gift.id, 2, recipient_person_id=person.id, event_id=event_with_attendance.id)
    )
    screen.refresh()
    screen.select_event(event_with_attendance.id)
    screen.export_gift_log("xlsx", tmp_path / "gifts.xlsx")
    screen.export_gift_log("pdf", tmp_path / "gifts.pdf")
    ws = load_workbook(tmp_path / "gifts.xlsx").active
    assert ws.sheet_view.rightToLeft
    values = [[c.value for c in row] for row in ws.iter_rows()]
    [line] = [v for v in values if v[4] == NAME]
    assert line[1] == "حقيبة المتطوع" and line[2] == 2
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "gifts.pdf").pages)
    assert visual_line(NAME)[::-1] in text
