"""The sync screens and states for `fieldapp screenshots`: enrolment, synced, offline with changes
waiting, clock wrong, revoked, and the review screen with a conflict and a duplicate.

The enrolment page is the real one of the data directory (not enrolled). The other states are
rendered on a COPY of the database staged by `fieldapp.demo_sync` (enrolled, with the conflicts a
pull would bring; this module never writes to a database), and the status bar shown in each state
the background sync can be in.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QWidget

from fieldapp import demo_sync
from fieldapp.config import DataDir
from fieldapp.gui.context import GuiContext
from fieldapp.gui.runner import Runner
from fieldapp.gui.widgets.errors import user_message
from fieldapp.store.db import Store


def render_sync_screenshots(
    store: Store,
    runner: Runner,
    data_dir: DataDir,
    user,
    settings: dict,
    out: Path,
    settle: Callable[[], None],
    grab: Callable[[QWidget, Path], Path],
    size: tuple[int, int],
) -> list[Path]:
    from fieldapp.gui.main_window import MainWindow

    written: list[Path] = []

    def window_on(on_store: Store, on_data: DataDir) -> MainWindow:
        ctx = GuiContext(on_store, runner, on_data, user, settings=settings)
        window = MainWindow(ctx)
        window.sync.auto = False
        window.resize(*size)
        window.show()
        settle()
        return window

    # Enrolment: Settings → Central server of this data directory, as it is.
    window = window_on(store, data_dir)
    window.show_screen("settings")
    window.screens["settings"].show_central_server()
    settle()
    written.append(grab(window, out / "sync-01-enrol.png"))
    window.sync.stop()
    window.close()

    with tempfile.TemporaryDirectory(prefix="fieldapp-shots-") as tmp:
        copy = DataDir(Path(tmp))
        enrolled = demo_sync.enrolled_copy(store, copy, user.actor)
        try:
            window = window_on(enrolled, copy)
            window.show_screen("desk")
            settle()
            sync = window.sync
            base = sync.view
            now = dt.datetime.now(dt.UTC)
            states = [
                ("sync-02-synced", replace(base, state="ok")),
                ("sync-04-clock-wrong", replace(base, state="ok", clock_skew_s=13 * 60)),
                ("sync-05-revoked", replace(base, state="revoked")),
            ]
            for name, view in states:
                sync.present(view)
                settle()
                written.append(grab(window, out / f"{name}.png"))
            # Offline with changes waiting: a few desk writes made after the last sync.
            demo_sync.write_offline_changes(enrolled, user.actor)
            sync.reload()
            settle()
            offline = replace(
                sync.view,
                state="offline",
                offline_since=now - dt.timedelta(minutes=40),
                error=_offline_text(window.ctx.lang),
            )
            sync.present(offline)
            settle()
            written.append(grab(window, out / "sync-03-offline-waiting.png"))
            popup = window.sync_status_label.open_details()
            settle()
            written.append(grab(popup, out / "sync-03b-details.png"))
            popup.hide()
            window.show_screen("review")
            settle()
            written.append(grab(window, out / "sync-06-review-conflict.png"))
            review = window.screens["review"]
            review.tabs.setCurrentIndex(1)
            settle()
            written.append(grab(window, out / "sync-07-review-duplicate.png"))
            window.sync.stop()
            window.close()
            settle()
        finally:
            enrolled.close()
    return written


def _offline_text(lang: str) -> str:
    from fieldapp.sync.client import SyncOffline

    return user_message(SyncOffline("sync.offline", url=demo_sync.SERVER_URL, detail="timed out"), lang)
