"""The gifts screen driven as a coordinator does: pick a recipient, see the warnings before saving,
save, void as a supervisor, receive stock; every outcome checked in the database via the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from fieldapp.core import dates
from fieldapp.core.errors import PermissionDenied
from fieldapp.core.permissions import Actor
from fieldapp.gui.gifts import GiftsScreen
from fieldapp.gui.gifts.screen import LOG_TAB, STOCK_TAB
from fieldapp.services import Services
from fieldapp.services.bodies import BodyInput
from fieldapp.services.events import EventInput
from fieldapp.services.gifts import GiftTypeInput, HandoverInput
from fieldapp.services.people import PersonInput


@dataclass
class World:
    services: Services
    person_id: str
    body_id: str
    shield_id: str
    event_id: str


@pytest.fixture
def world(gui_ctx) -> World:
    svc = Services(gui_ctx.store, Actor("sara", "admin"))
    person = svc.people.create(PersonInput(full_name="عبدالله بن خميس الزايدي", national_id="1000000008"))
    svc.people.create(PersonInput(full_name="فهد القحطاني", national_id="1000000016"))
    body = svc.bodies.create(BodyInput(type="security", name="سجن الطائف العام", city="الطائف"))
    shield = svc.gifts.create_type(
        GiftTypeInput(name="درع تذكاري", unit="درع", limit_per_recipient_per_event=1)
    )
    svc.gifts.receive(shield.id, 2, "توريد")
    now = dates.now()
    event = svc.events.create(
        EventInput(
            title="اليوم الوطني", starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=4)
        )
    )
    gui_ctx.set_current_event(event.id)
    return World(svc, person.id, body.id, shield.id, event.id)


def type_text(widget, text: str) -> None:
    """Type like a keyboard, one key event per character (QTest.keyClicks aborts on Arabic letters)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def open_screen(gui_ctx, qtbot) -> GiftsScreen:
    screen = GiftsScreen(gui_ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 760)
    screen.show()
    screen.enter()
    return screen


def pick_person(qtbot, form, text: str) -> None:
    type_text(form.recipient.search, text)
    form.recipient.search.flush()
    qtbot.keyClick(form.recipient.search, Qt.Key.Key_Return)
    assert form.recipient.has_choice()


def choose_gift(form, gift_type_id: str) -> None:
    combo = form.ui.giftCombo
    combo.setFocus()
    combo.setCurrentIndex(combo.findData(gift_type_id))


def test_overdraw_is_warned_before_saving_then_saved_flagged_and_the_form_clears(gui_ctx, qtbot, world):
    screen = open_screen(gui_ctx, qtbot)
    form = screen.handover
    pick_person(qtbot, form, "عبد الله الزايدي")  # the forgiving search: with a space, no "بن خميس"
    choose_gift(form, world.shield_id)
    assert "2" in form.ui.stockLabel.text() and "درع" in form.ui.stockLabel.text()
    assert form.ui.occasionCombo.currentData() == f"event:{world.event_id}"  # the current event

    form.ui.quantitySpin.selectAll()
    qtbot.keyClicks(form.ui.quantitySpin, "3")
    # Shown BEFORE saving, in words: over the stock (2) and over the limit per recipient (1).
    assert form.ui.warningLabel.isVisible()
    assert "أكبر من المخزون المسجّل (2)" in form.ui.warningLabel.text()
    assert {w.code for w in form.warnings} == {"overdrawn", "over_limit"}
    assert world.services.gifts.log() == []

    qtbot.mouseClick(form.ui.saveButton, Qt.MouseButton.LeftButton)
    assert form.confirm_box is not None and form.confirm_box.isVisible()
    assert world.services.gifts.log() == []  # nothing saved until confirmed once
    assert form.confirm_save()

    [saved] = world.services.gifts.log()
    assert (saved.recipient_person_id, saved.quantity, saved.event_id) == (world.person_id, 3, world.event_id)
    assert set(saved.flags) == {"overdrawn", "over_limit"}
    assert world.services.gifts.get_type(world.shield_id).stock == -1
    # Ready for the next recipient: the gift stays, the stock figure follows.
    assert not form.recipient.has_choice() and form.ui.quantitySpin.value() == 1
    assert form.gift_type().id == world.shield_id and "-1" in form.ui.stockLabel.text()
    assert not form.ui.warningLabel.isVisible()


