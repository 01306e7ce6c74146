"""Putting a backup back: checked in full before anything is replaced, and this laptop stays itself.

1. `stage()` copies the backup into the data folder (the backup file is only ever read, so one on
   a write-protected stick works) and checks the copy: a SQLite file, its integrity, a schema this
   version knows (an older one is migrated, in the copy); it reads whose organisation it holds.
   Any refusal leaves the live database untouched.
2. `put_in_place()` gives the copy this laptop's identity (device id and short code, its
   enrolment with the server; see `_adopt_identity`), keeps a copy of the current data aside, then
   writes the copy into the live file through SQLite in one transaction: all of it, or nothing.
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldapp.core import i18n
from fieldapp.store import migrate
from fieldapp.store.backup import backup_database
from fieldapp.store.engine import StoreError, make_private, private_dir, storage_problem

i18n.register(
    {
        "restore.missing": ("ملف النسخة الاحتياطية غير موجود: {path}", "Backup file not found: {path}"),
        "restore.unreadable": (
            "لا يملك هذا الحساب إذنًا بقراءة {path}؛ لم يتغير شيء.",
            "This user account may not read {path}; nothing was changed.",
        ),
        "restore.bad": (
            "الملف {path} ليس نسخة احتياطية سليمة من ميدان: {detail}. لم يتغير شيء.",
            "{path} is not a sound FieldApp backup: {detail}. Nothing was changed.",
        ),
        "restore.not_database": ("ليس قاعدة بيانات", "not a database"),
        "restore.no_schema": ("لا يحمل بيانات ميدان", "it holds no FieldApp data"),
        "restore.newer": (
            "النسخة {path} كتبها إصدار أحدث من ميدان (المراجعة {revision}): حدِّث البرنامج ثم استعدها. لم يتغير شيء.",
            "The backup {path} was written by a newer version of FieldApp (revision {revision}): update "
            "the app, then restore it. Nothing was changed.",
        ),
    }
)

STAGING_DIR_NAME = "restoring"


@dataclass(frozen=True)
class OrganisationOf:
    """Whose data a database holds: the organisation's code (the server's when enrolled) and name."""

    code: str
    name: str

    def same_as(self, other: OrganisationOf | None) -> bool:
        return other is None or self.code.casefold() == other.code.casefold()


@dataclass(frozen=True)
class Contents:
    organisation: OrganisationOf | None
    people: int
    device_id: str | None


@dataclass
class StagedBackup:
    """A checked private copy of a backup, at this version's schema, ready to be put in place."""

    source: Path
    copy: Path
    contents: Contents

    def discard(self) -> None:
        shutil.rmtree(self.copy.parent, ignore_errors=True)


def stage(source: Path, data_root: Path) -> StagedBackup:
    """Copy and check the backup at `source`; StoreError (nothing changed) when it cannot be used."""
    if not source.is_file():
        raise StoreError("restore.missing", path=str(source))
    folder = data_root / STAGING_DIR_NAME / secrets.token_hex(4)
    staged = StagedBackup(source, folder / "backup.db", Contents(None, 0, None))
    try:
        private_dir(folder)
        _read_copy(source, staged.copy)
        staged.contents = _check(source, staged.copy)
    except BaseException:
        staged.discard()
        raise
    return staged


def _read_copy(source: Path, copy: Path) -> None:
    try:
        with open(source, "rb") as src, open(copy, "xb") as dst:  # the backup: read, never written
            shutil.copyfileobj(src, dst, 1 << 20)
        wal = source.with_name(source.name + "-wal")  # a copied live database: its recent pages
        if wal.is_file():
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
    except PermissionError as exc:
        if not exc.filename or Path(exc.filename) == source:
            raise StoreError("restore.unreadable", path=str(source)) from exc
        raise StoreError("storage.permission", path=str(copy.parent)) from exc
    except OSError as exc:
        problem = storage_problem(exc, copy.parent)
        if problem is None:
            raise
        raise problem from exc
    make_private(copy)


