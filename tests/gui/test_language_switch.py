"""A language switch rewords every screen at once: switch to English, walk every screen, and no
Arabic letter is left in a visible label, button, tab, group title, header or placeholder (user
data aside); back to Arabic, and the texts are Arabic again."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QTabWidget,
    QWidget,
)

from fieldapp.core import dates
from fieldapp.services.bodies import BodyInput
from fieldapp.services.events import EventInput
from fieldapp.services.gifts import GiftTypeInput
from fieldapp.services.people import PersonInput

ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")


def _texts(widget: QWidget) -> list[tuple[str, str]]:
    """(where, text) of what a person reads on this widget (not the rows of data)."""
    name = f"{type(widget).__name__}#{widget.objectName()}"
    out: list[tuple[str, str]] = []
    if isinstance(widget, (QLabel, QAbstractButton)):
        out.append((name, widget.text()))
    elif isinstance(widget, QGroupBox):
        out.append((name, widget.title()))
    elif isinstance(widget, QTabBar):
        out += [(f"{name} tab {i}", widget.tabText(i)) for i in range(widget.count())]
    elif isinstance(widget, QLineEdit):
        out.append((f"{name} placeholder", widget.placeholderText()))
    elif isinstance(widget, QComboBox) and widget.objectName() != "languageCombo":  # «العربية» stays
        out.append((f"{name} current", widget.currentText()))
    elif isinstance(widget, QAbstractSpinBox):
        out.append((f"{name} value", widget.text()))
    header_view = getattr(widget, "horizontalHeader", None)
    if isinstance(widget, QAbstractItemView) and header_view is not None and widget.model() is not None:
        model = widget.model()
        if not header_view().isVisible():
            return out
        for column in range(model.columnCount(QModelIndex())):
            header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            out.append((f"{name} header {column}", str(header or "")))
    return out


def _every_view_of(screen: QWidget):
    """(name, show) for the screen as opened, each tab of each tab widget, and each agenda mode."""
    yield "as opened", lambda: None
    for tabs in screen.findChildren(QTabWidget):
        for index in range(tabs.count()):
            yield f"{tabs.objectName()} tab {index}", lambda t=tabs, i=index: t.setCurrentIndex(i)
    for index, button in enumerate(getattr(screen, "mode_buttons", ())):
        yield f"mode {index}", button.click


def arabic_left(root: QWidget, user_data: tuple[str, ...]) -> list[tuple[str, str]]:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        for where, text in _texts(widget):
            for data in user_data:
                text = text.replace(data, "")
            if ARABIC.search(text):
                found.append((where, text))
    return found


def _world(gui_ctx) -> tuple[str, ...]:
    """A little of everything, so that every screen shows its parts; returns the user data."""
    svc = gui_ctx.services
    now = dates.now()
    person = PersonInput(full_name="نورة سعد القحطاني", latin_name="Noura Alqahtani", mobile="0501234567")
    svc.people.create(person)
    event = svc.events.create(
        EventInput(
            title="ملتقى التطوع", starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=5)
        )
    )
    gui_ctx.set_current_event(event.id)
    svc.bodies.create(BodyInput(type="security", name="سجن الطائف العام", city="الطائف"))
    svc.gifts.create_type(GiftTypeInput(name="درع تذكاري", unit="درع"))
    org = svc.organisation.get() if hasattr(svc, "organisation") else None
    names = ("نورة سعد القحطاني", "ملتقى التطوع", "سجن الطائف العام", "الطائف", "درع تذكاري", "درع")
    user = gui_ctx.user.display_name if hasattr(gui_ctx.user, "display_name") else "سارة العتيبي"
    return (*names, user, "سارة العتيبي", getattr(org, "name", "") or "")


def test_every_screen_reads_english_after_a_switch_and_arabic_after_switching_back(
    gui_ctx, main_window, qtbot
):
    user_data = tuple(d for d in _world(gui_ctx) if d)
    keys = main_window.screen_keys()
    for key in keys:  # every screen built (and loaded) in Arabic first
        assert main_window.show_screen(key)
        gui_ctx.runner.wait_idle(5)
    gui_ctx.set_language("en", persist=False)
    left: dict[str, list[tuple[str, str]]] = {}
    for key in keys:
        assert main_window.show_screen(key)
        for where, settle in _every_view_of(main_window.current_screen()):
            settle()
            gui_ctx.runner.wait_idle(5)
            qtbot.wait(1)
            found = arabic_left(main_window, user_data)
            if found:
                left[f"{key} {where}"] = found
    gui_ctx.set_language("ar", persist=False)
    for key in keys:
        main_window.show_screen(key)
        gui_ctx.runner.wait_idle(5)
        title = main_window.current_screen().title()
        assert ARABIC.search(title), (key, title)
    assert not left, "\n".join(f"{k}: {v}" for k, v in left.items())
