"""Lists use the room they have: the desk's suggestions, the stock table (trouble first), and long
texts (gift-log warnings, import reasons) elided with the whole text in a tooltip, columns resizable."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from fieldapp.core import dates
from fieldapp.gui.gifts import GiftsScreen
from fieldapp.gui.gifts.screen import LOG_TAB, STOCK_TAB
from fieldapp.services.events import EventInput
from fieldapp.services.gifts import GiftTypeInput, HandoverInput
from fieldapp.services.people import PersonInput
from tests.gui.test_desk import open_desk, type_text


def visible_rows(view) -> int:
    """Rows whose whole height lies inside the viewport, as the user sees them."""
    height = view.viewport().height()
    model = view.model()
    count = 0
    for row in range(model.rowCount()):
        rect = view.visualRect(model.index(row, 0))
        if rect.top() >= 0 and rect.bottom() <= height:
            count += 1
    return count


def test_the_desk_suggestions_take_the_room_while_open(gui_ctx, qtbot):
    services = gui_ctx.services
    names = ("سعد", "فهد", "خالد", "ناصر", "علي", "سالم", "حمد", "عبدالله", "ماجد", "بندر", "تركي")
    ids = [
        services.people.create(PersonInput(full_name=f"محمد {name} العتيبي", mobile=f"0501234{i:03d}")).id
        for i, name in enumerate(names)
    ]
    now = dates.now()
    event = services.events.create(
        EventInput(title="ملتقى", starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=5))
    )
    services.events.register_many(event.id, ids, "import")
    desk = open_desk(gui_ctx, qtbot, event.id)
    desk.resize(1366 - 230, 768 - 110)  # the desk's share of a laptop screen beside the navigation
    type_text(desk.scan_field, "محمد")
    desk.scan_field.flush()
    gui_ctx.runner.wait_idle(5)
    qtbot.waitUntil(lambda: desk.results.isVisible() and desk.results.count() == 11)
    qtbot.wait(10)  # the layout settles
    assert visible_rows(desk.results) >= 8, visible_rows(desk.results)  # was two and a half
    # Over the result panel, down to its foot; closed, the panel is seen again.
    assert desk.results.geometry() == desk.result_panel.geometry()
    desk.scan_field.clear()
    desk._hide_results()
    assert not desk.results.isVisible() and desk.result_panel.isVisible()


def _stock_world(gui_ctx) -> tuple[list[str], str]:
    svc = gui_ctx.services
    names = [f"هدية رقم {i}" for i in range(1, 13)]
    types = [svc.gifts.create_type(GiftTypeInput(name=n, unit="قطعة", low_stock_threshold=2)) for n in names]
    for t in types:
        svc.gifts.receive(t.id, 20, "توريد")
    person = svc.people.create(PersonInput(full_name="فهد القحطاني", mobile="0501234567"))
    last = types[-1]  # the last in the service's order: an overdrawn item below the fold before
    svc.gifts.hand_over(HandoverInput(gift_type_id=last.id, quantity=21, recipient_person_id=person.id))
    return names, last.name


def test_the_stock_table_uses_the_height_and_shows_trouble_first(gui_ctx, qtbot):
    names, overdrawn = _stock_world(gui_ctx)
    screen = GiftsScreen(gui_ctx)
    qtbot.addWidget(screen)
    screen.resize(1366 - 230, 768 - 110)
    screen.show()
    screen.enter()
    screen.tabs.setCurrentIndex(STOCK_TAB)
    gui_ctx.runner.wait_idle(5)
    table = screen.stock.types_table
    qtbot.waitUntil(lambda: table.model().rowCount() == len(names))
    qtbot.wait(10)
    assert visible_rows(table) >= 9, visible_rows(table)  # was six; the ledger keeps a quarter
    first = table.model().index(0, 0)
    assert first.data() == overdrawn  # the overdrawn item leads
    assert table.model().index(0, 1).data() == "-1"


def test_gift_log_warnings_are_elided_with_the_whole_text_in_a_tooltip(gui_ctx, qtbot):
    svc = gui_ctx.services
    shield = svc.gifts.create_type(
        GiftTypeInput(name="درع تذكاري", unit="درع", limit_per_recipient_per_event=1)
    )
    person = svc.people.create(PersonInput(full_name="فهد القحطاني", mobile="0501234567"))
    now = dates.now()
    event = svc.events.create(
        EventInput(
            title="اليوم الوطني", starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=4)
        )
    )
    svc.gifts.hand_over(
        HandoverInput(gift_type_id=shield.id, quantity=3, recipient_person_id=person.id, event_id=event.id)
    )
    screen = GiftsScreen(gui_ctx)
    qtbot.addWidget(screen)
    screen.resize(900, 600)  # narrow: the warnings cannot fit
    screen.show()
    screen.enter()
    screen.tabs.setCurrentIndex(LOG_TAB)
    gui_ctx.runner.wait_idle(5)
    table: QTableView = screen.log.table
    qtbot.waitUntil(lambda: table.model().rowCount() == 1)
    warnings = table.model().index(0, 5)
    text = warnings.data()
    assert "المخزون" in text and "الحد" in text  # overdrawn and over the limit, in words
    assert warnings.data(Qt.ItemDataRole.ToolTipRole).startswith(text)
    header = table.horizontalHeader()
    assert all(
        header.sectionResizeMode(c) in (QHeaderView.ResizeMode.Interactive, QHeaderView.ResizeMode.Stretch)
        for c in range(header.count())
    )
    assert table.textElideMode() != Qt.TextElideMode.ElideNone


def test_import_error_reasons_carry_their_whole_text(gui_ctx, qtbot, tmp_path):
    from fieldapp.gui.people.importer import ImportDialog

    path = tmp_path / "roster.csv"
    long_name = "x"
    path.write_text(
        "الاسم,رقم الهوية,الجوال\nنورة القحطاني,1000000000,0501234567\n" + f"{long_name},12,abc\n",
        encoding="utf-8",
    )
    dialog = ImportDialog(gui_ctx)
    qtbot.addWidget(dialog)
    dialog.resize(800, 500)
    dialog.show()
    dialog.choose_file(path)
    dialog.next()
    gui_ctx.runner.wait_idle(5)
    table = dialog.errors_table
    qtbot.waitUntil(lambda: table.rowCount() > 0)
    for row in range(table.rowCount()):
        reason = table.item(row, 3)
        assert reason.toolTip() == reason.text() and reason.text()
    header = table.horizontalHeader()
    assert header.sectionResizeMode(3) in (QHeaderView.ResizeMode.Interactive, QHeaderView.ResizeMode.Stretch)
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Interactive
