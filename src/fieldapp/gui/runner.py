"""The task runner: every piece of database work from the GUI runs here, never on the UI thread.

    task = ctx.runner.db(ctx.services.people.search, query, limit=20,
                         on_done=self._show_results, on_error=self._show_error)
    task.cancel()          # a newer query superseded it: its result is dropped, not delivered

- `db(...)`: ONE worker thread, in submission order (SQLite has one writer; ordering also means a
  read queued after a write sees it). Reads only: a service `@write` given to db() is refused.
- `write(...)`: a service `@write` on the same thread; once it succeeded the runner itself emits
  `changed` with the result's `changed` (the write contract, services.contract), so no screen
  publishes by hand and none can forget to.
- `net(...)`: a separate QThreadPool, so a slow server never delays a check-in.
- Results and errors come back on the MAIN thread (a queued Qt signal), so callbacks may touch widgets.
- A FieldAppError goes to `on_error`, or, with none, to the runner's `error_handler` (the GUI shows it
  calmly in the user's language). Anything else is a bug: logged with its traceback to the data
  directory's log and shown as a calm generic message (`unexpected_handler`).

`ThreadRunner` is the real one; `SyncRunner` runs inline (tests): same API, same delivery rules.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from fieldapp.core.errors import ContractError, FieldAppError
from fieldapp.services.contract import Changed, is_write

log = logging.getLogger("fieldapp.gui")

ErrorHandler = Callable[[BaseException], None]
_ids = itertools.count(1)


class Task:
    """A handle on submitted work: `cancel()` drops its result; `done`, `result`, `error` once delivered."""

    __slots__ = ("cancelled", "done", "error", "id", "kind", "name", "on_done", "on_error", "result")

    def __init__(
        self, kind: str, name: str, on_done: Callable[[Any], None] | None, on_error: ErrorHandler | None
    ):
        self.id = next(_ids)
        self.kind = kind
        self.name = name
        self.on_done = on_done
        self.on_error = on_error
        self.cancelled = False
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None

    def cancel(self) -> None:
        self.cancelled = True

    def __repr__(self) -> str:
        return f"<Task {self.id} {self.kind}:{self.name}{' cancelled' if self.cancelled else ''}>"


def _name_of(fn: Callable[..., Any]) -> str:
    return getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or repr(fn)


def default_error_handler(exc: BaseException) -> None:
    log.warning("unhandled user error: %s", exc)


def default_unexpected_handler(exc: BaseException) -> None:
    # Already logged with its traceback by the runner; the GUI replaces this with a calm message.
    pass


class Runner(QObject):
    """Base: submission bookkeeping and delivery on the main thread. Subclasses decide where work runs."""

    # (task, result, exc) emitted from a worker thread, received on the main thread (queued).
    _finished = Signal(object, object, object)
    #: number of tasks not yet delivered; 0 when idle (for status indicators)
    busy_changed = Signal(int)
    #: what a successful write changed (fieldapp.services.Changed), emitted after its on_done
    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.error_handler: ErrorHandler = default_error_handler
        self.unexpected_handler: ErrorHandler = default_unexpected_handler
        self._pending = 0
        self._lock = threading.Lock()
        self._finished.connect(self._deliver)

    # -- public API ---------------------------------------------------------------------------
    def db(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: ErrorHandler | None = None,
        **kwargs: Any,
    ) -> Task:
        """Run the read `fn(*args, **kwargs)` on the database thread; deliver the outcome on the main thread."""
        if is_write(fn):
            raise ContractError(f"{_name_of(fn)} is a write: submit it with runner.write()")
        return self._submit("db", fn, args, kwargs, on_done, on_error)

    def write(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: ErrorHandler | None = None,
        **kwargs: Any,
    ) -> Task:
        """Run the service write `fn` on the database thread; on success call `on_done(result)`,
        then emit `changed` with `result.changed` (even if the task was cancelled: the data did change)."""
        if not is_write(fn):
            raise ContractError(f"{_name_of(fn)} is not a service @write: submit it with runner.db()")
        return self._submit("write", fn, args, kwargs, on_done, on_error)

    def net(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: ErrorHandler | None = None,
        **kwargs: Any,
    ) -> Task:
        """Run `fn(*args, **kwargs)` on the network pool; deliver the outcome on the main thread."""
        return self._submit("net", fn, args, kwargs, on_done, on_error)

    @property
    def pending(self) -> int:
        return self._pending

    def is_idle(self) -> bool:
        return self._pending == 0

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Process events until every submitted task has been delivered (tests, screenshots).

        Callbacks may submit more work; this waits for that too. Returns False on timeout.
        """
        deadline = time.monotonic() + timeout
        app = QCoreApplication.instance()
        while True:
            if app is not None:
                app.processEvents()
            if self._pending == 0:
                return True
            if time.monotonic() > deadline:
                return False
            time.sleep(0.002)

    def shutdown(self, timeout: float = 5.0) -> None:
        """Finish queued work and stop the threads (on quit)."""

    # -- machinery ----------------------------------------------------------------------------
    def _submit(
        self,
        kind: str,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        on_done: Callable[[Any], None] | None,
        on_error: ErrorHandler | None,
    ) -> Task:
        task = Task(kind, _name_of(fn), on_done, on_error)
        with self._lock:
            self._pending += 1
        self._start(task, fn, args, kwargs)
        return task

    def _start(self, task: Task, fn: Callable[..., Any], args: tuple, kwargs: dict) -> None:
        raise NotImplementedError

    @staticmethod
    def _call(fn: Callable[..., Any], args: tuple, kwargs: dict) -> tuple[Any, BaseException | None]:
        try:
            return fn(*args, **kwargs), None
        except Exception as exc:
            return None, exc

    def _deliver(self, task: Task, result: Any, exc: BaseException | None) -> None:
        with self._lock:
            self._pending -= 1
        pending = self._pending
        task.done, task.result, task.error = True, result, exc
        try:
            if exc is None:
                if task.on_done is not None and not task.cancelled:
                    self._guarded(task, task.on_done, result)
                if task.kind == "write":
                    self._publish(result.changed)
            elif task.cancelled:
                return
            elif isinstance(exc, FieldAppError):
                self._guarded(task, task.on_error or self.error_handler, exc)
            else:
                self._unexpected(task, exc)
        finally:
            self.busy_changed.emit(pending)

    def _publish(self, changed: Changed) -> None:
        if changed.topics:
            self.changed.emit(changed)

    def _guarded(self, task: Task, callback: Callable[[Any], None], arg: Any) -> None:
        try:
            callback(arg)
        except Exception as callback_exc:  # a bug in a screen's callback: log it, keep the app alive
            self._unexpected(task, callback_exc)

    def _unexpected(self, task: Task, exc: BaseException) -> None:
        log.error("task %r failed", task, exc_info=(type(exc), exc, exc.__traceback__))
        self.unexpected_handler(exc)


