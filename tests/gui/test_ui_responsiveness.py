"""The UI thread never stalls while the database thread works.

`measure_max_stall(qtbot, action, duration)` is reusable: start work in `action` (through a
ThreadRunner), and it returns the longest gap, in seconds, between 10 ms ticks of a main-thread timer.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QTimer

from fieldapp.gui.runner import ThreadRunner


def measure_max_stall(qtbot, action: Callable[[], object], duration: float) -> float:
    """Run `action` on the main thread, then tick a 10 ms timer for `duration` s; the longest gap in s."""
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    qtbot.wait(30)  # let the timer settle before the action
    start = time.perf_counter()
    ticks.append(start)
    action()
    qtbot.wait(int(duration * 1000))
    timer.stop()
    ticks.append(time.perf_counter())
    return max(b - a for a, b in itertools.pairwise(ticks))


def _slow_count(path: str, rows: int) -> int:
    """100k rows written and counted with a cross join: real SQLite work that holds the GIL in bursts."""
    con = sqlite3.connect(path)
    try:
        con.execute("CREATE TABLE IF NOT EXISTS t (n INTEGER)")
        con.executemany("INSERT INTO t VALUES (?)", ((i,) for i in range(rows)))
        con.commit()
        return con.execute(
            "SELECT count(*) FROM t a, (SELECT n FROM t LIMIT 20) b WHERE a.n % 7 = b.n % 7"
        ).fetchone()[0]
    finally:
        con.close()


def test_ui_thread_keeps_ticking_while_the_db_thread_works(gui_app, qtbot, tmp_path):
    runner = ThreadRunner()
    results: list[int] = []
    threads: list[str] = []

    def work() -> int:
        threads.append(threading.current_thread().name)
        return _slow_count(str(tmp_path / "slow.db"), 100_000)

    try:
        stall = measure_max_stall(qtbot, lambda: runner.db(work, on_done=results.append), duration=0.6)
        assert runner.wait_idle(30)
    finally:
        runner.shutdown()
    assert results and results[0] > 0
    assert threads == ["fieldapp-db"]  # the work ran on the one database thread
    assert stall < 0.100, f"the UI thread stalled {stall * 1000:.0f} ms"


def test_db_tasks_run_in_order_on_one_thread_and_deliver_on_the_main_thread(gui_app, qtbot):
    runner = ThreadRunner()
    order: list[int] = []
    delivered_on: list[str] = []
    workers: set[str] = set()

    def job(i: int) -> int:
        workers.add(threading.current_thread().name)
        time.sleep(0.001)
        return i

    def done(i: int) -> None:
        order.append(i)
        delivered_on.append(threading.current_thread().name)

    try:
        tasks = [runner.db(job, i, on_done=done) for i in range(20)]
        tasks[5].cancel()
        assert runner.wait_idle(10)
    finally:
        runner.shutdown()
    assert order == [i for i in range(20) if i != 5]
    assert workers == {"fieldapp-db"}
    assert set(delivered_on) == {threading.main_thread().name}
    assert runner.is_idle()