def test_a_repeat_receipt_is_warned_before_saving(gui_ctx, qtbot, world):
    world.services.gifts.receive(world.shield_id, 10, "توريد من المستودع")
    world.services.gifts.hand_over(
        HandoverInput(world.shield_id, 1, recipient_person_id=world.person_id, event_id=world.event_id)
    )
    screen = open_screen(gui_ctx, qtbot)
    form = screen.handover
    choose_gift(form, world.shield_id)
    assert not form.warnings
    pick_person(qtbot, form, "1000000008")
    assert [w.code for w in form.warnings] == ["over_limit", "repeat"]
    assert "استلم هذا المستلم هذه الهدية من قبل" in form.ui.warningLabel.text()
    # A different person in the same event has nothing to be warned about.
    form.recipient.clear_choice()
    pick_person(qtbot, form, "فهد")
    assert form.warnings == [] and not form.ui.warningLabel.isVisible()
    qtbot.mouseClick(form.ui.saveButton, Qt.MouseButton.LeftButton)  # no warnings: saved at once
    assert len(world.services.gifts.log()) == 2


def test_a_body_recipient_with_a_label(gui_ctx, qtbot, world):
    form = open_screen(gui_ctx, qtbot).handover
    form.recipient.body_radio.setChecked(True)
    type_text(form.recipient.search, "سجن الطايف")  # ي for ئ: folded
    form.recipient.search.flush()
    assert form.recipient.choose_first()
    type_text(form.recipient.label_edit, "مدير السجن")
    choose_gift(form, world.shield_id)
    qtbot.mouseClick(form.ui.saveButton, Qt.MouseButton.LeftButton)
    [saved] = world.services.gifts.log()
    assert saved.recipient_body_id == world.body_id and saved.recipient_label == "مدير السجن"


def _handed(world) -> str:
    return world.services.gifts.hand_over(
        HandoverInput(world.shield_id, 2, recipient_person_id=world.person_id, event_id=world.event_id)
    ).handover.id


def test_a_coordinator_cannot_void(gui_ctx, qtbot, world, make_user):
    handover_id = _handed(world)
    gui_ctx.set_user(make_user(gui_ctx, "coordinator"))
    screen = open_screen(gui_ctx, qtbot)
    screen.tabs.setCurrentIndex(LOG_TAB)
    log = screen.log
    assert log.model.rowCount() == 1
    log.select_row(0)
    assert not log.void_button.isEnabled()
    assert "supervisor" in log.void_button.toolTip().lower() or "المشرف" in log.void_button.toolTip()
    with pytest.raises(PermissionDenied):  # the service refuses too
        gui_ctx.services.gifts.void(handover_id, "خطأ")
    assert not world.services.gifts.get(handover_id).voided


def test_a_supervisor_voids_with_a_reason_and_the_stock_comes_back(gui_ctx, qtbot, world, make_user):
    handover_id = _handed(world)
    assert world.services.gifts.get_type(world.shield_id).stock == 0
    gui_ctx.set_user(make_user(gui_ctx, "supervisor"))
    screen = open_screen(gui_ctx, qtbot)
    screen.tabs.setCurrentIndex(LOG_TAB)
    log = screen.log
    log.select_row(0)
    assert log.void_button.isEnabled()
    qtbot.mouseClick(log.void_button, Qt.MouseButton.LeftButton)
    dialog = log.void_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.ok_button.isEnabled()  # reason required
    assert "(درع تذكاري: 2)" in dialog.prompt.text()  # a label, never «2 درع تذكاري»
    type_text(dialog.text_edit, "سُجّل على الشخص الخطأ")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    voided = world.services.gifts.get(handover_id)
    assert voided.voided and voided.void_reason == "سُجّل على الشخص الخطأ"
    assert world.services.gifts.get_type(world.shield_id).stock == 2
    # The row stays in the log, struck out, and cannot be voided twice.
    assert log.model.rowCount() == 1 and log.model.row_at(0).voided
    font = log.model.data(log.model.index(0, 0), Qt.ItemDataRole.FontRole)
    assert font is not None and font.strikeOut()
    log.select_row(0)
    assert not log.void_button.isEnabled()


def test_receive_stock_from_the_stock_tab(gui_ctx, qtbot, world):
    screen = open_screen(gui_ctx, qtbot)
    screen.tabs.setCurrentIndex(STOCK_TAB)
    stock = screen.stock
    stock.select_type(world.shield_id)
    qtbot.mouseClick(stock.receive_button, Qt.MouseButton.LeftButton)
    dialog = stock.dialog
    dialog.ui.quantitySpin.selectAll()
    qtbot.keyClicks(dialog.ui.quantitySpin, "35")
    type_text(dialog.ui.reasonEdit, "توريد من المستودع")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert world.services.gifts.get_type(world.shield_id).stock == 37
    assert stock.selected().stock == 37
    top = stock.ledger_model.row_at(0)
    assert (top.kind, top.delta, top.balance, top.detail) == ("receipt", 35, 37, "توريد من المستودع")
    # The hand-over tab shows the new figure when opened again.
    screen.tabs.setCurrentIndex(0)
    choose_gift(screen.handover, world.shield_id)
    assert "37" in screen.handover.ui.stockLabel.text()