class ThreadRunner(Runner):
    """The real runner: one database thread (a queue, in order) and a network QThreadPool."""

    def __init__(self, parent: QObject | None = None, net_threads: int = 4) -> None:
        super().__init__(parent)
        self._queue: queue.Queue[tuple[Task, Callable[..., Any], tuple, dict] | None] = queue.Queue()
        self._db_thread = threading.Thread(target=self._db_loop, name="fieldapp-db", daemon=True)
        self._db_thread.start()
        self._net_pool = QThreadPool(self)
        self._net_pool.setMaxThreadCount(net_threads)

    def _start(self, task: Task, fn: Callable[..., Any], args: tuple, kwargs: dict) -> None:
        if task.kind == "net":
            self._net_pool.start(_NetJob(self, task, fn, args, kwargs))
        else:
            self._queue.put((task, fn, args, kwargs))

    def _db_loop(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            task, fn, args, kwargs = item
            if task.cancelled and task.kind == "db":  # a superseded read: skip the work entirely
                self._finished.emit(task, None, None)
                continue
            result, exc = self._call(fn, args, kwargs)
            self._finished.emit(task, result, exc)

    @property
    def db_thread(self) -> threading.Thread:
        return self._db_thread

    def shutdown(self, timeout: float = 5.0) -> None:
        if self._db_thread.is_alive():
            self._queue.put(None)
            self._db_thread.join(timeout)
        self._net_pool.waitForDone(int(timeout * 1000))


class _NetJob(QRunnable):
    def __init__(self, runner: Runner, task: Task, fn: Callable[..., Any], args: tuple, kwargs: dict) -> None:
        super().__init__()
        self.runner, self.task, self.fn, self.args, self.kwargs = runner, task, fn, args, kwargs

    def run(self) -> None:
        result, exc = Runner._call(self.fn, self.args, self.kwargs)
        self.runner._finished.emit(self.task, result, exc)


class SyncRunner(Runner):
    """Runs work inline and delivers at once (tests). Same API and error routing as ThreadRunner.

    With `raise_unexpected=True` (the default) an unexpected exception is re-raised after logging,
    so a test fails loudly instead of showing a calm message nobody reads.
    """

    def __init__(self, parent: QObject | None = None, raise_unexpected: bool = True) -> None:
        super().__init__(parent)
        self.raise_unexpected = raise_unexpected
        self._finished.disconnect(self._deliver)

    def _start(self, task: Task, fn: Callable[..., Any], args: tuple, kwargs: dict) -> None:
        result, exc = self._call(fn, args, kwargs)
        self._deliver(task, result, exc)

    def _unexpected(self, task: Task, exc: BaseException) -> None:
        super()._unexpected(task, exc)
        if self.raise_unexpected:
            raise exc
