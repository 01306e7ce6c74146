"""The laptop's SQLite engine: its pragmas, its write transactions, the store's errors, and what a
disk's failure means in words. Imports nothing else from the store.

The bottom of the store's layers (engine ← models ← unit_of_work ← search_index ← db, and
engine/backup ← migrate ← db): every other store module may import this one, this one none of them.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from fieldapp.core import i18n
from fieldapp.core.errors import FieldAppError

i18n.register(
    {
        "storage.disk_full": (
            "القرص الذي يحمل {path} ممتلئ: تعذّرت الكتابة. أفرغ بعض المساحة (أو اختر مكانًا آخر) ثم أعد المحاولة؛ ما حُفظ من قبل سليم.",
            "The disk holding {path} is full: nothing more could be written. Free some space (or choose "
            "another place) and try again; what was saved before is safe.",
        ),
        "storage.read_only": (
            "{path} على وسيط للقراءة فقط (ذاكرة USB أو بطاقة محمية من الكتابة، أو مجلد مركَّب للقراءة فقط): تعذّرت الكتابة فيه. اختر مكانًا قابلًا للكتابة؛ لم يتغير شيء.",
            "{path} is on read-only storage (a write-protected USB stick or card, or a folder mounted "
            "read-only): nothing can be written there. Choose a writable place; nothing was changed.",
        ),
        "storage.permission": (
            "لا يملك هذا الحساب إذنًا بالكتابة في {path} (الإذن مرفوض). اطلب الإذن أو اختر مكانًا آخر؛ لم يتغير شيء.",
            "This user account may not write to {path} (permission denied). Ask for access or choose "
            "another place; nothing was changed.",
        ),
        "storage.io_error": (
            "تعذّرت القراءة أو الكتابة على القرص الذي يحمل {path} (خطأ إدخال/إخراج): ربما نُزع أو به عطل. أعد توصيله أو استعمل قرصًا آخر؛ ما حُفظ من قبل سليم.",
            "The disk holding {path} could not be read or written (input/output error): it may have been "
            "removed or be failing. Plug it back or use another disk; what was saved before is safe.",
        ),
    }
)


class StoreError(FieldAppError):
    """The database cannot be used as it is (newer version, corrupt, not a FieldApp database), or
    the disk under it refuses (full, read-only, no permission)."""


# The files of the data folder are this user's alone (on Windows the profile's ACL does this).
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def make_private(path: Path) -> None:
    """Tighten `path` (a file or a folder of the data directory) to this user only, on POSIX."""
    if os.name == "posix" and path.exists():
        path.chmod(PRIVATE_DIR if path.is_dir() else PRIVATE_FILE)


def private_dir(path: Path) -> Path:
    """Make the folder `path` (and its missing parents) if needed, readable by this user only."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    make_private(path)
    return path


def _sqlite_code(error: BaseException) -> int | None:
    orig = getattr(error, "orig", error)  # a SQLAlchemy DBAPIError wraps the sqlite3 error
    code = getattr(orig, "sqlite_errorcode", None) if isinstance(orig, sqlite3.Error) else None
    return None if code is None else code & 0xFF  # the primary code, without the extended bits


def _existing_folder(path: Path) -> Path:
    folder = path if path.is_dir() else path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def _nearly_full(path: Path) -> bool:
    """Less than 1 MB free: SQLite reports a full disk as an I/O error when the WAL's index
    (the -shm file, written through mmap) cannot grow."""
    try:
        return shutil.disk_usage(_existing_folder(path)).free < 1 << 20
    except OSError:
        return False


