"""Duplicate people on the server (SYNC.md "Beyond the protocol"): one person after sync.

Two laptops that register the same walk-in offline make two person rows. The push calls these
hooks inside its transaction (the organisation's one-writer lock held), so every merge sees
every earlier one:

- after_person_insert: a live person with the national id of another live person is merged
  with it; failing that, one with the mobile AND the (folded) name of another. The same mobile
  with another name is not merged: it is flagged once as a "possible_duplicate" conflict.
- A merge: the survivor is the row created first (created_hlc, then row id), so every arrival
  order picks the same one. It is recorded as a `person_merge` fact (its id derived from the
  loser's, so a loser is merged once); the loser is tombstoned; the survivor's blank fields
  are filled from the loser; every row naming the loser (scans, registrations, hand-overs,
  certificates, teams, visit members) is rewritten to the survivor, facts included: the
  server is the authority, laptops take the rewritten rows on pull. Attendance is derived
  from scans per (event, person), so once the scans share the survivor it is one stay.
- follow_survivors: a row arriving later that names a loser names its survivor instead (and a
  second live registration of the survivor for one event arrives deleted). A person_merge fact
  a laptop sends back (its re-baseline after a server restore) is made again at once; a merge
  the server makes again writes the same fact (its data comes from the pair only).
- on_person_write: an offline edit of a loser cannot bring it back to life.

Writes made here are stamped with a server HLC (device "server"): a later edit by a laptop
that had not seen them is concurrent with them, as it should be.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, bindparam, or_, select

from fieldapp.core.people import name_key
from fieldapp.core.text import fold
from fieldapp.server.models import SyncRow
from fieldapp.sync.hlc import Timestamp
from fieldapp.sync.merge import LostValue

if TYPE_CHECKING:  # push imports this module, so its helpers are imported where they are used
    from fieldapp.server.push import Batch

MERGE_TABLE = "person_merge"
SERVER_CLOCK_ID = "server"  # the device part of the HLCs the server stamps its own writes with
POSSIBLE_DUPLICATE = "possible_duplicate"
_MERGE_NS = uuid.UUID("0f6d2a1e-3b7c-4d5e-8a9f-1c2b3d4e5f60")

#: the column of each synced table that names a person
PERSON_REFS: dict[str, str] = {
    "registration": "person_id",
    "scan": "person_id",
    "handover": "recipient_person_id",
    "certificate": "person_id",
    "event_team": "person_id",
    "visit_member": "person_id",
}
#: tables where a person appears once per key: after a merge the survivor keeps one live row
ONE_PER_PERSON: dict[str, tuple[str, ...]] = {
    "registration": ("event_id",),
    "event_team": ("event_id", "role"),
    "visit_member": ("visit_id",),
}
#: person fields never copied from a loser (the tombstone; the search key is recomputed)
_NOT_FILLED = frozenset({"deleted", "name_key"})


@dataclass
class _BatchState:
    """What the hooks know during one push batch: the organisation's merges (read once, then kept
    up to date) and the people the batch wrote, which its bulk write has not flushed yet."""

    survivor_by_loser: dict[str, str] = field(default_factory=dict)
    survivors: set[str] = field(default_factory=set)
    # The merge facts this batch made, by loser: the push's careful retry may undo their op.
    made: dict[str, SyncRow] = field(default_factory=dict)
    people_by_national_id: dict[str, list[SyncRow]] = field(default_factory=dict)
    people_by_mobile: dict[str, list[SyncRow]] = field(default_factory=dict)
    # National ids and mobiles whose people were all read at the start (preload_people).
    preloaded: set[tuple[str, str]] = field(default_factory=set)

    def add_merge(self, loser_id: str, survivor_id: str) -> None:
        self.survivor_by_loser[loser_id] = survivor_id
        self.survivors.add(survivor_id)

    def add_person(self, row: SyncRow) -> None:
        if row.national_id:
            self.people_by_national_id.setdefault(row.national_id, []).append(row)
        if row.mobile:
            self.people_by_mobile.setdefault(row.mobile, []).append(row)


_state_by_batch: weakref.WeakKeyDictionary[Batch, _BatchState] = weakref.WeakKeyDictionary()


def merge_id(loser_id: str) -> str:
    """The id of the person_merge fact of a loser: derived, so a loser is merged once."""
    return str(uuid.uuid5(_MERGE_NS, loser_id))


# --- the hooks ---------------------------------------------------------------------------------


def on_person_write(batch: Batch, row_id: str, data: dict[str, Any], partial: bool = False) -> dict[str, Any]:
    """The data of a person insert or update as it should be stored: a merged-away person stays
    deleted (an offline edit of the loser must not resurrect it)."""
    if ("deleted" in data or not partial) and row_id in _state(batch).survivor_by_loser:
        return {**data, "deleted": True}
    return data


def follow_survivors(batch: Batch, table: str, data: dict[str, Any]) -> dict[str, Any]:
    """A row that points at a merged-away person points at its survivor instead.

    A whole live row of a one-per-person table (a registration) for a survivor that already has a
    live one for the same key arrives deleted: the row already on the server stays.
    """
    if table == MERGE_TABLE:
        _learn_merge(batch, data)
        return data
    column = PERSON_REFS.get(table)
    person_id = data.get(column) if column else None
    if not isinstance(person_id, str):
        return data
    survivor = survivor_of(batch, person_id)
    if survivor != person_id:
        data = {**data, column: survivor}
    keys = ONE_PER_PERSON.get(table)
    if (
        keys
        and data.get("deleted") is False
        and all(k in data for k in keys)
        and (survivor != person_id or survivor in _state(batch).survivors)
    ):
        wanted = tuple(data[k] for k in keys)
        if any(_key_of(row, keys) == wanted for row in _live_rows_naming(batch, table, survivor)):
            data = {**data, "deleted": True}
    return data


def after_person_insert(batch: Batch, row: SyncRow) -> None:
    """After a person row was written: find and merge its duplicates, or flag a possible one."""
    data = json.loads(row.data)
    _state(batch).add_person(row)
    if data.get("deleted") or not (row.national_id or row.mobile):
        return
    others = _live_people_sharing(batch, row)
    same_id = [other for other, _ in others if row.national_id and other.national_id == row.national_id]
    if same_id:
        _merge(batch, row, same_id[0], "national_id")
        return
    same_name, other_name = [], []
    for other, other_data in others:
        if other.mobile != row.mobile or not row.mobile:
            continue
        if row.national_id and other.national_id and row.national_id != other.national_id:
            continue  # two national ids: two people sharing a phone
        (same_name if _same_name(data, other_data) else other_name).append(other)
    if same_name:
        _merge(batch, row, same_name[0], "mobile_and_name")
        return
    for other in other_name:
        _flag_possible_duplicate(batch, row, other)


# --- following merges --------------------------------------------------------------------------


def _state(batch: Batch) -> _BatchState:
    state = _state_by_batch.get(batch)
    if state is None:
        state = _BatchState()
        # Without a flush: a merge fact this batch adds comes through follow_survivors or _merge.
        rows = batch.session.connection().execute(
            select(SyncRow.data).where(
                SyncRow.org_id == batch.caller.org_id, SyncRow.table_name == MERGE_TABLE
            )
        )
        for data in (json.loads(text) for (text,) in rows):
            state.add_merge(data["loser_id"], data["survivor_id"])
        _state_by_batch[batch] = state
    undone = [loser for loser, fact in state.made.items() if not batch.holds(fact)]
    if undone:
        for loser in undone:
            del state.made[loser], state.survivor_by_loser[loser]
        state.survivors = set(state.survivor_by_loser.values())
    return state


def _learn_merge(batch: Batch, data: dict[str, Any]) -> None:
    """A merge a laptop sends back (its re-baseline after a server restore) is the server's own
    earlier decision: it is followed at once, and made again on the rows the server has."""
    loser_id, survivor_id = data.get("loser_id"), data.get("survivor_id")
    state = _state(batch)
    if isinstance(loser_id, str) and isinstance(survivor_id, str) and loser_id not in state.survivor_by_loser:
        state.add_merge(loser_id, survivor_id)
        _absorb(batch, loser_id, survivor_of(batch, survivor_id))


def survivor_of(batch: Batch, person_id: str) -> str:
    """The person a (possibly merged-away) person id stands for now, following chains."""
    survivor_by_loser = _state(batch).survivor_by_loser
    seen = {person_id}
    while (survivor := survivor_by_loser.get(person_id)) is not None and survivor not in seen:
        person_id = survivor  # a loser is never merged again, so a chain never loops; never hang
        seen.add(person_id)
    return person_id


# --- finding rows ------------------------------------------------------------------------------


# Built once: every person insert runs it. Only person rows fill national_id and mobile; the
# organisation goes in each branch so SQLite searches both indexes (a MULTI-INDEX OR), not the org.
_PEOPLE_SHARING = select(SyncRow.table_name, SyncRow.row_id).where(
    or_(
        and_(SyncRow.org_id == bindparam("org_id"), SyncRow.national_id == bindparam("national_id")),
        and_(SyncRow.org_id == bindparam("org_id"), SyncRow.mobile == bindparam("mobile")),
    )
)


def _live_people_sharing(batch: Batch, person: SyncRow) -> list[tuple[SyncRow, dict[str, Any]]]:
    """The other live people with the person's national id or mobile (and their data), oldest first.

    One indexed query of the database, which lacks the rows the push has not flushed yet (it
    writes them in bulk at its end): the people this batch wrote come from its own list. Values
    are compared in memory, where a row changed by this batch holds its new ones.
    """
    state = _state(batch)
    keys = {("national_id", person.national_id), ("mobile", person.mobile)}
    found = set()
    if not all(value is None or (column, value) in state.preloaded for column, value in keys):
        params = {"org_id": batch.caller.org_id, "national_id": person.national_id, "mobile": person.mobile}
        # Core, not the ORM: no flush of the batch's pending rows, and a tenth of the overhead.
        rows = batch.session.connection().execute(_PEOPLE_SHARING, params).all()
        with batch.session.no_autoflush:
            found = {batch.row(table, row_id) for table, row_id in rows if table == "person"}
    found.update(state.people_by_national_id.get(person.national_id or "", ()))
    found.update(state.people_by_mobile.get(person.mobile or "", ()))
    others = []
    for row in sorted(filter(None, found), key=_age):
        if row is person or not batch.holds(row):
            continue  # itself, or a row of an op the push's careful retry undid
        if not (
            (person.national_id and row.national_id == person.national_id)
            or (person.mobile and row.mobile == person.mobile)
        ):
            continue
        data = json.loads(row.data)
        if not data.get("deleted"):
            others.append((row, data))
    return others


def preload_people(batch: Batch, ops: list[Any]) -> None:
    """Read at once the people sharing a national id or mobile with the people the batch writes,
    so that each person op does not query for its duplicates (one query, not one per person)."""
    wanted: dict[str, set[str]] = {"national_id": set(), "mobile": set()}
    for op in ops:
        if op.table != "person" or not isinstance(op.payload, dict):
            continue
        fields = op.payload.get("fields") if op.kind == "update" else op.payload
        stored = batch.rows.get(("person", op.row_id))
        for column, values in wanted.items():
            for value in (
                fields.get(column) if isinstance(fields, dict) else None,
                getattr(stored, column, None),
            ):
                if isinstance(value, str) and value:
                    values.add(value)
    if not any(wanted.values()):
        return
    state = _state(batch)
    for column, values in wanted.items():
        chosen = sorted(values)
        for start in range(0, len(chosen), 500):
            part = chosen[start : start + 500]
            rows = batch.session.scalars(
                select(SyncRow).where(
                    SyncRow.org_id == batch.caller.org_id, getattr(SyncRow, column).in_(part)
                )
            )
            for row in rows:
                if row.table_name == "person":
                    row = batch.rows.setdefault(("person", row.row_id), row) or row
                    state.add_person(row)
            state.preloaded.update((column, value) for value in part)


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _rows_naming(batch: Batch, table: str, person_id: str) -> list[SyncRow]:
    """The rows of `table` whose person column holds `person_id`.

    sync_row has no index on its data: a LIKE on the canonical JSON's `"column":"id"`, narrowed
    to the organisation's rows of one table by the primary key, then checked on the parsed data.
    Through the ORM, so the batch's changed rows are flushed first and found too, with the rows it
    made (merges are rare).
    """
    column = PERSON_REFS[table]
    needle = _like_escaped(json.dumps({column: person_id}, separators=(",", ":"), ensure_ascii=False)[1:-1])
    rows = batch.session.scalars(
        select(SyncRow).where(
            SyncRow.org_id == batch.caller.org_id,
            SyncRow.table_name == table,
            SyncRow.data.like(f"%{needle}%", escape="\\"),
        )
    )
    made = [row for row in batch.new_rows if row.table_name == table]  # not in the database yet
    return [row for row in (*rows, *made) if json.loads(row.data).get(column) == person_id]


def _live_rows_naming(batch: Batch, table: str, person_id: str) -> list[SyncRow]:
    return [row for row in _rows_naming(batch, table, person_id) if not json.loads(row.data).get("deleted")]


def _key_of(row: SyncRow, keys: tuple[str, ...]) -> tuple[Any, ...]:
    data = json.loads(row.data)
    return tuple(data.get(k) for k in keys)


def _age(row: SyncRow) -> tuple[str, str]:
    """Older first: creation HLC, then id (the same on every server, whatever the arrival order)."""
    return (row.created_hlc, row.row_id)


def _same_name(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The folded full names match (the search key also folds the Latin name, which one laptop
    may have typed and the other not), or the search keys do."""
    full_a, full_b = fold(a.get("full_name") or ""), fold(b.get("full_name") or "")
    if full_a and full_a == full_b:
        return True
    return bool(a.get("name_key")) and a.get("name_key") == b.get("name_key")


