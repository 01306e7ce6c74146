"""The person search index: an SQLite FTS5 table of folded name tokens, kept in sync on flush.

Layout (created by migration 0002):

* ``person_search_doc(docid INTEGER PRIMARY KEY, person_id TEXT UNIQUE)`` gives each person a
  stable FTS rowid. The person table's own rowid cannot be used: it has a text primary key, so
  VACUUM (and VACUUM INTO backups) may renumber it and silently detach the index.
* ``person_search(person_id UNINDEXED, tokens)`` is the FTS5 table. ``tokens`` holds
  ``core.text.name_tokens()`` of the full and Latin names: already folded (no hamza, harakat,
  tatweel, ى/ي, ة/ه, Persian shapes) and with the compound variants (عبدالله ↔ عبد الله,
  الزايدي → زايدي). So the tokenizer must not fold again: ``unicode61 remove_diacritics 0`` only
  splits on the spaces we put there; ``categories`` adds combining marks (M*) to the token
  characters so a word in a script whose marks fold() keeps is never split in two. ``prefix='1 2 3'`` builds prefix indexes so short prefix
  queries (one letter typed at the desk) read one doclist instead of merging thousands of terms,
  and ``detail=none`` keeps the index small (we never need phrase or NEAR queries).

Tombstoned people are removed from the index. Every flush of a laptop-store session that inserts
or changes a Person's name or tombstone rewrites its index row in the same transaction, and so
does insert_many() of people, so the service, the roster import and the sync client all keep it
current without knowing about it. ``install()`` attaches both to the laptop Store's OWN session
factory (``fieldapp.store.db.Store`` calls it): a session of any other engine (the central
server's, on PostgreSQL) never runs these SQLite FTS5 statements.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

from fieldapp.core.text import name_tokens
from fieldapp.store.models import Person

if TYPE_CHECKING:
    from fieldapp.store.unit_of_work import UnitOfWork

FTS_TABLE = "person_search"
DOC_TABLE = "person_search_doc"

CREATE_STATEMENTS = (
    f"CREATE TABLE IF NOT EXISTS {DOC_TABLE} ("
    "docid INTEGER PRIMARY KEY, person_id VARCHAR(36) NOT NULL UNIQUE)",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "person_id UNINDEXED, tokens, "
    "tokenize = \"unicode61 remove_diacritics 0 categories 'L* N* Co M*'\", "
    "prefix = '1 2 3', detail = none)",
)
DROP_STATEMENTS = (f"DROP TABLE IF EXISTS {FTS_TABLE}", f"DROP TABLE IF EXISTS {DOC_TABLE}")

_NAME_FIELDS = ("full_name", "latin_name", "deleted")


def index_text(full_name: str | None, latin_name: str | None) -> str:
    """The space-joined search tokens of a person's names (what the FTS row holds)."""
    tokens = name_tokens(full_name or "")
    if latin_name:
        tokens += [t for t in name_tokens(latin_name) if t not in tokens]
    return " ".join(tokens)


def write_rows(connection: Connection, rows: Iterable[tuple[str, str | None, str | None, bool]]) -> int:
    """Put (person_id, full_name, latin_name, deleted) rows into the index; returns rows written.

    An existing entry is replaced; a tombstoned person is removed.
    """
    rows = list(rows)
    if not rows:
        return 0
    dbapi = connection.connection.driver_connection
    cur = dbapi.cursor()
    try:
        existing: dict[str, int] = {}
        ids = [r[0] for r in rows]
        for start in range(0, len(ids), 900):
            part = ids[start : start + 900]
            marks = ",".join("?" * len(part))
            cur.execute(f"SELECT person_id, docid FROM {DOC_TABLE} WHERE person_id IN ({marks})", part)
            existing.update(cur.fetchall())
        if existing:
            cur.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = ?", [(d,) for d in existing.values()])
        live = [r for r in rows if not r[3]]
        gone = [(existing[r[0]],) for r in rows if r[3] and r[0] in existing]
        if gone:
            cur.executemany(f"DELETE FROM {DOC_TABLE} WHERE docid = ?", gone)
        new_ids = [r[0] for r in live if r[0] not in existing]
        if new_ids:
            next_doc = (cur.execute(f"SELECT coalesce(max(docid), 0) FROM {DOC_TABLE}").fetchone()[0]) + 1
            for offset, pid in enumerate(new_ids):
                existing[pid] = next_doc + offset
            cur.executemany(
                f"INSERT INTO {DOC_TABLE}(docid, person_id) VALUES (?, ?)",
                [(existing[pid], pid) for pid in new_ids],
            )
        cur.executemany(
            f"INSERT INTO {FTS_TABLE}(rowid, person_id, tokens) VALUES (?, ?, ?)",
            [(existing[pid], pid, index_text(full, latin)) for pid, full, latin, _ in live],
        )
    finally:
        cur.close()
    return len(rows)


def rebuild(connection: Connection) -> int:
    """Index every person from scratch (the migration's backfill, and a repair tool)."""
    dbapi = connection.connection.driver_connection
    dbapi.execute(f"DELETE FROM {FTS_TABLE}")
    dbapi.execute(f"DELETE FROM {DOC_TABLE}")
    rows = dbapi.execute("SELECT id, full_name, latin_name, deleted FROM person ORDER BY rowid").fetchall()
    return write_rows(connection, [(r[0], r[1], r[2], bool(r[3])) for r in rows])


def _name_changed(person: Person) -> bool:
    state = inspect(person)
    return any(state.attrs[key].history.has_changes() for key in _NAME_FIELDS)


def _sync_person_index(session: Session, _ctx: Any) -> None:
    """after_flush: rewrite the index rows of the people this flush inserted or renamed."""
    # Pre-flush state is still visible here: new/dirty lists and attribute history.
    changed = [obj for obj in session.new if isinstance(obj, Person)]
    changed += [obj for obj in session.dirty if isinstance(obj, Person) and _name_changed(obj)]
    if not changed:
        return
    write_rows(
        session.connection(),
        [(p.id, p.full_name, p.latin_name, bool(p.deleted)) for p in changed],
    )


def _index_bulk_insert(connection: Connection, rows: list[dict[str, Any]]) -> None:
    write_rows(connection, [(r["id"], r["full_name"], r["latin_name"], r["deleted"]) for r in rows])


def install(session_factory: sessionmaker, unit: UnitOfWork) -> None:
    """Keep the index current on every flush of THIS factory's sessions and every insert_many of people."""
    event.listen(session_factory, "after_flush", _sync_person_index)
    unit.on_bulk_insert(Person, _index_bulk_insert)
