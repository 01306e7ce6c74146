"""Starts laptop processes fast: `python -m tests.sync.harness.zygote` imports the app once, then
forks one child per line `PLAN_PATH LOG_PATH` read from stdin (each child runs laptop.main in its
own process, as `python -m tests.sync.harness.laptop PLAN` would). It answers `started PID` and,
when a child ends, `exited PID CODE` (a negative code: killed by that signal).

Restarting a SIGKILLed laptop then costs a fork, not an interpreter start and the app's imports
(seconds on a busy 2-core machine), so a run spends its time syncing. Nothing is open when it
forks: no database, no socket, no thread.
"""

from __future__ import annotations

import os
import random
import selectors
import sys

from tests.sync.harness import laptop  # the app's modules, imported once


def _child(plan: str, log: str) -> None:
    out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(out, 1)
    os.dup2(out, 2)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    sys.stdout = os.fdopen(1, "w", buffering=1)
    sys.stderr = os.fdopen(2, "w", buffering=1)
    random.seed()  # a fork copies the parent's random state
    code = 3
    try:
        code = laptop.main([plan])
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _reap() -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        print(f"exited {pid} {os.waitstatus_to_exitcode(status)}", flush=True)


def main() -> int:
    selector = selectors.DefaultSelector()
    selector.register(sys.stdin, selectors.EVENT_READ)
    while True:
        ready = selector.select(timeout=0.05)
        _reap()
        if not ready:
            continue
        line = sys.stdin.readline()
        if not line:  # the run closed the pipe: done
            return 0
        plan, log = line.split()
        pid = os.fork()
        if pid == 0:
            selector.close()
            _child(plan, log)
        print(f"started {pid}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
