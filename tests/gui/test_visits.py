"""The visits screen driven as a coordinator does: plan a visit (a double booking shown before
saving), start and complete it, hand a gift during it; every outcome checked through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QEvent, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from fieldapp.core import dates
from fieldapp.core.permissions import Actor
from fieldapp.gui.visits import VisitsScreen
from fieldapp.gui.visits.screen import DAY, LIST, WEEK
from fieldapp.services import Services
from fieldapp.services.bodies import BodyInput
from fieldapp.services.gifts import GiftTypeInput
from fieldapp.services.people import PersonInput
from fieldapp.services.visits import PlannedGift, VisitInput


def type_text(widget, text: str) -> None:
    """One key event per character (QTest.keyClicks aborts on Arabic letters)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def local(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dates.APP_TZ)


@dataclass
class World:
    services: Services
    fahad_id: str
    prison_id: str
    centre_id: str
    dates_gift_id: str
    visit_id: str
    day: dt.date


@pytest.fixture
def world(gui_ctx) -> World:
    svc = Services(gui_ctx.store, Actor("sara", "admin"))
    fahad = svc.people.create(PersonInput(full_name="فهد القحطاني", national_id="1000000016", gender="m"))
    svc.people.create(PersonInput(full_name="عبدالله بن خميس الزايدي", national_id="1000000008"))
    prison = svc.bodies.create(BodyInput(type="security", name="سجن الطائف العام"))
    centre = svc.bodies.create(BodyInput(type="health", name="مركز الغسيل الكلوي"))
    gift = svc.gifts.create_type(
        GiftTypeInput(name="كرتون تمر سكري", unit="كرتون", limit_per_recipient_per_event=1)
    )
    svc.gifts.receive(gift.id, 50, "توريد من المستودع")
    day = dates.local_now().date() + dt.timedelta(days=1)
    visit = svc.visits.create(
        VisitInput(
            body_id=prison.id,
            title="زيارة النزلاء",
            planned_start=local(day, 10),
            planned_end=local(day, 12),
            team=(fahad.id,),
            gifts=(PlannedGift(gift.id, 20),),
        )
    )
    return World(svc, fahad.id, prison.id, centre.id, gift.id, visit.id, day)


def open_screen(gui_ctx, qtbot, day: dt.date) -> VisitsScreen:
    screen = VisitsScreen(gui_ctx)
    qtbot.addWidget(screen)
    screen.resize(1300, 760)
    screen.show()
    screen.day = day
    screen.enter()
    return screen


