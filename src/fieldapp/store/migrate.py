"""Alembic migrations, applied when the database is opened.

Before any migration of an existing database: an integrity check, then a rotating backup copy.
A database whose revision this program does not know was written by a newer version: refused,
never touched.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError

from fieldapp.core import i18n
from fieldapp.store.backup import backup_database
from fieldapp.store.engine import StoreError, is_not_a_database, make_engine

if TYPE_CHECKING:
    from alembic.config import Config

# The messages of the refusals raised below (as StoreError).
i18n.register(
    {
        "db.newer_version": (
            "قاعدة البيانات {path} كُتبت بإصدار أحدث من البرنامج (المراجعة {revision}). حدِّث البرنامج؛ لم يُغيَّر شيء في الملف.",
            "The database {path} was written by a newer version of the app (revision {revision}). "
            "Update the app; the file was not touched.",
        ),
        "db.corrupt": (
            "فشل فحص سلامة قاعدة البيانات {path}: {detail}. استعد نسخة احتياطية بالأمر fieldapp restore.",
            "The integrity check of the database {path} failed: {detail}. "
            "Restore a backup with `fieldapp restore`.",
        ),
        "db.not_sqlite": (
            "الملف {path} ليس قاعدة بيانات ميدان.",
            "The file {path} is not a FieldApp database.",
        ),
    }
)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
KEEP_BACKUPS = 5
# The newest revision in migrations/versions (a test keeps it equal to Alembic's head). A database
# already there opens without importing Alembic at all: ~150 ms of every start of the app. That is
# why Alembic is imported inside the functions below (no store module is).
HEAD = "0006"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    """Every revision this version can open (older ones are migrated up)."""
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def _stored_revision(path: Path) -> str | None:
    """The revision written in the file, read with sqlite3 alone (None: empty or unversioned).

    Only the fast path's question "already at HEAD?": on any SQLite error the answer is None and
    upgrade() takes the careful path, whose current_revision() reports that error as what it is.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:  # no such table, not a database, locked...: see the docstring
        return None
    finally:
        con.close()
    return row[0] if row else None


def current_revision(path: Path) -> str | None:
    """The Alembic revision of the database at `path` (None: a new or unversioned database).

    A file that SQLite says is not a database is refused with its own message (db.not_sqlite);
    any other error (locked, unreadable, disk I/O...) is raised as what it is.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(path)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except DBAPIError as exc:
        if is_not_a_database(exc):
            raise StoreError("db.not_sqlite", path=str(path)) from exc
        raise
    finally:
        engine.dispose()


def integrity_problem(path: Path) -> str | None:
    con = sqlite3.connect(path)
    try:
        rows = con.execute("PRAGMA integrity_check").fetchall()
    finally:
        con.close()
    result = "; ".join(r[0] for r in rows[:5])
    return None if result == "ok" else result


def backup_before_migration(path: Path, backups_dir: Path, revision: str | None) -> Path:
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backups_dir / f"pre-migration-{revision or 'none'}-{stamp}.db"
    backup_database(path, target)
    old = sorted(backups_dir.glob("pre-migration-*.db"))
    for stale in old[:-KEEP_BACKUPS]:
        stale.unlink(missing_ok=True)
    return target


def upgrade(path: Path, backups_dir: Path, target: str = "head") -> None:
    if target == "head" and _stored_revision(path) == HEAD:
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    current = current_revision(path)
    if current is not None:
        if current not in known_revisions():
            raise StoreError("db.newer_version", path=str(path), revision=current)
        if current == script.get_current_head() and target == "head":
            return
        problem = integrity_problem(path)
        if problem:
            raise StoreError("db.corrupt", path=str(path), detail=problem)
        backup_before_migration(path, backups_dir, current)
    engine = make_engine(path)
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, target)
    finally:
        engine.dispose()
