"""Arabic as the screens show it: phones, IDs, dates and times read left to right inside Arabic lines
(the text order is read back from Qt's own layout of the string), and Qt's plural forms.

`visual()` lays a string out the way a label or list row does (right-to-left paragraph, Qt's bidi
and shaping) and returns its characters from left to right on screen.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QFont, QKeyEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication

from fieldapp.core import dates
from fieldapp.gui.app import switch_language
from fieldapp.gui.desk.people_found import PeopleFound
from fieldapp.gui.gifts import GiftsScreen
from fieldapp.gui.people.screen import PeopleScreen
from fieldapp.gui.recipient_picker import PERSON, RecipientPicker
from fieldapp.services.gifts import GiftTypeInput, HandoverInput
from fieldapp.services.people import PersonInput
from fieldapp.services.search import SearchHit

PHONE = "+966 59 257 0468"
_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u200e\u200f\u2066\u2067\u2068\u2069")


def visual(text: str, rtl: bool = True, width: int = 100_000) -> str:
    """The characters of `text` in the order Qt puts them on screen, left to right; a text of
    several lines (a table cell's «\n», which the item delegate lays out as line separators, or a
    label's lines wrapped at `width` pixels) line by line, joined with «\n»."""
    text = text.replace("\n", "\u2028")
    layout = QTextLayout(text, QApplication.font())
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(line)
    layout.endLayout()
    shown = []
    for line in lines:
        placed = [
            (min(p.x() for run in layout.glyphRuns(i, 1) for p in run.positions()), text[i])
            for i in range(line.textStart(), line.textStart() + line.textLength())
            if text[i] not in _CONTROLS and not text[i].isspace()
        ]
        shown.append("".join(ch for _, ch in sorted(placed)))
    return "\n".join(shown)


def compact(text: str) -> str:
    return text.replace(" ", "")


def type_text(widget, text: str) -> None:
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def test_the_reading_back_sees_a_reversed_phone(gui_app):
    """The check itself: a bare phone in an Arabic line is what the coordinator saw reversed."""
    assert compact(PHONE) not in visual(f"فهد · {PHONE}")
    assert "0468257" in visual(f"فهد · {PHONE}")


@pytest.fixture
def fahad(gui_ctx):
    return gui_ctx.services.people.create(
        PersonInput(full_name="فهد القحطاني", national_id="1000000016", mobile="0592570468", gender="m")
    )


def test_every_picker_and_list_shows_the_phone_left_to_right(gui_ctx, qtbot, fahad):
    # The recipient picker: the gift form's recipient and the visit editor's team search.
    picker = RecipientPicker(gui_ctx, modes=(PERSON,), with_label=False)
    qtbot.addWidget(picker)
    picker.show()
    type_text(picker.search, "فهد")
    picker.search.flush()
    [item] = picker.results.results()
    assert compact(PHONE) in visual(item.subtitle) and "1000000016" in visual(item.subtitle)
    # The desk's suggestions.
    found = PeopleFound()
    qtbot.addWidget(found)
    found.show_hits([SearchHit(gui_ctx.services.people.get(fahad.id), "name_prefix", 1.0)])
    assert compact(PHONE) in visual(found.results()[0].subtitle)
    # The people table.
    people = PeopleScreen(gui_ctx)
    qtbot.addWidget(people)
    people.enter()
    row = next(r for r in range(people.model.rowCount()) if people.model.index(r, 0).data() == "فهد القحطاني")
    assert compact(PHONE) in visual(people.model.index(row, 3).data())


def test_the_gift_log_time_keeps_its_brackets_around_the_date(gui_ctx, qtbot, fahad):
    svc = gui_ctx.services
    shield = svc.gifts.create_type(GiftTypeInput(name="درع تذكاري", unit="درع"))
    svc.gifts.receive(shield.id, 5, "توريد من المستودع")
    at = dt.datetime(2026, 11, 30, 6, 49, tzinfo=dates.APP_TZ)
    svc.gifts.hand_over(HandoverInput(shield.id, 1, recipient_person_id=fahad.id, at=at))
    screen = GiftsScreen(gui_ctx)
    qtbot.addWidget(screen)
    screen.enter()
    screen.log.refresh()
    shown = visual(screen.log.model.index(0, 0).data())
    # left to right on screen: the time, then «(2026-11-30)» (mirrored brackets), then the Hijri date
    assert shown.startswith("06:49)2026-11-30(")
    assert "1448" in shown


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_review_table_shows_a_conflicting_mobile_and_date_in_reading_order(gui_ctx, qtbot, fahad, lang):
    """A conflict pulled from another laptop on Fahad's mobile and on an event's start, written by
    the real pull step: each kept and lost value reads left to right in its cell, as the people
    table shows a mobile (never «966551234567+»), and the start as a date and time."""
    from fieldapp.demo_sync import OTHER_LAPTOP
    from fieldapp.gui.review.screen import ReviewScreen
    from fieldapp.services.events import EventInput
    from fieldapp.sync.hlc import Timestamp

    svc = gui_ctx.services
    start = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dates.APP_TZ)
    event = svc.events.create(EventInput("يوم التشجير", start, start + dt.timedelta(hours=6)))
    now_ms = int(dates.now().timestamp() * 1000)
    here, there = (
        str(Timestamp(now_ms, 0, gui_ctx.store.device_id)),
        str(Timestamp(now_ms - 60_000, 0, OTHER_LAPTOP)),
    )

    def conflict(table: str, row_id: str, field: str, kept: str, lost: str) -> dict:
        data = {"table_name": table, "row_id": row_id, "field": field, "kept_value": kept, "lost_value": lost}
        data |= {"kept_hlc": here, "lost_hlc": there, "at": dates.now().isoformat()}
        return {"table": "conflict", "id": f"{table}-{field}", "data": data}

    lost_start = (start + dt.timedelta(hours=1)).astimezone(dt.UTC).isoformat()
    svc.sync.apply_page(
        [
            conflict("person", fahad.id, "mobile", "+966592570468", "+966551234567"),
            conflict("event", event.id, "starts_at", start.astimezone(dt.UTC).isoformat(), lost_start),
        ],
        0,
        0,
    )
    gui_ctx.set_language(lang)
    screen = ReviewScreen(gui_ctx)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    screen.enter()
    model, table = screen.conflicts_model, screen.conflicts_table
    rows = {model.row_at(r).field: r for r in range(model.rowCount())}
    kept, lost = 2, 4  # the columns

    def cell(field: str, column: int) -> str:
        return visual(model.index(rows[field], column).data(), rtl=table.isRightToLeft())

    assert cell("mobile", kept) == compact(PHONE)
    assert cell("mobile", lost) == "+966551234567"
    # left to right on screen in Arabic: the time, «(2026-12-01)» (mirrored brackets), the Hijri date
    if lang == "ar":
        assert cell("starts_at", kept).startswith("08:00)2026-12-01(")
        assert cell("starts_at", lost).startswith("09:00)2026-12-01(")
    else:
        assert cell("starts_at", kept).endswith("(2026-12-01)08:00")
        assert cell("starts_at", lost).endswith("(2026-12-01)09:00")