# --- writing -----------------------------------------------------------------------------------


def _now_hlc(batch: Batch) -> str:
    return batch.clamp(str(Timestamp(batch.now_ms, 0, SERVER_CLOCK_ID)))


def _stamp_for(batch: Batch, row: SyncRow) -> str:
    """A server HLC later than anything the row holds, so the server's write is the latest."""
    latest = Timestamp.parse(row.updated_hlc)
    after = str(Timestamp(latest.physical_ms, latest.counter + 1, SERVER_CLOCK_ID))
    return max(_now_hlc(batch), after)


def _write_fields(batch: Batch, row: SyncRow, changes: dict[str, Any]) -> None:
    """Change some fields of a stored row as a new version (records: with their field HLCs)."""
    from fieldapp.server.push import set_data

    if not changes:
        return
    stamp = _stamp_for(batch, row)
    version = batch.next_version()
    if row.kind == "record":
        hlcs, versions = json.loads(row.field_hlc), json.loads(row.field_version)
        seen = json.loads(row.field_seen or "{}")
        for key in changes:
            seen[key] = hlcs.get(key) or row.created_hlc  # the server wrote over what it holds
            hlcs[key], versions[key] = stamp, version
        row.field_hlc = json.dumps(hlcs, sort_keys=True)
        row.field_version = json.dumps(versions, sort_keys=True)
        row.field_seen = json.dumps(seen, sort_keys=True)
    row.version = version
    row.updated_hlc = stamp
    set_data(row, {**json.loads(row.data), **changes})


