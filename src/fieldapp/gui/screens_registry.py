"""Which screens the main window shows, in navigation order (Ctrl+1 … Ctrl+8).

Each screen owner edits ONE line below: `_screen(key, "module", "ClassName")`. The class is called
as `ClassName(ctx)` and must be a fieldapp.gui.screen.Screen. A screen that is deliberately not built
yet (none today) would be listed as `(key, lambda ctx: PlaceholderScreen(ctx, key=key))`: «قيد الإنشاء».

A real screen that fails to load is a bug, never a placeholder: it is logged at ERROR with its
traceback and the app shows a `BrokenScreen` saying so (the rest of the app keeps running); in tests
(`strict`) it raises.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from fieldapp.gui.context import GuiContext
from fieldapp.gui.screen import BrokenScreen, Screen

log = logging.getLogger("fieldapp.gui")

ScreenFactory = Callable[[GuiContext], Screen]

#: True in tests (tests/gui/conftest.py): a screen that fails to load raises instead of showing a BrokenScreen
strict = False


def _screen(key: str, module: str, class_name: str) -> tuple[str, ScreenFactory]:
    """A factory that imports the screen's module only when the screen is first opened."""

    def build(ctx: GuiContext) -> Screen:
        try:
            screen_class = getattr(importlib.import_module(module), class_name)
        # Importing a module runs its code: anything may fail there, and every failure is a bug.
        except Exception as exc:
            log.error("screen %s could not be loaded from %s.%s", key, module, class_name, exc_info=True)
            if strict:
                raise
            return BrokenScreen(ctx, key=key, error=exc)
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
        _screen("partners", "fieldapp.gui.partners", "PartnersScreen"),
        # Conflicts, duplicates and set-aside ops after sync (supervisors and admins): after the partners.
        _screen("review", "fieldapp.gui.review", "ReviewScreen"),
    ]