def test_qt_plural_forms_follow_the_arabic_rules(gui_app):
    def shown(n: int) -> str:
        return QCoreApplication.translate("VisitsScreen", "%n زيارة", "", n)

    assert [shown(n) for n in (0, 1, 2, 3, 11, 100)] == [
        "لا زيارات",
        "زيارة واحدة",
        "زيارتان",
        "3 زيارات",
        "11 زيارةً",
        "100 زيارة",
    ]
    switch_language("en")
    assert [shown(n) for n in (1, 2, 11)] == ["1 visit", "2 visits", "11 visits"]


def test_a_people_count_on_screen_agrees_and_follows_the_digit_setting(gui_ctx, qtbot, fahad):
    screen = PeopleScreen(gui_ctx)
    qtbot.addWidget(screen)
    screen.enter()
    assert screen.count_label.text() == "شخص واحد في القائمة"
    gui_ctx.services.people.create(PersonInput(full_name="غادة السبيعي", mobile="0551234567", gender="f"))
    gui_ctx.services.people.create(PersonInput(full_name="نورة القحطاني", mobile="0551234568", gender="f"))
    gui_ctx.set_digits("arabic", persist=False)
    screen.refresh()
    assert screen.count_label.text() == "٣ أشخاص في القائمة"


def test_a_double_booking_names_a_woman_as_a_woman(gui_ctx):
    from fieldapp.gui.visits.edit import clash_text
    from fieldapp.services.visits import Clash

    at = dt.datetime(2026, 12, 1, 10, tzinfo=dates.APP_TZ)
    ghada = Clash(
        "p1", "غادة السبيعي", "v2", "زيارة النزلاء", "سجن الطائف", at, at + dt.timedelta(hours=2), "f"
    )
    fahad = Clash(
        "p2", "فهد القحطاني", "v2", "زيارة النزلاء", "سجن الطائف", at, at + dt.timedelta(hours=2), "m"
    )
    assert clash_text(gui_ctx, ghada).startswith("غادة السبيعي لديها زيارة أخرى")
    assert clash_text(gui_ctx, fahad).startswith("فهد القحطاني لديه زيارة أخرى")


