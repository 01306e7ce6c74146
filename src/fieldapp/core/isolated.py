"""Run a parser of untrusted files in a child process, so that what it does to itself stays there.

A native library (calamine's Rust, PDFium, zlib, zxing) fed a hostile file can abort the whole
process ("memory allocation of 549755813888 bytes failed") or eat the machine's memory. Here the
parser runs in a child process started afresh (`spawn`: safe beside Qt's threads, and the same on
Windows and in the PyInstaller build, where cli.main calls `freeze_support`), with its address
space capped (POSIX `RLIMIT_AS`; Windows has no such limit without a job object, so there only
the crash is contained) and its stderr silenced (a Rust abort prints a backtrace). What it finds
comes back through a pipe, a message at a time, so the parent holds no more than one message and
the child waits while the parent works (the pipe's buffer is the back-pressure).

`stream(target, *args)` yields what `target(send, *args)` sends; a child that dies, goes silent
for longer than `timeout` or raises raises `ChildFailed` here, with no detail from the file.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

MEMORY_LIMIT = 1024 * 2**20  # bytes of address space for the child (Python itself takes ~100 MB)
TIMEOUT_S = 120.0  # longest silence of the child before it is stopped


class ChildFailed(Exception):
    """The child died or ran out of its memory ("crashed"), went silent ("timeout") or raised
    ("error"): `reason` says which; nothing from the file is carried."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the child process stopped: {reason}")
        self.reason = reason


_DONE = "__done__"
_RAISED = "__raised__"


def _child_main(conn: Any, target: Callable[..., None], memory_limit: int, args: tuple) -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # a native abort prints a backtrace (and the file's bytes may follow it)
    if memory_limit and sys.platform != "win32":
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    try:
        target(conn.send, *args)
    except BaseException as exc:
        conn.send((_RAISED, type(exc).__name__))
    else:
        conn.send((_DONE, None))
    finally:
        conn.close()


def stream(
    target: Callable[..., None],
    *args: Any,
    memory_limit: int = MEMORY_LIMIT,
    timeout: float = TIMEOUT_S,
) -> Iterator[Any]:
    """Run `target(send, *args)` in a child process; yield every value it sends, in order.

    `target` must be a module-level function (it is imported by name in the child). Closing the
    iterator early stops the child.
    """
    ctx = multiprocessing.get_context("spawn")
    parent_end, child_end = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child_main, args=(child_end, target, memory_limit, args), daemon=True)
    process.start()
    child_end.close()
    try:
        while True:
            if not parent_end.poll(timeout):
                raise ChildFailed("timeout")
            try:
                message = parent_end.recv()
            except (EOFError, OSError):
                process.join(5)
                raise ChildFailed("crashed") from None
            if isinstance(message, tuple) and len(message) == 2 and message[0] in (_DONE, _RAISED):
                if message[0] == _RAISED:
                    raise ChildFailed("crashed" if message[1] == "MemoryError" else "error")
                return
            yield message
    finally:
        parent_end.close()
        if process.is_alive():
            process.terminate()
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join()
