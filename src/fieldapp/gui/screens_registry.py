"""Which screens the main window shows, in navigation order (Ctrl+1 … Ctrl+8).

Each screen owner edits ONE line below: `_screen(key, "module", "ClassName")`. A module that is not
there yet (ImportError) shows a placeholder «قيد الإنشاء», so the app always runs.
The class is called as `ClassName(ctx)` and must be a fieldapp.gui.screen.Screen.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from fieldapp.gui.context import GuiContext
from fieldapp.gui.screen import PlaceholderScreen, Screen

log = logging.getLogger("fieldapp.gui")

ScreenFactory = Callable[[GuiContext], Screen]


def _screen(key: str, module: str, class_name: str) -> tuple[str, ScreenFactory]:
    """A factory that imports the screen's module only when the screen is first opened."""

    def build(ctx: GuiContext) -> Screen:
        try:
            screen_class = getattr(importlib.import_module(module), class_name)
        except (ImportError, AttributeError) as exc:
            log.info("screen %s not available yet (%s): placeholder shown", key, exc)
            return PlaceholderScreen(ctx, key=key)
        return screen_class(ctx)

    return key, build


def screen_factories() -> list[tuple[str, ScreenFactory]]:
    return [
        _screen("dashboard", "fieldapp.gui.dashboard", "DashboardScreen"),
        _screen("desk", "fieldapp.gui.desk", "DeskScreen"),
        _screen("gifts", "fieldapp.gui.gifts", "GiftsScreen"),
        _screen("visits", "fieldapp.gui.visits", "VisitsScreen"),
        _screen("people", "fieldapp.gui.people", "PeopleScreen"),
        _screen("events", "fieldapp.gui.events", "EventsScreen"),
        _screen("settings", "fieldapp.gui.settings_screen", "SettingsScreen"),
        # After the seven of the desktop-app issue, so Ctrl+1…7 keep their order (Ctrl+8 here).
        _screen("certificates", "fieldapp.gui.certificates", "CertificatesScreen"),
    ]