@pytest.mark.parametrize(("digits", "shown"), [("latin", "2026-12-01 08:00"), ("arabic", "٢٠٢٦-١٢-٠١ ٠٨:٠٠")])
def test_date_time_and_spin_editors_follow_the_digit_setting(gui_ctx, qtbot, digits, shown):
    from fieldapp.gui.events.editor import EventDialog
    from fieldapp.gui.visits.edit import VisitDialog

    gui_ctx.set_digits(digits, persist=False)
    dialog = EventDialog(gui_ctx, None, [], [], None)
    qtbot.addWidget(dialog)
    dialog.ui.startsAt.set_value(dt.datetime(2026, 12, 1, 8, 0, tzinfo=dates.APP_TZ))
    dialog.show()
    edit = dialog.ui.startsAt.edit
    assert edit.text().strip("\u202d\u202c") == shown  # not «٢٠٢٦-١٢-٠١ ٠٠:٠٨» under a Latin setting
    assert visual(edit.text(), rtl=edit.layoutDirection() == Qt.LayoutDirection.RightToLeft) == compact(shown)
    dialog.ui.minScanInterval.setValue(15)
    assert dialog.ui.minScanInterval.text().startswith("15" if digits == "latin" else "١٥")

    visit = VisitDialog(gui_ctx, None, day=dt.date(2026, 12, 1))
    qtbot.addWidget(visit)
    visit.show()
    visit.ui.startTime.setTime(visit.ui.startTime.time().fromString("10:30", "HH:mm"))
    assert visit.ui.startTime.text().strip("\u202d\u202c") == ("10:30" if digits == "latin" else "١٠:٣٠")
    assert visit.ui.startTime.lineEdit().width() > visit.ui.startTime.fontMetrics().horizontalAdvance("10:30")
    day = visit.date_edit.edit.text()
    assert visual(day, rtl=False) == ("2026-12-01" if digits == "latin" else "٢٠٢٦-١٢-٠١")


@pytest.mark.parametrize(("digits", "shown"), [("latin", "100%"), ("arabic", "١٠٠%")])
def test_the_import_progress_counts_in_the_chosen_digits(gui_ctx, qtbot, digits, shown):
    from fieldapp.gui.people.importer import ImportDialog

    gui_ctx.set_digits(digits, persist=False)
    dialog = ImportDialog(gui_ctx)
    qtbot.addWidget(dialog)
    dialog.progress.setRange(0, 10)
    dialog.progress.setValue(10)
    assert dialog.progress.text() == shown  # the Arabic locale alone printed «%١٠٠» under Latin


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_file_dialog_reads_fully_in_the_ui_language(gui_app, qtbot, lang):
    from PySide6.QtWidgets import QLabel, QPushButton

    from fieldapp.gui.widgets.file_dialog import file_dialog

    switch_language(lang)
    dialog = file_dialog(None, "x")
    qtbot.addWidget(dialog)
    dialog.setAcceptMode(dialog.AcceptMode.AcceptSave)
    dialog.show()
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton) if w.text()]
    has_latin = [t for t in texts if any("a" <= ch.lower() <= "z" for ch in t)]
    if lang == "ar":
        assert not has_latin, has_latin  # not «Look in», «Files of type»
        assert "البحث في:" in texts and "نوع الملف:" in texts
    else:
        assert "Look in:" in texts and "Files of type:" in texts