def _check(source: Path, copy: Path) -> Contents:
    def bad(detail: Any) -> StoreError:
        return StoreError("restore.bad", path=str(source), detail=detail)

    try:
        problem = migrate.integrity_problem(copy)
        revision = migrate.current_revision(copy)
    except StoreError as exc:
        raise bad(lambda lang: i18n.msg("restore.not_database", lang)) from exc
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise bad(lambda lang: i18n.msg("restore.not_database", lang)) from exc
        raise bad(str(exc)) from exc
    if problem:
        raise bad(problem)
    if revision is None:
        raise bad(lambda lang: i18n.msg("restore.no_schema", lang))
    if revision not in migrate.known_revisions():
        raise StoreError("restore.newer", path=str(source), revision=revision)
    migrate.upgrade(copy, copy.parent)  # an older backup: migrated here, in the copy
    return contents_of(copy)


def contents_of(path: Path) -> Contents:
    """Whose data the database at `path` holds, how many people, and which laptop it belongs to."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        enrolled = con.execute("SELECT org_code, org_name FROM sync_state WHERE id = 1").fetchone()
        local = con.execute(
            "SELECT short_code, name FROM organisation WHERE deleted = 0 ORDER BY created_hlc LIMIT 1"
        ).fetchone()
        people = con.execute("SELECT count(*) FROM person WHERE deleted = 0").fetchone()[0]
        device = con.execute("SELECT id FROM device").fetchone()
    finally:
        con.close()
    found = enrolled or local
    return Contents(OrganisationOf(*found) if found else None, people, device[0] if device else None)


def put_in_place(staged: StagedBackup, target: Path, keep_copy: Path) -> None:
    """Replace the database at `target` (which exists: this laptop's identity is read from it) by
    the staged backup, keeping a copy of the current data at `keep_copy` first."""
    _adopt_identity(staged.copy, target, staged.contents)
    backup_database(target, keep_copy)
    src = sqlite3.connect(staged.copy)
    dst = sqlite3.connect(target, timeout=30)
    try:
        # Through SQLite into the live file (its WAL and other connections stay coherent), in one
        # write transaction: a failure halfway (the disk fills) rolls back to the current data.
        src.backup(dst)
    except sqlite3.Error as exc:
        problem = storage_problem(exc, target)
        if problem is None:
            raise
        raise problem from exc
    finally:
        dst.close()
        src.close()


def _adopt_identity(copy: Path, target: Path, contents: Contents) -> None:
    """This laptop stays itself: its device row (id, short code, clock), so the coming sync never
    takes it for the laptop the backup came from. Its enrolment is kept when the backup is of
    the same organisation, with the pull cursor at 0 so the next sync re-baselines (the server
    holds what came after the backup); a backup of this very laptop made while it was enrolled
    brings its own enrolment back the same way. Otherwise the laptop is not enrolled until it is
    enrolled again: another laptop's server token never comes along. Nobody stays signed in."""
    live = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    try:
        live.row_factory = sqlite3.Row
        device = dict(live.execute("SELECT * FROM device").fetchone())
        row = live.execute("SELECT * FROM sync_state WHERE id = 1").fetchone()
        enrolment = dict(row) if row else None
    finally:
        live.close()
    current = contents_of(target)
    con = sqlite3.connect(copy)
    try:
        con.row_factory = sqlite3.Row
        with con:
            if enrolment is None and contents.device_id == device["id"]:
                own = con.execute("SELECT * FROM sync_state WHERE id = 1").fetchone()
                enrolment = dict(own) if own else None
            elif enrolment is not None and not _same(contents, current):
                enrolment = None
            con.execute("DELETE FROM device")
            _insert(con, "device", device)
            con.execute("DELETE FROM sync_state")
            if enrolment is not None:
                _insert(con, "sync_state", {**enrolment, "pull_cursor": 0})
            con.execute("UPDATE app_user SET signed_in_until = NULL")
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()


def _same(backup: Contents, current: Contents) -> bool:
    return backup.organisation is None or backup.organisation.same_as(current.organisation)


def _insert(con: sqlite3.Connection, table: str, row: dict[str, Any]) -> None:
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    con.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(row.values()))


def clean_staging(data_root: Path) -> None:
    """Copies left by a restore that was killed midway (the live data never depended on them)."""
    with contextlib.suppress(OSError):
        shutil.rmtree(data_root / STAGING_DIR_NAME)
