"""The partners screen driven as a coordinator does: find a body forgivingly, add one (a wrong phone
refused in the dialog, nothing typed lost), record an agreement and attach its signed copy, see the
alerts, merge a duplicate as a supervisor, export the history; checked through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from fieldapp.core import dates
from fieldapp.core.permissions import Actor
from fieldapp.gui.partners import PartnersScreen
from fieldapp.gui.widgets.inputs import select_row
from fieldapp.services import Services
from fieldapp.services.bodies import AgreementInput, BodyInput

TODAY = dates.local_now().date()


def type_text(widget, text: str) -> None:
    """One key event per character (QTest.keyClicks aborts on Arabic letters)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


@pytest.fixture
def svc(gui_ctx) -> Services:
    svc = Services(gui_ctx.store, Actor("sara", "admin"))
    college = svc.bodies.create(BodyInput("education", "الكلية التقنية بالطائف", city="الطائف"))
    svc.bodies.create(
        BodyInput("charity", "جمعية الأشخاص ذوي الإعاقة", city="الطائف", contact_phone="0127361100")
    )
    svc.bodies.create(BodyInput("health", "التجمع الصحي بجدة", city="جدة"))
    svc.bodies.add_agreement(
        college.id,
        AgreementInput("مذكرة تفاهم للتدريب", TODAY - dt.timedelta(days=340), TODAY + dt.timedelta(days=20)),
    )
    return svc


def open_screen(gui_ctx, qtbot) -> PartnersScreen:
    screen = PartnersScreen(gui_ctx)
    qtbot.addWidget(screen)
    screen.resize(1300, 760)
    screen.show()
    screen.enter()
    return screen


def test_search_filters_and_alerts(gui_ctx, qtbot, svc):
    screen = open_screen(gui_ctx, qtbot)
    assert screen.model.rowCount() == 3
    assert "الكلية التقنية بالطائف" in screen.ending_list.item(0).text()
    assert "الكلية التقنية بالطائف" in screen.quiet_list.item(0).text()  # running agreement, never visited
    type_text(screen.search, "جمعيه الاشخاص")  # no hamza, ه for ة
    screen.search.flush()
    assert [b.name for b in screen.model.rows] == ["جمعية الأشخاص ذوي الإعاقة"]
    screen.search.clear_query()
    screen.city_combo.setCurrentIndex(screen.city_combo.findData("جدة"))
    assert [b.name for b in screen.model.rows] == ["التجمع الصحي بجدة"]
    screen.city_combo.setCurrentIndex(0)
    screen.type_combo.setCurrentIndex(screen.type_combo.findData("education"))
    assert [b.name for b in screen.model.rows] == ["الكلية التقنية بالطائف"]
    assert screen.agreement_model.rowCount() == 1 and screen.agreement_model.rows[0].reminder_due


def test_add_a_body_a_wrong_phone_is_said_in_the_dialog(gui_ctx, qtbot, svc):
    screen = open_screen(gui_ctx, qtbot)
    dialog = screen.add_body()
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("charity"))
    type_text(dialog.name_edit, "مركز حي الشهداء")
    type_text(dialog.city_edit, "الطائف")
    type_text(dialog.phone_edit, "12")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and not dialog.note.isHidden()
    assert "رقم الهاتف" in dialog.note.text() and dialog.name_edit.text() == "مركز حي الشهداء"
    dialog.phone_edit.clear()
    type_text(dialog.phone_edit, "٠٥٥ ١٢٣ ٤٥٦٧")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    saved = svc.bodies.search("الشهداء")[0]
    assert (saved.type, saved.contact_phone) == ("charity", "+966551234567")
    assert screen.current_body().id == saved.id  # the new body is selected


def test_agreement_with_signed_copy(gui_ctx, qtbot, svc, tmp_path):
    screen = open_screen(gui_ctx, qtbot)
    screen.type_combo.setCurrentIndex(screen.type_combo.findData("charity"))
    dialog = screen.add_agreement()
    type_text(dialog.title_edit, "اتفاقية فرص التطوع")
    type_text(dialog.signatory_edit, "أ. عبدالرحمن الزهراني")
    dialog.start_edit.set_date(TODAY)
    dialog.end_edit.set_date(TODAY - dt.timedelta(days=1))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and "قبل تاريخ بدايتها" in dialog.note.text()  # ends before it starts
    dialog.end_edit.set_date(TODAY + dt.timedelta(days=365))
    type_text(dialog.ours_edit, "تدريب المتطوعين")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    agreement = screen.current_agreement()
    assert agreement.title == "اتفاقية فرص التطوع" and agreement.our_commitments == "تدريب المتطوعين"
    assert not screen.open_file_button.isEnabled()
    signed = tmp_path / "موقعة.pdf"
    signed.write_bytes(b"%PDF-1.4")
    screen.attach_file(signed)
    assert screen.open_file_button.isEnabled()
    assert svc.bodies.file_path(agreement.id).read_bytes() == b"%PDF-1.4"


def test_merge_is_for_a_supervisor_and_history_exports(gui_ctx, qtbot, svc, make_user, tmp_path):
    duplicate = svc.bodies.create(BodyInput("education", "كلية التقنية الطائف"))
    screen = open_screen(gui_ctx, qtbot)
    gui_ctx.set_user(make_user(gui_ctx, "coordinator"))
    assert not screen.merge_button.isEnabled() and screen.permission_note.isVisibleTo(screen)
    gui_ctx.set_user(make_user(gui_ctx, "supervisor"))
    rows = [b.id for b in screen.model.rows]
    select_row(screen.table, rows.index(duplicate.id))
    dialog = screen.merge_body()
    college = svc.bodies.search("الكلية التقنية")[0]
    dialog.survivor_combo.setCurrentIndex(dialog.survivor_combo.findData(college.id))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert [b.name for b in screen.model.rows].count("كلية التقنية الطائف") == 0
    assert screen.current_body().id == college.id
    out = tmp_path / "partner.pdf"
    screen.export("pdf", out)
    gui_ctx.runner.wait_idle()
    assert out.stat().st_size > 1000


def test_the_dashboard_names_the_partners_to_attend_to(gui_ctx, qtbot, svc):
    from fieldapp.gui.dashboard.screen import DashboardScreen

    screen = DashboardScreen(gui_ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.enter()
    texts = [screen.partners_list.item(n).text() for n in range(screen.partners_list.count())]
    assert texts[0].startswith("الكلية التقنية بالطائف") and "20" in texts[0]  # ends within 30 days
    assert any("لم تُزر" in t for t in texts)  # a running agreement, never visited