def test_the_filtered_log_exports_to_excel_and_pdf(gui_ctx, qtbot, world, tmp_path):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    _handed(world)
    other = world.services.events.create(
        EventInput(title="حملة الشتاء", starts_at=dates.now(), ends_at=dates.now() + dt.timedelta(hours=2))
    )
    world.services.gifts.hand_over(
        HandoverInput(world.shield_id, 1, recipient_body_id=world.body_id, event_id=other.id)
    )
    screen = open_screen(gui_ctx, qtbot)
    screen.tabs.setCurrentIndex(LOG_TAB)
    log = screen.log
    assert log.model.rowCount() == 2
    log.event_combo.setCurrentIndex(log.event_combo.findData(world.event_id))  # only «اليوم الوطني»
    log.export_log("xlsx", tmp_path / "log.xlsx")
    log.export_log("pdf", tmp_path / "log.pdf")
    sheet = load_workbook(tmp_path / "log.xlsx").active
    assert sheet.sheet_view.rightToLeft
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any("عبدالله بن خميس الزايدي" in c for c in cells)
    assert not any("سجن الطائف العام" in c for c in cells)  # the other event's hand-over is filtered out
    assert len(PdfReader(tmp_path / "log.pdf").pages) >= 1


def test_a_write_from_the_screen_is_published_once_by_the_runner(gui_ctx, qtbot, world):
    """The screens submit writes with runner.write: the runner says what changed, no screen by hand."""
    screen = open_screen(gui_ctx, qtbot)
    screen.tabs.setCurrentIndex(STOCK_TAB)
    published = []
    gui_ctx.notifier.changed.connect(lambda changed: published.append(set(changed.topics)))
    stock = screen.stock
    stock.select_type(world.shield_id)
    qtbot.mouseClick(stock.receive_button, Qt.MouseButton.LeftButton)
    dialog = stock.dialog
    dialog.ui.quantitySpin.selectAll()
    qtbot.keyClicks(dialog.ui.quantitySpin, "5")
    assert not dialog.ok_button.isEnabled()  # a receipt says where the goods came from
    type_text(dialog.ui.reasonEdit, "تبرع")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert published == [{"stock"}]


def test_a_coordinator_cannot_receive_stock_or_change_a_limit(gui_ctx, qtbot, world, make_user):
    gui_ctx.set_user(make_user(gui_ctx, "coordinator"))
    screen = open_screen(gui_ctx, qtbot)
    screen.tabs.setCurrentIndex(STOCK_TAB)
    stock = screen.stock
    stock.select_type(world.shield_id)
    assert not stock.receive_button.isEnabled() and "المشرف" in stock.receive_button.toolTip()
    assert stock.edit_type_button.isEnabled()
    qtbot.mouseClick(stock.edit_type_button, Qt.MouseButton.LeftButton)
    assert not stock.dialog.limit_spin.isEnabled()


def test_quantities_of_a_typed_unit_are_labels_never_a_broken_count(gui_ctx, qtbot, world):
    """«3 درع» cannot agree: the form, the saved message, the log and the stock dialog label the unit."""
    messages: list[str] = []
    gui_ctx.message.connect(lambda text, _level: messages.append(text))
    screen = open_screen(gui_ctx, qtbot)
    form = screen.handover
    pick_person(qtbot, form, "فهد القحطاني")
    choose_gift(form, world.shield_id)
    assert form.ui.stockLabel.text().startswith("المتوفر — درع: 2")
    form.ui.quantitySpin.setValue(2)
    qtbot.mouseClick(form.ui.saveButton, Qt.MouseButton.LeftButton)
    if form.confirm_box is not None and form.confirm_box.isVisible():
        form.confirm_save()
    assert messages and "(درع تذكاري: 2)" in messages[-1] and "2 درع" not in messages[-1]
    screen.tabs.setCurrentIndex(LOG_TAB)
    gui_ctx.runner.wait_idle(5)
    model = screen.log.table.model()
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.index(0, 3).data() == "درع: 2"