def _merge(batch: Batch, a: SyncRow, b: SyncRow, reason: str) -> None:
    survivor, loser = sorted((a, b), key=_age)
    _record_merge(batch, loser, survivor.row_id, reason)
    _absorb(batch, loser.row_id, survivor.row_id)
    # The survivor may have gained a national id or a mobile that names yet another person.
    after_person_insert(batch, survivor)


def _absorb(batch: Batch, loser_id: str, survivor_id: str) -> None:
    """The loser tombstoned, the survivor's blanks filled from it, every row naming it moved."""
    loser, survivor = batch.row("person", loser_id), batch.row("person", survivor_id)
    if loser is not None:
        loser_data = json.loads(loser.data)
        if not loser_data.get("deleted"):
            _write_fields(batch, loser, {"deleted": True})
        if survivor is not None:
            _write_fields(batch, survivor, _filled(json.loads(survivor.data), loser_data))
    for table, column in PERSON_REFS.items():
        for row in _rows_naming(batch, table, loser_id):
            _write_fields(batch, row, {column: survivor_id})
    for table, keys in ONE_PER_PERSON.items():
        _keep_one_per_key(batch, table, keys, survivor_id)


def _filled(survivor_data: dict[str, Any], loser_data: dict[str, Any]) -> dict[str, Any]:
    """The survivor's blank fields (None or "") that the loser has."""
    filled = {
        key: value
        for key, value in loser_data.items()
        if key not in _NOT_FILLED and value not in (None, "") and survivor_data.get(key) in (None, "")
    }
    if "latin_name" in filled:
        filled["name_key"] = name_key(survivor_data.get("full_name") or "", filled["latin_name"])
    return filled


