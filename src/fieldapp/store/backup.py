"""Backups with SQLite's online backup API: a consistent copy even while the app is writing.

A copy is written to `<target>.part` and renamed only when complete, readable by this user alone;
a copy that fails (disk full, read-only medium, no permission) leaves nothing behind and says why.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from fieldapp.core import i18n
from fieldapp.store.engine import PRIVATE_DIR, PRIVATE_FILE, StoreError, storage_problem

i18n.register(
    {
        "backup.is_folder": (
            "{path} مجلد، والنسخة الاحتياطية ملف: اكتب اسم ملف داخله، مثل {example}",
            "{path} is a folder and a backup is a file: give a file name inside it, such as {example}",
        ),
    }
)


def backup_database(source: Path, target: Path) -> Path:
    """Copy the database at `source` to `target` (a file); StoreError with the reason on failure."""
    if target.is_dir():
        raise StoreError("backup.is_folder", path=str(target), example=str(target / "fieldapp-backup.db"))
    partial = target.with_suffix(target.suffix + ".part")
    try:
        _copy(source, partial)
        partial.replace(target)  # only a complete copy ever carries the final name
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        problem = storage_problem(exc, target)
        if problem is None:
            raise
        raise problem from exc
    return target


def _copy(source: Path, partial: Path) -> None:
    partial.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))  # private from the start
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(partial)
    try:
        with dst:
            src.backup(dst, pages=1024)  # in steps, so a running app is not blocked for long
        dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
    finally:
        dst.close()
        src.close()