def test_focus_goes_to_the_next_field_after_a_choice(gui_ctx, qtbot, fahad):
    from fieldapp.gui.visits.edit import VisitDialog

    visit = VisitDialog(gui_ctx, None, day=dt.date(2026, 12, 1))
    qtbot.addWidget(visit)
    visit.show()
    visit.activateWindow()
    type_text(visit.ui.titleEdit, "معايدة المرضى")
    visit.team_search.search.setFocus()
    type_text(visit.team_search.search, "فهد")
    visit.team_search.search.flush()
    qtbot.keyClick(visit.team_search.search, Qt.Key.Key_Return)
    assert visit.team_ids() == [fahad.id]
    assert visit.focusWidget() is visit.team_search.search  # ready for the next member
    qtbot.keyClicks(visit.focusWidget(), "x")
    assert visit.ui.titleEdit.text() == "معايدة المرضى"  # the title was not overwritten

    screen = GiftsScreen(gui_ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.enter()
    form = screen.handover
    form.recipient.search.setFocus()
    type_text(form.recipient.search, "فهد")
    form.recipient.search.flush()
    qtbot.keyClick(form.recipient.search, Qt.Key.Key_Return)
    assert form.recipient.has_choice()
    assert form.window().focusWidget() in (
        form.ui.giftCombo,
        form.ui.quantitySpin.lineEdit(),
        form.ui.quantitySpin,
    )


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_group_box_titles_sit_at_the_start_of_the_line(gui_app, qtbot, lang):
    from PySide6.QtWidgets import QGroupBox, QLabel, QStyle, QStyleOptionGroupBox, QVBoxLayout

    switch_language(lang)
    box = QGroupBox("المزامنة" if lang == "ar" else "Sync")
    QVBoxLayout(box).addWidget(QLabel("…"))
    qtbot.addWidget(box)
    box.resize(600, 120)
    box.show()
    option = QStyleOptionGroupBox()
    box.initStyleOption(option)
    label = box.style().subControlRect(
        QStyle.ComplexControl.CC_GroupBox, option, QStyle.SubControl.SC_GroupBoxLabel, box
    )
    if lang == "ar":
        assert label.center().x() > box.width() / 2  # right, where Arabic starts
    else:
        assert label.center().x() < box.width() / 2


def test_the_screen_font_holds_every_letter_of_arabic_persian_and_urdu_names(gui_app):
    from PySide6.QtGui import QFontMetrics

    from fieldapp.gui import theme

    metrics = QFontMetrics(QFont(theme.UI_FONT))
    letters = set("گلپری ژاله کریمی ڈاکٹر ہمایوں بیگ ٹیپو سلطان نے چ ڤ عبدالله مُحَمَّد إلـــهام") - {" "}
    missing = sorted(ch for ch in letters if not metrics.inFontUcs4(ord(ch)))
    assert not missing, [f"U+{ord(ch):04X}" for ch in missing]


def test_spin_boxes_keep_their_text_after_a_language_switch(gui_ctx, qtbot):
    from fieldapp.gui.certificates.screen import CertificatesScreen

    screen = CertificatesScreen(gui_ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 700)
    screen.show()
    spin = screen.issue_tab.min_hours
    gui_ctx.set_language("en", persist=False)
    text_width = spin.fontMetrics().horizontalAdvance(spin.text())
    assert spin.lineEdit().width() > text_width  # not a one-pixel field showing nothing
    gui_ctx.set_language("ar", persist=False)
    assert spin.lineEdit().width() > spin.fontMetrics().horizontalAdvance(spin.text())
