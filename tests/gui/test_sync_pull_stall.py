"""Pulling 100,000 people in the background never stalls the UI thread over 100 ms.

A real `fieldapp server` holds an organisation of 100,000 people, written straight into its
database as sync rows (by the server's own check_values/set_data, as a push would leave them: a
push of that many would take minutes); a laptop with the real ThreadRunner and the main window on
its check-in desk syncs in the background while a 10 ms main-thread timer ticks. The longest gap
between ticks is the stall (as tests/gui/test_ui_responsiveness.py measures it).
"""

from __future__ import annotations

import itertools
import time

from fieldapp.bench.desk_sync_bench import write_people
from fieldapp.bench.sync_bench import ServerProcess
from PySide6.QtCore import QTimer
from sqlalchemy import func, select

from fieldapp import cli
from fieldapp.config import DataDir
from fieldapp.server import admin
from fieldapp.server.db import make_engine
from fieldapp.services import Services
from fieldapp.store.db import Store
from fieldapp.store.models import Person

PEOPLE = 100_000
BATCH = 20_000


def test_pulling_100k_people_in_the_background_never_stalls_the_ui(gui_app, qtbot, tmp_path):
    from fieldapp.core.permissions import Actor
    from fieldapp.gui.context import GuiContext
    from fieldapp.gui.main_window import MainWindow
    from fieldapp.gui.runner import ThreadRunner

    db_url = f"sqlite:///{tmp_path / 'server.db'}"
    assert cli.main(["server-admin", "--db", db_url, "create-org", "--name", "Riyadh", "--code", "RUH"]) == 0
    write_people(db_url, "RUH", PEOPLE)
    server = ServerProcess(db_url, tmp_path)  # its log in a file: a full pipe would stop it
    data = DataDir(tmp_path / "laptop")
    data.root.mkdir()
    store = Store.open(data.database, data.backups)
    runner = ThreadRunner()
    window = None
    try:
        user = Services(store, None).users.create("sara", "سارة العتيبي", "admin", "secret123")
        engine = make_engine(db_url)
        try:
            code = admin.make_enroll_code(engine, "RUH", 1, server.base)["code"]
        finally:
            engine.dispose()
        Services(store, Actor("sara", "admin")).sync_state.enrol(server.base, code, "laptop")
        ctx = GuiContext(store, runner, data, user)
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        window.open_start_screen()  # the desk: it refreshes when pulled people are published
        window.sync.auto = False
        assert runner.wait_idle(10)

        ticks: list[float] = []
        timer = QTimer(interval=10)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        timer.start()
        qtbot.wait(30)
        ticks.append(time.perf_counter())
        reports = []
        window.sync.round_finished.connect(reports.append)
        window.sync.sync_now()
        qtbot.waitUntil(lambda: bool(reports), timeout=600_000)
        ticks.append(time.perf_counter())
        timer.stop()
        stall = max(b - a for a, b in itertools.pairwise(ticks))

        report = reports[0]
        assert not isinstance(report, BaseException), report
        assert report.pulled >= PEOPLE
        with store.reader() as r:
            assert r.scalar(select(func.count()).select_from(Person)) == PEOPLE
        assert window.sync.view.state == "ok"
        assert stall < 0.100, f"the UI thread stalled {stall * 1000:.0f} ms during a {PEOPLE:,}-person pull"
    finally:
        if window is not None:
            window.sync.stop()
        runner.shutdown(30)
        store.close()
        server.stop()
