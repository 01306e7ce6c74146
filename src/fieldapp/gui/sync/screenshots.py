"""The sync screens and states for `fieldapp screenshots`: enrolment, synced, offline with changes
waiting, clock wrong, revoked, and the review screen with a conflict and a duplicate.

The enrolment page is the real one of the data directory (not enrolled). The other states are
rendered on a COPY of the database (SQLite's backup; the data directory is never touched), made
enrolled, with the conflicts a pull would bring written by the real pull step (apply_page), and
the status bar shown in each state the background sync can be in.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QWidget
from sqlalchemy import select, update

from fieldapp.config import DataDir
from fieldapp.core.permissions import Actor
from fieldapp.gui.context import GuiContext
from fieldapp.gui.runner import Runner
from fieldapp.services import Services
from fieldapp.services.people import PersonInput
from fieldapp.store.backup import backup_database
from fieldapp.store.db import Store
from fieldapp.store.models import Outbox, Person, SyncState
from fieldapp.sync.hlc import Timestamp

OTHER_LAPTOP = "0190a3c2-7b1e-7000-8000-00000000b2b2"


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
        backup_database(store.path, copy.database)
        enrolled = Store.open(copy.database, copy.backups)
        try:
            _make_enrolled(enrolled, user.actor)
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
            _write_offline_changes(enrolled, user.actor)
            sync.reload()
            settle()
            offline = replace(
                sync.view,
                state="offline",
                offline_since=now - dt.timedelta(minutes=40),
                error=_offline_text(),
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


def _offline_text() -> str:
    from fieldapp.sync.client import SyncOffline

    return SyncOffline("sync.offline", url="https://sync.taif.example.sa", detail="timed out").message()


def _make_enrolled(store: Store, actor: Actor) -> None:
    """The copy: enrolled, everything sent, and what a pull brings from another laptop: a conflict
    on a person's mobile and a possible duplicate (the same mobile under two names)."""
    now = dt.datetime.now(dt.UTC)
    with store.session("screenshots") as session:
        session.add(
            SyncState(
                id=1,
                server_url="https://sync.taif.example.sa",
                org_id=str(uuid.uuid4()),
                org_code="TAIF",
                org_name="أمانة محافظة الطائف",
                device_short_code=store.device_code,
                token="screenshots",
                server_epoch="screenshots",
                enrolled_at=now - dt.timedelta(days=3),
                enrolled_by=actor.user_name,
                pull_cursor=0,
                last_success_at=now - dt.timedelta(minutes=3),
                last_error="",
            )
        )
        session.execute(update(Outbox).values(status="sent", sent_at=now))
    with store.reader() as r:
        people = r.execute(
            select(Person.id, Person.full_name, Person.mobile, Person.created_hlc, Person.field_hlc)
            .where(Person.deleted.is_(False), Person.mobile.is_not(None))
            .limit(2)
        ).all()
    if len(people) < 2:
        return
    (pid, name, mobile, created, fields), (other_id, other_name, _m, _c, _f) = people
    kept_hlc = (fields or {}).get("mobile") or created
    lost = Timestamp.parse(kept_hlc)
    lost_hlc = str(Timestamp(lost.physical_ms - 5 * 60_000, 0, OTHER_LAPTOP))
    rows = [
        {
            "table": "conflict",
            "id": str(uuid.uuid4()),
            "data": {
                "table_name": "person",
                "row_id": pid,
                "field": "mobile",
                "kept_value": mobile,
                "lost_value": "+966551234567",
                "kept_hlc": kept_hlc,
                "lost_hlc": lost_hlc,
                "at": now.isoformat(),
            },
        },
        {
            "table": "conflict",
            "id": str(uuid.uuid4()),
            "data": {
                "table_name": "person",
                "row_id": pid,
                "field": "possible_duplicate",
                "kept_value": {"id": pid, "full_name": name, "mobile": mobile},
                "lost_value": {"id": other_id, "full_name": other_name, "mobile": mobile},
                "kept_hlc": created,
                "lost_hlc": lost_hlc,
                "at": now.isoformat(),
            },
        },
    ]
    Services(store, actor).sync.apply_page(rows, 0, 0)


def _write_offline_changes(store: Store, actor: Actor) -> None:
    """Three walk-ins registered while the server could not be reached."""
    services = Services(store, actor)
    for n, name in enumerate(("ريم سالم الثبيتي", "بندر فهد السواط", "لمى عادل الزهراني")):
        services.people.create(PersonInput(name, mobile=f"05099900{n:02d}"))
