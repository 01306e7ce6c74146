"""Focus goes to the next field a person fills: each form opens on its first field, and a button
that greys itself after use hands focus back to where the screen is worked from, never to the
navigation or an unrelated table. Read back with the window's focus widget."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from fieldapp.core import dates
from fieldapp.gui.gifts.stock import GiftTypeDialog, StockEntryDialog
from fieldapp.gui.partners.dialogs import AgreementDialog, BodyDialog
from fieldapp.services.bodies import BodyInput
from fieldapp.services.events import EventInput
from fieldapp.services.gifts import GiftTypeInput


def _opened(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog.focusWidget()


def test_each_form_opens_on_the_field_typed_first(gui_ctx, qtbot):
    body = gui_ctx.services.bodies.create(BodyInput(type="security", name="سجن الطائف العام"))
    gift = gui_ctx.services.gifts.create_type(GiftTypeInput(name="درع تذكاري", unit="درع"))
    body_dialog = BodyDialog(gui_ctx, None)
    assert _opened(qtbot, body_dialog) is body_dialog.name_edit  # the kind has a default
    agreement = AgreementDialog(gui_ctx, body.id, None)
    assert _opened(qtbot, agreement) is agreement.title_edit
    receive = StockEntryDialog(None, gift)
    assert _opened(qtbot, receive) is receive.ui.quantitySpin
    adjust = StockEntryDialog(None, gift, adjust=True)
    assert _opened(qtbot, adjust) is adjust.ui.quantitySpin
    new_type = GiftTypeDialog(None, None)
    assert _opened(qtbot, new_type) is new_type.name_edit


def test_after_adding_a_user_focus_is_ready_for_the_next(gui_ctx, main_window, qtbot):
    assert main_window.show_screen("settings")
    settings = main_window.current_screen()
    settings.new_username.setText("khaled")
    settings.new_name.setText("خالد الزهراني")
    settings.new_password.setText("secret1234")
    settings.new_password.setFocus()
    qtbot.keyClick(settings.new_password, Qt.Key.Key_Return)
    gui_ctx.runner.wait_idle(5)
    assert [u.username for u in gui_ctx.services.users.list() if u.username == "khaled"] == ["khaled"]
    assert main_window.focusWidget() is settings.new_username
    assert settings.new_username.text() == ""


def test_a_button_that_greys_itself_hands_focus_back_to_the_screen(gui_ctx, main_window, qtbot):
    now = dates.now()
    gui_ctx.services.events.create(
        EventInput(title="ملتقى التطوع", starts_at=now, ends_at=now + dt.timedelta(hours=3))
    )
    assert main_window.show_screen("events")
    events = main_window.current_screen()
    gui_ctx.runner.wait_idle(5)
    events.tree.setCurrentItem(events.tree.topLevelItem(0))
    gui_ctx.runner.wait_idle(5)
    assert events.current_button.isEnabled()
    events.current_button.setFocus()
    qtbot.keyClick(events.current_button, Qt.Key.Key_Space)  # «اجعلها الفعالية الحالية»
    gui_ctx.runner.wait_idle(5)
    assert not events.current_button.isEnabled()  # it is the current event now
    assert main_window.focusWidget() is events.tree  # not the next table, not the navigation
    assert main_window.focusWidget() is not main_window.nav
