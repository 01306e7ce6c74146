"""Background sync: rounds on the runner's network pool, local steps on the database thread.

    controller = SyncController(ctx)      # one per main window; starts when the laptop is enrolled
    controller.view_changed.connect(...)  # SyncView: what the status bar and Settings show
    controller.sync_now()

When a round runs:
- shortly after a local write (debounced: a desk scanning keeps postponing it, up to a limit);
- on a timer when idle;
- after a failure, with back-off while offline or the server fails (15 s, doubling, at most 5 min),
  so it resumes by itself after sleep, a dropped connection or a restarted server;
- never after "revoked" or "app too old" until the coordinator asks (Sync now) or the app restarts.

The round itself is `SyncService.run()` on the network pool. Each of its local steps (one
@write, one transaction) is queued on the ONE database thread and waited for there, so a desk
scan queued meanwhile waits at most one step (pull pages are kept small for that). What the steps
changed is published coalesced, at most once a second and at the end, so a 100-page first pull
refreshes the desk a few times, not a hundred.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
import time
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from fieldapp.core.errors import FieldAppError
from fieldapp.gui.context import GuiContext
from fieldapp.gui.widgets.errors import user_message
from fieldapp.services import Changed
from fieldapp.services.review import ReviewCounts
from fieldapp.services.sync_round import SyncReport
from fieldapp.services.sync_state import SyncStatus
from fieldapp.sync.client import SyncOffline, SyncRevoked, SyncServerError
from fieldapp.sync.enrolment import MAX_SKEW_S

DEBOUNCE_MS = 3_000  # after a local write
MAX_DEFER_MS = 30_000  # a busy desk postpones the round at most this long
IDLE_MS = 60_000  # a round every minute when nothing happens
BACKOFF_MS = (15_000, 30_000, 60_000, 120_000, 300_000)
PUBLISH_EVERY_MS = 1_000
RELOAD_AFTER_WRITE_MS = 300
YIELD_TO_DESK_S = 0.2  # at most this long a step waits for the coordinator's queued work
PULL_PAGE = 250  # rows a page: one page applied is a few tens of ms on the database thread
# Writes that make nothing to send (display settings, sign-in/out) do not start a round.
_QUIET_TOPICS = frozenset({"settings", "session", "sync", "review"})


@dataclass(frozen=True)
class SyncView:
    """Where sync stands, in the words the status bar needs."""

    state: str  # off | syncing | ok | offline | revoked | too_old | error
    status: SyncStatus | None = None
    review: ReviewCounts | None = None
    offline_since: dt.datetime | None = None
    clock_skew_s: float = 0.0
    error: str = ""  # the last failure, in the user's language
    last_report: SyncReport | None = None

    @property
    def clock_wrong(self) -> bool:
        return abs(self.clock_skew_s) > MAX_SKEW_S

    @property
    def pending(self) -> int:
        return self.status.pending_ops if self.status else 0


def _state_of(exc: BaseException) -> str:
    if isinstance(exc, SyncRevoked):
        return "revoked"
    if isinstance(exc, SyncOffline | SyncServerError):
        return "offline"
    if isinstance(exc, FieldAppError) and exc.key == "sync.app_too_old":
        return "too_old"
    return "error"


class SyncController(QObject):
    view_changed = Signal(object)  # SyncView
    round_finished = Signal(object)  # SyncReport, or the exception that ended the round
    #: the signed-in account was disabled on the central server (pulled by the last round)
    user_disabled = Signal()
    _step_changed = Signal(object)  # Changed, from the network thread

    def __init__(self, ctx: GuiContext, parent: QObject | None = None, auto: bool = True) -> None:
        """auto=False: rounds only on sync_now() (tests that drive rounds themselves)."""
        super().__init__(parent)
        self.ctx = ctx
        self.auto = auto
        self.view = SyncView("off")
        self._running = False
        self._again = False  # a round was asked for while one ran
        self._failures = 0
        self._stopped = False
        self._first_deferred: float | None = None
        self._unpublished = Changed()
        self._round_changed = Changed()  # every step's changes of the running round
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._timer_fired)
        self._publish_timer = QTimer(self, singleShot=True, interval=PUBLISH_EVERY_MS)
        self._publish_timer.timeout.connect(self._publish)
        self._step_changed.connect(self._collect)
        self._reload_timer = QTimer(self, singleShot=True, interval=RELOAD_AFTER_WRITE_MS)
        self._reload_timer.timeout.connect(self.reload)
        ctx.runner.changed.connect(self._local_write)
        ctx.notifier.changed.connect(self._maybe_reload)

    # -- public -------------------------------------------------------------------------------
    def start(self) -> None:
        """Read where sync stands; an enrolled laptop syncs soon after."""
        # What the app holds once started (modules, Qt wrappers, mappers) is never garbage: moved
        # out of the collector's sight, so a full collection during a long pull (it holds the GIL
        # and stops the UI thread with it) scans only what came after, not the whole app.
        gc.freeze()
        self._stopped = False
        self.reload(then_sync=self.auto)

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()

    def sync_now(self) -> None:
        """The coordinator asked: a round now (even after revoked or too old: they may be fixed)."""
        self._failures = 0
        self._run_round()

    def reload(self, then_sync: bool = False) -> None:
        """Read the status and the review counts again (after a round, an enrolment...)."""
        services = self.ctx.services

        def read() -> tuple[SyncStatus, ReviewCounts]:
            return services.sync_state.status(), services.review.counts()

        self.ctx.runner.db(read, on_done=lambda got: self._loaded(got, then_sync))

    def present(self, view: SyncView) -> None:
        """Show a state as if a round had ended in it (the screenshot tool renders each state)."""
        self._set_view(view)

    @property
    def running(self) -> bool:
        return self._running

    # -- scheduling ---------------------------------------------------------------------------
    def _loaded(self, got: tuple[SyncStatus, ReviewCounts], then_sync: bool) -> None:
        status, review = got
        state = self.view.state
        if not status.enrolled:
            state = "off"
        elif state == "off":  # just enrolled, or the app just opened: the first round tells
            state = "ok"
        self._set_view(replace(self.view, state=state, status=status, review=review))
        if status.enrolled and then_sync and not self._stopped:
            self._schedule(500)

    def _local_write(self, changed: Changed) -> None:
        if self._stopped or not (changed.topics - _QUIET_TOPICS):
            return
        self._reload_timer.start()  # the waiting count grew: shown shortly, once for a burst of scans
        if not self.auto or self.view.state in ("off", "revoked", "too_old", "offline"):
            return  # offline: the back-off timer stays; the others wait for the coordinator
        now = time.monotonic()
        if self._first_deferred is None:
            self._first_deferred = now
        waited_ms = (now - self._first_deferred) * 1000
        self._schedule(max(0, min(DEBOUNCE_MS, MAX_DEFER_MS - waited_ms)))

    def _maybe_reload(self, changed: Changed) -> None:
        # An enrolment, a review decision, or another screen's write seen by "sync"/"review".
        if {"sync", "review"} & changed.topics and not self._running:
            self.reload()

    def _schedule(self, ms: float) -> None:
        if self._stopped:
            return
        self._timer.start(int(ms))

    def _timer_fired(self) -> None:
        if self.auto and self.view.state not in ("off", "revoked", "too_old"):
            self._run_round()

    # -- the round ----------------------------------------------------------------------------
    def _run_round(self) -> None:
        if self._running:
            self._again = True
            return
        if self.view.status is not None and not self.view.status.enrolled:
            return
        self._running = True
        self._round_changed = Changed()
        self._first_deferred = None
        self._timer.stop()
        self._set_view(replace(self.view, state="syncing"))
        services = self.ctx.services
        services.sync.pull_page = PULL_PAGE
        self.ctx.runner.net(
            services.sync.run,
            write=self._on_db_thread,
            on_done=self._round_done,
            on_error=self._round_failed,
        )

    def _on_db_thread(self, step) -> Any:
        """Run one local step of the round on the database thread and wait for it (called on
        the network thread). The step's `changed` goes to the coalesced publish."""
        box: dict[str, Any] = {}
        done = threading.Event()
        # The desk first: work the coordinator queued (a scan, its refresh) runs before the next
        # step; the round waits a little for it (its own task is the one pending besides).
        deadline = time.monotonic() + YIELD_TO_DESK_S
        while self.ctx.runner.pending > 1 and time.monotonic() < deadline:
            time.sleep(0.002)

        def work() -> None:
            try:
                box["result"] = step()
            except BaseException as exc:  # handed back to the round, which decides
                box["error"] = exc
            finally:
                done.set()

        self.ctx.runner.db(work)
        done.wait()
        if "error" in box:
            raise box["error"]
        result = box["result"]
        changed = getattr(result, "changed", None)
        if isinstance(changed, Changed) and changed.topics:
            self._step_changed.emit(changed)
        return result

    def _collect(self, changed: Changed) -> None:
        self._unpublished = self._unpublished | changed
        self._round_changed = self._round_changed | changed
        if not self._publish_timer.isActive():
            self._publish_timer.start()

    def _publish(self) -> None:
        self._publish_timer.stop()
        changed, self._unpublished = self._unpublished, Changed()
        if changed.topics:
            self.ctx.publish(changed)

    def _round_done(self, report: SyncReport) -> None:
        self._running = False
        self._failures = 0
        self._publish()
        self._set_view(
            replace(
                self.view,
                state="ok",
                offline_since=None,
                clock_skew_s=report.clock_skew_s,
                error="",
                last_report=report,
            )
        )
        self.round_finished.emit(report)
        self.reload()
        if "users" in self._round_changed.topics and self.ctx.user is not None:
            self.ctx.runner.db(self.ctx.services.users.list, on_done=self._check_user)
        self._next(IDLE_MS)

    def _check_user(self, users) -> None:
        me = self.ctx.user
        if me is not None and any(u.id == me.id and not u.active for u in users):
            self.user_disabled.emit()

    def _round_failed(self, exc: BaseException) -> None:
        self._running = False
        self._publish()
        state = _state_of(exc)
        since = self.view.offline_since
        if state == "offline" and since is None:
            since = dt.datetime.now(dt.UTC)
        text = user_message(exc, self.ctx.lang) if isinstance(exc, FieldAppError) else str(exc)
        self._set_view(replace(self.view, state=state, offline_since=since, error=text))
        self.round_finished.emit(exc)
        self.reload()
        if state in ("revoked", "too_old"):
            return  # until the coordinator asks again
        delay = BACKOFF_MS[min(self._failures, len(BACKOFF_MS) - 1)]
        self._failures += 1
        self._next(delay)

    def _next(self, ms: int) -> None:
        if self._again:
            self._again = False
            ms = min(ms, DEBOUNCE_MS)
        if self.auto:
            self._schedule(ms)

    def _set_view(self, view: SyncView) -> None:
        self.view = view
        self.view_changed.emit(view)
