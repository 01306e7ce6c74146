"""Spin-box suffixes agree with the value shown («1 ساعة، 2 ساعتان، 3 ساعات، 11 ساعة») and follow
each change, in Arabic and in English; read back from the spin box's own text."""

from __future__ import annotations

import pytest

from fieldapp.gui.events.editor import EventDialog
from fieldapp.gui.partners.dialogs import AgreementDialog


def _shown(spin, value) -> str:
    spin.setValue(value)
    return spin.text()  # what the person sees: value and suffix


@pytest.mark.parametrize(
    ("value", "arabic", "english"),
    [
        (1, "1 دقيقة", "1 minute"),
        (2, "2 دقيقتان", "2 minutes"),
        (3, "3 دقائق", "3 minutes"),
        (10, "10 دقائق", "10 minutes"),
        (11, "11 دقيقة", "11 minutes"),
        (100, "100 دقيقة", "100 minutes"),
    ],
)
def test_the_scan_interval_suffix_follows_its_value(gui_ctx, qtbot, value, arabic, english):
    dialog = EventDialog(gui_ctx, None, [], [], None)
    qtbot.addWidget(dialog)
    spin = dialog.ui.minScanInterval
    assert _shown(spin, value) == arabic
    gui_ctx.set_language("en", persist=False)
    english_dialog = EventDialog(gui_ctx, None, [], [], None)
    qtbot.addWidget(english_dialog)
    assert _shown(english_dialog.ui.minScanInterval, value) == english
    gui_ctx.set_language("ar", persist=False)


def test_the_reminder_suffix_follows_its_value(gui_ctx, qtbot):
    from fieldapp.services.bodies import BodyInput

    body = gui_ctx.services.bodies.create(BodyInput(type="security", name="سجن الطائف العام"))
    dialog = AgreementDialog(gui_ctx, body.id, None)
    qtbot.addWidget(dialog)
    spin = dialog.reminder_spin
    shown = [_shown(spin, n) for n in (1, 2, 3, 11, 30)]
    assert shown == [
        "1 يوم قبل النهاية",
        "2 يومان قبل النهاية",
        "3 أيام قبل النهاية",
        "11 يومًا قبل النهاية",
        "30 يومًا قبل النهاية",
    ]


def test_the_certificate_hours_suffix_follows_its_value_and_the_language(gui_ctx, qtbot, main_window):
    assert main_window.show_screen("certificates")
    issue = main_window.current_screen().issue_tab
    spin = issue.min_hours
    assert [_shown(spin, v) for v in (1, 2, 3, 11, 12.5)] == [
        "1.0 ساعة",
        "2.0 ساعتان",
        "3.0 ساعات",
        "11.0 ساعة",
        "12.5 ساعة",
    ]
    gui_ctx.set_language("en", persist=False)  # the screen is not rebuilt: its suffix rewords
    assert [_shown(spin, v) for v in (1, 2, 12.5)] == ["1.0 hour", "2.0 hours", "12.5 hours"]
    gui_ctx.set_language("ar", persist=False)
    assert spin.text() == "12.5 ساعة"


@pytest.mark.parametrize(
    ("n", "arabic"),
    [(1, "تنتهي بعد يوم واحد"), (2, "تنتهي بعد يومين"), (3, "تنتهي بعد 3 أيام"), (18, "تنتهي بعد 18 يومًا")],
)
def test_days_left_agree_with_their_number(gui_app, n, arabic):
    """Was «تنتهي بعد 3 يومًا» for every number: the partner lists count days with Qt's numerus."""
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("PartnersScreen", "تنتهي بعد %n يوم", "", n) == arabic
    dashboard = QCoreApplication.translate("DashboardScreen", "تنتهي اتفاقيتها بعد %n يوم", "", n)
    assert dashboard == arabic.replace("تنتهي", "تنتهي اتفاقيتها")
