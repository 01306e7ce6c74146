"""Backups with SQLite's online backup API: a consistent copy even while the app is writing."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def backup_database(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".part")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(partial)
    try:
        with dst:
            src.backup(dst, pages=1024)  # in steps, so a running app is not blocked for long
        dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
    finally:
        dst.close()
        src.close()
    partial.replace(target)  # only a complete copy ever carries the final name
    return target


def restore_database(backup: Path, target: Path, keep_copy_of_current: Path | None) -> None:
    """Put `backup` in place of `target`; the current file is copied aside first when asked."""
    probe = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        result = probe.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        probe.close()
    if result != "ok":
        raise ValueError(result)
    if keep_copy_of_current is not None and target.exists():
        backup_database(target, keep_copy_of_current)
    # Write through SQLite into the live file so the WAL and other connections stay coherent.
    src = sqlite3.connect(backup)
    dst = sqlite3.connect(target, timeout=30)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