def _read_only_filesystem(path: Path) -> bool:
    folder = _existing_folder(path)
    statvfs = getattr(os, "statvfs", None)
    if statvfs is None:  # Windows: a write-protected medium says so with its own error
        return False
    try:
        return bool(statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def storage_problem(error: BaseException, path: Path | str | None = None) -> StoreError | None:
    """What a failed read or write of the disk means, in the user's words (disk full, read-only,
    permission, I/O error); None when `error` is not such a failure.

    `path` is the file or folder being written (an OSError names its own file when it has one).
    """
    code = _sqlite_code(error)
    number = error.errno if isinstance(error, OSError) else None
    named = getattr(error, "filename", None) if isinstance(error, OSError) else None
    where = Path(named or path or ".")
    shown = str(where)
    io_error = number == errno.EIO or code == sqlite3.SQLITE_IOERR
    if (
        number in (errno.ENOSPC, errno.EDQUOT)
        or code == sqlite3.SQLITE_FULL
        or (io_error and _nearly_full(where))
    ):
        return StoreError("storage.disk_full", path=shown)
    refused = number in (errno.EROFS, errno.EACCES, errno.EPERM) or code in (
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_PERM,
    )
    if refused:
        if number == errno.EROFS or _read_only_filesystem(where):
            return StoreError("storage.read_only", path=shown)
        return StoreError("storage.permission", path=shown)
    if io_error:
        return StoreError("storage.io_error", path=shown)
    return None


def _configure_connection(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # The driver's own transaction handling BEGINs only before the first INSERT/UPDATE, so a read
    # and the write it decides would not be one transaction: _begin() opens every one instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a laptop battery dies; a check-in the desk showed as saved must survive it.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.execute("PRAGMA cache_size=-32000")  # 32 MB page cache
    cursor.close()


def _foreign_keys_back_on(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    """A pulled page is written with foreign keys off and without waiting for the disk (see
    FOREIGN_KEYS_OFF); no connection goes back to the pool that way."""
    if dbapi_connection is not None:
        dbapi_connection.execute("PRAGMA foreign_keys=ON")
        dbapi_connection.execute("PRAGMA synchronous=FULL")


#: execution option of a connection whose transaction writes: it takes SQLite's write lock at BEGIN
WRITE = "fieldapp_write"
#: execution option of a transaction that writes rows as the server has them (a pulled page): no
#: foreign-key checks, which SQLite can switch off only between transactions (store.remote); and
#: its commit does not wait for the disk (synchronous=NORMAL: one fsync less, ~4 ms of the desk's
#: database thread for every slice of a pull). Safe: in WAL mode it survives the app being
#: killed; a power cut may lose the last pages, but their cursor with them (one transaction), so
#: they are pulled again; and the next commit that waits for the disk (a scan) makes them durable.
FOREIGN_KEYS_OFF = "fieldapp_foreign_keys_off"


def _begin(conn: Any) -> None:
    """BEGIN IMMEDIATE for a write, so its reads and its insert are one serialized step: two
    processes scanning the same badge at the same instant queue, and the second sees the first's
    scan (a plain BEGIN would let both read "not in yet" and both insert). Reads BEGIN DEFERRED."""
    options = conn.get_execution_options()
    if options.get(FOREIGN_KEYS_OFF):  # both back on at check-in (_foreign_keys_back_on)
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.exec_driver_sql("PRAGMA synchronous=NORMAL")
    conn.exec_driver_sql(f"BEGIN {'IMMEDIATE' if options.get(WRITE) else 'DEFERRED'}")


def make_engine(path: Path) -> Engine:
    """An engine on the SQLite file at `path`, every connection with the laptop's pragmas."""
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin)
    event.listen(engine, "checkin", _foreign_keys_back_on)
    return engine


def is_not_a_database(error: BaseException) -> bool:
    """True when SQLite said the file is not a database at all (SQLITE_NOTADB), and only then."""
    orig = getattr(error, "orig", error)  # a SQLAlchemy DBAPIError wraps the sqlite3 error
    if not isinstance(orig, sqlite3.DatabaseError):
        return False
    code = getattr(orig, "sqlite_errorcode", None)
    if code is not None:
        return code == sqlite3.SQLITE_NOTADB
    return "file is not a database" in str(orig)