def _record_merge(batch: Batch, loser: SyncRow, survivor_id: str, reason: str) -> None:
    """The person_merge fact. Its data is what the pair gives (`at`: when the loser was made, the
    moment there were two), so a merge made again after a server restore is the same fact."""
    loser_id = loser.row_id
    fact_id = merge_id(loser_id)
    if batch.row(MERGE_TABLE, fact_id) is not None:
        return
    made_ms = Timestamp.parse(loser.created_hlc).physical_ms
    at = dt.datetime.fromtimestamp(made_ms / 1000, dt.UTC).isoformat()
    data = {"loser_id": loser_id, "survivor_id": survivor_id, "reason": reason, "at": at, "deleted": False}
    fact = batch.new_row(MERGE_TABLE, fact_id, "fact", _now_hlc(batch), data)
    state = _state(batch)
    state.add_merge(loser_id, survivor_id)
    state.made[loser_id] = fact


def _keep_one_per_key(batch: Batch, table: str, keys: tuple[str, ...], person_id: str) -> None:
    """The person's live rows of `table` sharing a key: the oldest stays, the later are deleted."""
    groups: dict[tuple[Any, ...], list[SyncRow]] = {}
    for row in _live_rows_naming(batch, table, person_id):
        groups.setdefault(_key_of(row, keys), []).append(row)
    for rows in groups.values():
        for later in sorted(rows, key=_age)[1:]:
            _write_fields(batch, later, {"deleted": True})


def _flag_possible_duplicate(batch: Batch, a: SyncRow, b: SyncRow) -> None:
    """One conflict row per pair (its id from the pair, whichever arrived first)."""
    from fieldapp.server.push import record_conflicts

    first, second = sorted((a, b), key=_age)
    first_data, second_data = json.loads(first.data), json.loads(second.data)
    lost = LostValue(
        POSSIBLE_DUPLICATE,
        {"id": first.row_id, "full_name": first_data.get("full_name"), "mobile": first.mobile},
        {"id": second.row_id, "full_name": second_data.get("full_name"), "mobile": second.mobile},
        first.created_hlc,
        second.created_hlc,
    )
    record_conflicts(batch, "person", first.row_id, [lost])