def painted_background(widget) -> str:
    """The colour a widget is painted in, a few pixels inside its border."""
    return widget.grab().toImage().pixelColor(widget.width() // 2, 4).name()


def test_week_agenda_runs_sunday_to_saturday_with_the_weekend_shaded(gui_ctx, qtbot, world):
    screen = open_screen(gui_ctx, qtbot, world.day)
    assert screen.mode == WEEK
    week = screen.week_view
    assert week.days[0].weekday() == 6 and week.days[-1].weekday() == 5  # Sunday .. Saturday
    column = week.days.index(world.day)
    assert week.lists[column].visit_ids() == [world.visit_id]
    # The shading is the theme's (no inline styles): read the colour the headers are painted in.
    assert painted_background(week.headers[5]) == "#eceeed" == painted_background(week.headers[6])  # Fri, Sat
    assert painted_background(week.headers[0]) != "#eceeed"
    week.lists[column].setCurrentRow(0)
    assert screen.selected_visit().id == world.visit_id
    assert "فهد القحطاني" in screen.detail_text.text()
    # The day and the list show it too.
    qtbot.mouseClick(screen.mode_buttons[DAY], Qt.MouseButton.LeftButton)
    assert screen.day_view.list.visit_ids() == [world.visit_id]
    qtbot.mouseClick(screen.mode_buttons[LIST], Qt.MouseButton.LeftButton)
    assert [v.id for v in screen.list_model.rows] == [world.visit_id]


def test_a_double_booked_member_is_warned_in_the_dialog_and_the_saved_visit_is_flagged(gui_ctx, qtbot, world):
    screen = open_screen(gui_ctx, qtbot, world.day)
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert dialog.isVisible()
    type_text(dialog.body.search, "الغسيل")
    dialog.body.search.flush()
    qtbot.keyClick(dialog.body.search, Qt.Key.Key_Return)
    assert dialog.body.body_id() == world.centre_id
    type_text(dialog.ui.titleEdit, "معايدة المرضى")
    dialog.date_edit.set_date(world.day)
    dialog.ui.startTime.setTime(QTime(11, 0))
    dialog.ui.endTime.setTime(QTime(13, 0))
    assert dialog.clashes == []

    type_text(dialog.team_search.search, "فهد")
    dialog.team_search.search.flush()
    qtbot.keyClick(dialog.team_search.search, Qt.Key.Key_Return)
    assert dialog.team_ids() == [world.fahad_id]
    # Shown BEFORE saving, naming the person, the other visit and its time.
    assert [c.other_visit_id for c in dialog.clashes] == [world.visit_id]
    text = dialog.ui.clashLabel.text()
    assert dialog.ui.clashLabel.isVisible()
    assert "فهد القحطاني لديه زيارة أخرى في الوقت نفسه" in text and "10:00–12:00" in text
    assert "سجن الطائف العام" in text
    assert len(world.services.visits.list()) == 1

    qtbot.mouseClick(dialog.ui.addGiftButton, Qt.MouseButton.LeftButton)
    dialog.ui.giftsTable.cellWidget(0, 1).setValue(4)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # saving is allowed with the warning

    assert not dialog.isVisible()
    saved = next(v for v in world.services.visits.list() if v.id != world.visit_id)
    assert (saved.body.id, saved.title, saved.status) == (world.centre_id, "معايدة المرضى", "planned")
    assert saved.has_clash and saved.clashes[0].person_id == world.fahad_id
    assert [(g.gift_type_id, g.quantity) for g in saved.planned_gifts] == [(world.dates_gift_id, 4)]
    assert dates.to_local(saved.planned_start).hour == 11
    # The screen shows the new visit selected, with its clash marker.
    assert screen.selected_id == saved.id and "⚠" in screen.detail_text.text()


def test_start_then_complete_a_visit_with_notes(gui_ctx, qtbot, world):
    screen = open_screen(gui_ctx, qtbot, world.day)
    screen.select_visit(world.visit_id)
    assert screen.start_button.isEnabled() and not screen.complete_button.isEnabled()
    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    assert world.services.visits.get(world.visit_id).status == "in_progress"
    assert screen.complete_button.isEnabled() and not screen.start_button.isEnabled()
    assert not screen.cancel_button.isEnabled()

    qtbot.mouseClick(screen.complete_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert not dialog.ok_button.isEnabled()  # outcome notes are required
    type_text(dialog.text_edit, "وُزّعت التمور على ١٢٠ نزيلًا")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    done = world.services.visits.get(world.visit_id)
    assert done.status == "done" and done.outcome_notes == "وُزّعت التمور على ١٢٠ نزيلًا"
    assert done.completed_at is not None
    assert not any(
        b.isEnabled()
        for b in (screen.start_button, screen.complete_button, screen.cancel_button, screen.edit_button)
    )


def test_cancel_needs_a_reason(gui_ctx, qtbot, world):
    screen = open_screen(gui_ctx, qtbot, world.day)
    screen.select_visit(world.visit_id)
    assert not screen.missed_button.isEnabled()  # tomorrow's visit cannot be missed yet
    qtbot.mouseClick(screen.cancel_button, Qt.MouseButton.LeftButton)
    screen.dialog.accept()  # empty: refused
    assert world.services.visits.get(world.visit_id).status == "planned"
    type_text(screen.dialog.text_edit, "اعتذرت الجهة")
    screen.dialog.accept()
    assert world.services.visits.get(world.visit_id).status == "cancelled"


def test_hand_a_gift_from_the_visit(gui_ctx, qtbot, world):
    screen = open_screen(gui_ctx, qtbot, world.day)
    screen.select_visit(world.visit_id)
    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.handover_button, Qt.MouseButton.LeftButton)
    form = screen.dialog.form
    # The visit is fixed and the recipient defaults to the visited body.
    assert form.ui.occasionCombo.currentData() == f"visit:{world.visit_id}"
    assert not form.ui.occasionCombo.isEnabled()
    assert form.recipient.body_id() == world.prison_id
    type_text(form.recipient.label_edit, "مدير السجن")
    assert form.gift_type().id == world.dates_gift_id  # the visit's planned gift, pre-filled
    form.ui.quantitySpin.setValue(5)
    assert form.warnings == []  # the per-EVENT limit (1) is not a visit's: its gifts are planned
    qtbot.mouseClick(form.ui.saveButton, Qt.MouseButton.LeftButton)

    [handed] = world.services.gifts.log(visit_id=world.visit_id)
    assert (handed.recipient_body_id, handed.recipient_label, handed.quantity) == (
        world.prison_id,
        "مدير السجن",
        5,
    )
    assert world.services.gifts.get_type(world.dates_gift_id).stock == 45
    # Ready for the next recipient of the same visit; the visit shows what was handed.
    assert form.recipient.body_id() == world.prison_id and form.recipient.label() == ""
    assert [(g.gift_type_id, g.quantity) for g in world.services.visits.get(world.visit_id).handed_gifts] == [
        (world.dates_gift_id, 5)
    ]
    assert "كرتون تمر سكري: 5" in screen.detail_text.text()  # the unit is in the name: a label, no count


def test_a_visit_write_is_published_once_by_the_runner(gui_ctx, qtbot, world):
    screen = open_screen(gui_ctx, qtbot, world.day)
    published = []
    gui_ctx.notifier.changed.connect(lambda changed: published.append(set(changed.topics)))
    screen.select_visit(world.visit_id)
    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    assert published == [{"visits"}]
    assert screen.complete_button.isEnabled()  # the screen refreshed on what the runner published
