"""`fieldapp screenshots`: every registered screen with demo data, rendered offscreen to PNG.

Look at them: Arabic shaped and right-to-left, navigation on the right, nothing clipped.
"""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from fieldapp.config import DataDir
from fieldapp.gui.app import configure_logging, create_app, install_error_handlers, switch_language
from fieldapp.gui.context import GuiContext
from fieldapp.gui.login import LoginDialog, build_demo_available
from fieldapp.gui.runner import ThreadRunner
from fieldapp.services import Services
from fieldapp.services.users import UserView
from fieldapp.store.db import Store

log = logging.getLogger("fieldapp.gui")

SIZE = (1366, 768)  # a typical laptop screen


def _settle(runner: ThreadRunner, rounds: int = 3) -> None:
    app = QApplication.instance()
    for _ in range(rounds):
        runner.wait_idle(30)
        app.processEvents()


def _grab(widget: QWidget, path: Path) -> Path:
    widget.grab().save(str(path))
    return path


def _detail_shots(window, out: Path, settle) -> list[Path]:
    """States a screen only reaches by use: the desk's suggestions, the gift log and the stock."""
    written: list[Path] = []
    desk = window.screens.get("desk")
    if desk is not None:
        window.show_screen("desk")
        desk.scan_field.setText("محمد")
        desk._search("محمد")  # the debounce timer would fire after the grab
        settle()
        written.append(_grab(window, out / "desk-search.png"))
        desk.scan_field.clear()
        desk._hide_results()
    gifts = window.screens.get("gifts")
    if gifts is not None:
        window.show_screen("gifts")
        for tab, name in ((1, "gifts-log"), (2, "gifts-stock")):
            gifts.tabs.setCurrentIndex(tab)
            settle()
            written.append(_grab(window, out / f"{name}.png"))
        gifts.tabs.setCurrentIndex(0)
    return written


def pick_user(store: Store) -> UserView:
    """The demo's administrator (every screen visible), else any active admin, else any user."""
    nobody = Services(store, None)  # reads only
    users = [u for u in nobody.users.list() if u.active]
    wanted = [a["username"] for a in nobody.setup.demo_accounts() if a.get("role") == "admin"]
    for rule in (lambda u: u.username in wanted, lambda u: u.role == "admin", lambda u: True):
        for user in users:
            if rule(user):
                return user
    raise LookupError("no active user")


def prepare_store(store: Store) -> None:
    """An empty database gets the demo (or, without the demo module, an organisation and an admin)."""
    nobody = Services(store, None)
    if nobody.users.count() > 0:
        return
    if build_demo_available():
        import fieldapp.demo

        fieldapp.demo.build_demo(store, fieldapp.demo.DEMO_ACTOR)  # the demo's own named admin
    if nobody.users.count() == 0:  # the first run: the one write nobody signed in may make
        nobody.setup.first_run(
            "أمانة محافظة الطائف", "TAIF", "الطائف", "admin", "سارة العتيبي", secrets.token_urlsafe(12)
        )


def render_screenshots(
    data_dir: DataDir, out: Path, lang: str = "ar", store: Store | None = None
) -> list[Path]:
    configure_logging(data_dir)
    create_app([], lang)
    own_store = store is None
    store = store or Store.open(data_dir.database, data_dir.backups)
    out.mkdir(parents=True, exist_ok=True)
    runner = ThreadRunner()
    written: list[Path] = []
    try:
        prepare_store(store)
        window_ref: list[QWidget | None] = [None]
        install_error_handlers(runner, lambda: window_ref[0])

        login = LoginDialog(store, runner)
        login.resize(*SIZE)
        login.show()
        login.activate()
        _settle(runner)
        written.append(_grab(login, out / "login.png"))
        login.close()

        from fieldapp.gui.main_window import MainWindow

        # A tool, not the app: it reads before it renders. The language is this run's only
        # (the stored choice is left alone).
        settings = {**Services(store, None).settings.all(), "ui.language": lang}
        ctx = GuiContext(store, runner, data_dir, pick_user(store), settings=settings)
        ctx.language_switcher = switch_language
        switch_language(lang)
        window = MainWindow(ctx)
        window_ref[0] = window
        window.resize(*SIZE)
        window.show()
        window.open_start_screen()
        _settle(runner)
        for index, key in enumerate(window.screen_keys()):
            window.show_screen(key)
            _settle(runner)
            written.append(_grab(window, out / f"{index + 1:02d}-{key}.png"))
        written += _detail_shots(window, out, lambda: _settle(runner))
        from fieldapp.gui.people.record import most_active_record

        record = most_active_record(ctx, window)
        if record is not None:
            record.resize(*SIZE)
            _settle(runner)
            written.append(_grab(record, out / "people-record.png"))
            record.close()
        window.sync.stop()
        window.close()
        from fieldapp.gui.sync.screenshots import render_sync_screenshots

        written += render_sync_screenshots(
            store, runner, data_dir, ctx.user, settings, out, lambda: _settle(runner), _grab, SIZE
        )
    finally:
        runner.shutdown()
        if own_store:
            store.close()
    return written
