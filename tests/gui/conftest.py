"""GUI fixtures: a real temp database, a synchronous runner, a signed-in admin, Arabic by default.

def test_x(gui_ctx, qtbot): ...            # GuiContext over a fresh store, SyncRunner, admin "sara"
def test_y(main_window, qtbot): ...        # the MainWindow on that context, shown
make_user(gui_ctx, "coordinator") -> UserView
"""

from __future__ import annotations

import pytest

from fieldapp.core import i18n


def _app_state(app) -> tuple:
    """What create_app sets on the QApplication besides the language."""
    font = app.font()
    return (
        app.applicationName(),
        app.applicationDisplayName(),
        app.applicationVersion(),
        app.organizationName(),
        font.family(),
        font.pointSize(),
        app.style().objectName(),
        app.styleSheet(),
    )


_created: list[tuple] = []  # _app_state right after create_app


@pytest.fixture
def gui_app(qapp):
    """The QApplication with bundled fonts, stylesheet and the Arabic translators; restored afterwards.

    create_app runs again only when a test changed what it sets: setting the same style and
    stylesheet again re-polishes every widget alive, seconds per test late in a module."""
    from fieldapp.gui.app import create_app, switch_language

    if _created and _app_state(qapp) == _created[0]:
        switch_language("ar")
        app = qapp
    else:
        app = create_app(lang="ar")
        _created[:] = [_app_state(app)]
    yield app
    switch_language("ar")
    i18n.set_language(None)  # back to FIELDAPP_LANG (en) for the non-GUI tests


@pytest.fixture(autouse=True)
def _screens_fail_loudly(monkeypatch):
    """A screen that fails to load fails the test (the app would show a BrokenScreen and log it)."""
    from fieldapp.gui import screens_registry

    monkeypatch.setattr(screens_registry, "strict", True)


@pytest.fixture
def sync_runner(gui_app):
    from fieldapp.gui.runner import SyncRunner

    runner = SyncRunner()
    yield runner
    runner.deleteLater()


@pytest.fixture
def admin_user(store):
    from fieldapp.services import Services

    return Services(store, None).users.create("sara", "سارة العتيبي", "admin", "secret123")  # first run


def _make_user(ctx_or_store, role: str, username: str | None = None, password: str = "secret123"):
    """Create another local user (the admin creates it)."""
    from fieldapp.core.permissions import Actor
    from fieldapp.services import Services

    store = getattr(ctx_or_store, "store", ctx_or_store)
    username = username or f"{role[:5]}1"
    names = {"coordinator": "خالد الزهراني", "supervisor": "نورة القحطاني", "admin": "فهد الدوسري"}
    return Services(store, Actor("sara", "admin")).users.create(
        username, names.get(role, "مستخدم"), role, password
    )


@pytest.fixture
def make_user():
    """make_user(ctx_or_store, "coordinator", username=None, password="secret123") -> UserView."""
    return _make_user


@pytest.fixture
def gui_ctx(gui_app, store, sync_runner, admin_user, tmp_path):
    from fieldapp.config import DataDir
    from fieldapp.gui.app import install_error_handlers, switch_language
    from fieldapp.gui.context import GuiContext

    ctx = GuiContext(store, sync_runner, DataDir(tmp_path), admin_user)
    ctx.language_switcher = switch_language
    install_error_handlers(sync_runner, lambda: None)
    yield ctx
    ctx.deleteLater()


@pytest.fixture
def main_window(gui_ctx, qtbot):
    from fieldapp.gui.main_window import MainWindow

    window = MainWindow(gui_ctx)
    qtbot.addWidget(window)
    window.show()
    window.open_start_screen()
    gui_ctx.runner.wait_idle(5)
    return window
